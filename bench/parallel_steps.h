#ifndef QMS_BENCH_PARALLEL_STEPS_H_
#define QMS_BENCH_PARALLEL_STEPS_H_

#include <cstddef>
#include <functional>
#include <memory>

namespace qms::bench {

// Runs steps 0..count-1 with at most `parallel` outstanding, then all_done().
// A step is `step(index, finished)` and must call finished() exactly once,
// usually from an RPC callback. When `keep_going()` turns false no further
// step starts; all_done() still runs once the outstanding ones finish.
// Thread safety: loop thread only. The steps' owner must outlive them.
void RunParallelSteps(size_t count, int parallel, std::function<void(size_t, std::function<void()>)> step,
                      std::function<bool()> keep_going, std::function<void()> all_done);

}  // namespace qms::bench

#endif  // QMS_BENCH_PARALLEL_STEPS_H_

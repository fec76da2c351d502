#include "bench/parallel_steps.h"

#include <algorithm>

namespace qms::bench {
namespace {

struct StepsState : std::enable_shared_from_this<StepsState> {
  size_t count = 0;
  size_t next = 0;
  size_t outstanding = 0;
  size_t parallel = 1;
  bool launching = false;
  bool done_called = false;
  std::function<void(size_t, std::function<void()>)> step;
  std::function<bool()> keep_going;
  std::function<void()> all_done;

  void Launch() {
    if (launching) return;  // a step that finishes inline must not recurse
    launching = true;
    while (next < count && outstanding < parallel && keep_going()) {
      const size_t index = next++;
      ++outstanding;
      auto self = shared_from_this();
      step(index, [self] {
        --self->outstanding;
        self->Launch();
      });
    }
    launching = false;
    const bool nothing_more = next >= count || !keep_going();
    if (nothing_more && outstanding == 0 && !done_called) {
      done_called = true;
      all_done();
    }
  }
};

}  // namespace

void RunParallelSteps(size_t count, int parallel, std::function<void(size_t, std::function<void()>)> step,
                      std::function<bool()> keep_going, std::function<void()> all_done) {
  auto state = std::make_shared<StepsState>();
  state->count = count;
  state->parallel = static_cast<size_t>(std::max(1, parallel));
  state->step = std::move(step);
  state->keep_going = std::move(keep_going);
  state->all_done = std::move(all_done);
  state->Launch();
}

}  // namespace qms::bench

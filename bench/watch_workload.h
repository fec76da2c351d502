#ifndef QMS_BENCH_WATCH_WORKLOAD_H_
#define QMS_BENCH_WATCH_WORKLOAD_H_

#include <atomic>
#include <memory>
#include <unordered_set>
#include <vector>

#include "bench/call_workload.h"
#include "qms/v1/queue.grpc.pb.h"

namespace qms::bench {

// Counts shared by all workers of a run, read when it has ended.
struct WatchTally {
  std::atomic<uint64_t> streams_opened{0};  // got their first message
  std::atomic<uint64_t> streams_failed{0};  // ended before the run did
  std::atomic<uint64_t> events{0};
  std::atomic<uint64_t> called_events{0};
};

class WatchStream;

// watch: keeps `stream_count` WatchCentre streams open over this worker's
// centres while the units run call cycles (CallCycleWorkload), and records
// for every event the receive time minus its at_us (same machine clock);
// Metric::kCallToEvent for CALLED events is the call-to-screen latency.
// Prepare() returns once every stream has its snapshot or has failed.
// Thread safety: loop thread only.
class WatchWorkload final : public Workload {
 public:
  WatchWorkload(std::unique_ptr<CallCycleWorkload> calls, const std::vector<const CentreLayout*>& centres,
                int stream_count, WorkerRecorder* recorder, std::shared_ptr<WatchTally> tally);
  ~WatchWorkload() override;

  void Prepare(std::function<void()> ready) override;
  void Start(TimePoint scheduled, Done done) override { calls_->Start(scheduled, std::move(done)); }
  void Stop() override;

  // Called by the streams.
  void OnFirstMessage(WatchStream* stream, uint64_t open_micros);
  void OnEvent(const v1::CentreEvent& event);
  void OnStreamEnded(WatchStream* stream, bool had_first_message, const grpc::Status& status);

 private:
  void OpenStreams();
  void MaybeReady();

  std::unique_ptr<CallCycleWorkload> calls_;
  std::vector<const CentreLayout*> centres_;
  int stream_count_;
  WorkerRecorder* recorder_;
  std::shared_ptr<WatchTally> tally_;
  std::unique_ptr<v1::WatchService::Stub> stub_;
  std::unordered_set<WatchStream*> streams_;
  int settled_ = 0;  // streams that got their snapshot or ended
  bool stopped_ = false;
  std::function<void()> ready_;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_WATCH_WORKLOAD_H_

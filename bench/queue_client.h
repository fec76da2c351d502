#ifndef QMS_BENCH_QUEUE_CLIENT_H_
#define QMS_BENCH_QUEUE_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "bench/run_stats.h"
#include "bench/unary_call.h"
#include "bench/worker_loop.h"
#include "qms/v1/queue.grpc.pb.h"

namespace qms::bench {

// A counter as the bench drives it: one clerk per counter.
struct CounterRef {
  std::string centre_id;
  std::string counter_id;
  std::string clerk_id;
};

enum class TicketVerb { kStartServing, kComplete, kMarkNoShow };

// The queue RPCs a worker sends, asynchronously on its loop, each recorded
// under its own Metric (latency from when the RPC was started, status code).
// Thread safety: loop thread only.
class QueueClient {
 public:
  using TicketDone = std::function<void(const grpc::Status&, const v1::Ticket&)>;
  using IssueDone = std::function<void(const grpc::Status&, const v1::IssueTicketResponse&)>;
  using CounterDone = std::function<void(const grpc::Status&, const v1::Counter&)>;

  QueueClient(WorkerLoop* loop, const std::shared_ptr<grpc::Channel>& channel, CallSettings settings,
              WorkerRecorder* recorder);

  void IssueTicket(const v1::IssueTicketRequest& request, IssueDone done);
  void OpenCounter(const CounterRef& counter, CounterDone done);
  // OK with an empty ticket number means the server had nothing to call.
  void CallNext(const CounterRef& counter, TicketDone done);
  // `number` empty: the ticket at the counter.
  void Act(TicketVerb verb, const CounterRef& counter, const std::string& number, TicketDone done);
  void Transfer(const CounterRef& counter, const std::string& number, const std::string& to_field_id,
                TicketDone done);

  WorkerLoop* loop() { return loop_; }
  const CallSettings& settings() const { return settings_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

 private:
  template <typename Reply>
  typename UnaryCall<Reply>::Done Recorded(Metric metric,
                                           std::function<void(const grpc::Status&, const Reply&)> done);

  WorkerLoop* loop_;
  std::shared_ptr<grpc::Channel> channel_;
  CallSettings settings_;
  WorkerRecorder* recorder_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
  std::unique_ptr<v1::CounterService::Stub> counters_;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_QUEUE_CLIENT_H_

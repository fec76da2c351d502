#ifndef QMS_BENCH_UNARY_CALL_H_
#define QMS_BENCH_UNARY_CALL_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>

#include "bench/bench_clock.h"
#include "bench/worker_loop.h"

namespace qms::bench {

// How every bench RPC is sent: a deadline and, when the server wants one, a
// bearer token.
struct CallSettings {
  int timeout_ms = 5000;
  std::string bearer_token;  // empty: no authorization metadata

  void Apply(grpc::ClientContext* context) const {
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeout_ms));
    if (!bearer_token.empty()) context->AddMetadata("authorization", "Bearer " + bearer_token);
  }
};

// One asynchronous unary RPC on a worker's CompletionQueue. Owns its context,
// reply and status; hands them to `done` on the loop thread and deletes
// itself.
template <typename Reply>
class UnaryCall final : public CompletionTag {
 public:
  // `micros` is the time from start to completion.
  using Done = std::function<void(const grpc::Status& status, const Reply& reply, uint64_t micros)>;

  // Starts `prepare(context, request, queue)` (a stub's PrepareAsyncX) on the
  // loop's queue.
  template <typename Prepare, typename Request>
  static void Start(WorkerLoop* loop, const CallSettings& settings, Prepare prepare, const Request& request,
                    Done done) {
    auto* call = new UnaryCall(std::move(done));
    settings.Apply(&call->context_);
    call->started_ = BenchClock::now();
    call->reader_ = prepare(&call->context_, request, loop->queue());
    call->reader_->StartCall();
    call->reader_->Finish(&call->reply_, &call->status_, call);
    loop->Track(call);
  }

  void OnComplete(bool /*ok: always true for Finish*/) override {
    const uint64_t micros = MicrosBetween(started_, BenchClock::now());
    done_(status_, reply_, micros);
    delete this;
  }

  void Cancel() override { context_.TryCancel(); }

 private:
  explicit UnaryCall(Done done) : done_(std::move(done)) {}

  grpc::ClientContext context_;
  Reply reply_;
  grpc::Status status_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Reply>> reader_;
  TimePoint started_;
  Done done_;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_UNARY_CALL_H_

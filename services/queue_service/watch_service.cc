// WatchCentre: one reactor per stream. Events arrive from the EventHub on
// the writer thread and are only queued here; a bounded queue means a slow
// or dead board can never slow the queue. A board that falls too far behind
// is ended with RESOURCE_EXHAUSTED and reconnects with resume_after_seq.
#include <deque>
#include <mutex>

#include "services/access/grpc_status.h"
#include "services/access/input_checks.h"
#include "services/queue_service/queue_services.h"

namespace qms::service {

namespace {

constexpr size_t kMaxQueuedEvents = 1024;

class WatchReactor final : public grpc::ServerWriteReactor<v1::CentreEvent>, public queue::EventSubscriber {
 public:
  WatchReactor(queue::QueueEngine* engine, std::string centre_id)
      : engine_(engine), centre_id_(std::move(centre_id)) {}

  void Start(uint64_t resume_after) {
    // Watch may replay kept events into OnEvent before it returns, and live
    // events may follow at once from the writer thread; until `started_`
    // they are only queued, and the snapshot (older than all of them) goes
    // in front.
    auto snapshot = std::make_shared<v1::CentreEvent>();
    Status s = engine_->Watch(centre_id_, resume_after, this, snapshot.get());
    std::lock_guard<std::mutex> lock(mu_);
    if (!s.ok()) {
      FinishLocked(access::ToGrpc(s));
      return;
    }
    subscribed_ = true;
    started_ = true;
    if (snapshot->has_snapshot()) queue_.push_front(std::move(snapshot));
    WriteNextLocked();
  }

  void OnEvent(const queue::EventPtr& event) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return;
    if (queue_.size() >= kMaxQueuedEvents) {
      overflowed_ = true;
      return;
    }
    queue_.push_back(event);
    WriteNextLocked();
  }

  void OnWriteDone(bool ok) override {
    std::lock_guard<std::mutex> lock(mu_);
    writing_ = false;
    current_.reset();
    if (!ok) {
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "stream broken"));
      return;
    }
    if (overflowed_) {
      FinishLocked(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                "watcher fell behind; reconnect with resume_after_seq"));
      return;
    }
    WriteNextLocked();
  }

  void OnCancel() override {
    std::lock_guard<std::mutex> lock(mu_);
    FinishLocked(grpc::Status::CANCELLED);
  }

  void OnDone() override {
    if (subscribed_) engine_->Unwatch(centre_id_, this);
    delete this;
  }

 private:
  void WriteNextLocked() {
    if (!started_ || finished_ || writing_ || queue_.empty()) return;
    current_ = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    StartWrite(current_.get());
  }

  void FinishLocked(const grpc::Status& status) {
    if (finished_) return;
    finished_ = true;
    queue_.clear();
    Finish(status);
  }

  queue::QueueEngine* engine_;
  const std::string centre_id_;
  std::mutex mu_;
  std::deque<queue::EventPtr> queue_;
  queue::EventPtr current_;
  bool writing_ = false;
  bool finished_ = false;
  bool overflowed_ = false;
  bool subscribed_ = false;
  bool started_ = false;
};

}  // namespace

grpc::ServerWriteReactor<v1::CentreEvent>* WatchServiceImpl::WatchCentre(grpc::CallbackServerContext* ctx,
                                                                         const v1::WatchCentreRequest* req) {
  auto* reactor = new WatchReactor(engine_, req->centre_id());
  access::CallContext call;
  Status s = gate_->Admit(ctx, req->centre_id(), access::Role::kBoard, &call);
  if (s.ok()) s = access::CheckCentreId(req->centre_id());
  if (!s.ok()) {
    reactor->Finish(access::ToGrpc(s));
    return reactor;
  }
  reactor->Start(req->resume_after_seq());
  return reactor;
}

}  // namespace qms::service

// WatchDeadlines: one reactor per stream. Events arrive from DeadlineWatch on
// its strand and are only queued (access::BoundedStreamReactor); a watcher
// that falls too far behind is ended with RESOURCE_EXHAUSTED, reconnects and
// re-lists.
//
// Initial metadata is sent once the subscription is in place, so a client
// that waits for it (ClientReader::WaitForInitialMetadata) knows that every
// later crossing reaches it.
#include "services/access/bounded_stream.h"
#include "services/access/grpc_status.h"
#include "services/access/input_checks.h"
#include "services/deadline_service/deadline_service.h"

namespace qms::service {

namespace {

constexpr size_t kMaxQueuedEvents = 1024;
constexpr uint32_t kMaxDueSoonHours = 2000;

class DeadlineWatchReactor final : public access::BoundedStreamReactor<v1::DeadlineEvent> {
 public:
  // What DeadlineWatch holds: it may outlive the reactor, so it forwards
  // only while the reactor is alive.
  struct Sink final : deadline::DeadlineSubscriber {
    std::mutex mu;
    DeadlineWatchReactor* reactor = nullptr;
    void OnDeadlineEvent(const deadline::DeadlineEventPtr& event) override {
      std::lock_guard<std::mutex> lock(mu);
      if (reactor) reactor->Push(event);
    }
    void OnSubscribed() {
      std::lock_guard<std::mutex> lock(mu);
      if (reactor) reactor->SendInitialMetadataNow();
    }
  };

  DeadlineWatchReactor(deadline::DeadlineWatch* watch, std::string centre_id)
      : BoundedStreamReactor("watcher fell behind; reconnect and list overdue dossiers again",
                             kMaxQueuedEvents),
        watch_(watch),
        centre_id_(std::move(centre_id)),
        sink_(std::make_shared<Sink>()) {
    sink_->reactor = this;
  }

  void Start(uint32_t due_soon_hours) {
    Open();  // events are written as they come
    std::weak_ptr<Sink> weak = sink_;
    Status s = watch_->Subscribe(centre_id_, due_soon_hours, sink_, [weak] {
      if (auto sink = weak.lock()) sink->OnSubscribed();
    });
    if (!s.ok()) return End(access::ToGrpc(s));
    subscribed_ = true;
  }

 private:
  void OnStreamDone() override {
    {
      std::lock_guard<std::mutex> lock(sink_->mu);
      sink_->reactor = nullptr;
    }
    if (subscribed_) watch_->Unsubscribe(centre_id_, sink_.get());
  }

  deadline::DeadlineWatch* watch_;
  const std::string centre_id_;
  std::shared_ptr<Sink> sink_;
  bool subscribed_ = false;
};

}  // namespace

grpc::ServerWriteReactor<v1::DeadlineEvent>* DeadlineServiceImpl::WatchDeadlines(
    Ctx* ctx, const v1::WatchDeadlinesRequest* req) {
  auto* reactor = new DeadlineWatchReactor(watch_, req->centre_id());
  reactor->Track(&streams_, ctx);
  access::CallContext call;
  Status s = gate_->Admit(ctx, *req, access::Rpc::kWatchDeadlines, req->centre_id(), &call);
  if (s.ok()) s = access::CheckCentreId(req->centre_id());
  if (s.ok() && req->due_soon_working_hours() > kMaxDueSoonHours) {
    s = InvalidArgument("due_soon_working_hours must be at most 2000");
  }
  if (!s.ok()) {
    reactor->End(access::ToGrpc(s));
    return reactor;
  }
  reactor->Start(req->due_soon_working_hours());
  return reactor;
}

}  // namespace qms::service

// WatchCentre: one reactor per stream. Events arrive from the EventHub on
// the writer's callback thread and are only queued (access::
// BoundedStreamReactor); a board that falls too far behind is ended with
// RESOURCE_EXHAUSTED and reconnects with resume_after_seq.
#include "services/access/bounded_stream.h"
#include "services/access/grpc_status.h"
#include "services/access/input_checks.h"
#include "services/queue_service/queue_services.h"

namespace qms::service {

namespace {

constexpr size_t kMaxQueuedEvents = 1024;

class WatchReactor final : public access::BoundedStreamReactor<v1::CentreEvent>,
                           public queue::EventSubscriber {
 public:
  WatchReactor(queue::QueueEngine* engine, std::string centre_id)
      : BoundedStreamReactor("watcher fell behind; reconnect with resume_after_seq", kMaxQueuedEvents),
        engine_(engine),
        centre_id_(std::move(centre_id)) {}

  void Start(uint64_t resume_after) {
    // Watch may replay kept events into OnEvent before it returns, and live
    // events may follow at once; they wait in the queue until Open, which
    // puts the snapshot (older than all of them) in front.
    auto snapshot = std::make_shared<v1::CentreEvent>();
    Status s = engine_->Watch(centre_id_, resume_after, this, snapshot.get());
    if (!s.ok()) return End(access::ToGrpc(s));
    subscribed_ = true;
    // Headers now, not with the first event: a client resuming a quiet
    // centre (nothing missed, so nothing to send) knows at once that its
    // stream is in place (ClientReadReactor::OnReadInitialMetadataDone).
    SendInitialMetadataNow();
    Open(snapshot->has_snapshot() ? std::move(snapshot) : nullptr);
  }

  void OnEvent(const queue::EventPtr& event) override { Push(event); }

 private:
  void OnStreamDone() override {
    if (subscribed_) engine_->Unwatch(centre_id_, this);
  }

  queue::QueueEngine* engine_;
  const std::string centre_id_;
  bool subscribed_ = false;
};

}  // namespace

grpc::ServerWriteReactor<v1::CentreEvent>* WatchServiceImpl::WatchCentre(grpc::CallbackServerContext* ctx,
                                                                         const v1::WatchCentreRequest* req) {
  auto* reactor = new WatchReactor(engine_, req->centre_id());
  reactor->Track(&streams_, ctx);
  access::CallContext call;
  Status s = gate_->Admit(ctx, *req, access::Rpc::kWatchCentre, req->centre_id(), &call);
  if (s.ok()) s = access::CheckCentreId(req->centre_id());
  if (!s.ok()) {
    reactor->End(access::ToGrpc(s));
    return reactor;
  }
  reactor->Start(req->resume_after_seq());
  return reactor;
}

}  // namespace qms::service

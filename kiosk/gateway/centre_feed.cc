#include "kiosk/gateway/centre_feed.h"

#include <boost/asio/post.hpp>

namespace qms::gateway {

namespace {

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One WatchCentre call. Deletes itself when gRPC is done with it.
class WatchStream final : public grpc::ClientReadReactor<v1::CentreEvent> {
 public:
  WatchStream(std::shared_ptr<CentreFeed> feed, std::shared_ptr<grpc::ClientContext> ctx, bool refresh)
      : feed_(std::move(feed)), ctx_(std::move(ctx)), refresh_(refresh) {}

  void Begin(const ServerLink* link, const std::string& centre, uint64_t resume_after) {
    request_.set_centre_id(centre);
    request_.set_resume_after_seq(resume_after);
    link->watch()->async()->WatchCentre(ctx_.get(), &request_, this);
    StartRead(&message_);
    StartCall();
  }

  // The server sends its headers once the subscription is in place: the
  // link is live even when there is nothing to send (a quiet centre resumed).
  void OnReadInitialMetadataDone(bool ok) override {
    if (ok && !refresh_) feed_->Opened();
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // OnDone follows
    feed_->Deliver(message_, refresh_);
    if (refresh_) {
      ctx_->TryCancel();  // one snapshot is all a refresh wants
      return;
    }
    message_.Clear();
    StartRead(&message_);
  }

  void OnDone(const grpc::Status& status) override {
    feed_->StreamEnded(refresh_, status);
    delete this;
  }

 private:
  std::shared_ptr<CentreFeed> feed_;
  std::shared_ptr<grpc::ClientContext> ctx_;
  const bool refresh_;
  v1::WatchCentreRequest request_;
  v1::CentreEvent message_;
};

}  // namespace

CentreFeed::CentreFeed(const ServerLink* link, FeedHub* hub, std::string centre, boost::asio::io_context* io)
    : link_(link), hub_(hub), centre_(std::move(centre)), io_(io), retry_(*io) {}

void CentreFeed::Start() {
  boost::asio::post(*io_, [self = shared_from_this()] { self->Connect(); });
}

void CentreFeed::Connect() {
  std::shared_ptr<grpc::ClientContext> ctx;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    ctx = link_->StreamContext(PageRole::kBoard, centre_);
    live_ctx_ = ctx;
    ++open_streams_;
  }
  (new WatchStream(shared_from_this(), ctx, /*refresh=*/false))
      ->Begin(link_, centre_, hub_->LastSeq(centre_));
  CancelIfStopping(ctx.get());
}

void CentreFeed::CancelIfStopping(grpc::ClientContext* ctx) {
  // Stop may have run between the context's creation and the call's start,
  // when TryCancel would not have reached the call.
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) ctx->TryCancel();
}

void CentreFeed::Opened() {
  bool first = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    first = !live_;
    live_ = true;
    backoff_ = std::chrono::milliseconds(250);
  }
  if (first) hub_->OnLinkState(centre_, true, "live", NowMicros());
}

void CentreFeed::Deliver(const v1::CentreEvent& message, bool refresh) {
  if (!refresh) Opened();  // a server that sent the message before its headers
  hub_->OnMessage(centre_, message, refresh);
  if (!refresh) MaybeRefresh();
}

void CentreFeed::MaybeRefresh() {
  if (!hub_->NeedsSnapshot(centre_)) return;
  std::shared_ptr<grpc::ClientContext> ctx;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || refreshing_) return;
    refreshing_ = true;
    ctx = link_->Context(PageRole::kBoard, centre_);
    refresh_ctx_ = ctx;
    ++open_streams_;
  }
  (new WatchStream(shared_from_this(), ctx, /*refresh=*/true))->Begin(link_, centre_, 0);
  CancelIfStopping(ctx.get());
}

void CentreFeed::StreamEnded(bool refresh, const grpc::Status& status) {
  bool reconnect = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    --open_streams_;
    if (refresh) {
      refreshing_ = false;
      refresh_ctx_.reset();
    } else {
      live_ = false;
      live_ctx_.reset();
      reconnect = !stopping_;
    }
    idle_.notify_all();
  }
  if (reconnect) {
    const std::string why = status.error_message().empty() ? "stream ended" : status.error_message();
    boost::asio::post(*io_, [self = shared_from_this(), why] { self->ScheduleReconnect(why); });
  }
}

void CentreFeed::ScheduleReconnect(const std::string& why) {
  std::chrono::milliseconds wait;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    wait = backoff_;
    backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(2000));
  }
  hub_->OnLinkState(centre_, false, "reconnecting: " + why, NowMicros());
  retry_.expires_after(wait);
  retry_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->Connect();
  });
}

void CentreFeed::Stop() {
  std::unique_lock<std::mutex> lock(mu_);
  stopping_ = true;
  if (live_ctx_) live_ctx_->TryCancel();
  if (refresh_ctx_) refresh_ctx_->TryCancel();
  idle_.wait(lock, [this] { return open_streams_ == 0; });
  boost::asio::post(*io_, [self = shared_from_this()] { self->retry_.cancel(); });
}

}  // namespace qms::gateway

// CentreFeed: the gateway's one WatchCentre stream for a centre, kept open
// for as long as the gateway runs. Messages go to the FeedHub in stream
// order. When the stream ends (server stopped, network, the server dropped
// a slow watcher) it reconnects with backoff (250 ms doubling to 2 s),
// resuming after the last seq the hub has, so the pages miss nothing.
//
// When the hub keeps too many events, the feed opens a second, one-message
// stream for a fresh snapshot (FeedHub::NeedsSnapshot).
//
// Owned by shared_ptr (callbacks from gRPC threads hold it). Start and Stop
// from any thread but the io thread; Stop cancels the streams and waits
// until gRPC has finished with them.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "kiosk/gateway/feed_hub.h"
#include "kiosk/gateway/server_link.h"

namespace qms::gateway {

class CentreFeed : public std::enable_shared_from_this<CentreFeed> {
 public:
  CentreFeed(const ServerLink* link, FeedHub* hub, std::string centre, boost::asio::io_context* io);
  void Start();
  void Stop();

  // Called by a stream when it ends (any thread).
  void StreamEnded(bool refresh, const grpc::Status& status);
  // Called by the live stream when the server has accepted it (any thread).
  void Opened();
  // Called by a stream for each message (any thread).
  void Deliver(const v1::CentreEvent& message, bool refresh);

 private:
  void Connect();
  void ScheduleReconnect(const std::string& why);
  void MaybeRefresh();
  void CancelIfStopping(grpc::ClientContext* ctx);

  const ServerLink* link_;
  FeedHub* hub_;
  const std::string centre_;
  boost::asio::io_context* io_;
  boost::asio::steady_timer retry_;
  std::chrono::milliseconds backoff_{250};

  std::mutex mu_;
  std::condition_variable idle_;
  bool stopping_ = false;
  int open_streams_ = 0;
  bool refreshing_ = false;
  bool live_ = false;
  std::shared_ptr<grpc::ClientContext> live_ctx_;
  std::shared_ptr<grpc::ClientContext> refresh_ctx_;
};

}  // namespace qms::gateway

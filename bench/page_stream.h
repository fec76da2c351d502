#ifndef QMS_BENCH_PAGE_STREAM_H_
#define QMS_BENCH_PAGE_STREAM_H_

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <string>

#include "bench/call_matcher.h"
#include "bench/gateway_report.h"
#include "bench/http_client.h"

namespace qms::bench {

// What every page of a gateway-pages run shares.
struct PageRunShared {
  const GatewayAddress* address = nullptr;
  std::string events_path;  // /api/c/{centre}/events
  CallMatcher* matcher = nullptr;
  GatewayRecorder* recorder = nullptr;
  size_t stream_open_metric = 0;  // recorder metrics of the pages
  size_t event_age_metric = 0;
  std::chrono::milliseconds open_timeout{5000};
  std::chrono::milliseconds idle_timeout{45000};
  // Set when the calls begin: CALLED_EVENTs before (the gateway replays
  // the events it keeps after its snapshot to a page that connects) are
  // not this run's calls.
  std::atomic<bool> measuring{false};
  std::atomic<uint64_t> pages_ready{0};  // pages that have had their first snapshot
  std::atomic<uint64_t> frames{0};       // change events received, all pages
  std::atomic<uint64_t> stream_ends{0};  // streams the gateway (or the network) ended
};

// One board or console page: one event stream of the centre, kept open as
// an EventSource keeps it. When the stream ends it reconnects after the
// gateway's `retry:` time (1 s) with Last-Event-ID, so it misses nothing
// the gateway still keeps. It checks the seq order of everything it
// receives (SequenceCheck) and hands every CALLED_EVENT to the matcher.
// Thread safety: its io thread only; the figures are read after Stop().
class PageStream : public std::enable_shared_from_this<PageStream> {
 public:
  PageStream(PageRunShared* shared, boost::asio::io_context* io, size_t index);

  void Start();
  void Stop();

  const SequenceCheck& sequence() const { return sequence_; }
  uint64_t reconnects() const { return reconnects_; }
  const std::map<std::string, uint64_t>& ends() const { return ends_; }
  uint64_t link_events() const { return link_events_; }

 private:
  void Open();
  void OnEvent(const SseEvent& event, TimePoint received);
  void OnChange(const SseEvent& event, TimePoint received);
  void OnEnd(const std::string& why);

  PageRunShared* shared_;
  const size_t index_;
  boost::asio::steady_timer retry_;
  std::shared_ptr<EventStreamClient> stream_;
  SequenceCheck sequence_;
  bool stopped_ = false;
  bool had_snapshot_ = false;
  TimePoint opened_at_;
  std::string last_event_id_;
  int64_t retry_ms_ = 1000;
  uint64_t reconnects_ = 0;
  uint64_t link_events_ = 0;
  std::map<std::string, uint64_t> ends_;  // why the stream ended, by reason
};

// Extracts a CentreEvent's "kind", "ticket"."number" and "at_us" from its
// JSON, false when it is not JSON or has no kind.
struct ChangeFields {
  std::string kind;
  std::string number;
  int64_t at_us = 0;
};
bool ParseChangeFields(const std::string& json, ChangeFields* out);

}  // namespace qms::bench

#endif  // QMS_BENCH_PAGE_STREAM_H_

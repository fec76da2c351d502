#ifndef QMS_BENCH_CLERK_CONSOLE_H_
#define QMS_BENCH_CLERK_CONSOLE_H_

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "bench/call_matcher.h"
#include "bench/gateway_report.h"
#include "bench/gateway_session.h"
#include "bench/http_client.h"

namespace qms::bench {

// The clerks' counter consoles of gateway-pages: calls fall due at a fixed
// rate; each goes to the next counter that is free (round-robin), as
// POST .../counters/{k}/call-next, then POST .../complete of the ticket it
// called, which frees the counter. A call due while every counter is busy
// waits for one (call_lag). The call's "call to page" clock starts when its
// call-next is sent (the matcher's CallSent).
// Thread safety: its io thread only, but for the atomics.
class ClerkConsole : public std::enable_shared_from_this<ClerkConsole> {
 public:
  struct Metrics {  // recorder metric indexes
    size_t call_next;
    size_t complete;
    size_t call_lag;
  };

  ClerkConsole(boost::asio::io_context* io, const GatewayAddress* address, std::chrono::milliseconds timeout,
               const GatewayCentre& centre, std::string clerk_prefix, CallMatcher* matcher,
               GatewayRecorder* recorder, Metrics metrics);

  // Calls fall due at start, start + 1/rate, ... before `end`.
  void Start(TimePoint start, TimePoint end, double calls_per_second);
  // A call due before the end is made even when its timer fires after it;
  // only an interrupted run drops the one the timer waits for.
  void EndLoad(bool interrupted);

  // Calls due or in progress (call-next or complete unanswered), or whose
  // timer has not fired yet.
  int64_t outstanding() const { return outstanding_.load() + armed_.load(); }
  uint64_t calls_without_ticket() const { return calls_without_ticket_.load(); }
  uint64_t calls_answered() const { return calls_answered_.load(); }

 private:
  struct Desk {
    std::string counter_id;
    std::string path;  // /api/c/{centre}/counters/{counter}/
    std::string clerk_id;
    std::shared_ptr<HttpConnection> connection;
  };

  void Arm();
  void OnDue();
  void CallWaiting();
  void Call(size_t desk, TimePoint due);
  void OnCalled(size_t desk, uint64_t call, TimePoint sent, const HttpReply& reply);
  void Complete(size_t desk, const std::string& number);
  void Free(size_t desk);
  std::string ClerkBody(size_t desk, const std::string& number) const;

  const GatewayAddress* address_;
  CallMatcher* matcher_;
  GatewayRecorder* recorder_;
  const Metrics metrics_;
  boost::asio::steady_timer timer_;
  std::vector<Desk> desks_;
  std::deque<size_t> free_;  // desks without a call in progress, longest free first
  std::deque<TimePoint> due_;
  TimePoint next_due_;
  TimePoint end_;
  BenchClock::duration interval_{};
  bool ended_ = false;
  std::atomic<int64_t> outstanding_{0};
  std::atomic<int64_t> armed_{0};
  std::atomic<uint64_t> calls_without_ticket_{0};
  std::atomic<uint64_t> calls_answered_{0};
};

}  // namespace qms::bench

#endif  // QMS_BENCH_CLERK_CONSOLE_H_

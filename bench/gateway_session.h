#ifndef QMS_BENCH_GATEWAY_SESSION_H_
#define QMS_BENCH_GATEWAY_SESSION_H_

// What the gateway modes share: the io threads, the centre as the pages read
// it (GET /api/c/{centre}), blocking requests for the preparation, and the
// once-a-second progress of a run.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_clock.h"
#include "bench/bench_options.h"
#include "bench/gateway_options.h"
#include "bench/http_client.h"
#include "bench/runner.h"

namespace qms::bench {

// `count` threads, each running its own io_context until Stop().
class IoThreads {
 public:
  explicit IoThreads(int count);
  ~IoThreads() { Stop(); }
  IoThreads(const IoThreads&) = delete;
  IoThreads& operator=(const IoThreads&) = delete;

  boost::asio::io_context* io(size_t index) { return contexts_[index % contexts_.size()].get(); }
  size_t size() const { return contexts_.size(); }
  // Stops every context (pending handlers are dropped) and joins. The
  // contexts stay, so objects bound to them can still be destroyed.
  void Stop();

 private:
  using Guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<Guard> guards_;
  std::vector<std::thread> threads_;
};

// One request on a fresh connection, waited for (bounded by `timeout`),
// for preparation steps.
HttpReply FetchOnce(const GatewayAddress& address, std::string_view method, const std::string& path,
                    const std::string& json_body, std::chrono::milliseconds timeout);

// The centre as GET /api/c/{centre} gives it.
struct GatewayCentre {
  struct Counter {
    std::string id;
    std::vector<std::string> field_ids;
    std::string state;           // "OPEN", "CLOSED", "PAUSED"
    std::string current_number;  // a ticket it holds, "" if none
  };
  std::string id;
  std::vector<std::string> field_ids;
  std::vector<Counter> counters;
};

// Reads the centre through the gateway; false with `error` when it cannot.
bool LoadGatewayCentre(const GatewayAddress& address, const std::string& centre,
                       std::chrono::milliseconds timeout, GatewayCentre* out, std::string* error);

// The gateway address from the options, with the loopback rule applied.
bool OpenGateway(const CommonOptions& common, const GatewayOptions& options, GatewayAddress* address);

// What the progress loop asks a run.
struct RunProbe {
  std::function<IntervalStats()> take_interval;
  std::function<uint64_t()> in_flight;
  // The measured phase is over and nothing is left to wait for.
  std::function<bool()> finished;
  // The scheduled load should stop now (end of the duration or Ctrl-C).
  std::function<void()> end_load;
};

// Runs the clock of a measured phase that began at `start`: a progress line
// (and a series point) each second; end_load() at `start + duration` or on
// Ctrl-C; returns once finished() after that, or when the drain ends.
// Returns the moment the load ended. Sets *interrupted on Ctrl-C.
TimePoint FollowRun(const std::string& label, TimePoint start, double duration_seconds, double drain_seconds,
                    bool show, const RunProbe& probe, std::vector<SeriesPoint>* series, bool* interrupted);

// Waits (bounded) until `done()` or `deadline`, polling; false at the deadline or on Ctrl-C.
bool WaitUntil(const std::function<bool()>& done, TimePoint deadline);

struct PlannedRequest {
  std::string method;
  std::string path;
  std::string json_body;
};

// Sends `requests` over `parallel` keep-alive connections on `io` (a
// context IoThreads runs) and waits for every reply, at most until
// `deadline`. Replies come in the order of the requests; one still
// unanswered at the deadline has failure "UNANSWERED".
std::vector<HttpReply> RunRequests(boost::asio::io_context* io, const GatewayAddress& address,
                                   std::chrono::milliseconds timeout,
                                   const std::vector<PlannedRequest>& requests, int parallel,
                                   TimePoint deadline);

}  // namespace qms::bench

#endif  // QMS_BENCH_GATEWAY_SESSION_H_

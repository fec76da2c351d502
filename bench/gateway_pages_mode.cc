// gateway-pages: the board and console pages of one centre listening to
// qms-gateway's event stream while clerks call, timed from each call-next
// request to each page receiving the CALLED_EVENT frame of that ticket:
// "call to page".
#include <boost/asio/post.hpp>
#include <cmath>

#include "bench/basic_workloads.h"
#include "bench/clerk_console.h"
#include "bench/gateway_report.h"
#include "bench/gateway_session.h"
#include "bench/modes.h"
#include "bench/page_stream.h"

namespace qms::bench {
namespace {

enum PagesMetric : size_t {
  kCallToPage = 0,
  kCallToAllPages,
  kCallNext,
  kComplete,
  kCallLag,
  kStreamOpen,
  kEventAge
};

const std::vector<std::string> kPagesMetricNames = {"call_to_page",     "call_to_all_pages", "call_next",
                                                    "complete",         "call_lag",          "stream_open",
                                                    "event_age_at_page"};

// Opens every counter (one already open is fine), closes it, or, with `held_only`, completes
// whatever ticket a counter still holds from an earlier run.
std::vector<PlannedRequest> CounterRequests(const GatewayCentre& centre, const std::string& clerk_prefix,
                                            const char* action, bool held_only) {
  std::vector<PlannedRequest> requests;
  for (const auto& counter : centre.counters) {
    if (held_only && counter.current_number.empty()) continue;
    const std::string body = nlohmann::json({{"clerk_id", clerk_prefix + counter.id}}).dump();
    requests.push_back({"POST", "/api/c/" + centre.id + "/counters/" + counter.id + "/" + action, body});
  }
  return requests;
}

// Tickets for every counter's fields, so that each call-next finds someone.
std::vector<PlannedRequest> FillRequests(const GatewayCentre& centre, int per_counter) {
  const std::string prefix = FreshRequestIdPrefix("gp");
  std::vector<PlannedRequest> requests;
  for (const auto& counter : centre.counters) {
    for (int i = 0; i < per_counter && !counter.field_ids.empty(); ++i) {
      const nlohmann::json body = {
          {"field_id", counter.field_ids[static_cast<size_t>(i) % counter.field_ids.size()]},
          {"request_id", prefix + counter.id + "-" + std::to_string(i)},
          {"priority", "NORMAL"}};
      requests.push_back({"POST", "/api/c/" + centre.id + "/tickets", body.dump()});
    }
  }
  return requests;
}

// Counts replies that are neither OK nor in `fine` by error name.
std::map<std::string, uint64_t> Failures(const std::vector<HttpReply>& replies, int fine_status = 0) {
  std::map<std::string, uint64_t> failures;
  for (const HttpReply& reply : replies) {
    if (!reply.ok() && !(fine_status != 0 && reply.status == fine_status)) ++failures[reply.ErrorName()];
  }
  return failures;
}

nlohmann::json PagesParameters(const CommonOptions& common, const GatewayPagesOptions& pages) {
  return {{"gateway", pages.gateway.gateway},
          {"centre", pages.gateway.centre},
          {"pages", pages.pages},
          {"calls_per_second", pages.calls_per_second},
          {"tickets_per_counter", pages.tickets_per_counter},
          {"threads", common.threads},
          {"duration_seconds", common.duration_seconds},
          {"drain_seconds", common.drain_seconds},
          {"request_timeout_ms", common.connection.call.timeout_ms},
          {"seed", common.seed}};
}

// The streams' figures, read after they stopped.
nlohmann::json StreamFigures(const std::vector<std::shared_ptr<PageStream>>& pages,
                             const CallMatcher::Totals& calls) {
  uint64_t missed = 0, repeated = 0, resyncs = 0, reconnects = 0, pages_with_gaps = 0,
           pages_missing_calls = 0;
  std::map<std::string, uint64_t> ends;
  nlohmann::json troubled = nlohmann::json::array();
  for (size_t i = 0; i < pages.size(); ++i) {
    const PageStream& page = *pages[i];
    const SequenceCheck& seq = page.sequence();
    missed += seq.missed();
    repeated += seq.repeated();
    resyncs += seq.resyncs();
    reconnects += page.reconnects();
    for (const auto& [why, count] : page.ends()) ends[why] += count;
    const bool gaps = seq.missed() > 0 || seq.repeated() > 0;
    pages_with_gaps += gaps ? 1 : 0;
    pages_missing_calls += calls.missed_by_page[i] > 0 ? 1 : 0;
    if ((gaps || calls.missed_by_page[i] > 0) && troubled.size() < 20) {
      troubled.push_back({{"page", i},
                          {"events_missed", seq.missed()},
                          {"events_repeated", seq.repeated()},
                          {"calls_missed", calls.missed_by_page[i]},
                          {"reconnects", page.reconnects()},
                          {"resyncs", seq.resyncs()}});
    }
  }
  return {{"events_missed", missed},
          {"events_repeated", repeated},
          {"pages_with_gaps_or_repeats", pages_with_gaps},
          {"snapshot_resyncs", resyncs},
          {"pages_dropped",
           [&] {
             uint64_t total = 0;
             for (const auto& [why, count] : ends) total += count;
             return total;
           }()},
          {"drops_by_reason", ends},
          {"reconnects", reconnects},
          {"pages_missing_calls", pages_missing_calls},
          {"calls_missed_total", calls.missed_total},
          {"pages_with_gaps_or_missed_calls_first_20", troubled}};
}

struct PagesSetup {
  GatewayCentre centre;
  std::string clerk_prefix = "bench-clerk-";
  uint64_t tickets_filled = 0;
  uint64_t held_tickets_completed = 0;
};

// Reads the centre, opens its counters and fills the queues.
bool Prepare(const CommonOptions& common, const GatewayPagesOptions& options, const GatewayAddress& address,
             IoThreads* threads, PagesSetup* setup, std::string* error) {
  const auto timeout = std::chrono::milliseconds(common.connection.call.timeout_ms);
  const TimePoint deadline = AfterSeconds(BenchClock::now(), common.prepare_timeout_seconds);
  if (!LoadGatewayCentre(address, options.gateway.centre, timeout, &setup->centre, error)) return false;
  if (setup->centre.counters.empty())
    return *error = "centre " + setup->centre.id + " has no counters", false;
  auto opened = RunRequests(threads->io(0), address, timeout,
                            CounterRequests(setup->centre, setup->clerk_prefix, "open", false), 8, deadline);
  if (auto failed = Failures(opened, 409); !failed.empty()) {
    *error = "opening the counters failed: " + nlohmann::json(failed).dump();
    return false;
  }
  // Errors here are not fatal: a call at such a counter completes it again.
  auto held = RunRequests(threads->io(0), address, timeout,
                          CounterRequests(setup->centre, setup->clerk_prefix, "complete", true), 8, deadline);
  setup->held_tickets_completed = held.size() - [&] {
    uint64_t failed = 0;
    for (const auto& [name, count] : Failures(held)) failed += count;
    return failed;
  }();
  int per_counter = options.tickets_per_counter;
  if (per_counter <= 0) {
    const double planned = options.calls_per_second * common.duration_seconds;
    per_counter = static_cast<int>(std::ceil(1.5 * planned / setup->centre.counters.size())) + 2;
  }
  auto filled = RunRequests(threads->io(0), address, timeout, FillRequests(setup->centre, per_counter),
                            options.fill_connections, deadline);
  if (auto failed = Failures(filled); !failed.empty()) {
    *error = "issuing the tickets to call failed: " + nlohmann::json(failed).dump();
    return false;
  }
  setup->tickets_filled = filled.size();
  return true;
}

// One gateway-pages run, step by step.
class PagesBench {
 public:
  PagesBench(const CommonOptions& common, const GatewayPagesOptions& options)
      : common_(common),
        options_(options),
        timeout_(common.connection.call.timeout_ms),
        threads_(common.threads),
        matcher_(static_cast<size_t>(options.pages)),
        recorder_(kPagesMetricNames) {}

  int Run() {
    std::string error;
    if (!OpenGateway(common_, options_.gateway, &address_)) return 1;
    const TimePoint prepare_start = BenchClock::now();
    if (!cpu_.Parse(options_.gateway.cpu_pids, &error) ||
        !Prepare(common_, options_, address_, &threads_, &setup_, &error)) {
      std::fprintf(stderr, "qms-bench: %s\n", error.c_str());
      return 1;
    }
    const bool ready = OpenPages(AfterSeconds(prepare_start, common_.prepare_timeout_seconds));
    result_.prepare_seconds = SecondsBetween(prepare_start, BenchClock::now());
    console_ = std::make_shared<ClerkConsole>(threads_.io(0), &address_, timeout_, setup_.centre,
                                              setup_.clerk_prefix, &matcher_, &recorder_,
                                              ClerkConsole::Metrics{kCallNext, kComplete, kCallLag});
    if (ready) Measure();
    StopAll();
    return Report(ready);
  }

 private:
  bool OpenPages(TimePoint deadline) {
    shared_.address = &address_;
    shared_.events_path = "/api/c/" + setup_.centre.id + "/events";
    shared_.matcher = &matcher_;
    shared_.recorder = &recorder_;
    shared_.stream_open_metric = kStreamOpen;
    shared_.event_age_metric = kEventAge;
    shared_.open_timeout = timeout_;
    for (size_t i = 0; i < static_cast<size_t>(options_.pages); ++i) {
      auto page = std::make_shared<PageStream>(&shared_, threads_.io(i), i);
      boost::asio::post(*threads_.io(i), [page] { page->Start(); });
      pages_.push_back(std::move(page));
    }
    if (!WaitUntil([this] { return shared_.pages_ready.load() == pages_.size(); }, deadline)) return false;
    // A page that connects gets the events the gateway keeps after its
    // snapshot: let them arrive (no frame for 300 ms, at most 3 s) before
    // the calls begin.
    const TimePoint settle_until = std::min(deadline, AfterSeconds(BenchClock::now(), 3));
    uint64_t frames = shared_.frames.load();
    TimePoint quiet_since = BenchClock::now();
    WaitUntil(
        [&] {
          if (shared_.frames.load() != frames) {
            frames = shared_.frames.load();
            quiet_since = BenchClock::now();
          }
          return BenchClock::now() - quiet_since >= std::chrono::milliseconds(300);
        },
        settle_until);
    return true;
  }

  // Calls at the rate for --duration while the pages listen, then waits
  // (at most --drain) until every call has reached every page.
  void Measure() {
    const uint64_t frames_before = shared_.frames.load();
    cpu_.Start();
    start_ = BenchClock::now();
    shared_.measuring = true;
    boost::asio::post(
        *threads_.io(0),
        [console = console_, start = start_, end = AfterSeconds(start_, common_.duration_seconds),
         rate = options_.calls_per_second] { console->Start(start, end, rate); });
    RunProbe probe;
    probe.take_interval = [this] { return matcher_.TakeInterval(); };
    probe.in_flight = [this] { return static_cast<uint64_t>(std::max<int64_t>(0, console_->outstanding())); };
    probe.finished = [this] { return console_->outstanding() == 0 && matcher_.AllDelivered(); };
    probe.end_load = [this] {
      const bool interrupted = result_.interrupted;  // FollowRun sets it first
      boost::asio::post(*threads_.io(0),
                        [console = console_, interrupted] { console->EndLoad(interrupted); });
    };
    const TimePoint load_end =
        FollowRun("call-to-page samples", start_, common_.duration_seconds, common_.drain_seconds,
                  !common_.quiet, probe, &result_.series, &result_.interrupted);
    result_.measured_seconds =
        std::max(SecondsBetween(start_, load_end), SecondsBetween(start_, BenchClock::now()));
    frames_ = shared_.frames.load() - frames_before;
    cpu_figures_ = cpu_.Stop(
        {{"call", static_cast<double>(console_->calls_answered())}, {"frame", static_cast<double>(frames_)}});
  }

  // Stops the pages on their own threads (so their figures can be read
  // here), closes the counters, then stops the threads.
  void StopAll() {
    std::atomic<size_t> stopped{0};
    for (size_t i = 0; i < pages_.size(); ++i) {
      boost::asio::post(*threads_.io(i), [page = pages_[i], &stopped] {
        page->Stop();
        ++stopped;
      });
    }
    WaitUntil([&] { return stopped.load() == pages_.size(); }, AfterSeconds(BenchClock::now(), 10));
    auto closed = RunRequests(threads_.io(0), address_, timeout_,
                              CounterRequests(setup_.centre, setup_.clerk_prefix, "close", false), 8,
                              AfterSeconds(BenchClock::now(), 10));
    close_failures_ = Failures(closed);
    threads_.Stop();
  }

  int Report(bool ready) {
    const CallMatcher::Totals calls = matcher_.Summarise();
    result_.label = "gateway-pages, " + std::to_string(options_.pages) + " pages";
    result_.concurrency = options_.pages;
    result_.offered_per_second = options_.calls_per_second;
    result_.rate_metric = "call_next";
    result_.completed = ready;
    if (!ready) {
      result_.failure = std::to_string(shared_.pages_ready.load()) + " of " + std::to_string(pages_.size()) +
                        " pages had their snapshot within --prepare-timeout";
    }
    result_.metrics = recorder_.Metrics();
    GatewayMetric& per_page = result_.metrics[kCallToPage].second;
    per_page.latency = calls.call_to_page;
    per_page.ok = calls.samples;
    if (calls.missed_total > 0) per_page.errors["MISSED"] = calls.missed_total;
    result_.metrics[kCallToAllPages].second.latency = calls.call_to_all_pages;
    result_.metrics[kCallToAllPages].second.ok = calls.calls_reached_all;
    result_.extra["calls"] = {{"sent", calls.calls_sent},
                              {"answered", calls.calls_answered},
                              {"failed", calls.calls_failed},
                              {"without_ticket", console_->calls_without_ticket()},
                              {"reached_every_page", calls.calls_reached_all},
                              {"duplicate_called_frames", calls.duplicate_frames},
                              {"unmatched_called_frames", calls.unmatched_frames}};
    result_.extra["streams"] = StreamFigures(pages_, calls);
    result_.extra["streams"]["frames_delivered"] = frames_;
    result_.extra["queue"] = {{"counters", setup_.centre.counters.size()},
                              {"tickets_filled", setup_.tickets_filled},
                              {"held_tickets_completed", setup_.held_tickets_completed},
                              {"counters_close_failures", close_failures_}};
    result_.extra["cpu"] = cpu_figures_;
    const LatencyHistogram& h = calls.call_to_page;
    nlohmann::json outcome = result_.extra;
    outcome["call_to_page_ms"] = {{"p50", h.Percentile(50) / 1000.0}, {"p90", h.Percentile(90) / 1000.0},
                                  {"p99", h.Percentile(99) / 1000.0}, {"p999", h.Percentile(99.9) / 1000.0},
                                  {"max", h.Max() / 1000.0},          {"samples", calls.samples}};
    const nlohmann::json& streams = result_.extra["streams"];
    outcome["every_page_got_every_call_in_order"] =
        calls.calls_answered > 0 && calls.missed_total == 0 && calls.duplicate_frames == 0 &&
        streams["events_missed"] == 0 && streams["events_repeated"] == 0;
    return FinishGatewayRun(common_, "gateway-pages", PagesParameters(common_, options_), outcome, result_);
  }

  const CommonOptions& common_;
  const GatewayPagesOptions& options_;
  const std::chrono::milliseconds timeout_;
  GatewayAddress address_;
  CpuSampler cpu_;
  IoThreads threads_;
  PagesSetup setup_;
  CallMatcher matcher_;
  GatewayRecorder recorder_;
  PageRunShared shared_;
  std::vector<std::shared_ptr<PageStream>> pages_;
  std::shared_ptr<ClerkConsole> console_;
  GatewayRun result_;
  TimePoint start_;
  uint64_t frames_ = 0;
  nlohmann::json cpu_figures_ = nlohmann::json::object();
  std::map<std::string, uint64_t> close_failures_;
};

}  // namespace

int RunGatewayPagesMode(const CommonOptions& common, const GatewayPagesOptions& options) {
  PagesBench bench(common, options);
  return bench.Run();
}

}  // namespace qms::bench

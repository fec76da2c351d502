// gateway-kiosk: kiosks taking tickets through qms-gateway's HTTP API, as
// the kiosk page does (POST /api/c/{centre}/tickets on a keep-alive
// connection), timed from the tap to the complete reply with the ticket
// number: "tap to ticket shown".
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <random>
#include <sstream>

#include "bench/basic_workloads.h"
#include "bench/gateway_report.h"
#include "bench/gateway_session.h"
#include "bench/modes.h"

namespace qms::bench {
namespace {

// tap_to_ticket: from the tap's moment (open loop: when it fell due) to the
// shown ticket. send_lag: how late the bench sent it. exchange: from the
// send to the shown ticket, i.e. without the bench's own lateness (open
// loop only; in a closed loop it is tap_to_ticket).
enum KioskMetric : size_t { kTapToTicket = 0, kSendLag = 1, kExchange = 2 };

// What every kiosk of a run shares. The atomics are read by the progress
// loop on the main thread.
struct KioskRun {
  const GatewayAddress* address = nullptr;
  GatewayRecorder* recorder = nullptr;
  std::chrono::milliseconds timeout{5000};
  std::string request_prefix;
  double priority_share = 0;
  bool poisson = false;
  TimePoint start;
  TimePoint load_end;
  std::atomic<bool> load_ended{false};
  std::atomic<int64_t> in_flight{0};
  std::atomic<int64_t> backlog{0};  // taps due but not sent: the kiosk was still waiting
  std::atomic<int64_t> armed{0};    // kiosk timers waiting for a tap due before the end
  std::atomic<int64_t> last_answer_us{0};
};

// The ticket number of an IssuedTicket reply ("" when there is none).
std::string IssuedNumber(const std::string& body) {
  const nlohmann::json reply = nlohmann::json::parse(body, nullptr, false);
  if (reply.is_discarded()) return "";
  const auto issued = reply.find("issued");
  if (issued == reply.end() || !issued->is_object()) return "";
  const auto ticket = issued->find("ticket");
  if (ticket == issued->end() || !ticket->is_object()) return "";
  const auto number = ticket->find("number");
  return number != ticket->end() && number->is_string() ? number->get<std::string>() : "";
}

// One kiosk: one keep-alive connection, one request at a time, as a kiosk
// page's fetch(). Open loop: taps fall due every interval whatever the
// gateway does; a tap due while the last is unanswered waits, and its
// latency counts from when it fell due (no coordinated omission). Closed
// loop: the next tap follows the shown ticket at once.
// Thread safety: its io thread only.
class Kiosk : public std::enable_shared_from_this<Kiosk> {
 public:
  Kiosk(KioskRun* run, boost::asio::io_context* io, int index, std::string centre,
        std::vector<std::string> fields, uint64_t seed)
      : run_(run),
        index_(index),
        path_("/api/c/" + centre + "/tickets"),
        fields_(std::move(fields)),
        random_(seed),
        timer_(*io),
        connection_(std::make_shared<HttpConnection>(io, run->address, run->timeout)) {}

  void StartOpen(TimePoint first_due, BenchClock::duration interval) {
    interval_ = interval;
    next_due_ = first_due;
    Arm();
  }
  void StartClosed() { Tap(BenchClock::now(), false); }
  // A tap due before the end is taken even when its timer fires after it
  // (a late io thread); only Ctrl-C drops the one a timer waits for.
  void EndLoad(bool interrupted) {
    if (interrupted) timer_.cancel();
  }

  // After the io threads stopped.
  size_t waiting() const { return due_.size(); }
  bool busy() const { return connection_->busy(); }

 private:
  void Arm() {
    if (run_->load_ended.load() || next_due_ >= run_->load_end) return;
    ++run_->armed;
    timer_.expires_at(next_due_);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->OnDue();  // queues the tap (and arms the next) before this one is let go
      --self->run_->armed;
    });
  }

  void OnDue() {
    due_.push_back(next_due_);
    ++run_->backlog;
    if (run_->poisson) {
      std::exponential_distribution<double> gap(1.0);
      next_due_ += std::chrono::duration_cast<BenchClock::duration>(interval_ * gap(random_));
    } else {
      next_due_ += interval_;
    }
    Arm();
    SendWaiting();
  }

  void SendWaiting() {
    if (connection_->busy() || due_.empty()) return;
    const TimePoint due = due_.front();
    due_.pop_front();
    --run_->backlog;
    Tap(due, true);
  }

  void Tap(TimePoint timed_from, bool open_loop) {
    const TimePoint now = BenchClock::now();
    if (open_loop) run_->recorder->Record(kSendLag, MicrosBetween(timed_from, now));
    ++run_->in_flight;
    connection_->Send("POST", path_, Body(),
                      [self = shared_from_this(), timed_from, sent = now, open_loop](HttpReply reply) {
                        self->OnReply(timed_from, sent, open_loop, reply);
                      });
  }

  void OnReply(TimePoint timed_from, TimePoint sent, bool open_loop, const HttpReply& reply) {
    const TimePoint now = BenchClock::now();
    --run_->in_flight;
    if (!reply.ok()) {
      run_->recorder->RecordError(kTapToTicket, reply.ErrorName());
    } else if (IssuedNumber(reply.body).empty()) {
      run_->recorder->RecordError(kTapToTicket, "BAD_REPLY");
    } else {
      run_->recorder->Record(kTapToTicket, MicrosBetween(timed_from, now));
      if (open_loop) run_->recorder->Record(kExchange, MicrosBetween(sent, now));
    }
    const auto since_start = static_cast<int64_t>(MicrosBetween(run_->start, now));
    int64_t last = run_->last_answer_us.load();
    while (since_start > last && !run_->last_answer_us.compare_exchange_weak(last, since_start)) {
    }
    if (open_loop) return SendWaiting();
    if (!run_->load_ended.load()) Tap(BenchClock::now(), false);
  }

  // A tap's request: the kiosk's fields in turn, a priority ticket now and
  // then, a request id unique to this tap (a retry would reuse it).
  std::string Body() {
    std::bernoulli_distribution priority(run_->priority_share);
    nlohmann::json body = {
        {"field_id", fields_[(taps_ + static_cast<uint64_t>(index_)) % fields_.size()]},
        {"request_id", run_->request_prefix + std::to_string(index_) + "-" + std::to_string(taps_)},
        {"priority", priority(random_) ? "PRIORITY" : "NORMAL"}};
    ++taps_;
    return body.dump();
  }

  KioskRun* run_;
  const int index_;
  const std::string path_;
  const std::vector<std::string> fields_;
  std::mt19937_64 random_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<HttpConnection> connection_;
  BenchClock::duration interval_{};
  TimePoint next_due_;
  std::deque<TimePoint> due_;
  uint64_t taps_ = 0;
};

std::vector<std::string> SplitCentres(const std::string& list) {
  std::vector<std::string> centres;
  std::stringstream in(list);
  std::string id;
  while (std::getline(in, id, ',')) {
    if (!id.empty()) centres.push_back(id);
  }
  return centres;
}

nlohmann::json KioskParameters(const CommonOptions& common, const GatewayKioskOptions& kiosk) {
  return {{"gateway", kiosk.gateway.gateway},
          {"centre", kiosk.gateway.centre},
          {"kiosks", kiosk.kiosks},
          {"tap_interval_ms", kiosk.tap_interval_ms},
          {"priority_share", kiosk.priority_share},
          {"threads", common.threads},
          {"duration_seconds", common.duration_seconds},
          {"drain_seconds", common.drain_seconds},
          {"request_timeout_ms", common.connection.call.timeout_ms},
          {"arrival", common.arrival},
          {"seed", common.seed}};
}

// One gateway-kiosk run, step by step.
class KioskBench {
 public:
  KioskBench(const CommonOptions& common, const GatewayKioskOptions& options)
      : common_(common),
        options_(options),
        timeout_(common.connection.call.timeout_ms),
        open_loop_(options.tap_interval_ms > 0),
        interval_(std::chrono::duration_cast<BenchClock::duration>(
            std::chrono::duration<double, std::milli>(std::max(options.tap_interval_ms, 0.001)))),
        recorder_({"tap_to_ticket", "send_lag", "exchange"}),
        threads_(common.threads),
        seeds_(common.seed) {}

  int Run() {
    const TimePoint prepare_start = BenchClock::now();
    std::string error;
    if (!OpenGateway(common_, options_.gateway, &address_)) return 1;
    if (!cpu_.Parse(options_.gateway.cpu_pids, &error) || !LoadCentres(&error)) {
      std::fprintf(stderr, "qms-bench: %s\n", error.c_str());
      return 1;
    }
    MakeKiosks();
    result_.prepare_seconds = SecondsBetween(prepare_start, BenchClock::now());
    Measure();
    return Report();
  }

 private:
  bool LoadCentres(std::string* error) {
    for (const std::string& id : SplitCentres(options_.gateway.centre)) {
      centres_.emplace_back();
      if (!LoadGatewayCentre(address_, id, timeout_, &centres_.back(), error)) return false;
    }
    if (centres_.empty()) *error = "--centre names no centre";
    return !centres_.empty();
  }

  void MakeKiosks() {
    run_.address = &address_;
    run_.recorder = &recorder_;
    run_.timeout = timeout_;
    run_.request_prefix = FreshRequestIdPrefix("gk");
    run_.priority_share = options_.priority_share;
    run_.poisson = common_.arrival == "poisson";
    for (size_t i = 0; i < static_cast<size_t>(options_.kiosks); ++i) {
      const GatewayCentre& centre = centres_[i % centres_.size()];
      kiosks_.push_back(std::make_shared<Kiosk>(&run_, threads_.io(i), static_cast<int>(i), centre.id,
                                                centre.field_ids, seeds_()));
    }
  }

  void Measure() {
    cpu_.Start();
    run_.start = BenchClock::now();
    run_.load_end = AfterSeconds(run_.start, common_.duration_seconds);
    std::uniform_real_distribution<double> phase(0.0, 1.0);
    for (size_t i = 0; i < kiosks_.size(); ++i) {
      // Open loop: each kiosk's first tap at a random phase of its interval,
      // so taps spread evenly instead of arriving in bursts of every kiosk.
      const TimePoint first =
          run_.start + std::chrono::duration_cast<BenchClock::duration>(interval_ * phase(seeds_));
      boost::asio::post(*threads_.io(i),
                        [kiosk = kiosks_[i], open = open_loop_, first, interval = interval_] {
                          open ? kiosk->StartOpen(first, interval) : kiosk->StartClosed();
                        });
    }
    RunProbe probe;
    probe.take_interval = [this] { return recorder_.TakeInterval(); };
    probe.in_flight = [this] { return static_cast<uint64_t>(run_.in_flight.load() + run_.backlog.load()); };
    probe.finished = [this] {
      return run_.in_flight.load() == 0 && run_.backlog.load() == 0 && run_.armed.load() == 0;
    };
    probe.end_load = [this] {
      run_.load_ended = true;
      const bool interrupted = result_.interrupted;  // FollowRun sets it first
      for (size_t i = 0; i < kiosks_.size(); ++i) {
        boost::asio::post(*threads_.io(i),
                          [kiosk = kiosks_[i], interrupted] { kiosk->EndLoad(interrupted); });
      }
    };
    const TimePoint load_end = FollowRun("taps", run_.start, common_.duration_seconds, common_.drain_seconds,
                                         !common_.quiet, probe, &result_.series, &result_.interrupted);
    threads_.Stop();
    const double last_answer = static_cast<double>(run_.last_answer_us.load()) / 1e6;
    result_.measured_seconds = std::max(last_answer, SecondsBetween(run_.start, load_end));
  }

  int Report() {
    uint64_t unsent = 0;
    uint64_t unanswered = 0;
    for (const auto& kiosk : kiosks_) {
      unsent += kiosk->waiting();
      unanswered += kiosk->busy() ? 1 : 0;
    }
    recorder_.RecordError(kTapToTicket, "UNSENT", unsent);
    recorder_.RecordError(kTapToTicket, "UNANSWERED", unanswered);
    result_.label = std::string("gateway-kiosk, ") + (open_loop_ ? "open" : "closed") + " loop";
    result_.concurrency = options_.kiosks;
    result_.offered_per_second = open_loop_ ? options_.kiosks * 1000.0 / options_.tap_interval_ms : 0;
    result_.metrics = recorder_.Metrics();
    result_.completed = true;
    const GatewayMetric& taps = result_.metrics[kTapToTicket].second;
    result_.extra["cpu"] = cpu_.Stop({{"request", static_cast<double>(taps.ok + taps.Failed())}});
    const LatencyHistogram& h = taps.latency;
    const nlohmann::json outcome = {{"tickets_shown", taps.ok},
                                    {"failed", taps.Failed()},
                                    {"errors", taps.errors},
                                    {"achieved_per_second", result_.AchievedRate()},
                                    {"tap_to_ticket_ms",
                                     {{"p50", h.Percentile(50) / 1000.0},
                                      {"p90", h.Percentile(90) / 1000.0},
                                      {"p99", h.Percentile(99) / 1000.0},
                                      {"p999", h.Percentile(99.9) / 1000.0},
                                      {"max", h.Max() / 1000.0}}},
                                    {"cpu", result_.extra["cpu"]}};
    return FinishGatewayRun(common_, "gateway-kiosk", KioskParameters(common_, options_), outcome, result_);
  }

  const CommonOptions& common_;
  const GatewayKioskOptions& options_;
  const std::chrono::milliseconds timeout_;
  const bool open_loop_;
  const BenchClock::duration interval_;
  GatewayAddress address_;
  CpuSampler cpu_;
  std::vector<GatewayCentre> centres_;
  GatewayRecorder recorder_;
  KioskRun run_;
  IoThreads threads_;
  std::mt19937_64 seeds_;
  std::vector<std::shared_ptr<Kiosk>> kiosks_;
  GatewayRun result_;
};

}  // namespace

int RunGatewayKioskMode(const CommonOptions& common, const GatewayKioskOptions& options) {
  KioskBench bench(common, options);
  return bench.Run();
}

}  // namespace qms::bench

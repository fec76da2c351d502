#include "bench/gateway_session.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <cstdio>
#include <mutex>

namespace qms::bench {

IoThreads::IoThreads(int count) {
  for (int i = 0; i < std::max(1, count); ++i) {
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    guards_.emplace_back(contexts_.back()->get_executor());
  }
  for (auto& context : contexts_) {
    boost::asio::io_context* io = context.get();
    threads_.emplace_back([io] { io->run(); });
  }
}

void IoThreads::Stop() {
  guards_.clear();
  for (auto& context : contexts_) context->stop();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

HttpReply FetchOnce(const GatewayAddress& address, std::string_view method, const std::string& path,
                    const std::string& json_body, std::chrono::milliseconds timeout) {
  boost::asio::io_context io;
  auto connection = std::make_shared<HttpConnection>(&io, &address, timeout);
  HttpReply reply;
  reply.failure = "TIMEOUT";
  connection->Send(method, path, json_body, [&reply](HttpReply r) { reply = std::move(r); });
  // The connection's own timeout ends the exchange; run_for is a second bound.
  io.run_for(timeout + std::chrono::seconds(1));
  connection->Close();
  return reply;
}

bool LoadGatewayCentre(const GatewayAddress& address, const std::string& centre,
                       std::chrono::milliseconds timeout, GatewayCentre* out, std::string* error) {
  const HttpReply reply = FetchOnce(address, "GET", "/api/c/" + centre, "", timeout);
  if (!reply.ok()) {
    *error =
        "GET /api/c/" + centre + ": " + reply.ErrorName() + " " + reply.detail + reply.body.substr(0, 300);
    return false;
  }
  const nlohmann::json page = nlohmann::json::parse(reply.body, nullptr, false);
  if (page.is_discarded() || !page.contains("centre") || !page["centre"].is_object()) {
    *error = "GET /api/c/" + centre + ": not a CentrePage";
    return false;
  }
  const nlohmann::json& c = page["centre"];
  GatewayCentre loaded;
  loaded.id = c.value("centre_id", centre);
  for (const auto& field : c.value("fields", nlohmann::json::array())) {
    loaded.field_ids.push_back(field.value("field_id", ""));
  }
  for (const auto& counter : c.value("counters", nlohmann::json::array())) {
    GatewayCentre::Counter k;
    k.id = counter.value("counter_id", "");
    k.state = counter.value("state", "");
    k.current_number = counter.value("current_number", "");
    for (const auto& field : counter.value("fields", nlohmann::json::array())) {
      k.field_ids.push_back(field.value("field_id", ""));
    }
    loaded.counters.push_back(std::move(k));
  }
  if (loaded.field_ids.empty()) {
    *error = "centre " + centre + " has no fields";
    return false;
  }
  *out = std::move(loaded);
  return true;
}

bool OpenGateway(const CommonOptions& common, const GatewayOptions& options, GatewayAddress* address) {
  std::string error;
  if (!ResolveGatewayUrl(options.gateway, common.connection.allow_remote, address, &error)) {
    std::fprintf(stderr, "qms-bench: %s\n", error.c_str());
    return false;
  }
  return true;
}

namespace {

SeriesPoint PointOf(const IntervalStats& interval, double elapsed, double span, uint64_t in_flight) {
  SeriesPoint point;
  point.elapsed_seconds = elapsed;
  point.operations_per_second = static_cast<double>(interval.operations_ok) / span;
  point.failures_per_second = static_cast<double>(interval.operations_failed) / span;
  point.p50_us = interval.operation_latency.Percentile(50);
  point.p99_us = interval.operation_latency.Percentile(99);
  point.p999_us = interval.operation_latency.Percentile(99.9);
  point.in_flight = in_flight;
  return point;
}

}  // namespace

TimePoint FollowRun(const std::string& label, TimePoint start, double duration_seconds, double drain_seconds,
                    bool show, const RunProbe& probe, std::vector<SeriesPoint>* series, bool* interrupted) {
  TimePoint load_end = AfterSeconds(start, duration_seconds);
  bool load_ended = false;
  TimePoint last = start;
  int tick = 1;
  while (true) {
    const TimePoint now = BenchClock::now();
    if (!load_ended && (now >= load_end || InterruptRequested())) {
      load_ended = true;
      *interrupted = now < load_end;
      load_end = std::min(now, load_end);
      probe.end_load();
    }
    const bool finished = load_ended && probe.finished();
    const bool drained = load_ended && now >= AfterSeconds(load_end, drain_seconds);
    if (finished || drained || now >= start + std::chrono::seconds(tick)) {
      const double span = std::max(1e-3, SecondsBetween(last, now));
      const IntervalStats interval = probe.take_interval();
      // A last sliver of a second would extrapolate to a silly rate; its
      // outcomes are in the totals anyway.
      if (span >= 0.25) {
        const SeriesPoint point = PointOf(interval, SecondsBetween(start, now), span, probe.in_flight());
        series->push_back(point);
        if (show) {
          std::fprintf(
              stderr,
              "[%5.0fs] %s %8.0f/s  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  failed/s %.0f  in flight "
              "%llu\n",
              point.elapsed_seconds, label.c_str(), point.operations_per_second, point.p50_us / 1000.0,
              point.p99_us / 1000.0, point.p999_us / 1000.0, point.failures_per_second,
              static_cast<unsigned long long>(point.in_flight));
        }
      }
      last = now;
      tick = static_cast<int>(SecondsBetween(start, now)) + 1;
    }
    if (finished || drained) return load_end;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool WaitUntil(const std::function<bool()>& done, TimePoint deadline) {
  while (!done()) {
    if (BenchClock::now() >= deadline || InterruptRequested()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

namespace {

// The shared state of RunRequests: handlers may outlive the wait.
struct RequestBatch {
  std::mutex mu;
  std::vector<PlannedRequest> requests;
  std::vector<HttpReply> replies;
  size_t next = 0;
  std::atomic<size_t> answered{0};
};

void SendNextOf(const std::shared_ptr<RequestBatch>& batch,
                const std::shared_ptr<HttpConnection>& connection) {
  size_t index = 0;
  {
    std::lock_guard<std::mutex> lock(batch->mu);
    if (batch->next == batch->requests.size()) return;
    index = batch->next++;
  }
  const PlannedRequest& r = batch->requests[index];
  connection->Send(r.method, r.path, r.json_body, [batch, connection, index](HttpReply reply) {
    {
      std::lock_guard<std::mutex> lock(batch->mu);
      batch->replies[index] = std::move(reply);
    }
    ++batch->answered;
    SendNextOf(batch, connection);
  });
}

}  // namespace

std::vector<HttpReply> RunRequests(boost::asio::io_context* io, const GatewayAddress& address,
                                   std::chrono::milliseconds timeout,
                                   const std::vector<PlannedRequest>& requests, int parallel,
                                   TimePoint deadline) {
  auto batch = std::make_shared<RequestBatch>();
  batch->requests = requests;
  batch->replies.resize(requests.size());
  for (HttpReply& reply : batch->replies) reply.failure = "UNANSWERED";
  const size_t connections = std::min(requests.size(), static_cast<size_t>(std::max(1, parallel)));
  for (size_t i = 0; i < connections; ++i) {
    auto connection = std::make_shared<HttpConnection>(io, &address, timeout);
    boost::asio::post(*io, [batch, connection] { SendNextOf(batch, connection); });
  }
  WaitUntil([&batch, &requests] { return batch->answered.load() == requests.size(); }, deadline);
  std::lock_guard<std::mutex> lock(batch->mu);
  return batch->replies;
}

}  // namespace qms::bench

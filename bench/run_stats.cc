#include "bench/run_stats.h"

namespace qms::bench {

const char* MetricName(Metric metric) {
  switch (metric) {
    case Metric::kOperation: return "operation";
    case Metric::kSendLag: return "send_lag";
    case Metric::kEcho: return "Echo";
    case Metric::kIssueTicket: return "IssueTicket";
    case Metric::kOpenCounter: return "OpenCounter";
    case Metric::kCallNext: return "CallNext";
    case Metric::kStartServing: return "StartServing";
    case Metric::kComplete: return "Complete";
    case Metric::kMarkNoShow: return "MarkNoShow";
    case Metric::kTransfer: return "Transfer";
    case Metric::kWatchOpen: return "watch_open";
    case Metric::kWatchEventDelay: return "watch_event_delay";
    case Metric::kCallToEvent: return "call_to_event";
    case Metric::kIssueFlood: return "IssueTicket_flood";
    case Metric::kIssueOthers: return "IssueTicket_others";
    case Metric::kCount: break;
  }
  return "unknown";
}

std::string StatusCodeName(int code) {
  switch (code) {
    case kUnsentCode: return "UNSENT";
    case grpc::OK: return "OK";
    case grpc::CANCELLED: return "CANCELLED";
    case grpc::UNKNOWN: return "UNKNOWN";
    case grpc::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::NOT_FOUND: return "NOT_FOUND";
    case grpc::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::ABORTED: return "ABORTED";
    case grpc::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::INTERNAL: return "INTERNAL";
    case grpc::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::DATA_LOSS: return "DATA_LOSS";
    case grpc::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return "CODE_" + std::to_string(code);
  }
}

uint64_t MetricStats::Failed() const {
  uint64_t failed = 0;
  for (const auto& [code, count] : errors) failed += count;
  return failed;
}

void MetricStats::Merge(const MetricStats& other) {
  latency.Merge(other.latency);
  ok += other.ok;
  for (const auto& [code, count] : other.errors) errors[code] += count;
}

void IntervalStats::Merge(const IntervalStats& other) {
  operations_ok += other.operations_ok;
  operations_failed += other.operations_failed;
  operation_latency.Merge(other.operation_latency);
  for (int i = 0; i < kMetricCount; ++i) metric_counts[i] += other.metric_counts[i];
  in_flight += other.in_flight;
}

void IntervalStats::Reset() {
  operations_ok = operations_failed = in_flight = 0;
  operation_latency.Reset();
  metric_counts.fill(0);
}

void WorkerStats::Record(Metric metric, uint64_t micros, grpc::StatusCode code) {
  RecordCode(metric, micros, static_cast<int>(code));
}

void WorkerStats::RecordCode(Metric metric, uint64_t micros, int code) {
  MetricStats& stats = metrics_[static_cast<int>(metric)];
  if (code == grpc::OK) {
    ++stats.ok;
    stats.latency.Record(micros);
  } else {
    ++stats.errors[code];
  }
  ++interval_.metric_counts[static_cast<int>(metric)];
  if (metric == Metric::kOperation) {
    if (code == grpc::OK) {
      ++interval_.operations_ok;
      interval_.operation_latency.Record(micros);
    } else {
      ++interval_.operations_failed;
    }
  }
}

void WorkerStats::RecordUnsent(uint64_t count) {
  if (count == 0) return;
  metrics_[static_cast<int>(Metric::kOperation)].errors[kUnsentCode] += count;
  interval_.operations_failed += count;
}

void WorkerStats::Merge(const WorkerStats& other) {
  for (int i = 0; i < kMetricCount; ++i) metrics_[i].Merge(other.metrics_[i]);
}

void ProgressBoard::Publish(const IntervalStats& interval) {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.Merge(interval);
}

IntervalStats ProgressBoard::Take() {
  std::lock_guard<std::mutex> lock(mutex_);
  IntervalStats taken = pending_;
  pending_.Reset();
  return taken;
}

}  // namespace qms::bench

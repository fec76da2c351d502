#include "bench/load_driver.h"

#include <algorithm>

namespace qms::bench {
namespace {

// Units started in one turn of the loop before completions get a turn.
constexpr int kStartsPerTurn = 256;

}  // namespace

LoadDriver::LoadDriver(WorkerLoop* loop, Workload* workload, WorkerStats* stats, LoadShape shape,
                       uint64_t seed)
    : loop_(loop), workload_(workload), stats_(stats), shape_(std::move(shape)), seed_(seed) {}

void LoadDriver::Begin(TimePoint start, TimePoint end, TimePoint drain_until,
                       std::function<void()> finished) {
  end_ = end;
  drain_until_ = drain_until;
  on_finished_ = std::move(finished);
  scheduling_ = true;
  loop_->RunAt(end, [this] { OnEnd(); });
  loop_->RunAt(drain_until, [this] { OnDrainDeadline(); });
  if (shape_.rate > 0) {
    schedule_ = std::make_unique<ArrivalSchedule>(shape_.process, shape_.rate, start, seed_);
    if (shape_.rate_shape) schedule_->SetShape(*shape_.rate_shape);
    next_arrival_ = schedule_->Next();
    loop_->RunAt(next_arrival_, [this] { OnArrivalTimer(); });
  } else {
    loop_->RunAt(start, [this] { StartClosedLoopUnits(); });
  }
}

void LoadDriver::EndEarly() {
  if (!scheduling_) return;
  end_ = std::min(end_, BenchClock::now());
  OnEnd();
}

void LoadDriver::TakeDueArrivals(TimePoint until) {
  while (scheduling_ && next_arrival_ <= until && next_arrival_ < end_ && BudgetLeft()) {
    waiting_.push_back(next_arrival_);
    ++taken_;
    next_arrival_ = schedule_->Next();
  }
}

void LoadDriver::OnArrivalTimer() {
  if (!scheduling_) return;
  TakeDueArrivals(BenchClock::now() + WorkerLoop::kTimerSlack);
  PumpWaiting();
  if (next_arrival_ >= end_ || !BudgetLeft()) {
    scheduling_ = false;
    CheckFinished();
    return;
  }
  loop_->RunAt(next_arrival_, [this] { OnArrivalTimer(); });
}

void LoadDriver::PumpWaiting() {
  const auto limit = static_cast<uint64_t>(std::max(1, shape_.max_outstanding));
  int started_now = 0;
  while (!waiting_.empty() && outstanding_ < limit && started_now < kStartsPerTurn) {
    const TimePoint scheduled = waiting_.front();
    waiting_.pop_front();
    StartUnit(scheduled);
    ++started_now;
  }
  if (!waiting_.empty() && outstanding_ < limit && !pump_pending_) {
    pump_pending_ = true;
    loop_->RunSoon([this] {
      pump_pending_ = false;
      PumpWaiting();
      CheckFinished();
    });
  }
}

void LoadDriver::StartClosedLoopUnits() {
  pump_pending_ = false;
  const auto target = static_cast<uint64_t>(std::max(1, shape_.in_flight));
  int started_now = 0;
  while (scheduling_ && outstanding_ < target && BudgetLeft() && started_now < kStartsPerTurn) {
    if (BenchClock::now() >= end_) break;
    ++taken_;
    ++started_now;
    StartUnit(BenchClock::now());
  }
  if (!BudgetLeft()) scheduling_ = false;
  CheckFinished();
}

void LoadDriver::StartUnit(TimePoint scheduled) {
  ++started_;
  ++outstanding_;
  // Timed from the earlier of schedule and send: a unit sent late from its
  // schedule (the wait counts: no coordinated omission), one sent early
  // (timer slack, at most 1 ms) from when it really left.
  const TimePoint now = BenchClock::now();
  const TimePoint timed_from = std::min(scheduled, now);
  stats_->Record(Metric::kSendLag, MicrosBetween(scheduled, now), grpc::OK);
  workload_->Start(scheduled, [this, timed_from](grpc::StatusCode code) { OnUnitDone(timed_from, code); });
}

void LoadDriver::OnUnitDone(TimePoint timed_from, grpc::StatusCode code) {
  --outstanding_;
  stats_->Record(Metric::kOperation, MicrosBetween(timed_from, BenchClock::now()), code);
  if (finished_) return;
  if (shape_.rate > 0) {
    PumpWaiting();
  } else if (scheduling_ && !pump_pending_) {
    // Not inline: a workload that completes synchronously would recurse.
    pump_pending_ = true;
    loop_->RunSoon([this] { StartClosedLoopUnits(); });
  }
  CheckFinished();
}

void LoadDriver::OnEnd() {
  if (schedule_ && scheduling_) TakeDueArrivals(end_);  // due while the loop was busy
  scheduling_ = false;
  if (shape_.rate > 0) PumpWaiting();
  CheckFinished();
}

void LoadDriver::OnDrainDeadline() {
  if (finished_) return;
  stats_->RecordUnsent(waiting_.size());
  waiting_.clear();
  finished_ = true;
  if (on_finished_) on_finished_();
}

void LoadDriver::CheckFinished() {
  if (finished_ || scheduling_ || outstanding_ > 0 || !waiting_.empty()) return;
  finished_ = true;
  if (on_finished_) on_finished_();
}

}  // namespace qms::bench

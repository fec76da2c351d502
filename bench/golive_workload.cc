#include "bench/golive_workload.h"

#include <algorithm>

namespace qms::bench {
namespace {

// Clerk timings in simulated minutes (before dividing by the scale).
// An idle clerk tries again after 1, 2, then every 4 simulated minutes: the
// display shows an empty queue, nobody presses "next" every second.
constexpr double kEmptyQueuePollMinutes = 1.0;
constexpr int kEmptyQueueBackoffSteps = 2;
constexpr double kNoShowWaitMinutes = 2.0;  // calls aloud, waits, gives up
constexpr double kWalkUpMinutes = 0.5;
constexpr double kBetweenTicketsMinutes = 0.3;

}  // namespace

void GoliveTally::Merge(const std::array<Hour, 24>& local) {
  std::lock_guard<std::mutex> lock(mutex);
  for (size_t h = 0; h < hours.size(); ++h) {
    hours[h].issued += local[h].issued;
    hours[h].called += local[h].called;
    hours[h].completed += local[h].completed;
    hours[h].no_shows += local[h].no_shows;
    hours[h].transfers += local[h].transfers;
    hours[h].empty_calls += local[h].empty_calls;
  }
}

GoliveWorkload::GoliveWorkload(std::unique_ptr<QueueClient> client,
                               const std::vector<const CentreLayout*>& centres, GoliveParameters parameters,
                               std::string request_id_prefix, std::shared_ptr<GoliveTally> tally)
    : client_(std::move(client)),
      fleet_(client_.get(), centres),
      parameters_(parameters),
      day_(parameters.day_minutes),
      request_id_prefix_(std::move(request_id_prefix)),
      tally_(std::move(tally)),
      random_(parameters.seed),
      empty_streak_(fleet_.size(), 0) {
  double total = 0;
  for (const CentreLayout* centre : centres) {
    if (centre->field_ids.empty()) continue;
    centres_.push_back(centre);
    mixes_.emplace_back(*centre, parameters_);
    total += CentreBusyness(centre->centre_id, parameters_.seed);
    busyness_cumulative_.push_back(total);
  }
  for (double& value : busyness_cumulative_) value /= total > 0 ? total : 1;
}

void GoliveWorkload::Prepare(std::function<void()> ready) {
  fleet_.Prepare(FleetPreparation{0, 256, request_id_prefix_ + "p"}, std::move(ready));
}

void GoliveWorkload::Begin(TimePoint start, TimePoint end) {
  start_ = start;
  end_ = end;
  // Clerks sit down within the first simulated minute, not all at once.
  for (size_t counter = 0; counter < fleet_.size(); ++counter) {
    client_->loop()->RunAt(AfterSeconds(start, day_.RealSecondsFor(Uniform())),
                           [this, counter] { CounterTurn(counter); });
  }
}

double GoliveWorkload::LocalMinuteNow() const {
  return day_.LocalMinuteAt(SecondsBetween(start_, BenchClock::now()));
}

GoliveTally::Hour& GoliveWorkload::HourNow() {
  const int hour = std::clamp(static_cast<int>(LocalMinuteNow() / 60), 0, 23);
  return hours_[static_cast<size_t>(hour)];
}

void GoliveWorkload::Start(TimePoint /*scheduled*/, Done done) {
  if (centres_.empty()) {
    done(grpc::StatusCode::FAILED_PRECONDITION);
    return;
  }
  const double draw = Uniform();
  const auto it = std::lower_bound(busyness_cumulative_.begin(), busyness_cumulative_.end(), draw);
  const size_t index = std::min(static_cast<size_t>(it - busyness_cumulative_.begin()), centres_.size() - 1);
  v1::IssueTicketRequest request;
  request.set_centre_id(centres_[index]->centre_id);
  request.set_field_id(mixes_[index].Pick(random_));
  const double class_draw = Uniform();
  request.set_priority(class_draw < parameters_.priority_share ? v1::PRIORITY
                       : class_draw < parameters_.priority_share + parameters_.appointment_share
                           ? v1::APPOINTMENT
                           : v1::NORMAL);
  request.set_channel(request.priority() == v1::APPOINTMENT ? v1::ONLINE : v1::KIOSK);
  request.set_request_id(request_id_prefix_ + std::to_string(sequence_++));
  ++HourNow().issued;
  client_->IssueTicket(request,
                       [done = std::move(done)](const grpc::Status& status, const v1::IssueTicketResponse&) {
                         done(status.error_code());
                       });
}

void GoliveWorkload::Stop() {
  if (stopped_) return;
  stopped_ = true;
  fleet_.Stop();
  tally_->Merge(hours_);
}

void GoliveWorkload::ScheduleTurn(size_t counter, double simulated_minutes) {
  if (stopped_) return;
  const TimePoint when = AfterSeconds(BenchClock::now(), day_.RealSecondsFor(simulated_minutes));
  if (when >= end_) return;
  client_->loop()->RunAt(when, [this, counter] { CounterTurn(counter); });
}

void GoliveWorkload::CounterTurn(size_t counter) {
  if (stopped_) return;
  const double local = LocalMinuteNow();
  if (local >= kDayClosesMinute) return;
  if (IsLunchBreak(local)) {
    ScheduleTurn(counter, kLunchEndsMinute - local + Uniform());
    return;
  }
  client_->CallNext(
      fleet_.counters()[counter].ref, [this, counter](const grpc::Status& status, const v1::Ticket& ticket) {
        if (stopped_) return;
        if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
          fleet_.Recover(counter, [this, counter] { ScheduleTurn(counter, kBetweenTicketsMinutes); });
          return;
        }
        if (!status.ok() || ticket.number().empty()) {
          ++HourNow().empty_calls;
          const int streak = std::min(empty_streak_[counter]++, kEmptyQueueBackoffSteps);
          ScheduleTurn(counter, kEmptyQueuePollMinutes * (1 << streak));
          return;
        }
        empty_streak_[counter] = 0;
        ++HourNow().called;
        OnCalled(counter, ticket);
      });
}

void GoliveWorkload::OnCalled(size_t counter, const v1::Ticket& ticket) {
  const double scale = std::max(0.01, parameters_.scale);
  if (Uniform() < parameters_.no_show_share) {
    const TimePoint when = AfterSeconds(BenchClock::now(), day_.RealSecondsFor(kNoShowWaitMinutes / scale));
    client_->loop()->RunAt(when, [this, counter, number = ticket.number()] {
      client_->Act(TicketVerb::kMarkNoShow, fleet_.counters()[counter].ref, number,
                   [this, counter](const grpc::Status&, const v1::Ticket&) {
                     ++HourNow().no_shows;
                     ScheduleTurn(counter, kBetweenTicketsMinutes / std::max(0.01, parameters_.scale));
                   });
    });
    return;
  }
  const TimePoint when = AfterSeconds(BenchClock::now(), day_.RealSecondsFor(kWalkUpMinutes / scale));
  client_->loop()->RunAt(when, [this, counter, ticket] { Serve(counter, ticket); });
}

void GoliveWorkload::Serve(size_t counter, const v1::Ticket& ticket) {
  client_->Act(TicketVerb::kStartServing, fleet_.counters()[counter].ref, ticket.number(),
               [this, counter, ticket](const grpc::Status& status, const v1::Ticket&) {
                 const double scale = std::max(0.01, parameters_.scale);
                 if (!status.ok()) {
                   ScheduleTurn(counter, kBetweenTicketsMinutes / scale);
                   return;
                 }
                 // Service time: uniform in [0.5, 1.5] x the field's mean.
                 const double minutes = MeanServiceMinutes(ticket.field_id()) * (0.5 + Uniform()) / scale;
                 const TimePoint when = AfterSeconds(BenchClock::now(), day_.RealSecondsFor(minutes));
                 client_->loop()->RunAt(when, [this, counter, ticket] { FinishService(counter, ticket); });
               });
}

void GoliveWorkload::FinishService(size_t counter, const v1::Ticket& ticket) {
  const FleetCounter& fleet_counter = fleet_.counters()[counter];
  const double pause = kBetweenTicketsMinutes / std::max(0.01, parameters_.scale);
  std::vector<std::string> elsewhere;
  for (const std::string& field : fleet_counter.centre->field_ids) {
    if (field != ticket.field_id()) elsewhere.push_back(field);
  }
  if (!elsewhere.empty() && Uniform() < parameters_.transfer_share) {
    const std::string& to_field =
        elsewhere[static_cast<size_t>(Uniform() * elsewhere.size()) % elsewhere.size()];
    client_->Transfer(fleet_counter.ref, ticket.number(), to_field,
                      [this, counter, pause](const grpc::Status&, const v1::Ticket&) {
                        ++HourNow().transfers;
                        ScheduleTurn(counter, pause);
                      });
    return;
  }
  client_->Act(TicketVerb::kComplete, fleet_counter.ref, ticket.number(),
               [this, counter, pause](const grpc::Status&, const v1::Ticket&) {
                 ++HourNow().completed;
                 ScheduleTurn(counter, pause);
               });
}

}  // namespace qms::bench

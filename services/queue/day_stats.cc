#include "services/queue/day_stats.h"

#include <algorithm>
#include <map>
#include <string>

namespace qms::queue {

namespace {

constexpr int kHours = 24;

// The samples of one DurationStats, in microseconds.
class Durations {
 public:
  void Add(int64_t micros) { samples_.push_back(std::max<int64_t>(micros, 0)); }

  void Fill(v1::DurationStats* out) {
    out->set_count(static_cast<uint32_t>(samples_.size()));
    if (samples_.empty()) return;
    std::sort(samples_.begin(), samples_.end());
    int64_t sum = 0;  // a few thousand samples of hours in microseconds: far from overflow
    for (int64_t s : samples_) sum += s;
    out->set_mean_seconds(Seconds(sum) / static_cast<double>(samples_.size()));
    out->set_p50_seconds(Seconds(NearestRank(samples_, 50)));
    out->set_p90_seconds(Seconds(NearestRank(samples_, 90)));
    out->set_max_seconds(Seconds(samples_.back()));
  }

 private:
  static double Seconds(int64_t micros) { return static_cast<double>(micros) / kMicrosPerSecond; }
  std::vector<int64_t> samples_;
};

class Ratings {
 public:
  void Add(uint8_t rating) {
    if (rating >= v1::VERY_SATISFIED && rating <= v1::DISSATISFIED) counts_[rating]++;
  }

  void Fill(v1::RatingCounts* out) const {
    out->set_very_satisfied(counts_[v1::VERY_SATISFIED]);
    out->set_satisfied(counts_[v1::SATISFIED]);
    out->set_dissatisfied(counts_[v1::DISSATISFIED]);
    const uint32_t rated = counts_[v1::VERY_SATISFIED] + counts_[v1::SATISFIED] + counts_[v1::DISSATISFIED];
    out->set_rated(rated);
    if (rated > 0) {
      out->set_satisfaction_share(static_cast<double>(counts_[v1::VERY_SATISFIED] + counts_[v1::SATISFIED]) /
                                  rated);
    }
  }

 private:
  uint32_t counts_[v1::DISSATISFIED + 1] = {};
};

struct FieldTally {
  v1::TicketCounts counts;
  Durations wait, service;
  Ratings ratings;
};

struct ClerkTally {
  uint32_t served = 0;
  uint32_t no_show = 0;
  Durations service;
  Ratings ratings;
};

struct CounterTally {
  uint32_t served = 0;
  uint32_t no_show = 0;
  Ratings ratings;
};

struct HourTally {
  uint32_t issued = 0, called = 0, served = 0;
  Durations wait;
};

// Everything the pass over the tickets adds up.
struct DayTally {
  FieldTally total;
  std::vector<FieldTally> fields;
  std::map<std::string, ClerkTally> clerks;  // ordered: the reply lists clerks by id
  std::vector<CounterTally> counters;
  HourTally hours[kHours];
};

int LocalHour(MicrosUtc t) { return std::clamp(LocalMinuteOfDay(t) / 60, 0, kHours - 1); }

// Adds the ticket's current state to `c` (transfers are counted apart).
void CountState(TicketState state, v1::TicketCounts* c) {
  switch (state) {
    case v1::WAITING: c->set_waiting(c->waiting() + 1); break;
    case v1::CALLED: c->set_called(c->called() + 1); break;
    case v1::SERVING: c->set_serving(c->serving() + 1); break;
    case v1::PARKED: c->set_parked(c->parked() + 1); break;
    case v1::DONE: c->set_served(c->served() + 1); break;
    case v1::NO_SHOW: c->set_no_show(c->no_show() + 1); break;
    case v1::CANCELLED: c->set_cancelled(c->cancelled() + 1); break;
    case v1::EXPIRED: c->set_expired(c->expired() + 1); break;
    default: break;
  }
}

// Arrival side: counted by the field the ticket was issued for.
void AddArrival(const Ticket& t, FieldTally* issued_for, DayTally* day) {
  for (FieldTally* f : {issued_for, &day->total}) {
    f->counts.set_issued(f->counts.issued() + 1);
    if (t.field != t.original_field) f->counts.set_transferred_out(f->counts.transferred_out() + 1);
  }
  day->hours[LocalHour(t.issued_at)].issued++;
  if (t.first_called_at == 0) return;
  const int64_t wait = t.first_called_at - t.issued_at;
  issued_for->wait.Add(wait);
  day->total.wait.Add(wait);
  HourTally& hour = day->hours[LocalHour(t.first_called_at)];
  hour.called++;
  hour.wait.Add(wait);
}

// Outcome side: counted by the field the ticket is in now, and by the clerk
// and counter of its last call.
void AddOutcome(const Ticket& t, FieldTally* now_in, DayTally* day) {
  for (FieldTally* f : {now_in, &day->total}) {
    CountState(t.state, &f->counts);
    if (t.field != t.original_field) f->counts.set_transferred_in(f->counts.transferred_in() + 1);
  }
  ClerkTally* clerk = t.clerk_id.empty() ? nullptr : &day->clerks[t.clerk_id];
  CounterTally* counter = t.counter == kNoCounter ? nullptr : &day->counters[t.counter];
  if (t.state == v1::NO_SHOW) {
    if (clerk) clerk->no_show++;
    if (counter) counter->no_show++;
  }
  if (t.state != v1::DONE) return;
  const MicrosUtc start = ServiceStart(t);
  const bool timed = start > 0 && t.finished_at >= start;
  for (FieldTally* f : {now_in, &day->total}) {
    if (timed) f->service.Add(t.finished_at - start);
    f->ratings.Add(t.rating);
  }
  if (clerk) {
    clerk->served++;
    if (timed) clerk->service.Add(t.finished_at - start);
    clerk->ratings.Add(t.rating);
  }
  if (counter) {
    counter->served++;
    counter->ratings.Add(t.rating);
  }
  day->hours[LocalHour(t.finished_at)].served++;
}

void FillField(FieldTally& tally, v1::TicketCounts* counts, v1::DurationStats* wait,
               v1::DurationStats* service, v1::RatingCounts* ratings) {
  *counts = tally.counts;
  tally.wait.Fill(wait);
  tally.service.Fill(service);
  tally.ratings.Fill(ratings);
}

}  // namespace

int64_t NearestRank(const std::vector<int64_t>& sorted, int percent) {
  const size_t n = sorted.size();
  const size_t rank = (static_cast<size_t>(percent) * n + 99) / 100;  // ceil(percent * n / 100)
  return sorted[std::clamp<size_t>(rank, 1, n) - 1];
}

void ComputeDayStats(const Centre& centre, MicrosUtc now, v1::DayStats* out) {
  out->Clear();
  const config::CentreConfig& config = centre.config();
  DayTally day;
  day.fields.resize(config.fields.size());
  day.counters.resize(config.counters.size());
  for (uint32_t seq = 1; seq <= centre.ticket_count(); ++seq) {
    const Ticket& t = centre.ticket(seq);
    AddArrival(t, &day.fields[t.original_field], &day);
    AddOutcome(t, &day.fields[t.field], &day);
  }

  out->set_centre_id(config.id);
  out->set_service_day(centre.service_day());
  out->set_computed_at_us(now);
  FillField(day.total, out->mutable_total(), out->mutable_wait(), out->mutable_service(),
            out->mutable_ratings());
  for (size_t f = 0; f < day.fields.size(); ++f) {
    v1::FieldStats* field = out->add_fields();
    field->set_field_id(config.fields[f].id);
    FillField(day.fields[f], field->mutable_tickets(), field->mutable_wait(), field->mutable_service(),
              field->mutable_ratings());
  }
  for (int16_t c = 0; c < static_cast<int16_t>(day.counters.size()); ++c) {
    v1::CounterStats* counter = out->add_counters();
    centre.CounterToProto(c, counter->mutable_counter());
    counter->set_served(day.counters[c].served);
    counter->set_no_show(day.counters[c].no_show);
    day.counters[c].ratings.Fill(counter->mutable_ratings());
    // A clerk at a counter today is listed even before their first ticket.
    if (counter->counter().state() != v1::CLOSED && !counter->counter().clerk_id().empty())
      day.clerks[counter->counter().clerk_id()];
  }
  for (auto& [clerk_id, tally] : day.clerks) {
    v1::ClerkStats* clerk = out->add_clerks();
    clerk->set_clerk_id(clerk_id);
    clerk->set_served(tally.served);
    clerk->set_no_show(tally.no_show);
    tally.service.Fill(clerk->mutable_service());
    tally.ratings.Fill(clerk->mutable_ratings());
  }
  for (int h = 0; h < kHours; ++h) {
    v1::HourStats* hour = out->add_hours();
    hour->set_hour(static_cast<uint32_t>(h));
    hour->set_issued(day.hours[h].issued);
    hour->set_called(day.hours[h].called);
    hour->set_served(day.hours[h].served);
    day.hours[h].wait.Fill(hour->mutable_wait());
  }
}

}  // namespace qms::queue

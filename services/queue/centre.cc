// Centre: lifecycle, recovery, lookups, reads and events. The operations
// are in centre_intake.cc and centre_counter.cc, the proto views in
// queue_views.cc.
#include "services/queue/centre.h"

#include <algorithm>
#include <cmath>

#include "services/queue/opening_hours.h"
#include "services/queue/ticket_number.h"

namespace qms::queue {

Centre::Centre(const config::CentreConfig* config) : config_(config) { StartDay(0); }

void Centre::StartDay(uint32_t service_day) {
  service_day_ = service_day;
  tickets_.clear();
  request_ids_.clear();
  citizens_.clear();
  fields_.assign(config_->fields.size(), FieldLines{});
  for (size_t f = 0; f < fields_.size(); ++f) {
    fields_[f].next_number = config_->policy.number_start;
    const uint32_t minutes = config_->fields[f].service_minutes ? config_->fields[f].service_minutes
                                                                : config_->policy.default_service_minutes;
    fields_[f].avg_service_us = static_cast<double>(minutes) * kMicrosPerMinute;
  }
  counters_.assign(config_->counters.size(), CounterRuntime{});
  directed_.assign(config_->counters.size(), {});
}

void Centre::ExpireDay(MicrosUtc now, Change* change) {
  change->service_day = service_day_;
  for (auto& t : tickets_) {
    if (IsFinal(t.state)) continue;
    if (t.state == v1::WAITING) Dequeue(t);
    if (t.counter != kNoCounter) ReleaseCounter(t);
    t.state = v1::EXPIRED;
    t.finished_at = now;
    change->tickets.push_back(t.seq);
    EmitTicketEvent(v1::EXPIRED_EVENT, t, now, change, "day end");
  }
  for (int16_t c = 0; c < static_cast<int16_t>(counters_.size()); ++c) {
    if (counters_[c].state == v1::CLOSED) continue;
    counters_[c].state = v1::CLOSED;
    counters_[c].preferred_streak = 0;
    EmitCounterEvent(v1::COUNTER_CLOSED, c, now, change);
  }
}

// ---------------------------------------------------------------- recovery

void Centre::ReserveTickets(size_t count) {
  const size_t room = count + count / 4 + 16;
  tickets_.reserve(room);
  request_ids_.reserve(room);
}

void Centre::RestoreTicket(const storage::TicketRecord& record) {
  const v1::Ticket& p = record.ticket();
  Ticket t;
  t.seq = record.seq();
  t.original_field = static_cast<uint8_t>(std::max(0, FieldIndex(p.original_field_id())));
  t.field = static_cast<uint8_t>(std::max(0, FieldIndex(p.field_id())));
  t.priority = p.priority();
  t.channel = p.channel();
  t.state = p.state();
  t.counter = static_cast<int16_t>(p.counter_id().empty() ? kNoCounter : CounterIndex(p.counter_id()));
  t.directed_counter = static_cast<int16_t>(
      p.directed_counter_id().empty() ? kNoCounter : CounterIndex(p.directed_counter_id()));
  t.recall_count = static_cast<uint16_t>(p.recall_count());
  t.issued_at = p.issued_at_us();
  t.queued_since = p.queued_since_us();
  t.called_at = p.called_at_us();
  t.serving_since = p.serving_since_us();
  t.finished_at = p.finished_at_us();
  // Records written before first_called_at_us existed: the latest call is
  // the best that is known of the first.
  t.first_called_at = p.first_called_at_us() ? p.first_called_at_us() : p.called_at_us();
  t.rating = static_cast<uint8_t>(p.rating());
  t.rated_at = p.rated_at_us();
  t.clerk_id = p.clerk_id();
  t.request_id = record.request_id();
  t.citizen_hash = record.citizen_hash();
  // A stored number is always well formed; an unreadable one counts as 0.
  const StatusOr<TicketNumber> number = TicketNumber::Parse(p.number());
  t.number = number.ok() ? number->seq : 0;
  if (t.seq != tickets_.size() + 1) return;  // a gap cannot happen: seqs are written in order
  const Ticket& stored = Admit(std::move(t));
  if ((stored.state == v1::CALLED || stored.state == v1::SERVING) && stored.counter != kNoCounter) {
    counters_[stored.counter].current_seq = stored.seq;
  }
  if (stored.state == v1::DONE) RecordServiceTime(stored);
}

void Centre::RestoreCounter(const storage::CounterRecord& record) {
  const int c = CounterIndex(record.counter().counter_id());
  if (c < 0 || record.service_day() != service_day_) return;  // yesterday's counters start closed
  counters_[c].state = record.counter().state();
  counters_[c].clerk_id = record.counter().clerk_id();
  counters_[c].pause_reason = record.counter().pause_reason();
  counters_[c].preferred_streak = record.preferred_streak();
}

void Centre::RestoreEventSeq(uint64_t last_seq) { next_event_seq_ = std::max(next_event_seq_, last_seq + 1); }

// ---------------------------------------------------------------- lookups

int Centre::FieldIndex(const std::string& field_id) const {
  for (size_t f = 0; f < config_->fields.size(); ++f) {
    if (config_->fields[f].id == field_id) return static_cast<int>(f);
  }
  return -1;
}

int Centre::CounterIndex(const std::string& counter_id) const {
  for (size_t c = 0; c < config_->counters.size(); ++c) {
    if (config_->counters[c].id == counter_id) return static_cast<int>(c);
  }
  return -1;
}

bool Centre::CounterServes(int16_t counter, uint8_t field) const {
  for (const auto& fw : config_->counters[counter].field_weights) {
    if (fw.first == config_->fields[field].id) return true;
  }
  return false;
}

StatusOr<int16_t> Centre::FindCounter(const std::string& counter_id) const {
  if (counter_id.empty()) return InvalidArgument("counter_id is required");
  const int c = CounterIndex(counter_id);
  if (c < 0) return NotFound("counter " + counter_id + " does not exist at centre " + config_->id);
  return static_cast<int16_t>(c);
}

StatusOr<uint32_t> Centre::FindTicket(const std::string& number) const {
  // The letter is matched to a field before the digits are read: a letter
  // no field uses is NOT_FOUND whatever follows it.
  StatusOr<char> prefix = TicketNumber::ParsePrefix(number);
  if (!prefix.ok()) return prefix.status();
  int field = -1;
  for (size_t f = 0; f < config_->fields.size(); ++f) {
    if (config_->fields[f].prefix == *prefix) field = static_cast<int>(f);
  }
  if (field < 0) return NotFound("no field with prefix " + number.substr(0, 1) + " at centre " + config_->id);
  StatusOr<TicketNumber> parsed = TicketNumber::Parse(number);
  if (!parsed.ok()) return parsed.status();
  const uint32_t n = parsed->seq;
  const auto& seqs = fields_[field].seq_by_number;
  if (n < config_->policy.number_start || n - config_->policy.number_start >= seqs.size() ||
      seqs[n - config_->policy.number_start] == 0) {
    return NotFound("ticket " + number + " was not issued today at centre " + config_->id);
  }
  return seqs[n - config_->policy.number_start];
}

// ---------------------------------------------------------------- reads

size_t Centre::waiting_count() const {
  size_t n = 0;
  for (const auto& f : fields_) n += f.preferred.size() + f.normal.size();
  for (const auto& d : directed_) n += d.size();
  return n;
}

bool Centre::has_called_tickets() const {
  return std::any_of(counters_.begin(), counters_.end(), [this](const CounterRuntime& c) {
    return c.current_seq != 0 && tickets_[c.current_seq - 1].state == v1::CALLED;
  });
}

uint32_t Centre::OpenCountersServing(uint8_t field) const {
  uint32_t open = 0;
  uint32_t configured = 0;
  for (int16_t c = 0; c < static_cast<int16_t>(counters_.size()); ++c) {
    if (!CounterServes(c, field)) continue;
    configured++;
    if (counters_[c].state == v1::OPEN) open++;
  }
  // Before counters open, assume the configured ones will.
  return open > 0 ? open : std::max<uint32_t>(configured, 1);
}

uint32_t Centre::EstimateWaitMinutes(uint8_t field, uint32_t ahead) const {
  const double us = fields_[field].avg_service_us * ahead / OpenCountersServing(field);
  return static_cast<uint32_t>(std::ceil(us / kMicrosPerMinute));
}

Position Centre::PositionOf(uint32_t seq) const {
  const Ticket& t = ticket(seq);
  if (t.state != v1::WAITING) return {};
  const QueueKey key{t.queued_since, t.seq};
  uint32_t ahead = 0;
  if (t.directed_counter != kNoCounter) {
    const auto& d = directed_[t.directed_counter];
    ahead = static_cast<uint32_t>(d.count_before(key));
  } else {
    const FieldLines& f = fields_[t.field];
    if (IsPreferred(t.priority)) {
      ahead = static_cast<uint32_t>(f.preferred.count_before(key));
    } else {
      ahead = static_cast<uint32_t>(f.normal.count_before(key) + f.preferred.size());
    }
  }
  return {ahead, EstimateWaitMinutes(t.field, ahead)};
}

std::string Centre::DisplayNumber(const Ticket& t) const {
  return TicketNumber{config_->fields[t.original_field].prefix, t.number}.Format();
}

// ---------------------------------------------------------------- events

void Centre::Touch(Change* change, const Ticket& t) const {
  if (std::find(change->tickets.begin(), change->tickets.end(), t.seq) == change->tickets.end()) {
    change->tickets.push_back(t.seq);
  }
  if (t.counter != kNoCounter &&
      std::find(change->counters.begin(), change->counters.end(), t.counter) == change->counters.end()) {
    change->counters.push_back(t.counter);
  }
}

void Centre::EmitTicketEvent(v1::EventKind kind, const Ticket& t, MicrosUtc now, Change* change,
                             const std::string& reason, int from_field) {
  change->service_day = service_day_;
  change->ticket_events.emplace_back(t.seq, change->events.size());
  v1::CentreEvent& e = change->events.emplace_back();
  e.set_seq(next_event_seq_++);
  e.set_at_us(now);
  e.set_kind(kind);
  ToProto(t, e.mutable_ticket());
  if (t.counter != kNoCounter) e.set_counter_id(config_->counters[t.counter].id);
  e.set_clerk_id(t.clerk_id);
  e.set_reason(reason);
  FieldQueueToProto(t.field, now, e.add_queues());
  if (from_field >= 0 && from_field != t.field) {
    e.set_from_field_id(config_->fields[from_field].id);
    FieldQueueToProto(static_cast<uint8_t>(from_field), now, e.add_queues());
  }
}

void Centre::EmitCounterEvent(v1::EventKind kind, int16_t counter, MicrosUtc now, Change* change) {
  change->service_day = service_day_;
  if (std::find(change->counters.begin(), change->counters.end(), counter) == change->counters.end()) {
    change->counters.push_back(counter);
  }
  v1::CentreEvent& e = change->events.emplace_back();
  e.set_seq(next_event_seq_++);
  e.set_at_us(now);
  e.set_kind(kind);
  CounterToProto(counter, e.mutable_counter());
  e.set_counter_id(config_->counters[counter].id);
  e.set_clerk_id(counters_[counter].clerk_id);
  e.set_reason(counters_[counter].pause_reason);
}

}  // namespace qms::queue

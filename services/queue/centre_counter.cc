// Centre: counter operations. Every transition not listed in DESIGN.md
// section 3 is refused with FAILED_PRECONDITION before anything changes.
#include <algorithm>
#include <initializer_list>

#include "services/queue/call_policy.h"
#include "services/queue/centre.h"

namespace qms::queue {

namespace {
std::string StateName(TicketState s) { return v1::TicketState_Name(s); }
bool OneOf(TicketState s, std::initializer_list<TicketState> allowed) {
  return std::find(allowed.begin(), allowed.end(), s) != allowed.end();
}
}  // namespace

std::string Centre::ClerkFor(int16_t counter, const CounterAction& a) const {
  if (a.actor.authenticated) return a.actor.subject;
  return a.clerk_id.empty() ? counters_[counter].clerk_id : a.clerk_id;
}

Status Centre::CheckMayAct(int16_t counter, const Actor& actor, CounterDuty duty) const {
  if (!actor.authenticated || actor.admin) return Status::Ok();
  const std::string& id = config_->counters[counter].id;
  if (actor.supervisor) {
    if (duty == CounterDuty::kPauseOrClose) return Status::Ok();
    return PermissionDenied("a supervisor may only pause or close counter " + id + "; " +
                            (duty == CounterDuty::kOpen ? "opening" : "serving") + " is a clerk's");
  }
  const CounterRuntime& rt = counters_[counter];
  if (rt.state == v1::CLOSED || rt.clerk_id == actor.subject) return Status::Ok();
  return PermissionDenied("counter " + id + " is held by " + rt.clerk_id + " until it is closed");
}

StatusOr<int16_t> Centre::CounterFor(const CounterAction& a, CounterDuty duty) const {
  auto c = FindCounter(a.counter_id);
  if (!c.ok()) return c;
  if (Status s = CheckMayAct(*c, a.actor, duty); !s.ok()) return s;
  return c;
}

Status Centre::CheckCounterFree(int16_t counter) const {
  const CounterRuntime& rt = counters_[counter];
  if (rt.current_seq == 0) return Status::Ok();
  return FailedPrecondition("counter " + config_->counters[counter].id + " still has ticket " +
                            DisplayNumber(ticket(rt.current_seq)) + "; complete, park or transfer it first");
}

StatusOr<int16_t> Centre::OpenCounterFor(const CounterAction& a, CounterDuty duty) const {
  auto c = CounterFor(a, duty);
  if (!c.ok()) return c;
  if (counters_[*c].state != v1::OPEN) {
    return FailedPrecondition("counter " + a.counter_id + " is " +
                              v1::CounterState_Name(counters_[*c].state) + "; open it first");
  }
  return c;
}

StatusOr<uint32_t> Centre::TicketAtCounter(const CounterAction& a, int16_t counter,
                                           std::initializer_list<TicketState> allowed) const {
  uint32_t seq = counters_[counter].current_seq;
  if (!a.number.empty()) {
    auto found = FindTicket(a.number);
    if (!found.ok()) return found.status();
    seq = *found;
  }
  if (seq == 0) return FailedPrecondition("counter " + a.counter_id + " has no ticket called");
  const Ticket& t = ticket(seq);
  if (!OneOf(t.state, allowed)) {
    return FailedPrecondition("ticket " + DisplayNumber(t) + " is " + StateName(t.state) +
                              "; this action needs it " + StateName(*allowed.begin()) +
                              (allowed.size() > 1 ? " or " + StateName(*(allowed.begin() + 1)) : ""));
  }
  if ((t.state == v1::CALLED || t.state == v1::SERVING) && t.counter != counter) {
    return FailedPrecondition("ticket " + DisplayNumber(t) + " is at counter " +
                              config_->counters[t.counter].id + ", not " + a.counter_id);
  }
  return seq;
}

// ---------------------------------------------------------------- counter state

Status Centre::OpenCounter(const CounterAction& a, MicrosUtc now, Change* change) {
  auto c = CounterFor(a, CounterDuty::kOpen);
  if (!c.ok()) return c.status();
  CounterRuntime& rt = counters_[*c];
  const std::string clerk = a.actor.authenticated ? a.actor.subject : a.clerk_id;
  if (clerk.empty()) return InvalidArgument("clerk_id is required to open a counter");
  if (rt.state == v1::OPEN) {
    if (rt.clerk_id == clerk) {
      change->primary_counter = *c;
      return Status::Ok();  // already open by this clerk: nothing to do
    }
    return FailedPrecondition("counter " + a.counter_id + " is open by clerk " + rt.clerk_id);
  }
  rt.state = v1::OPEN;
  rt.clerk_id = clerk;
  rt.pause_reason.clear();
  change->primary_counter = *c;
  EmitCounterEvent(v1::COUNTER_OPENED, *c, now, change);
  return Status::Ok();
}

Status Centre::PauseCounter(const CounterAction& a, MicrosUtc now, Change* change) {
  auto c = OpenCounterFor(a, CounterDuty::kPauseOrClose);
  if (!c.ok()) return c.status();
  if (Status s = CheckCounterFree(*c); !s.ok()) return s;
  counters_[*c].state = v1::PAUSED;
  counters_[*c].pause_reason = a.reason;
  change->primary_counter = *c;
  EmitCounterEvent(v1::COUNTER_PAUSED, *c, now, change);
  return Status::Ok();
}

Status Centre::CloseCounter(const CounterAction& a, MicrosUtc now, Change* change) {
  auto c = CounterFor(a, CounterDuty::kPauseOrClose);
  if (!c.ok()) return c.status();
  if (counters_[*c].state == v1::CLOSED)
    return FailedPrecondition("counter " + a.counter_id + " is already CLOSED");
  if (Status s = CheckCounterFree(*c); !s.ok()) return s;
  counters_[*c].state = v1::CLOSED;
  counters_[*c].preferred_streak = 0;
  counters_[*c].pause_reason.clear();
  change->primary_counter = *c;
  EmitCounterEvent(v1::COUNTER_CLOSED, *c, now, change);
  return Status::Ok();
}

// ---------------------------------------------------------------- calling

void Centre::AssignToCounter(Ticket& t, int16_t counter, const std::string& clerk, MicrosUtc now) {
  t.state = v1::CALLED;
  t.counter = counter;
  t.directed_counter = kNoCounter;
  t.clerk_id = clerk;
  t.called_at = now;
  if (t.first_called_at == 0) t.first_called_at = now;
  t.finished_at = 0;  // a NO_SHOW called back is no longer finished
  counters_[counter].current_seq = t.seq;
}

void Centre::ReleaseCounter(Ticket& t) {
  if (t.counter != kNoCounter && counters_[t.counter].current_seq == t.seq)
    counters_[t.counter].current_seq = 0;
}

Status Centre::CallNext(const CounterAction& a, MicrosUtc now, Change* change) {
  auto c = OpenCounterFor(a, CounterDuty::kServe);
  if (!c.ok()) return c.status();
  if (Status s = CheckCounterFree(*c); !s.ok()) return s;
  std::vector<CallCandidate> candidates;
  if (!directed_[*c].empty()) {
    const QueueKey& k = *directed_[*c].begin();
    candidates.push_back({k, ticket(k.seq).field, 1.0, IsPreferred(ticket(k.seq).priority), true});
  }
  for (const auto& [field_id, weight] : config_->counters[*c].field_weights) {
    const uint8_t f = static_cast<uint8_t>(FieldIndex(field_id));
    if (!fields_[f].preferred.empty())
      candidates.push_back({*fields_[f].preferred.begin(), f, weight, true, false});
    if (!fields_[f].normal.empty())
      candidates.push_back({*fields_[f].normal.begin(), f, weight, false, false});
  }
  CounterRuntime& rt = counters_[*c];
  auto choice = ChooseNext(candidates, config_->policy,
                           {config_->counters[*c].priority_counter, rt.preferred_streak}, now);
  if (!choice) return NotFound("no ticket is waiting for counter " + a.counter_id);
  Ticket& t = tickets_[choice->key.seq - 1];
  Dequeue(t);
  rt.preferred_streak = IsPreferred(t.priority) ? rt.preferred_streak + 1 : 0;
  AssignToCounter(t, *c, ClerkFor(*c, a), now);
  change->primary_ticket = t.seq;
  Touch(change, t);
  EmitTicketEvent(v1::CALLED_EVENT, t, now, change);
  return Status::Ok();
}

Status Centre::CallTicket(const CounterAction& a, MicrosUtc now, Change* change) {
  auto c = OpenCounterFor(a, CounterDuty::kServe);
  if (!c.ok()) return c.status();
  if (a.number.empty()) return InvalidArgument("number is required to call a specific ticket");
  if (Status s = CheckCounterFree(*c); !s.ok()) return s;
  auto seq = FindTicket(a.number);
  if (!seq.ok()) return seq.status();
  Ticket& t = tickets_[*seq - 1];
  if (!OneOf(t.state, {v1::WAITING, v1::PARKED, v1::NO_SHOW})) {
    return FailedPrecondition("ticket " + a.number + " is " + StateName(t.state) +
                              "; only WAITING, PARKED or NO_SHOW tickets can be called");
  }
  if (!CounterServes(*c, t.field) && t.directed_counter != *c) {
    return FailedPrecondition("counter " + a.counter_id + " does not serve field " +
                              config_->fields[t.field].id + "; transfer the ticket first");
  }
  if (t.state == v1::WAITING) Dequeue(t);
  AssignToCounter(t, *c, ClerkFor(*c, a), now);
  change->primary_ticket = t.seq;
  Touch(change, t);
  EmitTicketEvent(v1::CALLED_EVENT, t, now, change);
  return Status::Ok();
}

Status Centre::Recall(const CounterAction& a, MicrosUtc now, Change* change) {
  auto c = CounterFor(a, CounterDuty::kServe);
  if (!c.ok()) return c.status();
  auto seq = TicketAtCounter(a, *c, {v1::CALLED});
  if (!seq.ok()) return seq.status();
  Ticket& t = tickets_[*seq - 1];
  t.recall_count++;
  t.called_at = now;
  change->primary_ticket = t.seq;
  Touch(change, t);
  EmitTicketEvent(v1::RECALLED, t, now, change);
  return Status::Ok();
}

// ---------------------------------------------------------------- serving

void Centre::RecordServiceTime(const Ticket& t) {
  const MicrosUtc start = ServiceStart(t);
  if (start == 0 || t.finished_at <= start) return;
  constexpr double kAlpha = 0.2;  // weight of the newest sample
  double& avg = fields_[t.field].avg_service_us;
  avg = (1 - kAlpha) * avg + kAlpha * static_cast<double>(t.finished_at - start);
}

Status Centre::StartServing(const CounterAction& a, MicrosUtc now, Change* change) {
  auto c = CounterFor(a, CounterDuty::kServe);
  if (!c.ok()) return c.status();
  auto seq = TicketAtCounter(a, *c, {v1::CALLED});
  if (!seq.ok()) return seq.status();
  Ticket& t = tickets_[*seq - 1];
  t.state = v1::SERVING;
  t.serving_since = now;
  change->primary_ticket = t.seq;
  Touch(change, t);
  EmitTicketEvent(v1::SERVING_STARTED, t, now, change);
  return Status::Ok();
}

Status Centre::LeaveCounter(const CounterAction& a, std::initializer_list<TicketState> allowed,
                            TicketState to, v1::EventKind kind, MicrosUtc now, Change* change) {
  auto c = CounterFor(a, CounterDuty::kServe);
  if (!c.ok()) return c.status();
  auto seq = TicketAtCounter(a, *c, allowed);
  if (!seq.ok()) return seq.status();
  Ticket& t = tickets_[*seq - 1];
  Touch(change, t);
  ReleaseCounter(t);
  t.state = to;
  if (to != v1::PARKED) t.finished_at = now;
  if (to == v1::DONE) RecordServiceTime(t);
  change->primary_ticket = t.seq;
  EmitTicketEvent(kind, t, now, change, a.reason);
  return Status::Ok();
}

Status Centre::Complete(const CounterAction& a, MicrosUtc now, Change* change) {
  return LeaveCounter(a, {v1::SERVING, v1::CALLED}, v1::DONE, v1::COMPLETED, now, change);
}

Status Centre::MarkNoShow(const CounterAction& a, MicrosUtc now, Change* change) {
  return LeaveCounter(a, {v1::CALLED}, v1::NO_SHOW, v1::MARKED_NO_SHOW, now, change);
}

Status Centre::Park(const CounterAction& a, MicrosUtc now, Change* change) {
  return LeaveCounter(a, {v1::SERVING, v1::CALLED}, v1::PARKED, v1::PARKED_EVENT, now, change);
}

Status Centre::Resume(const CounterAction& a, MicrosUtc now, Change* change) {
  if (a.number.empty()) return InvalidArgument("number of the parked ticket is required");
  auto seq = FindTicket(a.number);
  if (!seq.ok()) return seq.status();
  if (ticket(*seq).state != v1::PARKED) {
    return FailedPrecondition("ticket " + a.number + " is " + StateName(ticket(*seq).state) +
                              "; only a PARKED ticket can be resumed");
  }
  if (!a.counter_id.empty()) return CallTicket(a, now, change);  // straight back to a counter
  Ticket& t = tickets_[*seq - 1];
  t.state = v1::WAITING;
  t.counter = kNoCounter;
  Enqueue(t);  // at its original place: queued_since is unchanged
  change->primary_ticket = t.seq;
  Touch(change, t);
  EmitTicketEvent(v1::RESUMED, t, now, change);
  return Status::Ok();
}

Status Centre::Transfer(const TransferAction& a, MicrosUtc now, Change* change) {
  auto from = CounterFor(a.from, CounterDuty::kServe);
  if (!from.ok()) return from.status();
  auto seq = TicketAtCounter(a.from, *from, {v1::SERVING, v1::CALLED, v1::WAITING, v1::PARKED});
  if (!seq.ok()) return seq.status();
  Ticket& t = tickets_[*seq - 1];
  const int to_field = a.to_field_id.empty() ? t.field : FieldIndex(a.to_field_id);
  if (to_field < 0) return NotFound("field " + a.to_field_id + " does not exist at centre " + config_->id);
  int16_t to_counter = kNoCounter;
  if (!a.to_counter_id.empty()) {
    auto c = FindCounter(a.to_counter_id);
    if (!c.ok()) return c.status();
    to_counter = *c;
  }
  if (to_field == t.field && to_counter == kNoCounter) {
    return InvalidArgument("transfer needs another field (to_field_id) or a counter (to_counter_id)");
  }
  const int from_field = t.field;
  Touch(change, t);
  if (t.state == v1::WAITING) Dequeue(t);
  ReleaseCounter(t);
  t.state = v1::WAITING;
  t.field = static_cast<uint8_t>(to_field);
  t.counter = kNoCounter;
  t.directed_counter = to_counter;
  if (a.requeue_at_end) t.queued_since = now;
  Enqueue(t);
  change->primary_ticket = t.seq;
  EmitTicketEvent(v1::TRANSFERRED_EVENT, t, now, change, a.from.reason, from_field);
  return Status::Ok();
}

// ---------------------------------------------------------------- rating

Status Centre::Rate(const RateAction& a, MicrosUtc now, Change* change) {
  if (a.rating == v1::RATING_UNSPECIFIED || !v1::Rating_IsValid(a.rating)) {
    return InvalidArgument("rating must be VERY_SATISFIED, SATISFIED or DISSATISFIED");
  }
  auto c = FindCounter(a.counter_id);
  if (!c.ok()) return c.status();
  if (Status s = CheckMayAct(*c, a.actor, CounterDuty::kServe); !s.ok()) return s;
  if (a.number.empty()) return InvalidArgument("number of the ticket to rate is required");
  auto seq = FindTicket(a.number);
  if (!seq.ok()) return seq.status();
  Ticket& t = tickets_[*seq - 1];
  if (t.state != v1::DONE) {
    return FailedPrecondition("ticket " + a.number + " is " + StateName(t.state) +
                              "; only a DONE ticket can be rated");
  }
  if (t.counter != *c) {
    const std::string served_at = t.counter == kNoCounter ? "a counter no longer configured"
                                                          : "counter " + config_->counters[t.counter].id;
    return FailedPrecondition("ticket " + a.number + " was served at " + served_at + ", not " + a.counter_id);
  }
  // With an authenticated caller the holder rule stands in for this check.
  if (!a.actor.authenticated && !a.clerk_id.empty() && a.clerk_id != t.clerk_id) {
    return FailedPrecondition("ticket " + a.number + " was served by clerk " + t.clerk_id + ", not " +
                              a.clerk_id);
  }
  change->primary_ticket = t.seq;
  if (t.rating != v1::RATING_UNSPECIFIED) {
    if (t.rating == a.rating) {
      change->replayed = true;  // a retry after a lost reply: answered, not applied again
      return Status::Ok();
    }
    return AlreadyExists("ticket " + a.number + " was already rated " +
                         v1::Rating_Name(static_cast<v1::Rating>(t.rating)) + "; a rating cannot be changed");
  }
  t.rating = static_cast<uint8_t>(a.rating);
  t.rated_at = now;
  // Only the ticket's record changes; the counter's does not.
  change->tickets.push_back(t.seq);
  EmitTicketEvent(v1::RATED, t, now, change);
  return Status::Ok();
}

// ---------------------------------------------------------------- timers

void Centre::AutoNoShow(MicrosUtc now, Change* change) {
  const uint32_t minutes = config_->policy.auto_no_show_minutes;
  if (minutes == 0) return;
  for (auto& rt : counters_) {
    if (rt.current_seq == 0) continue;
    Ticket& t = tickets_[rt.current_seq - 1];
    if (t.state != v1::CALLED || now - t.called_at < static_cast<MicrosUtc>(minutes) * kMicrosPerMinute)
      continue;
    Touch(change, t);
    ReleaseCounter(t);
    t.state = v1::NO_SHOW;
    t.finished_at = now;
    EmitTicketEvent(v1::MARKED_NO_SHOW, t, now, change, "auto no-show");
  }
}

}  // namespace qms::queue

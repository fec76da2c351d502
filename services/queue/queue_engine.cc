#include "services/queue/queue_engine.h"

#include <openssl/sha.h>

#include "services/queue/closed_days.h"
#include "storage/audit_trail.h"
#include "storage/keys.h"

namespace qms::queue {

namespace {

std::vector<uint32_t> CentreKeys(const config::SystemConfig& config) {
  std::vector<uint32_t> keys;
  for (const auto& c : config.centres) keys.push_back(c.key);
  return keys;
}

uint32_t Today(MicrosUtc now) { return LocalDateOf(now).ToYyyymmdd(); }

void FillResult(const Centre& centre, const Change& change, OpResult* result) {
  result->replayed = change.replayed;
  if (change.primary_ticket) {
    result->has_ticket = true;
    centre.TicketViewOf(change.primary_ticket, change, &result->ticket);
    result->position = centre.PositionOf(change.primary_ticket);
  }
  if (change.primary_counter != kNoCounter) {
    result->has_counter = true;
    centre.CounterToProto(change.primary_counter, &result->counter);
  }
}

}  // namespace

QueueEngine::QueueEngine(const config::SystemConfig* config, storage::Store* store,
                         storage::GroupCommitWriter* writer, const Clock* clock,
                         size_t events_kept_per_centre, LoadLimits load)
    : config_(config),
      store_(store),
      writer_(writer),
      clock_(clock),
      hub_(CentreKeys(*config), events_kept_per_centre),
      load_(load) {
  for (const auto& c : config->centres) slots_.emplace(c.id, std::make_unique<Slot>(&c));
}

QueueEngine::Slot* QueueEngine::FindSlot(const std::string& centre_id) {
  auto it = slots_.find(centre_id);
  return it == slots_.end() ? nullptr : it->second.get();
}

const config::CentreConfig* QueueEngine::FindCentre(const std::string& centre_id) const {
  auto it = slots_.find(centre_id);
  return it == slots_.end() ? nullptr : &it->second->centre.config();
}

std::string QueueEngine::HashCitizen(const std::string& citizen_id) const {
  std::string input = citizen_salt_ + citizen_id;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

// ---------------------------------------------------------------- operations

void QueueEngine::Execute(const std::string& centre_id, const CentreOp& op, OpDone done) {
  Run(centre_id, nullptr, op, std::move(done));
}

void QueueEngine::Execute(const std::string& centre_id, const AuditNote& note, const CentreOp& op,
                          OpDone done) {
  Run(centre_id, &note, op, std::move(done));
}

void QueueEngine::Run(const std::string& centre_id, const AuditNote* note, const CentreOp& op, OpDone done) {
  Slot* slot = FindSlot(centre_id);
  if (!slot) {
    done(NotFound("centre " + centre_id + " does not exist"), {});
    return;
  }
  if (writer_->failed()) {
    done(Unavailable("storage failed; the server must be restarted"), {});
    return;
  }
  if (Status s = load_.Enter(&slot->in_flight, centre_id); !s.ok()) {
    done(s, {});
    return;
  }
  // Admitted: every answer below gives the room back first (Leave), where
  // it is made, so that `done` is never wrapped on this path.
  std::unique_lock<std::mutex> lock(slot->mu);
  if (Status recovered = EnsureRecovered(slot); !recovered.ok()) {
    lock.unlock();
    load_.Leave(&slot->in_flight);
    done(recovered, {});
    return;
  }
  const MicrosUtc now = clock_->Now();
  EnsureDay(slot, now);
  Change change;
  Status status = op(slot->centre, now, &change);
  AuditRecords records;
  if (!status.ok()) {
    if (note == nullptr || status.code() != StatusCode::kPermissionDenied) {
      lock.unlock();
      load_.Leave(&slot->in_flight);
      done(status, {});
      return;
    }
    // Refused because of who asked: nothing changed, the attempt is recorded.
    DescribeRefusal(*note, status, &AddRecord(slot, slot->centre.service_day(), now, &records));
    Change none;
    Persist(slot, &none, std::move(records), [this, slot, status, done = std::move(done)](const Status& s) {
      load_.Leave(&slot->in_flight);
      done(s.ok() ? status : s, {});
    });
    return;
  }
  if (note != nullptr && !change.replayed && !change.events.empty()) {
    DescribeChange(*note, change.events.front(), &AddRecord(slot, change.service_day, now, &records));
  }
  auto result = std::make_shared<OpResult>();
  FillResult(slot->centre, change, result.get());
  Persist(slot, &change, std::move(records), [this, slot, result, done = std::move(done)](const Status& s) {
    load_.Leave(&slot->in_flight);
    done(s, *result);
  });
}

v1::AuditRecord& QueueEngine::AddRecord(Slot* slot, uint32_t day, MicrosUtc now, AuditRecords* records) {
  v1::AuditRecord& r = records->emplace_back();
  r.set_seq(++slot->audit_seq);
  r.set_service_day(day);
  r.set_at_us(now);
  r.set_centre_id(slot->centre.config().id);
  r.set_source(v1::AUDIT_QUEUE);
  return r;
}

QueueEngine::AuditRecords QueueEngine::SystemRecords(Slot* slot, const Change& change, MicrosUtc now) {
  AuditRecords records;
  size_t expired = 0, closed = 0;
  for (const auto& e : change.events) {
    if (e.kind() == v1::MARKED_NO_SHOW)
      DescribeAutoNoShow(e, &AddRecord(slot, change.service_day, now, &records));
    if (e.kind() == v1::EXPIRED_EVENT) ++expired;
    if (e.kind() == v1::COUNTER_CLOSED) ++closed;
  }
  if (expired + closed > 0)
    DescribeDayEnd(expired, closed, &AddRecord(slot, change.service_day, now, &records));
  return records;
}

void QueueEngine::Persist(Slot* slot, Change* change, AuditRecords records,
                          std::function<void(const Status&)> done, storage::WriteSet writes) {
  const Centre& centre = slot->centre;
  const uint32_t key = centre.config().key;
  storage::TicketRecord ticket_record;
  for (uint32_t seq : change->tickets) {
    centre.TicketRecordOf(seq, *change, &ticket_record);
    writes.Put(storage::Cf::kTickets, storage::TicketKey(key, change->service_day, seq),
               ticket_record.SerializeAsString());
  }
  storage::CounterRecord counter_record;
  for (int16_t c : change->counters) {
    counter_record.Clear();
    centre.CounterRecordOf(c, &counter_record);
    writes.Put(storage::Cf::kCounters, storage::CounterKey(key, centre.config().counters[c].id),
               counter_record.SerializeAsString());
  }
  for (const auto& r : records) storage::PutAuditRecord(key, r, &writes);
  std::vector<EventPtr> events;
  events.reserve(change->events.size());
  for (auto& e : change->events) {
    writes.Put(storage::Cf::kEvents, storage::EventKey(key, change->service_day, e.seq()),
               e.SerializeAsString());
    events.push_back(std::make_shared<const v1::CentreEvent>(std::move(e)));
  }
  writer_->Submit(std::move(writes),
                  [this, key, events = std::move(events), done = std::move(done)](const Status& s) {
                    if (s.ok()) {
                      for (const auto& e : events) hub_.Publish(key, e);
                    }
                    if (done) done(s);
                  });
}

void QueueEngine::EnsureDay(Slot* slot, MicrosUtc now) {
  const uint32_t today = Today(now);
  Centre& centre = slot->centre;
  if (centre.service_day() == today) return;
  if (centre.service_day() != 0) CloseDay(slot, now);
  centre.StartDay(today);
}

size_t QueueEngine::CloseDay(Slot* slot, MicrosUtc now, bool figures_stored) {
  Centre& centre = slot->centre;
  Change expired;
  centre.ExpireDay(now, &expired);
  storage::WriteSet figures;
  v1::DayStats stats;
  bool found = false;
  if (!figures_stored) FiguresOfEndedDay(centre, &stats, &found);
  if (found)
    figures.Put(storage::Cf::kDayStats, storage::DayStatsKey(centre.config().key, centre.service_day()),
                stats.SerializeAsString());
  if (!expired.events.empty() || !figures.empty())
    Persist(slot, &expired, SystemRecords(slot, expired, now), nullptr, std::move(figures));
  return expired.tickets.size();
}

void QueueEngine::Tick() {
  const MicrosUtc now = clock_->Now();
  for (auto& [id, slot] : slots_) {
    std::lock_guard<std::mutex> lock(slot->mu);
    if (writer_->failed()) return;
    // A centre not yet recovered waits for its recovery (which expires and
    // starts days itself); the next tick takes it.
    if (!slot->recovered || !slot->recovery_status.ok()) continue;
    EnsureDay(slot.get(), now);
    if (!slot->centre.has_called_tickets()) continue;
    Change change;
    slot->centre.AutoNoShow(now, &change);
    if (!change.events.empty()) Persist(slot.get(), &change, SystemRecords(slot.get(), change, now), nullptr);
  }
}

Status QueueEngine::ReadClosedDay(const std::string& centre_id, uint32_t day, v1::DayStats* out) {
  const config::CentreConfig* centre = FindCentre(centre_id);
  if (!centre) return NotFound("centre " + centre_id + " does not exist");
  return queue::ReadClosedDay(*centre, store_, day, out);
}

// ---------------------------------------------------------------- watch

Status QueueEngine::Watch(const std::string& centre_id, uint64_t resume_after, EventSubscriber* subscriber,
                          v1::CentreEvent* snapshot) {
  Slot* slot = FindSlot(centre_id);
  if (!slot) return NotFound("centre " + centre_id + " does not exist");
  std::lock_guard<std::mutex> lock(slot->mu);
  if (Status recovered = EnsureRecovered(slot); !recovered.ok()) return recovered;
  const MicrosUtc now = clock_->Now();
  EnsureDay(slot, now);
  const uint32_t key = slot->centre.config().key;
  if (resume_after > 0 && resume_after <= slot->centre.last_event_seq() &&
      hub_.Subscribe(key, subscriber, resume_after, &resume_after)) {
    return Status::Ok();
  }
  snapshot->set_seq(slot->centre.last_event_seq());
  snapshot->set_at_us(now);
  slot->centre.Snapshot(now, snapshot->mutable_snapshot());
  hub_.Subscribe(key, subscriber, slot->centre.last_event_seq(), nullptr);
  return Status::Ok();
}

void QueueEngine::Unwatch(const std::string& centre_id, EventSubscriber* subscriber) {
  if (const config::CentreConfig* c = FindCentre(centre_id)) hub_.Unsubscribe(c->key, subscriber);
}

}  // namespace qms::queue

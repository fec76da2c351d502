// DossierEngine: construction, ReceiveDossier and the changes of existing
// dossiers (actions, extension), made durable through the group commit.
#include "services/deadline/dossier_engine.h"

#include <boost/asio/post.hpp>
#include <set>

#include "services/deadline/dossier_code.h"
#include "services/deadline/dossier_keys.h"
#include "storage/audit_trail.h"
#include "storage/keys.h"

namespace qms::deadline {

namespace {

using storage::Cf;

size_t StripeOf(const std::string& code, size_t stripes) { return std::hash<std::string>{}(code) % stripes; }

// Reading a dossier without the lock is retried this many times when it
// changed meanwhile; then it is read under the lock.
constexpr int kOptimisticReads = 3;

}  // namespace

StatusOr<std::unique_ptr<DossierEngine>> DossierEngine::Create(
    std::vector<DossierCentre> centres, const ProcedureCatalogue* procedures,
    const WorkingCalendar* default_calendar, storage::Store* store, storage::GroupCommitWriter* writer,
    const Clock* clock, DossierEngineOptions options) {
  std::unordered_map<std::string, std::string> owner;
  for (auto& c : centres) {
    if (c.calendar == nullptr) c.calendar = default_calendar;
    if (c.calendar == nullptr) return InvalidArgument("centre " + c.id + " has no working calendar");
    if (c.agency_code.empty()) c.agency_code = c.id;
    auto [it, fresh] = owner.emplace(c.agency_code, c.id);
    if (!fresh) {
      return InvalidArgument("centres " + it->second + " and " + c.id + " share the agency code " +
                             c.agency_code +
                             "; dossier codes are numbered per agency, so each centre needs its own");
    }
  }
  if (options.read_threads < 1) options.read_threads = 1;
  return std::unique_ptr<DossierEngine>(
      new DossierEngine(std::move(centres), procedures, store, writer, clock, options));
}

DossierEngine::DossierEngine(std::vector<DossierCentre> centres, const ProcedureCatalogue* procedures,
                             storage::Store* store, storage::GroupCommitWriter* writer, const Clock* clock,
                             DossierEngineOptions options)
    : centres_(std::move(centres)),
      procedures_(procedures),
      store_(store),
      writer_(writer),
      clock_(clock),
      options_(options),
      load_(options.load),
      reads_(static_cast<size_t>(options.read_threads)) {
  for (const auto& c : centres_) {
    slots_.push_back(std::make_unique<Slot>(&c));
    by_centre_id_.emplace(c.id, slots_.back().get());
    by_agency_.emplace(c.agency_code, slots_.back().get());
  }
}

DossierEngine::~DossierEngine() { Shutdown(); }

void DossierEngine::Shutdown() {
  if (stopped_.exchange(true)) return;
  reads_.join();
}

DossierEngine::Slot* DossierEngine::FindSlot(const std::string& centre_id) const {
  auto it = by_centre_id_.find(centre_id);
  return it == by_centre_id_.end() ? nullptr : it->second;
}

DossierEngine::Slot* DossierEngine::SlotOfCode(const std::string& code) const {
  std::string_view agency;
  uint32_t yymmdd = 0, number = 0;
  if (!ParseDossierCode(code, &agency, &yymmdd, &number)) return nullptr;
  auto it = by_agency_.find(std::string(agency));
  return it == by_agency_.end() ? nullptr : it->second;
}

const DossierCentre* DossierEngine::FindCentre(const std::string& centre_id) const {
  const Slot* slot = FindSlot(centre_id);
  return slot ? slot->centre : nullptr;
}

const DossierCentre* DossierEngine::CentreOfCode(const std::string& code) const {
  const Slot* slot = SlotOfCode(code);
  return slot ? slot->centre : nullptr;
}

bool DossierEngine::Refuse(const DossierDone& done) const {
  if (!stopped_.load() && !writer_->failed()) return false;
  DossierResult none;
  done(Unavailable("the deadline service is stopping or its storage failed; retry after a restart"), &none);
  return true;
}

StatusOr<v1::Dossier> DossierEngine::ReadDossier(const std::string& code) const {
  std::string value;
  Status s = store_->Get(Cf::kDossiers, code, &value);
  if (s.code() == StatusCode::kNotFound) return NotFound("dossier " + code + " does not exist");
  if (!s.ok()) return Unavailable("cannot read dossier " + code + ": " + s.message());
  v1::Dossier d;
  if (!d.ParseFromString(value)) return Status(StatusCode::kDataLoss, "dossier " + code + " is unreadable");
  return d;
}

std::shared_ptr<const v1::Dossier> DossierEngine::InFlight(Slot* slot, const std::string& code) {
  std::lock_guard<std::mutex> lock(slot->in_flight_mu);
  auto it = slot->in_flight.find(code);
  return it == slot->in_flight.end() ? nullptr : it->second;
}

// ---------------------------------------------------------------- receive

void DossierEngine::Receive(const ReceiveRequest& r, DossierDone done) {
  DossierResult none;
  Slot* slot = FindSlot(r.centre_id);
  if (!slot) return done(NotFound("centre " + r.centre_id + " does not exist"), &none);
  const Procedure* procedure = procedures_->Find(r.procedure_code);
  if (!procedure) return done(NotFound("procedure " + r.procedure_code + " is not in the catalogue"), &none);
  if (Refuse(done)) return;
  if (Status s = Enter(slot); !s.ok()) return done(s, &none);
  std::unique_lock<std::mutex> lock(slot->mu);
  const MicrosUtc now = clock_->Now();
  if (Status s = RollDay(slot, now); !s.ok()) {
    lock.unlock();
    Leave(slot);
    return done(s, &none);
  }
  if (auto it = slot->requests.find(r.request_id); it != slot->requests.end()) {
    const RequestEntry entry = it->second;
    const std::string code =
        FormatDossierCode(slot->centre->agency_code, LocalDate::FromYyyymmdd(slot->day), entry.number);
    lock.unlock();
    if (entry.procedure != procedure) {
      Leave(slot);
      return done(AlreadyExists("request id " + r.request_id + " was already used today for dossier " + code +
                                " of another procedure"),
                  &none);
    }
    return Replay(slot, code, procedure, std::move(done));
  }
  const DossierCentre& centre = *slot->centre;
  const uint32_t number = ++slot->last_number;
  const ChangeNote note{"ReceiveDossier", r.actor, ClerkOf(r.actor, r.clerk_id), {}};
  NewDossierInput input{FormatDossierCode(centre.agency_code, LocalDate::FromYyyymmdd(slot->day), number),
                        centre.id,
                        procedure,
                        r.ticket_number,
                        r.applicant_name,
                        note.clerk_id,
                        r.online};
  auto created = std::make_shared<v1::Dossier>(NewDossier(input, now, rule_context(slot)));
  created->set_last_clerk_id(note.clerk_id);
  std::shared_ptr<const v1::Dossier> dossier = std::move(created);
  auto result = std::make_shared<DossierResult>();
  result->dossier = *dossier;
  result->has_receipt = true;
  result->receipt = MakeReceiptSlip(*dossier, centre, *procedure);

  storage::WriteSet writes;
  writes.Put(Cf::kDossiers, dossier->code(), dossier->SerializeAsString());
  ListEntry entry = ListEntryOf(centre.key, *dossier);
  writes.Put(entry.cf, std::move(entry.key), std::move(entry.value));
  writes.Put(Cf::kDossierIndex, RequestKey(centre.key, slot->day, r.request_id),
             RequestValue(dossier->code(), procedure->code));
  v1::AuditRecord record = NewAuditRecord(slot, now);
  DescribeReceive(note, *dossier, &record);
  storage::PutAuditRecord(centre.key, record, &writes);
  // `received` is counted in memory only; at restart it is the count of the
  // day's request ids, so a receive writes no day figures.
  auto* figures = slot->today.mutable_figures();
  figures->set_received(figures->received() + 1);
  slot->requests.emplace(r.request_id, RequestEntry{number, procedure});
  Persist(slot, std::move(dossier), std::move(writes), std::move(result), std::move(done));
}

void DossierEngine::Replay(Slot* slot, const std::string& code, const Procedure* procedure,
                           DossierDone done) {
  const DossierCentre* centre = slot->centre;
  auto answer = [centre, procedure](const v1::Dossier& d, DossierResult* r) {
    r->dossier = d;
    r->replayed = true;
    if (procedure) {
      r->has_receipt = true;
      r->receipt = MakeReceiptSlip(d, *centre, *procedure);
    }
  };
  if (auto pending = InFlight(slot, code)) {
    // The first call's change is not durable yet: answer once it is.
    writer_->Submit(storage::WriteSet(),
                    [this, slot, pending, answer, done = std::move(done)](const Status& s) {
                      DossierResult r;
                      if (s.ok()) answer(*pending, &r);
                      Leave(slot);
                      done(s, &r);
                    });
    return;
  }
  boost::asio::post(reads_, [this, slot, code, answer, done = std::move(done)] {
    DossierResult r;
    auto d = ReadDossier(code);
    if (d.ok()) answer(*d, &r);
    Leave(slot);
    done(d.status(), &r);
  });
}

// ---------------------------------------------------------------- changes

void DossierEngine::Act(DossierAction action, const ActionRequest& request, DossierDone done) {
  Slot* slot = SlotOfCode(request.code);
  if (!slot) {
    DossierResult none;
    return done(NotFound("dossier " + request.code + " does not exist"), &none);
  }
  if (Refuse(done)) return;
  if (Status s = Enter(slot); !s.ok()) {
    DossierResult none;
    return done(s, &none);
  }
  ChangeNote note{ActionName(action), request.actor, ClerkOf(request.actor, request.clerk_id),
                  request.reason};
  Mutation mutation = [this, slot, action, reason = request.reason](v1::Dossier* d, MicrosUtc now,
                                                                    DossierResult* result) {
    const Procedure* procedure = procedures_->Find(d->procedure_code());
    if (!procedure) {
      return FailedPrecondition("procedure " + d->procedure_code() + " of dossier " + d->code() +
                                " is no longer in the catalogue");
    }
    Status s = ApplyAction(action, reason, now, *procedure, rule_context(slot), d);
    if (s.ok() && action == DossierAction::kAccept) {
      result->has_receipt = true;
      result->receipt = MakeReceiptSlip(*d, *slot->centre, *procedure);
    }
    return s;
  };
  boost::asio::post(reads_,
                    [this, slot, code = request.code, note = std::move(note), mutation = std::move(mutation),
                     done = std::move(done), wanted = request.still_wanted]() mutable {
                      if (Status s = Ask(wanted); !s.ok()) {
                        Leave(slot);
                        DossierResult none;
                        return done(s, &none);
                      }
                      Mutate(slot, code, note, std::move(mutation), std::move(done));
                    });
}

void DossierEngine::Extend(const ExtendRequest& request, DossierDone done) {
  Slot* slot = SlotOfCode(request.code);
  if (!slot) {
    DossierResult none;
    return done(NotFound("dossier " + request.code + " does not exist"), &none);
  }
  if (Refuse(done)) return;
  if (Status s = Enter(slot); !s.ok()) {
    DossierResult none;
    return done(s, &none);
  }
  ChangeNote note{"ExtendDeadline", request.actor, ClerkOf(request.actor, request.clerk_id),
                  request.extension.reason};
  Mutation mutation = [this, slot, extension = request.extension](v1::Dossier* d, MicrosUtc now,
                                                                  DossierResult* result) {
    Status s = ApplyExtension(extension, now, rule_context(slot), d);
    if (s.ok()) {
      result->has_letter = true;
      result->letter = MakeApologyLetter(*d, *slot->centre);
    }
    return s;
  };
  boost::asio::post(reads_,
                    [this, slot, code = request.code, note = std::move(note), mutation = std::move(mutation),
                     done = std::move(done), wanted = request.still_wanted]() mutable {
                      if (Status s = Ask(wanted); !s.ok()) {
                        Leave(slot);
                        DossierResult none;
                        return done(s, &none);
                      }
                      Mutate(slot, code, note, std::move(mutation), std::move(done));
                    });
}

void DossierEngine::Mutate(Slot* slot, const std::string& code, const ChangeNote& note, Mutation mutation,
                           DossierDone done) {
  const size_t stripe = StripeOf(code, kStripes);
  for (int attempt = 0; attempt <= kOptimisticReads; ++attempt) {
    const bool under_lock = attempt == kOptimisticReads;
    uint64_t seen = 0;
    StatusOr<v1::Dossier> read = NotFound("");
    if (!under_lock) {
      {
        // Not in flight now means every earlier change is durable, so the
        // read below sees it; a later change bumps the stripe.
        std::unique_lock<std::mutex> lock(slot->mu);
        if (auto pending = InFlight(slot, code))
          return ApplyAndPersist(slot, lock, *pending, note, mutation, std::move(done));
        seen = slot->stripes[stripe];
      }
      read = ReadDossier(code);
    }
    std::unique_lock<std::mutex> lock(slot->mu);
    if (auto pending = InFlight(slot, code)) {
      // A change not yet durable is the newest state.
      return ApplyAndPersist(slot, lock, *pending, note, mutation, std::move(done));
    }
    if (!under_lock && slot->stripes[stripe] != seen) continue;  // changed meanwhile
    // Under the lock only after kOptimisticReads collisions: the one read
    // ever done holding a centre's lock.
    if (under_lock) read = ReadDossier(code);
    if (!read.ok()) {
      lock.unlock();
      Leave(slot);
      DossierResult none;
      return done(read.status(), &none);
    }
    return ApplyAndPersist(slot, lock, *read, note, mutation, std::move(done));
  }
}

v1::AuditRecord DossierEngine::NewAuditRecord(Slot* slot, MicrosUtc now) {
  v1::AuditRecord r;
  r.set_seq(++slot->audit_seq);
  r.set_service_day(slot->day);
  r.set_at_us(now);
  r.set_centre_id(slot->centre->id);
  r.set_source(v1::AUDIT_DEADLINE);
  return r;
}

void DossierEngine::ApplyAndPersist(Slot* slot, std::unique_lock<std::mutex>& lock, const v1::Dossier& before,
                                    const ChangeNote& note, const Mutation& mutation, DossierDone done) {
  auto result = std::make_shared<DossierResult>();
  const MicrosUtc now = clock_->Now();
  Status s = RollDay(slot, now);
  auto after = std::make_shared<v1::Dossier>(before);
  if (s.ok()) s = mutation(after.get(), now, result.get());
  if (!s.ok()) {
    lock.unlock();
    Leave(slot);
    return done(s, result.get());
  }
  after->set_last_clerk_id(note.clerk_id);
  result->dossier = *after;
  const uint32_t key = slot->centre->key;
  storage::WriteSet writes;
  writes.Put(Cf::kDossiers, after->code(), after->SerializeAsString());
  ListEntry old_entry = ListEntryOf(key, before);
  ListEntry new_entry = ListEntryOf(key, *after);
  if (old_entry.cf != new_entry.cf || old_entry.key != new_entry.key) {
    writes.Delete(old_entry.cf, std::move(old_entry.key));
  }
  writes.Put(new_entry.cf, std::move(new_entry.key), std::move(new_entry.value));
  if (UpdateFigures(slot, before, *after)) {
    writes.Put(Cf::kDossierIndex, DayKey(key, slot->day), slot->today.SerializeAsString());
  }
  v1::AuditRecord record = NewAuditRecord(slot, now);
  DescribeAction(note, *after, &record);
  storage::PutAuditRecord(key, record, &writes);
  Persist(slot, std::move(after), std::move(writes), std::move(result), std::move(done));
}

bool DossierEngine::UpdateFigures(Slot* slot, const v1::Dossier& before, const v1::Dossier& after) {
  v1::CentreDayFigures* f = slot->today.mutable_figures();
  bool changed = false;
  if (IsPaused(before.status()) != IsPaused(after.status())) {
    const uint32_t paused = f->paused();
    f->set_paused(IsPaused(after.status()) ? paused + 1 : (paused > 0 ? paused - 1 : 0));
    changed = true;
  }
  if (after.status() == v1::RESOLVED && before.status() != v1::RESOLVED) {
    switch (after.timeliness()) {
      case v1::EARLY: f->set_resolved_early(f->resolved_early() + 1); break;
      case v1::ON_TIME: f->set_resolved_on_time(f->resolved_on_time() + 1); break;
      default: f->set_resolved_late(f->resolved_late() + 1); break;
    }
    changed = true;
  }
  if (after.has_extension() && !before.has_extension()) {
    f->set_extended(f->extended() + 1);
    changed = true;
  }
  return changed;
}

void DossierEngine::Persist(Slot* slot, std::shared_ptr<const v1::Dossier> after, storage::WriteSet writes,
                            std::shared_ptr<DossierResult> result, DossierDone done) {
  slot->stripes[StripeOf(after->code(), kStripes)]++;
  {
    std::lock_guard<std::mutex> lock(slot->in_flight_mu);
    slot->in_flight[after->code()] = after;
  }
  const uint32_t key = slot->centre->key;
  writer_->Submit(std::move(writes), [this, slot, key, after = std::move(after), result = std::move(result),
                                      done = std::move(done)](const Status& s) {
    {
      std::lock_guard<std::mutex> lock(slot->in_flight_mu);
      auto it = slot->in_flight.find(after->code());
      if (it != slot->in_flight.end() && it->second == after) slot->in_flight.erase(it);
    }
    if (s.ok()) {
      if (DossierObserver* observer = observer_.load()) observer->OnDossierCommitted(key, after);
    }
    Leave(slot);
    done(s, result.get());
  });
}

Status DossierEngine::RollDay(Slot* slot, MicrosUtc now) {
  const uint32_t today = LocalDateOf(now).ToYyyymmdd();
  if (today <= slot->day) return Status::Ok();  // same day, or the clock went back: keep the later day
  // The new day has normally no dossier yet; if a clock that once ran ahead
  // gave it some before the last start, recovery noted its highest number,
  // so that no code is reused. (This run wrote request ids only for days
  // before `today`.)
  uint32_t counter = 0;
  auto& later = slot->later_day_numbers;
  if (auto it = later.find(today); it != later.end()) counter = it->second;
  later.erase(later.begin(), later.upper_bound(today));
  if (slot->day != 0) slot->days_to_close.push_back(slot->today);
  const uint32_t paused = slot->today.figures().paused();
  slot->today.Clear();
  slot->today.set_day(today);
  slot->today.mutable_figures()->set_centre_id(slot->centre->id);
  slot->today.mutable_figures()->set_paused(paused);
  slot->day = today;
  slot->last_number = counter;
  slot->requests.clear();
  return Status::Ok();
}

}  // namespace qms::deadline

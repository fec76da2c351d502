// QueueEngine's recovery: each centre rebuilt from the store, either all
// before serving (Recover) or in the background while serving
// (PrepareRecovery, RecoverCentres), where the first operation on a centre
// not yet recovered recovers it itself (EnsureRecovered).
#include <openssl/rand.h>

#include <algorithm>
#include <thread>

#include "services/base/thread_priority.h"
#include "services/queue/queue_engine.h"
#include "storage/audit_trail.h"
#include "storage/keys.h"

namespace qms::queue {

namespace {

// While serving, the recovery threads run this many nice steps below the
// server's calls (services/base/thread_priority.h).
constexpr int kRecoveryNiceSteps = 10;

uint32_t Today(MicrosUtc now) { return LocalDateOf(now).ToYyyymmdd(); }

}  // namespace

Status QueueEngine::LoadOrCreateSalt() {
  Status s = store_->Get(storage::Cf::kMeta, "citizen_salt", &citizen_salt_);
  if (s.ok()) return s;
  if (s.code() != StatusCode::kNotFound) return s;
  unsigned char salt[32];
  if (RAND_bytes(salt, sizeof salt) != 1) return Internal("no randomness for the citizen salt");
  citizen_salt_.assign(reinterpret_cast<const char*>(salt), sizeof salt);
  return store_->PutSync(storage::Cf::kMeta, "citizen_salt", citizen_salt_);
}

std::optional<uint32_t> QueueEngine::LatestDayBefore(uint32_t centre_key, uint32_t day) {
  // Ticket keys sort by day within a centre; the last key below
  // [centre][day] belongs to the latest earlier day, if any.
  std::string key, value;
  auto found = store_->LastKeyInRange(storage::Cf::kTickets, storage::CentrePrefix(centre_key),
                                      storage::CentreDayPrefix(centre_key, day), &key, &value);
  if (!found.ok() || !*found) return std::nullopt;
  storage::TicketKeyParts parts;
  if (!storage::ParseTicketKey(key, &parts) || parts.centre != centre_key) return std::nullopt;
  if (parts.service_day >= day) return std::nullopt;
  return parts.service_day;
}

uint64_t QueueEngine::LastEventSeq(uint32_t centre_key) {
  const std::string prefix = storage::CentrePrefix(centre_key);
  std::string key, value;
  auto found =
      store_->LastKeyInRange(storage::Cf::kEvents, prefix, storage::PrefixUpperBound(prefix), &key, &value);
  storage::EventKeyParts parts;
  if (!found.ok() || !*found || !storage::ParseEventKey(key, &parts) || parts.centre != centre_key) return 0;
  return parts.seq;
}

uint32_t QueueEngine::LastTicketSeq(const std::string& prefix, const std::string& upper) {
  std::string key, value;
  auto found = store_->LastKeyInRange(storage::Cf::kTickets, prefix, upper, &key, &value);
  storage::TicketKeyParts parts;
  if (!found.ok() || !*found || key.compare(0, prefix.size(), prefix) != 0 ||
      !storage::ParseTicketKey(key, &parts))
    return 0;
  return parts.seq;
}

Status QueueEngine::LoadDay(Slot* slot, uint32_t day, size_t* tickets) {
  Centre& centre = slot->centre;
  centre.StartDay(day);
  const std::string prefix = storage::CentreDayPrefix(centre.config().key, day);
  const std::string upper = storage::PrefixUpperBound(prefix);
  centre.ReserveTickets(LastTicketSeq(prefix, upper));
  storage::TicketRecord record;
  auto it = store_->Scan(storage::Cf::kTickets, prefix, upper, /*bulk=*/true);
  for (; it->Valid(); it->Next()) {
    if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status(StatusCode::kDataLoss, "unreadable ticket record at centre " + centre.config().id);
    }
    centre.RestoreTicket(record);
    ++*tickets;
  }
  if (Status s = it->status(); !s.ok()) return s;
  const std::string counters = storage::CentrePrefix(centre.config().key);
  storage::CounterRecord counter;
  auto c = store_->Scan(storage::Cf::kCounters, counters, storage::PrefixUpperBound(counters));
  for (; c->Valid(); c->Next()) {
    if (counter.ParseFromArray(c->value().data(), static_cast<int>(c->value().size()))) {
      centre.RestoreCounter(counter);
    }
  }
  return c->status();
}

Status QueueEngine::RecoverSlot(Slot* slot, MicrosUtc now) {
  const uint32_t key = slot->centre.config().key;
  const uint32_t today = Today(now);
  slot->centre.RestoreEventSeq(LastEventSeq(key));
  slot->audit_seq = storage::LastAuditSeq(store_, key);
  if (auto earlier = LatestDayBefore(key, today)) {
    size_t n = 0;
    if (Status s = LoadDay(slot, *earlier, &n); !s.ok()) return s;
    // Closed at its roll before this start, or not (the server was down at
    // midnight): its figures are stored now if they are not yet.
    std::string stored;
    Status has = store_->Get(storage::Cf::kDayStats, storage::DayStatsKey(key, *earlier), &stored);
    if (!has.ok() && has.code() != StatusCode::kNotFound) return has;
    expired_from_earlier_day_ += CloseDay(slot, now, /*figures_stored=*/has.ok());
  }
  size_t tickets = 0;
  if (Status s = LoadDay(slot, today, &tickets); !s.ok()) return s;
  hub_.SetRecoveredSeq(key, slot->centre.last_event_seq());
  recovered_tickets_ += tickets;
  recovered_centres_++;
  return Status::Ok();
}

Status QueueEngine::EnsureRecovered(Slot* slot) {
  if (!slot->recovered) {
    slot->recovered = true;
    slot->recovery_status = RecoverSlot(slot, clock_->Now());
  }
  return slot->recovery_status;
}

Status QueueEngine::PrepareRecovery() { return LoadOrCreateSalt(); }

StatusOr<RecoveryStats> QueueEngine::RecoverCentres(size_t threads, const std::atomic<bool>* stop,
                                                    Pace pace) {
  const MicrosUtc started = SystemClock().Now();
  // Centres are independent: the threads take them in turn. With a go-live
  // day's 3.3 million tickets, parsing them is most of the work.
  std::vector<Slot*> slots;
  for (auto& [id, slot] : slots_) slots.push_back(slot.get());
  threads = std::clamp<size_t>(threads, 1, 8);
  std::atomic<size_t> next{0};
  std::vector<Status> failures(threads);
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      if (pace == Pace::kWhileServing) LowerThisThreadPriority(kRecoveryNiceSteps);
      for (size_t i = next++; i < slots.size() && failures[t].ok(); i = next++) {
        if (stop != nullptr && stop->load()) {
          failures[t] = Status(StatusCode::kCancelled, "recovery stopped: the server is shutting down");
          break;
        }
        std::lock_guard<std::mutex> lock(slots[i]->mu);
        failures[t] = EnsureRecovered(slots[i]);
      }
    });
  }
  for (auto& w : workers) w.join();
  for (const Status& failure : failures) {
    if (!failure.ok()) return failure;
  }
  if (Status s = writer_->Flush(); !s.ok()) return s;
  RecoveryStats stats;
  stats.centres = recovered_centres_;
  stats.tickets = recovered_tickets_;
  stats.expired_from_earlier_day = expired_from_earlier_day_;
  stats.micros = SystemClock().Now() - started;
  return stats;
}

StatusOr<RecoveryStats> QueueEngine::Recover() {
  const MicrosUtc started = SystemClock().Now();
  if (Status s = PrepareRecovery(); !s.ok()) return s;
  auto stats = RecoverCentres(std::thread::hardware_concurrency());
  if (stats.ok()) stats->micros = SystemClock().Now() - started;
  return stats;
}

}  // namespace qms::queue

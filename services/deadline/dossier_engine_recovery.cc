// DossierEngine: recovery at start and the closing of ended days.
#include <algorithm>
#include <boost/asio/post.hpp>
#include <limits>

#include "services/deadline/dossier_engine.h"
#include "services/deadline/dossier_keys.h"
#include "storage/audit_trail.h"
#include "storage/keys.h"

namespace qms::deadline {

using storage::Cf;

StatusOr<uint32_t> DossierEngine::CountRequests(uint32_t centre, uint32_t day) const {
  const std::string prefix = RequestPrefix(centre, day);
  uint32_t count = 0;
  auto it = store_->Scan(Cf::kDossierIndex, prefix, storage::PrefixUpperBound(prefix));
  for (; it->Valid(); it->Next()) ++count;
  if (Status s = it->status(); !s.ok()) return Unavailable("cannot count request ids: " + s.message());
  return count;
}

StatusOr<std::map<uint32_t, uint32_t>> DossierEngine::LaterDayNumbers(uint32_t centre, uint32_t day) const {
  std::map<uint32_t, uint32_t> numbers;
  std::string code, procedure_code;
  // Every key of a later day sorts at or after RequestPrefix(day + 1); no
  // day is 0xffffffff.
  auto it = store_->Scan(Cf::kDossierIndex, RequestPrefix(centre, day + 1),
                         RequestPrefix(centre, std::numeric_limits<uint32_t>::max()));
  for (; it->Valid(); it->Next()) {
    // 'R' [centre u32][day u32][request_id]
    const std::string_view key = it->key();
    std::string_view agency;
    uint32_t yymmdd = 0, number = 0;
    if (key.size() >= 9 && ParseRequestValue(it->value(), &code, &procedure_code) &&
        ParseDossierCode(code, &agency, &yymmdd, &number)) {
      uint32_t& last = numbers[storage::ReadU32(key, 5)];
      last = std::max(last, number);
    }
  }
  if (Status s = it->status(); !s.ok()) return Unavailable("cannot read request ids: " + s.message());
  return numbers;
}

StatusOr<uint32_t> DossierEngine::LoadRequestIds(Slot* slot, uint32_t today) {
  const std::string requests = RequestPrefix(slot->centre->key, today);
  std::string code, procedure_code;
  uint32_t count = 0;
  slot->last_number = 0;
  for (auto it = store_->Scan(Cf::kDossierIndex, requests, storage::PrefixUpperBound(requests)); it->Valid();
       it->Next()) {
    if (!ParseRequestValue(it->value(), &code, &procedure_code)) {
      return Status(StatusCode::kDataLoss, "unreadable request id entry at centre " + slot->centre->id);
    }
    const std::string request_id(it->key().substr(requests.size()));
    std::string_view agency;
    uint32_t yymmdd = 0, number = 0;
    if (!ParseDossierCode(code, &agency, &yymmdd, &number)) {
      return Status(StatusCode::kDataLoss, "request id entry with a bad code at centre " + slot->centre->id);
    }
    slot->last_number = std::max(slot->last_number, number);
    slot->requests.emplace(request_id, RequestEntry{number, procedures_->Find(procedure_code)});
    ++count;
  }
  return count;
}

StatusOr<storage::DossierDayRecord> DossierEngine::LatestDayRecord(uint32_t centre,
                                                                   uint32_t at_or_before) const {
  storage::DossierDayRecord record;
  std::string key, value;
  // Keys at or before DayKey(at_or_before): below the next possible key.
  auto found = store_->LastKeyInRange(Cf::kDossierIndex, DayPrefix(centre),
                                      DayKey(centre, at_or_before) + std::string(1, '\0'), &key, &value);
  if (!found.ok()) return found.status();
  if (!*found) return record;  // day 0: none
  const uint32_t day = DayOfDayKey(key, centre);
  if (day == 0 || !record.ParseFromString(value)) {
    return Status(StatusCode::kDataLoss, "unreadable day figures of centre " + std::to_string(centre));
  }
  record.set_day(day);
  return record;
}

uint32_t DossierEngine::LatestRequestDay(uint32_t centre, uint32_t at_or_before) const {
  std::string key, value;
  // Every key of day D sorts after RequestPrefix(D) and before RequestPrefix(D + 1).
  auto found = store_->LastKeyInRange(Cf::kDossierIndex, RequestPrefix(centre, 0),
                                      RequestPrefix(centre, at_or_before + 1), &key, &value);
  if (!found.ok() || !*found) return 0;
  // 'R' [centre u32][day u32][request_id]
  if (key.size() < 9 || storage::ReadU32(key, 1) != centre) return 0;
  return storage::ReadU32(key, 5);
}

Status DossierEngine::RecoverSlot(Slot* slot, uint32_t today, DossierRecoveryStats* stats) {
  const DossierCentre& centre = *slot->centre;
  slot->day = today;
  slot->audit_seq = storage::LastAuditSeq(store_, centre.key);
  // Every dossier has a request id of its day: the highest number among
  // today's is where the code counter continues.
  auto received = LoadRequestIds(slot, today);
  if (!received.ok()) return received.status();
  stats->request_ids += *received;
  auto later = LaterDayNumbers(centre.key, today);
  if (!later.ok()) return later.status();
  slot->later_day_numbers = std::move(*later);

  // Today's figures; `received` is the count of today's request ids (a
  // receive writes no figures), the paused gauge carries over.
  auto latest = LatestDayRecord(centre.key, today);
  if (!latest.ok()) return latest.status();
  slot->today.Clear();
  if (latest->day() == today) slot->today = *latest;
  slot->today.set_day(today);
  slot->today.mutable_figures()->set_centre_id(centre.id);
  slot->today.mutable_figures()->set_received(*received);
  slot->today.mutable_figures()->set_paused(latest->figures().paused());

  // The last earlier day with activity may not be closed yet. (Days are
  // yyyymmdd numbers: "at or before today - 1" is "before today".)
  auto before = LatestDayRecord(centre.key, today - 1);
  if (!before.ok()) return before.status();
  const uint32_t day = std::max(before->day(), LatestRequestDay(centre.key, today - 1));
  if (day == 0 || (before->day() == day && before->closed())) return Status::Ok();
  storage::DossierDayRecord record;
  if (before->day() == day) record = *before;
  record.set_day(day);
  record.mutable_figures()->set_centre_id(centre.id);
  record.mutable_figures()->set_paused(before->figures().paused());
  slot->days_to_close.push_back(std::move(record));  // CloseDay counts `received`
  return Status::Ok();
}

StatusOr<DossierRecoveryStats> DossierEngine::Recover() {
  const MicrosUtc started = SystemClock().Now();
  DossierRecoveryStats stats;
  const uint32_t today = LocalDateOf(clock_->Now()).ToYyyymmdd();
  for (auto& slot : slots_) {
    std::lock_guard<std::mutex> lock(slot->mu);
    if (Status s = RecoverSlot(slot.get(), today, &stats); !s.ok()) return s;
    ++stats.centres;
  }
  stats.micros = SystemClock().Now() - started;
  return stats;
}

StatusOr<uint32_t> DossierEngine::CountOverdue(uint32_t centre_key, MicrosUtc before) const {
  const std::string prefix = DuePrefix(centre_key, DueClock::kRunning);
  uint32_t count = 0;
  auto it = store_->Scan(Cf::kDossierDue, prefix, DueKey(centre_key, DueClock::kRunning, before, ""));
  for (; it->Valid(); it->Next()) ++count;
  if (Status s = it->status(); !s.ok()) return Unavailable("cannot count overdue dossiers: " + s.message());
  return count;
}

void DossierEngine::Tick() {
  if (stopped_.load() || writer_->failed()) return;
  const MicrosUtc now = clock_->Now();
  for (auto& slot : slots_) {
    std::vector<storage::DossierDayRecord> ended;
    {
      std::lock_guard<std::mutex> lock(slot->mu);
      if (!RollDay(slot.get(), now).ok()) continue;
      ended.swap(slot->days_to_close);
    }
    for (auto& record : ended) CloseDay(slot.get(), std::move(record));
  }
}

void DossierEngine::CloseDay(Slot* slot, storage::DossierDayRecord record) {
  // Open overdue at the day's end: running clocks due before next midnight,
  // counted now (normally seconds after that midnight). `received` is
  // counted from the day's request ids, exact also for a day recovered from
  // disk (receives write no figures).
  const LocalDate next = CivilFromDays(DaysFromCivil(LocalDate::FromYyyymmdd(record.day())) + 1);
  auto overdue = CountOverdue(slot->centre->key, LocalMoment(next, 0));
  auto received = CountRequests(slot->centre->key, record.day());
  if (!overdue.ok() || !received.ok()) {
    std::lock_guard<std::mutex> lock(slot->mu);
    slot->days_to_close.push_back(std::move(record));  // next Tick retries
    return;
  }
  record.mutable_figures()->set_open_overdue(*overdue);
  record.mutable_figures()->set_received(*received);
  record.set_closed(true);
  storage::WriteSet writes;
  writes.Put(Cf::kDossierIndex, DayKey(slot->centre->key, record.day()), record.SerializeAsString());
  writer_->Submit(std::move(writes), [](const Status&) {});
}

}  // namespace qms::deadline

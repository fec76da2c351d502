#include "services/deadline/dossier_retention.h"

#include <algorithm>
#include <future>

#include "qms/storage/deadline_records.pb.h"
#include "services/deadline/dossier_keys.h"
#include "storage/keys.h"

namespace qms::deadline {

namespace {

using storage::Cf;

constexpr v1::DossierStatus kClosedStatuses[] = {v1::NOT_ACCEPTED, v1::WITHDRAWN, v1::STOPPED, v1::RESOLVED,
                                                 v1::RESULT_RETURNED};
constexpr size_t kBatch = 1000;  // dossiers per write set

Status WriteAndWait(storage::GroupCommitWriter* writer, storage::WriteSet writes) {
  if (writes.empty()) return Status::Ok();
  std::promise<Status> done;
  auto written = done.get_future();
  writer->Submit(std::move(writes), [&done](const Status& s) { done.set_value(s); });
  return written.get();
}

// Step 1 for one closed status of one centre.
Status RemoveClosed(const DossierCentre& centre, v1::DossierStatus status, storage::Store* store,
                    storage::GroupCommitWriter* writer, MicrosUtc cutoff, size_t* removed) {
  const std::string prefix = ClosedPrefix(centre.key, status);
  const std::string upper = ClosedKey(centre.key, status, cutoff, "");
  storage::WriteSet writes;
  size_t in_batch = 0;
  v1::Dossier dossier;
  auto it = store->Scan(Cf::kDossierIndex, prefix, upper);
  for (; it->Valid(); it->Next()) {
    MicrosUtc sort = 0;
    std::string_view code;
    if (!ParseListKey(it->key(), prefix.size(), &sort, &code)) continue;
    std::string value;
    Status read = store->Get(Cf::kDossiers, std::string(code), &value);
    if (read.ok() && !dossier.ParseFromString(value))
      return Status(StatusCode::kDataLoss, "unreadable dossier " + std::string(code));
    if (!read.ok() && read.code() != StatusCode::kNotFound) return read;
    if (read.ok() && dossier.updated_at_us() >= cutoff) continue;  // changed since: kept
    if (read.ok()) writes.Delete(Cf::kDossiers, std::string(code));
    writes.Delete(Cf::kDossierIndex, std::string(it->key()));
    ++*removed;
    if (++in_batch == kBatch) {
      if (Status s = WriteAndWait(writer, std::move(writes)); !s.ok()) return s;
      writes = storage::WriteSet();
      in_batch = 0;
    }
  }
  if (Status s = it->status(); !s.ok()) return s;
  return WriteAndWait(writer, std::move(writes));
}

using Ranges = std::vector<std::pair<std::string, std::string>>;

// Step 2 for one centre: close every old day's 'D' record, and add the
// range of its old 'R' entries to `ranges`.
Status RemoveRequestDays(const DossierCentre& centre, storage::Store* store,
                         storage::GroupCommitWriter* writer, uint32_t cutoff_day, DossierRetentionResult* r,
                         Ranges* ranges) {
  const std::string lower = RequestPrefix(centre.key, 0);
  const std::string upper = RequestPrefix(centre.key, cutoff_day);
  storage::WriteSet writes;
  std::string from = lower;
  bool any = false;
  for (size_t guard = 0; guard < 100'000; ++guard) {  // days; 270 years
    auto it = store->Scan(Cf::kDossierIndex, from, upper);
    if (!it->Valid()) {
      if (Status s = it->status(); !s.ok()) return s;
      break;
    }
    any = true;
    const uint32_t day = storage::ReadU32(it->key(), 5);
    const std::string day_prefix = RequestPrefix(centre.key, day);
    uint32_t received = 0;
    for (; it->Valid() && it->key().substr(0, day_prefix.size()) == day_prefix; it->Next()) ++received;
    from = RequestPrefix(centre.key, day + 1);
    storage::DossierDayRecord record;
    std::string value;
    Status s = store->Get(Cf::kDossierIndex, DayKey(centre.key, day), &value);
    if (!s.ok() && s.code() != StatusCode::kNotFound) return s;
    if (s.ok() && !record.ParseFromString(value))
      return Status(StatusCode::kDataLoss, "unreadable day figures at centre " + centre.id);
    if (record.closed()) continue;
    record.mutable_figures()->set_received(received);
    record.set_closed(true);
    record.set_day(day);
    writes.Put(Cf::kDossierIndex, DayKey(centre.key, day), record.SerializeAsString());
    ++r->days_closed;
  }
  if (!any) return Status::Ok();
  if (Status s = WriteAndWait(writer, std::move(writes)); !s.ok()) return s;
  ranges->emplace_back(lower, upper);
  return Status::Ok();
}

// Step 3 for one centre: the range of its old audit days, if any, to `ranges`.
Status RemoveAuditDays(const DossierCentre& centre, storage::Store* store, uint32_t cutoff_day,
                       Ranges* ranges) {
  const std::string prefix = storage::CentrePrefix(centre.key);
  std::string key, value;
  auto last = store->LastKeyInRange(Cf::kAudit, prefix, storage::PrefixUpperBound(prefix), &key, &value);
  if (!last.ok()) return last.status();
  if (!*last || key.size() < 8) return Status::Ok();
  const uint32_t keep_from = std::min(cutoff_day, storage::ReadU32(key, 4));
  const std::string upper = storage::CentreDayPrefix(centre.key, keep_from);
  auto any = store->LastKeyInRange(Cf::kAudit, prefix, upper, &key, &value);
  if (!any.ok()) return any.status();
  if (*any) ranges->emplace_back(prefix, upper);
  return Status::Ok();
}

}  // namespace

uint32_t DossierCutoffDay(uint32_t today, uint32_t years) {
  LocalDate d = LocalDate::FromYyyymmdd(today);
  d.year -= static_cast<int>(years);
  if (d.month == 2 && d.day == 29) d.day = 28;
  return d.ToYyyymmdd();
}

StatusOr<DossierRetentionResult> RemoveOldDossiers(const std::vector<DossierCentre>& centres,
                                                   storage::Store* store, storage::GroupCommitWriter* writer,
                                                   uint32_t today, uint32_t years,
                                                   uint64_t compaction_bytes_per_second) {
  const MicrosUtc started = SystemClock().Now();
  DossierRetentionResult r;
  r.cutoff_day = DossierCutoffDay(today, std::max<uint32_t>(1, years));
  const MicrosUtc cutoff = LocalMoment(LocalDate::FromYyyymmdd(r.cutoff_day), 0);
  bool dossiers = false;  // any removed: dossiers and dossier_index compacted
  Ranges requests, audit;
  for (const auto& centre : centres) {
    ++r.centres;
    const size_t removed = r.dossiers_removed;
    for (v1::DossierStatus status : kClosedStatuses) {
      if (Status s = RemoveClosed(centre, status, store, writer, cutoff, &r.dossiers_removed); !s.ok())
        return s;
    }
    dossiers |= r.dossiers_removed > removed;
    if (Status s = RemoveRequestDays(centre, store, writer, r.cutoff_day, &r, &requests); !s.ok()) return s;
    if (Status s = RemoveAuditDays(centre, store, r.cutoff_day, &audit); !s.ok()) return s;
  }
  for (const auto& [cf, ranges] : {std::pair<Cf, const Ranges*>{Cf::kDossierIndex, &requests},
                                   std::pair<Cf, const Ranges*>{Cf::kAudit, &audit}}) {
    if (Status s = store->DeleteRanges(cf, *ranges); !s.ok()) return s;
    r.ranges_deleted += ranges->size();
  }
  for (const auto& [cf, lost] :
       {std::pair{Cf::kDossiers, dossiers}, std::pair{Cf::kDossierIndex, dossiers || !requests.empty()},
        std::pair{Cf::kAudit, !audit.empty()}}) {
    if (!lost) continue;
    if (Status s = store->CompactRange(cf, "", "", compaction_bytes_per_second); !s.ok()) return s;
    ++r.compactions;
  }
  r.micros = SystemClock().Now() - started;
  return r;
}

}  // namespace qms::deadline

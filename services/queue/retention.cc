#include "services/queue/retention.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "services/base/clock.h"
#include "services/queue/closed_days.h"
#include "storage/keys.h"

namespace qms::queue {

namespace {

constexpr storage::Cf kRawCfs[] = {storage::Cf::kTickets, storage::Cf::kEvents, storage::Cf::kAudit};

// The service day of the centre's last key in `cf`, 0 when it has none. Every
// key of these column families is [centre u32][day u32]...
StatusOr<uint32_t> LatestDay(storage::Store* store, storage::Cf cf, uint32_t centre) {
  const std::string prefix = storage::CentrePrefix(centre);
  std::string key, value;
  auto found = store->LastKeyInRange(cf, prefix, storage::PrefixUpperBound(prefix), &key, &value);
  if (!found.ok()) return found.status();
  if (!*found || key.size() < 8) return 0u;
  return storage::ReadU32(key, 4);
}

// Stores the figures of every day of [first key, keep_from) that has tickets
// and no figures yet. One seek per day: the days are found by skipping.
Status SummariseDays(const config::CentreConfig& centre, storage::Store* store, uint32_t keep_from,
                     size_t* summarised) {
  std::vector<std::pair<std::string, std::string>> figures;
  const std::string upper = storage::CentreDayPrefix(centre.key, keep_from);
  std::string lower = storage::CentrePrefix(centre.key);
  for (size_t guard = 0; guard < 100'000; ++guard) {  // 270 years of days
    auto it = store->Scan(storage::Cf::kTickets, lower, upper);
    if (!it->Valid()) {
      if (Status s = it->status(); !s.ok()) return s;
      break;
    }
    const uint32_t day = storage::ReadU32(it->key(), 4);
    lower = storage::CentreDayPrefix(centre.key, day + 1);  // past every key of `day`
    std::string stored;
    Status has = store->Get(storage::Cf::kDayStats, storage::DayStatsKey(centre.key, day), &stored);
    if (has.ok()) continue;
    if (has.code() != StatusCode::kNotFound) return has;
    v1::DayStats stats;
    bool found = false;
    if (Status s = ComputeClosedDay(centre, store, day, &stats, &found); !s.ok()) return s;
    if (found) figures.emplace_back(storage::DayStatsKey(centre.key, day), stats.SerializeAsString());
  }
  if (figures.empty()) return Status::Ok();
  *summarised += figures.size();
  return store->PutSyncBatch(storage::Cf::kDayStats, figures);
}

}  // namespace

uint32_t RetentionCutoff(uint32_t today, uint32_t days) {
  const int64_t n = DaysFromCivil(LocalDate::FromYyyymmdd(today));
  return CivilFromDays(n - static_cast<int64_t>(days)).ToYyyymmdd();
}

StatusOr<RetentionResult> RemoveOldServiceDays(const config::SystemConfig& config, storage::Store* store,
                                               uint32_t today) {
  const MicrosUtc started = SystemClock().Now();
  RetentionResult result;
  result.cutoff_day = RetentionCutoff(today, std::max<uint32_t>(1, config.retention.ticket_days));
  // Per column family, the ranges of every centre: one ingested file each.
  std::vector<std::pair<std::string, std::string>> ranges[std::size(kRawCfs)];
  uint32_t lowest = UINT32_MAX, highest = 0;
  for (const auto& centre : config.centres) {
    ++result.centres;
    lowest = std::min(lowest, centre.key);
    highest = std::max(highest, centre.key);
    for (size_t i = 0; i < std::size(kRawCfs); ++i) {
      auto latest = LatestDay(store, kRawCfs[i], centre.key);
      if (!latest.ok()) return latest.status();
      const uint32_t keep_from = std::min(result.cutoff_day, *latest);
      if (keep_from == 0) continue;
      const std::string lower = storage::CentrePrefix(centre.key);
      const std::string upper = storage::CentreDayPrefix(centre.key, keep_from);
      if (kRawCfs[i] == storage::Cf::kTickets) {
        if (Status s = SummariseDays(centre, store, keep_from, &result.days_summarised); !s.ok()) return s;
      }
      std::string key, value;  // anything to remove?
      auto any = store->LastKeyInRange(kRawCfs[i], lower, upper, &key, &value);
      if (!any.ok()) return any.status();
      if (*any) ranges[i].emplace_back(lower, upper);
    }
  }
  for (size_t i = 0; i < std::size(kRawCfs); ++i) {
    if (ranges[i].empty()) continue;
    if (Status s = store->DeleteRanges(kRawCfs[i], ranges[i]); !s.ok()) return s;
    result.ranges_deleted += ranges[i].size();
    const std::string lower = storage::CentrePrefix(lowest);
    if (Status s =
            store->CompactRange(kRawCfs[i], lower, storage::PrefixUpperBound(storage::CentrePrefix(highest)),
                                uint64_t{config.retention.compaction_mb_per_second} << 20);
        !s.ok())
      return s;
    ++result.compactions;
  }
  result.micros = SystemClock().Now() - started;
  return result;
}

}  // namespace qms::queue

// Retention of the queue's store (docs/retention.md): a closed service day
// keeps its figures for ever (closed_days.h) and loses its raw tickets,
// events and audit records `retention.ticket_days` days later.
//
// One pass, per centre and per column family (tickets, events, audit):
//   1. for every day to be removed that has tickets and no stored figures,
//      compute the figures from its tickets and store them (one synced
//      batch per centre), so the day's report answers the same afterwards;
//   2. remove [centre][0] .. [centre][keep_from) (Store::DeleteRanges: one
//      ingested file of range tombstones per column family, for all
//      centres), where keep_from is the earlier of (today - ticket_days)
//      and the centre's latest day in that column family: the latest day
//      is kept whole whatever its age, because the next event and audit
//      numbers continue from the centre's last keys (QueueEngine::Recover)
//      and a restart expires the latest earlier day;
//   3. then compact each column family that lost a range, over the span of
//      the configured centres, paced to retention.compaction_mb_per_second
//      (Store::CompactRange) so that it does not slow today's work.
//
// Concurrency: runs beside a serving engine. The engine writes only its
// current service day and, at a roll, the day it closes, which is always the
// centre's latest day; the pass never touches those. It blocks on RocksDB
// for seconds to minutes: run it on a thread of its own (services/base/retention_thread.h),
// never on a gRPC or timer thread.
#pragma once

#include <cstdint>

#include "services/base/status.h"
#include "services/config/system_config.h"
#include "storage/store.h"

namespace qms::queue {

struct RetentionResult {
  uint32_t cutoff_day = 0;     // days before this one lose their raw records
  size_t centres = 0;          // centres looked at
  size_t days_summarised = 0;  // days whose figures this pass stored
  size_t ranges_deleted = 0;   // DeleteRange calls (centre x column family)
  size_t compactions = 0;      // column families compacted
  int64_t micros = 0;          // wall time of the pass
};

// The first day kept: `today` minus `days` calendar days (yyyymmdd).
uint32_t RetentionCutoff(uint32_t today, uint32_t days);

// One pass over `store` (the queue's) for the centres of `config`, with
// config.retention.ticket_days. UNAVAILABLE / DATA_LOSS from the store; the
// pass stops at the first error and a later pass takes up where it stopped.
[[nodiscard]] StatusOr<RetentionResult> RemoveOldServiceDays(const config::SystemConfig& config,
                                                             storage::Store* store, uint32_t today);

}  // namespace qms::queue

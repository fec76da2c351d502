// Closed service days: the figures (qms.v1.DayStats) of a centre's day that
// is over, kept in the `day_stats` column family (storage/keys.h) so that
// they outlive the day's raw tickets, events and audit records, which the
// retention pass (services/queue/retention.h) removes after
// `retention.ticket_days` days.
//
// The figures of a closed day are ComputeDayStats (day_stats.h) over a
// centre restored from the day's ticket records, computed at the day's end
// (computed_at_us is 00:00 local of the next day). Restored from the store,
// a counter shows as it is at a day's start (closed), since counters keep
// no history. Whether read from the stored record or computed from the
// tickets still in the store, a day answers the same message.
//
// Thread safety: the functions are safe to call concurrently. They block on
// RocksDB: never call them from a gRPC thread.
#pragma once

#include <cstdint>

#include "qms/v1/queue.pb.h"
#include "services/base/clock.h"
#include "services/base/status.h"
#include "services/config/system_config.h"
#include "services/queue/centre.h"
#include "storage/store.h"

namespace qms::queue {

// 00:00 local time of the day after `day` (yyyymmdd).
MicrosUtc DayEnd(uint32_t day);

// The figures of `day` computed from its ticket records in `store`.
// `*found` is false (and `out` left empty) when the store holds no ticket
// of that day. DATA_LOSS for an unreadable record.
[[nodiscard]] Status ComputeClosedDay(const config::CentreConfig& centre, storage::Store* store, uint32_t day,
                                      v1::DayStats* out, bool* found);

// The figures of the day `ended` holds, exactly as ComputeClosedDay will
// compute them from its ticket records once they are stored: a centre
// restored from `ended`'s own ticket records, all in memory. The engine
// calls it at the day roll to store them with the day's expiry, so a
// closed day answers from `day_stats` from then on. `*found` is false (and
// `out` empty) when the day has no ticket. REQUIRES: the day is over
// (Centre::ExpireDay ran); `ended` is not changed meanwhile (its mutex).
void FiguresOfEndedDay(const Centre& ended, v1::DayStats* out, bool* found);

// The figures of a closed `day`: the stored ones, else those computed from
// the tickets still in the store. NOT_FOUND when there are neither (no
// ticket was ever issued that day, or the day predates this feature and its
// tickets were removed). DATA_LOSS for an unreadable record.
[[nodiscard]] Status ReadClosedDay(const config::CentreConfig& centre, storage::Store* store, uint32_t day,
                                   v1::DayStats* out);

}  // namespace qms::queue

// Day statistics of one centre: counts, waits, service times, ratings, per
// field, clerk, counter and local hour, computed from the centre's in-memory
// state of its service day in one pass over that day's tickets (a few
// thousand at a busy centre), never from the store. The definitions are the
// comments of DayStats in queue.proto and docs/queue.md, "Day statistics".
#pragma once

#include <cstdint>
#include <vector>

#include "qms/v1/queue.pb.h"
#include "services/queue/centre.h"

namespace qms::queue {

// Fills `out` (cleared first) with the day of `centre` as of `now`. Cost:
// O(n log n) in the centre's tickets of the day (the percentiles sort).
// REQUIRES: the centre is not changed meanwhile (QueueEngine runs this under
// the centre's mutex).
void ComputeDayStats(const Centre& centre, MicrosUtc now, v1::DayStats* out);

// The `percent`-th percentile of `sorted` by nearest rank: the value at
// 1-based rank ceil(percent / 100 * n), computed in integers, so always one
// of the samples. REQUIRES: `sorted` is ascending and not empty,
// 1 <= percent <= 100.
int64_t NearestRank(const std::vector<int64_t>& sorted, int percent);

}  // namespace qms::queue

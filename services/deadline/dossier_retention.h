// Retention of the deadline service's store (docs/retention.md): a closed
// dossier (statuses 3, 7-10) is kept `retention.dossier_years` years, then
// removed with its list entry; the daily report figures ('D' records) are
// kept for ever. One pass, per centre:
//   1. every closed dossier whose final due moment (its list key's sort
//      moment) AND last change (updated_at_us) are before the cutoff is
//      deleted with its 'L' entry, in one write set per batch through the
//      store's GroupCommitWriter (so the two go together or not at all);
//   2. the ReceiveDossier request ids ('R') of days before the cutoff go by
//      a range deletion (Store::DeleteRanges), after making sure each such day's 'D' record is
//      closed with its exact `received` count (that count was read from the
//      'R' entries while the day was not closed);
//   3. the deadline audit records of days before the cutoff go by a range
//      deletion, except the centre's latest audit day, whose last
//      audit_seq the next change continues from.
// Then the column families that lost anything are flushed and compacted,
// at most `compaction_bytes_per_second` (0: unpaced; Store::CompactRange).
// A dossier kept open for longer than the cutoff keeps its record and
// entries; only its oldest audit days go.
//
// The cutoff is today's local date `years` years back, at 00:00 (29
// February becomes the 28th). The pass takes no engine lock: a RESOLVED
// dossier older than the cutoff that a clerk returns at that very moment
// would be written back by the engine; nothing else touches such old keys.
// Blocks on RocksDB: run it on a thread of its own, never on a gRPC thread.
#pragma once

#include <cstdint>
#include <vector>

#include "services/base/clock.h"
#include "services/base/status.h"
#include "services/deadline/dossier_documents.h"
#include "storage/group_commit_writer.h"
#include "storage/store.h"

namespace qms::deadline {

struct DossierRetentionResult {
  uint32_t cutoff_day = 0;  // yyyymmdd; the cutoff is its 00:00 local
  size_t centres = 0;
  size_t dossiers_removed = 0;
  size_t days_closed = 0;     // 'D' records this pass completed before removing 'R'
  size_t ranges_deleted = 0;  // DeleteRange calls
  size_t compactions = 0;     // column families compacted
  int64_t micros = 0;
};

// `today` (yyyymmdd) minus `years` years.
uint32_t DossierCutoffDay(uint32_t today, uint32_t years);

// One pass over `store` for `centres`. `writer` is the store's group-commit
// writer. UNAVAILABLE / DATA_LOSS from the store; stops at the first error,
// and the next pass takes up where it stopped.
[[nodiscard]] StatusOr<DossierRetentionResult> RemoveOldDossiers(const std::vector<DossierCentre>& centres,
                                                                 storage::Store* store,
                                                                 storage::GroupCommitWriter* writer,
                                                                 uint32_t today, uint32_t years,
                                                                 uint64_t compaction_bytes_per_second = 0);

}  // namespace qms::deadline

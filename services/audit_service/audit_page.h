// One page of a centre's audit day, merged from the queue and the deadline
// stores. Separate from the gRPC service so that it can be tested on stores
// alone. Blocking: reads RocksDB.
#pragma once

#include <string>

#include "qms/v1/audit.pb.h"
#include "services/base/status.h"
#include "storage/store.h"

namespace qms::service {

// Where a page starts: the last seq returned from each store (0: none yet).
struct AuditPosition {
  uint32_t centre = 0;
  uint32_t day = 0;
  uint64_t queue_after = 0;
  uint64_t deadline_after = 0;
};

// "<centre>.<day>.<queue_after>.<deadline_after>".
std::string AuditPageToken(const AuditPosition& p);
// INVALID_ARGUMENT when `token` is not one AuditPageToken made for this
// centre and day. An empty token is the start of the day.
[[nodiscard]] Status ParseAuditPageToken(const std::string& token, uint32_t centre, uint32_t day,
                                         AuditPosition* out);

// Up to `page_size` records after `from`, oldest first (by at_us; a tie
// puts the queue's first, then by seq), from whichever stores are given
// (nullptr: skipped). Sets out->next_page_token unless both stores are
// exhausted.
[[nodiscard]] Status ReadAuditPage(storage::Store* queue, storage::Store* deadline, const AuditPosition& from,
                                   uint32_t page_size, v1::ListAuditResponse* out);

}  // namespace qms::service

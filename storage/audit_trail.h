// The audit trail's storage: records of qms.v1.AuditRecord in the `audit`
// column family, keyed [centre u32][service_day u32][audit_seq u64]
// (storage/keys.h). The engines put a record into the WriteSet of the change
// it describes, so both reach the disk in one batch or not at all; this file
// only encodes them and reads them back.
//
// Thread safety: the functions are safe to call concurrently; reads block on
// RocksDB (never call them from a gRPC thread).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qms/v1/audit.pb.h"
#include "services/base/status.h"
#include "storage/group_commit_writer.h"
#include "storage/store.h"

namespace qms::storage {

// Puts `record` into `writes` under [centre][record.service_day()][record.seq()].
// REQUIRES: record.seq() > 0, unique for the centre in this database.
void PutAuditRecord(uint32_t centre, const v1::AuditRecord& record, WriteSet* writes);

// The highest audit_seq a centre has in `store` (any day), 0 if none. One
// seek; the engines call it once per centre at recovery.
uint64_t LastAuditSeq(Store* store, uint32_t centre);

// Up to `limit` records of a centre's day with audit_seq > `after_seq`, in
// seq order, appended to `out`. `*more` says whether the day has records
// after the last one returned. DATA_LOSS for an unreadable record.
[[nodiscard]] Status ReadAuditDay(Store* store, uint32_t centre, uint32_t service_day, uint64_t after_seq,
                                  size_t limit, std::vector<v1::AuditRecord>* out, bool* more);

}  // namespace qms::storage

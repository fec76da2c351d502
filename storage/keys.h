// Key encodings of every column family, in one place. Ordered numbers are
// big-endian so that RocksDB's bytewise order is numeric order; every range
// scan is given an explicit upper bound (PrefixUpperBound).
//
// Queue service database:
//   tickets   [centre u32][service_day u32 yyyymmdd][seq u32]  -> qms.storage.TicketRecord
//   events    [centre u32][service_day u32][event_seq u64]     -> qms.v1.CentreEvent
//   counters  [centre u32][counter_id bytes]                   -> qms.storage.CounterRecord
//   meta      ascii name ("citizen_salt", "schema_version")    -> raw bytes
//
//   day_stats [centre u32][service_day u32]                    -> qms.v1.DayStats
//     The figures of a closed service day (services/queue/closed_days.h),
//     written when the day closes (or before its tickets are removed) and
//     kept after retention removed the day's tickets, events and audit.
//
// Deadline service database: its keys are written down in services/deadline
// next to the code that encodes them, and use the helpers below.
//
// Both databases (storage/audit_trail.h):
//   audit     [centre u32][service_day u32 yyyymmdd][audit_seq u64] -> qms.v1.AuditRecord
//     One record per state change, written in the same batch as the change.
//     audit_seq counts per centre and per database from 1, across days, in
//     commit order; a centre's day is the one range [centre][day] ..
//     PrefixUpperBound([centre][day]). The queue files a change under its
//     service day (a day-end expiry done at the next start belongs to the
//     day it ends), the deadline database under the local day of the change.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace qms::storage {

// Every key of the queue database and of the audit trail starts with
// [centre u32]: one centre's keys are together, and Store gives the
// tickets, events and audit column families a memtable insert hint of this
// width.
inline constexpr size_t kCentrePrefixBytes = 4;
inline constexpr size_t kTicketKeyBytes = 12;  // [centre][service_day][seq u32]
inline constexpr size_t kEventKeyBytes = 16;   // [centre][service_day][event_seq u64]
inline constexpr size_t kAuditKeyBytes = 16;   // [centre][service_day][audit_seq u64]

void AppendU32(std::string* out, uint32_t v);
void AppendU64(std::string* out, uint64_t v);
// REQUIRES: in.size() >= offset + 4 (or 8).
uint32_t ReadU32(std::string_view in, size_t offset);
uint64_t ReadU64(std::string_view in, size_t offset);

// The smallest key greater than every key that starts with `prefix`.
// An all-0xff prefix has no such key; then an empty string is returned and
// the caller must scan to the end.
std::string PrefixUpperBound(std::string_view prefix);

std::string CentreDayPrefix(uint32_t centre, uint32_t service_day);
std::string CentrePrefix(uint32_t centre);
std::string TicketKey(uint32_t centre, uint32_t service_day, uint32_t seq);
std::string EventKey(uint32_t centre, uint32_t service_day, uint64_t event_seq);
std::string CounterKey(uint32_t centre, std::string_view counter_id);
std::string AuditKey(uint32_t centre, uint32_t service_day, uint64_t audit_seq);
std::string DayStatsKey(uint32_t centre, uint32_t service_day);  // == CentreDayPrefix

struct TicketKeyParts {
  uint32_t centre = 0;
  uint32_t service_day = 0;
  uint32_t seq = 0;
};
// Returns false when `key` is not a ticket key.
bool ParseTicketKey(std::string_view key, TicketKeyParts* out);

struct EventKeyParts {
  uint32_t centre = 0;
  uint32_t service_day = 0;
  uint64_t seq = 0;
};
// Returns false when `key` is not an event key.
bool ParseEventKey(std::string_view key, EventKeyParts* out);

struct AuditKeyParts {
  uint32_t centre = 0;
  uint32_t service_day = 0;
  uint64_t seq = 0;
};
// Returns false when `key` is not an audit key.
bool ParseAuditKey(std::string_view key, AuditKeyParts* out);

}  // namespace qms::storage

// Key encodings of the deadline service's database (its own RocksDB, in
// DATA/deadline). Numbers are big-endian (storage/keys.h) so that bytewise
// order is numeric order; moments are Unix microseconds as u64. Every range
// scan over these keys has an upper bound (PrefixUpperBound or a key built
// here).
//
// cf dossiers       [code]                                 -> qms.v1.Dossier
//     code = {agency}-{yyMMdd}-{NNNN} (dossier_code.h); every dossier ever received.
//
// cf dossier_due    [centre u32][clock u8][sort_us u64][code] -> [status u8][field_id]
//     OPEN dossiers only (statuses 1, 2, 4, 5, 6), one entry each, rewritten
//     when the due moment or the status moves and deleted when the dossier
//     closes. `clock` splits them so that "overdue" and "due within" are one
//     tight range each:
//       0 running      statuses 2, 4; sort_us = due moment
//       1 paused       statuses 5, 6; sort_us = due moment as it was at the pause
//       2 not started  status 1 (online, not accepted); sort_us = registration moment
//     The value lets lists filter by status and field without reading records.
//
// cf dossier_index  (first byte names the kind)
//   'L' [centre u32][status u8][sort_us u64][code]  -> [status u8][field_id]
//       CLOSED dossiers (3, 7, 8, 9, 10) for lists by status, sort_us = the
//       final due moment (registration moment if never accepted).
//   'R' [centre u32][day u32][request_id]           -> [code][0x00][procedure code]
//       ReceiveDossier idempotency, per centre and local day. Every dossier
//       has one, in the same batch: their count is the day's `received`
//       figure and the highest number among their codes is the day's code
//       counter (agency codes are one per centre).
//   'D' [centre u32][day u32]                       -> qms.storage.DossierDayRecord
//       A centre's daily report figures, written by every change but a
//       receive (and by the closing of the day, with `received` exact).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "qms/v1/deadline.pb.h"
#include "services/base/clock.h"
#include "services/deadline/dossier_code.h"  // keys hold codes; their format is there
#include "storage/store.h"

namespace qms::deadline {

// How the keys of each of this database's column families group (KeyGrouping,
// storage/store.h): dossiers by centre and day (the code up to its last
// separator), dossier_due by centre, dossier_index by kind and centre.
std::map<storage::Cf, storage::KeyGrouping> DossierKeyGroups();

enum class DueClock : uint8_t { kRunning = 0, kPaused = 1, kNotStarted = 2 };

// ---- cf dossier_due
std::string DuePrefix(uint32_t centre, DueClock clock);
std::string DueKey(uint32_t centre, DueClock clock, MicrosUtc sort, std::string_view code);

// ---- cf dossier_index 'L'
std::string ClosedPrefix(uint32_t centre, v1::DossierStatus status);
std::string ClosedKey(uint32_t centre, v1::DossierStatus status, MicrosUtc sort, std::string_view code);

// A list key is [prefix][sort_us u64][code] with a 5- or 6-byte prefix.
// False when `key` is too short.
bool ParseListKey(std::string_view key, size_t prefix_size, MicrosUtc* sort, std::string_view* code);
// A list key with its prefix: [sort_us u64][code], the position a page token
// keeps.
std::string ListPosition(MicrosUtc sort, std::string_view code);

// The value of a list entry, and its parts.
std::string ListValue(v1::DossierStatus status, std::string_view field_id);
v1::DossierStatus ListValueStatus(std::string_view value);
std::string_view ListValueField(std::string_view value);

// The one list entry a dossier has (cf dossier_due while open, cf
// dossier_index 'L' once closed).
struct ListEntry {
  storage::Cf cf = storage::Cf::kDossierDue;
  std::string key;
  std::string value;
};
ListEntry ListEntryOf(uint32_t centre, const v1::Dossier& d);

// ---- cf dossier_index 'R', 'D'
std::string RequestPrefix(uint32_t centre, uint32_t day);
std::string RequestKey(uint32_t centre, uint32_t day, std::string_view request_id);
std::string RequestValue(std::string_view code, std::string_view procedure_code);
// False when `value` is not a request value.
bool ParseRequestValue(std::string_view value, std::string* code, std::string* procedure_code);
std::string DayPrefix(uint32_t centre);
std::string DayKey(uint32_t centre, uint32_t day);
// The day of a 'D' key of `centre`, or 0 when `key` is not one.
uint32_t DayOfDayKey(std::string_view key, uint32_t centre);

}  // namespace qms::deadline

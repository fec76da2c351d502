#include "services/deadline/dossier_keys.h"

#include "services/deadline/dossier_transitions.h"
#include "storage/keys.h"

namespace qms::deadline {

namespace {

constexpr char kClosedTag = 'L';
constexpr char kRequestTag = 'R';
constexpr char kDayTag = 'D';

uint64_t SortBits(MicrosUtc sort) { return sort < 0 ? 0 : static_cast<uint64_t>(sort); }

}  // namespace

std::map<storage::Cf, storage::KeyGrouping> DossierKeyGroups() {
  return {{storage::Cf::kDossiers, {0, kDossierCodeSeparator}},
          {storage::Cf::kDossierDue, {storage::kCentrePrefixBytes, 0}},         // [centre]
          {storage::Cf::kDossierIndex, {1 + storage::kCentrePrefixBytes, 0}}};  // [kind][centre]
}

std::string DuePrefix(uint32_t centre, DueClock clock) {
  std::string key;
  key.reserve(5);
  storage::AppendU32(&key, centre);
  key.push_back(static_cast<char>(clock));
  return key;
}

std::string DueKey(uint32_t centre, DueClock clock, MicrosUtc sort, std::string_view code) {
  std::string key;
  key.reserve(13 + code.size());
  storage::AppendU32(&key, centre);
  key.push_back(static_cast<char>(clock));
  storage::AppendU64(&key, SortBits(sort));
  key.append(code);
  return key;
}

std::string ClosedPrefix(uint32_t centre, v1::DossierStatus status) {
  std::string key;
  key.reserve(6);
  key.push_back(kClosedTag);
  storage::AppendU32(&key, centre);
  key.push_back(static_cast<char>(status));
  return key;
}

std::string ClosedKey(uint32_t centre, v1::DossierStatus status, MicrosUtc sort, std::string_view code) {
  std::string key = ClosedPrefix(centre, status);
  key.reserve(14 + code.size());
  storage::AppendU64(&key, SortBits(sort));
  key.append(code);
  return key;
}

bool ParseListKey(std::string_view key, size_t prefix_size, MicrosUtc* sort, std::string_view* code) {
  if (key.size() < prefix_size + 8) return false;
  *sort = static_cast<MicrosUtc>(storage::ReadU64(key, prefix_size));
  *code = key.substr(prefix_size + 8);
  return true;
}

std::string ListPosition(MicrosUtc sort, std::string_view code) {
  std::string out;
  out.reserve(8 + code.size());
  storage::AppendU64(&out, SortBits(sort));
  out.append(code);
  return out;
}

std::string ListValue(v1::DossierStatus status, std::string_view field_id) {
  std::string value;
  value.reserve(1 + field_id.size());
  value.push_back(static_cast<char>(status));
  value.append(field_id);
  return value;
}

v1::DossierStatus ListValueStatus(std::string_view value) {
  return value.empty() ? v1::DOSSIER_STATUS_UNSPECIFIED
                       : static_cast<v1::DossierStatus>(static_cast<unsigned char>(value[0]));
}

std::string_view ListValueField(std::string_view value) { return value.empty() ? value : value.substr(1); }

ListEntry ListEntryOf(uint32_t centre, const v1::Dossier& d) {
  ListEntry entry;
  entry.value = ListValue(d.status(), d.field_id());
  const MicrosUtc sort = SortMoment(d);
  if (!IsOpen(d.status())) {
    entry.cf = storage::Cf::kDossierIndex;
    entry.key = ClosedKey(centre, d.status(), sort, d.code());
    return entry;
  }
  const DueClock clock = d.status() == v1::REGISTERED ? DueClock::kNotStarted
                         : IsPaused(d.status())       ? DueClock::kPaused
                                                      : DueClock::kRunning;
  entry.cf = storage::Cf::kDossierDue;
  entry.key = DueKey(centre, clock, sort, d.code());
  return entry;
}

std::string RequestPrefix(uint32_t centre, uint32_t day) {
  std::string key;
  key.reserve(9);
  key.push_back(kRequestTag);
  storage::AppendU32(&key, centre);
  storage::AppendU32(&key, day);
  return key;
}

std::string RequestKey(uint32_t centre, uint32_t day, std::string_view request_id) {
  std::string key = RequestPrefix(centre, day);
  key.append(request_id);
  return key;
}

std::string RequestValue(std::string_view code, std::string_view procedure_code) {
  std::string value;
  value.reserve(code.size() + 1 + procedure_code.size());
  value.append(code);
  value.push_back('\0');
  value.append(procedure_code);
  return value;
}

bool ParseRequestValue(std::string_view value, std::string* code, std::string* procedure_code) {
  const size_t zero = value.find('\0');
  if (zero == std::string_view::npos || zero == 0) return false;
  code->assign(value.substr(0, zero));
  procedure_code->assign(value.substr(zero + 1));
  return true;
}

std::string DayPrefix(uint32_t centre) {
  std::string key;
  key.reserve(5);
  key.push_back(kDayTag);
  storage::AppendU32(&key, centre);
  return key;
}

std::string DayKey(uint32_t centre, uint32_t day) {
  std::string key = DayPrefix(centre);
  storage::AppendU32(&key, day);
  return key;
}

uint32_t DayOfDayKey(std::string_view key, uint32_t centre) {
  if (key.size() != 9 || key[0] != kDayTag || storage::ReadU32(key, 1) != centre) return 0;
  return storage::ReadU32(key, 5);
}

}  // namespace qms::deadline

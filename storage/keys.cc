#include "storage/keys.h"

namespace qms::storage {

void AppendU32(std::string* out, uint32_t v) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
               static_cast<char>(v)};
  out->append(b, 4);
}

void AppendU64(std::string* out, uint64_t v) {
  AppendU32(out, static_cast<uint32_t>(v >> 32));
  AppendU32(out, static_cast<uint32_t>(v));
}

uint32_t ReadU32(std::string_view in, size_t offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data() + offset);
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

uint64_t ReadU64(std::string_view in, size_t offset) {
  return (uint64_t{ReadU32(in, offset)} << 32) | ReadU32(in, offset + 4);
}

std::string PrefixUpperBound(std::string_view prefix) {
  std::string bound(prefix);
  while (!bound.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(bound.back());
    if (last != 0xff) {
      ++last;
      return bound;
    }
    bound.pop_back();
  }
  return bound;
}

std::string CentrePrefix(uint32_t centre) {
  std::string k;
  AppendU32(&k, centre);
  return k;
}

std::string CentreDayPrefix(uint32_t centre, uint32_t service_day) {
  std::string k;
  k.reserve(8);
  AppendU32(&k, centre);
  AppendU32(&k, service_day);
  return k;
}

std::string TicketKey(uint32_t centre, uint32_t service_day, uint32_t seq) {
  std::string k = CentreDayPrefix(centre, service_day);
  AppendU32(&k, seq);
  return k;
}

std::string EventKey(uint32_t centre, uint32_t service_day, uint64_t event_seq) {
  std::string k = CentreDayPrefix(centre, service_day);
  AppendU64(&k, event_seq);
  return k;
}

std::string CounterKey(uint32_t centre, std::string_view counter_id) {
  std::string k = CentrePrefix(centre);
  k.append(counter_id);
  return k;
}

std::string AuditKey(uint32_t centre, uint32_t service_day, uint64_t audit_seq) {
  std::string k = CentreDayPrefix(centre, service_day);
  AppendU64(&k, audit_seq);
  return k;
}

std::string DayStatsKey(uint32_t centre, uint32_t service_day) {
  return CentreDayPrefix(centre, service_day);
}

bool ParseAuditKey(std::string_view key, AuditKeyParts* out) {
  if (key.size() != kAuditKeyBytes) return false;
  out->centre = ReadU32(key, 0);
  out->service_day = ReadU32(key, 4);
  out->seq = ReadU64(key, 8);
  return true;
}

bool ParseEventKey(std::string_view key, EventKeyParts* out) {
  if (key.size() != kEventKeyBytes) return false;
  out->centre = ReadU32(key, 0);
  out->service_day = ReadU32(key, 4);
  out->seq = ReadU64(key, 8);
  return true;
}

bool ParseTicketKey(std::string_view key, TicketKeyParts* out) {
  if (key.size() != kTicketKeyBytes) return false;
  out->centre = ReadU32(key, 0);
  out->service_day = ReadU32(key, 4);
  out->seq = ReadU32(key, 8);
  return true;
}

}  // namespace qms::storage

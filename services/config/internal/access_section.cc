#include "services/config/internal/access_section.h"

#include <algorithm>

namespace qms::config::internal {

namespace {

constexpr uint32_t kMaxPerSecond = 1'000'000;
constexpr uint32_t kMaxBurst = 10'000'000;

Status ReadRateLimit(const YamlReader& reader, const YAML::Node& node, const Where& where,
                     config::RateLimitConfig* limit) {
  bool has_burst = false;
  QMS_CONFIG_RETURN_IF_ERROR(
      reader.ForEachEntry(node, where, {"per_second", "burst"},
                          [&](const std::string& key, const YAML::Node& value, const Where& at) {
                            if (key == "per_second")
                              return reader.ReadUint(value, at, 0, kMaxPerSecond, &limit->per_second);
                            has_burst = true;
                            return reader.ReadUint(value, at, 1, kMaxBurst, &limit->burst);
                          }));
  QMS_CONFIG_RETURN_IF_ERROR(reader.RequireKeys(node, where, {"per_second"}));
  if (!has_burst) limit->burst = limit->per_second == 0 ? 0 : std::min(kMaxBurst, 3 * limit->per_second);
  return Status::Ok();
}

}  // namespace

Status ReadAccess(const YamlReader& reader, const YAML::Node& node, const Where& where,
                  config::AccessConfig* access) {
  return reader.ForEachEntry(node, where, {"rate_limits"},
                             [&](const std::string&, const YAML::Node& limits, const Where& limits_at) {
                               return reader.ForEachEntry(
                                   limits, limits_at, {"kiosk", "board", "clerk", "supervisor", "admin"},
                                   [&](const std::string& role, const YAML::Node& value, const Where& at) {
                                     config::RateLimitConfig* limit = role == "kiosk"   ? &access->kiosk
                                                                      : role == "board" ? &access->board
                                                                      : role == "clerk" ? &access->clerk
                                                                      : role == "supervisor"
                                                                          ? &access->supervisor
                                                                          : &access->admin;
                                     return ReadRateLimit(reader, value, at, limit);
                                   });
                             });
}

}  // namespace qms::config::internal

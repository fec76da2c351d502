// Reader of the optional `access:` section: the rate limits per role that
// the access gate applies when auth is on (docs/config.md, docs/access.md).
//
//   access:
//     rate_limits:
//       kiosk: {per_second: 5, burst: 20}   # burst optional: 3 x per_second
//       admin: {per_second: 0}              # 0: no limit
//
// A role not named keeps its default (config::AccessConfig).
#pragma once

#include <yaml-cpp/yaml.h>

#include "services/base/status.h"
#include "services/config/internal/yaml_reader.h"
#include "services/config/system_config.h"

namespace qms::config::internal {

Status ReadAccess(const YamlReader& reader, const YAML::Node& node, const Where& where,
                  config::AccessConfig* access);

}  // namespace qms::config::internal

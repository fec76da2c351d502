// Reader of the optional `retention:` section (docs/config.md, "Retention"):
//
//   retention:
//     ticket_days: 90     # raw tickets, events, queue audit of a closed day
//     dossier_years: 10   # closed dossiers, their index entries and audit
//     compaction_mb_per_second: 16   # the passes' compactions, paced
//
// A key not given keeps its default (config::RetentionConfig). ticket_days
// is 1..36500 (at least the day before today is always kept whole);
// dossier_years is 1..100; compaction_mb_per_second 0..100000 (0: no limit).
#pragma once

#include <yaml-cpp/yaml.h>

#include "services/base/status.h"
#include "services/config/internal/yaml_reader.h"
#include "services/config/system_config.h"

namespace qms::config::internal {

Status ReadRetention(const YamlReader& reader, const YAML::Node& node, const Where& where,
                     config::RetentionConfig* retention);

}  // namespace qms::config::internal

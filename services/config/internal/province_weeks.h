// Reader of the `provinces:` section: each province's statutory working week
// for the deadline calendar (docs/config.md, docs/calendar.md).
//
//   provinces:
//     "Hải Phòng":
//       saturday_morning: true                     # required
//       weekday_hours: ["07:30-11:30", "13:30-17:00"]   # optional
//       saturday_hours: ["07:30-11:30"]            # optional; only with saturday_morning: true
//
// Whether each name is the province of some centre is checked by the loader
// once the centres are read (CheckProvincesHaveCentres).
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "services/base/status.h"
#include "services/config/internal/yaml_reader.h"
#include "services/config/system_config.h"

namespace qms::config::internal {

// Fills `provinces` and, for each name in file order, where it was written.
Status ReadProvinceWeeks(const YamlReader& reader, const YAML::Node& node, const Where& where,
                         std::map<std::string, config::ProvinceWorkingWeek>* provinces,
                         std::vector<std::pair<std::string, Where>>* name_where);

// Fails, at the name's line, for a province that no centre is in: a
// misspelt name would otherwise silently leave the province on the national week.
Status CheckProvincesHaveCentres(const YamlReader& reader,
                                 const std::vector<std::pair<std::string, Where>>& name_where,
                                 const std::vector<config::CentreConfig>& centres);

}  // namespace qms::config::internal

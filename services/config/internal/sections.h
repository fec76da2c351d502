// Readers for the sections of a centre configuration: policy, hours, fields,
// counters. Each checks what can be checked inside its own section; the
// checks that need two sections (a counter's fields exist) are done by the
// loader once it knows which lists a centre ends up with.
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "services/base/status.h"
#include "services/config/internal/yaml_reader.h"
#include "services/config/system_config.h"

namespace qms::config::internal {

// A field with where it was written, so that a centre can report a mistake
// at the template line it came from.
struct ParsedField {
  config::FieldConfig config;
  Where where;
  int id_line = 0;
  int prefix_line = 0;
};

struct ParsedCounter {
  config::CounterConfig config;
  Where where;
  int id_line = 0;
  // Where each weight was written: index i matches config.field_weights[i].
  std::vector<Where> weight_where;
  // Where the `fields` key was written, for messages about the whole map.
  Where fields_where;
};

// The hours the document shows when a file gives none: weekdays
// 07:30-11:30 and 13:30-17:00, closed on Saturday and Sunday.
config::OpeningHours DefaultOpeningHours();

// Overrides the members of `policy` named in the map `node`; keeps the others.
Status ReadPolicy(const YamlReader& reader, const YAML::Node& node, const Where& where,
                  config::QueuePolicy* policy);

// Overrides the days of `hours` named in the map `node` (weekdays, saturday,
// sunday); keeps the others. Periods are "HH:MM-HH:MM", increasing and not
// overlapping; "24:00" may close a period.
Status ReadHours(const YamlReader& reader, const YAML::Node& node, const Where& where,
                 config::OpeningHours* hours);

// A list of periods "HH:MM-HH:MM", increasing and not overlapping; "24:00"
// may close a period. A null node is an empty list.
Status ReadPeriods(const YamlReader& reader, const YAML::Node& node, const Where& where,
                   std::vector<config::Period>* periods);

// A list of fields, with unique ids and prefixes.
Status ReadFields(const YamlReader& reader, const YAML::Node& node, const Where& where,
                  std::vector<ParsedField>* fields);

// A list of counters with unique ids, each serving at least one field with a
// weight > 0. Whether those fields exist is checked by the caller.
Status ReadCounters(const YamlReader& reader, const YAML::Node& node, const Where& where,
                    std::vector<ParsedCounter>* counters);

}  // namespace qms::config::internal

#include "services/config/internal/retention_section.h"

namespace qms::config::internal {

Status ReadRetention(const YamlReader& reader, const YAML::Node& node, const Where& where,
                     config::RetentionConfig* retention) {
  return reader.ForEachEntry(node, where, {"ticket_days", "dossier_years", "compaction_mb_per_second"},
                             [&](const std::string& key, const YAML::Node& value, const Where& at) {
                               if (key == "ticket_days")
                                 return reader.ReadUint(value, at, 1, 36500, &retention->ticket_days);
                               if (key == "compaction_mb_per_second")
                                 return reader.ReadUint(value, at, 0, 100000,
                                                        &retention->compaction_mb_per_second);
                               return reader.ReadUint(value, at, 1, 100, &retention->dossier_years);
                             });
}

}  // namespace qms::config::internal

// Readers of the optional tuning sections (docs/config.md); a key left out
// keeps its default.
//
// `storage:` the RocksDB settings of both databases ("Storage tuning");
// sizes are in MiB or KiB, as their names say:
//   storage:
//     block_cache_mb: 512
//     max_total_wal_mb: 256
//
// `load:` the bounds of calls in flight past which the server sheds
// ("Overload"):
//   load:
//     max_in_flight: 4096
//     busy_in_flight: 1024
//     centre_floor: 32
#pragma once

#include "services/config/internal/yaml_reader.h"
#include "services/config/system_config.h"

namespace qms::config::internal {

Status ReadStorage(const YamlReader& reader, const YAML::Node& node, const Where& where,
                   config::StorageConfig* storage);
Status ReadLoad(const YamlReader& reader, const YAML::Node& node, const Where& where,
                config::LoadConfig* load);

}  // namespace qms::config::internal

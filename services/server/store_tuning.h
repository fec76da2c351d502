// The RocksDB settings of the config's `storage:` section (docs/config.md,
// "Storage tuning") as the StoreOptions both of qms-server's databases open
// with. Field by field; nothing else is set here.
#pragma once

#include "services/config/system_config.h"
#include "storage/store.h"

namespace qms::server {

storage::StoreOptions StoreOptionsOf(const config::StorageConfig& storage);

}  // namespace qms::server

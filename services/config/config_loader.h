// Config loader: reads the YAML centre configuration described in
// docs/config.md into the domain types of services/config/system_config.h.
//
// Contract:
//  - Every rule of docs/config.md is checked here, so the queue engine may
//    trust what it gets. The first mistake found stops the load.
//  - Errors come back as a Status, never as an exception (yaml-cpp's are
//    caught inside). A mistake in the file is kInvalidArgument with a message
//    "FILE:LINE: path.to.key: what is wrong" (LINE is 1-based), for example
//      config/demo.yaml:42: centres[1].counters[0].fields: unknown field "dat_dai"
//    A file that cannot be read is kNotFound.
//  - Defaults: a missing `policy` key takes the value of QueuePolicy's member
//    initialiser; missing `hours` keys take 07:30-11:30 and 13:30-17:00 on
//    weekdays and no Saturday or Sunday hours. A centre's `policy`/`hours`
//    keys override the top-level ones key by key. A centre's own `fields` or
//    `counters` list replaces its template's list as a whole.
//  - `provinces` (optional) gives provinces their own working week for the
//    deadline calendar (SystemConfig::provinces). A name that is no
//    centre's province is an error at its line, so a misspelling never
//    silently leaves a province on the national week.
//  - `access` (optional) sets the rate limits per role of the access gate
//    (SystemConfig::access); a role not named keeps its default.
//  - Bounds the document leaves open are set here: a field's `daily_cap` and
//    `service_minutes` are at most 9999 and 240, `default_service_minutes` is
//    1-240, counter ids are [A-Za-z0-9_-]{1,32}, agency codes are
//    [A-Za-z0-9.]{1,32}. Two centre ids with the same numeric value ("09187"
//    and "9187") are duplicates, since the number keys the store.
//
// Thread safety: the functions keep no state; call them from any thread.
#pragma once

#include <string>

#include "services/base/status.h"
#include "services/config/system_config.h"

namespace qms::config {

// Reads and checks the file at `path`; `path` names the file in messages.
[[nodiscard]] StatusOr<config::SystemConfig> LoadSystemConfig(const std::string& path);

// Checks `yaml_text`, naming it `source_name` in messages and in the result's
// `source`. This is the seam tests use: no file system involved.
[[nodiscard]] StatusOr<config::SystemConfig> ParseSystemConfig(const std::string& yaml_text,
                                                               const std::string& source_name);

}  // namespace qms::config

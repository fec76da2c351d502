#include "services/config/internal/tuning_sections.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace qms::config::internal {

namespace {

constexpr uint64_t kKiB = 1024;
constexpr uint64_t kMiB = 1024 * 1024;

// One key: its bounds and where its value goes (scaled to bytes or counts).
struct Setting {
  uint32_t min = 0;
  uint32_t max = 0;
  std::function<void(uint32_t)> set;
};

std::function<void(uint32_t)> CountInto(int* field) {
  return [field](uint32_t v) { *field = static_cast<int>(v); };
}

std::map<std::string, Setting> SettingsOf(config::StorageConfig* s) {
  auto bytes = [](uint64_t* field, uint64_t unit) {
    return [field, unit](uint32_t v) { *field = v * unit; };
  };
  return {
      {"block_cache_mb", {1, 1u << 20, bytes(&s->block_cache_bytes, kMiB)}},
      {"write_buffer_mb", {1, 4096, bytes(&s->write_buffer_bytes, kMiB)}},
      {"max_write_buffers", {2, 64, CountInto(&s->max_write_buffers)}},
      {"background_jobs", {1, 64, CountInto(&s->background_jobs)}},
      {"bytes_per_sync_kb", {0, 1u << 20, bytes(&s->bytes_per_sync, kKiB)}},
      {"max_total_wal_mb", {0, 1u << 20, bytes(&s->max_total_wal_bytes, kMiB)}},
      {"wal_bytes_per_sync_kb", {0, 1u << 20, bytes(&s->wal_bytes_per_sync, kKiB)}},
      {"level0_compaction_trigger", {0, 1000, CountInto(&s->level0_compaction_trigger)}},
      {"target_file_mb", {0, 1u << 16, bytes(&s->target_file_bytes, kMiB)}},
      {"level_base_mb", {0, 1u << 20, bytes(&s->level_base_bytes, kMiB)}},
  };
}

// Reads a map of whole numbers, each key one of `settings` (or one of
// `others`, handed to `other`).
Status ReadSettings(const YamlReader& reader, const YAML::Node& node, const Where& where,
                    const std::map<std::string, Setting>& settings, const YamlReader::EntryVisitor& other,
                    std::vector<const char*> others = {}) {
  std::vector<const char*> allowed;
  for (const auto& [key, setting] : settings) allowed.push_back(key.c_str());
  allowed.insert(allowed.end(), others.begin(), others.end());
  return reader.ForEachEntry(
      node, where, allowed, [&](const std::string& key, const YAML::Node& value, const Where& at) {
        const auto it = settings.find(key);
        if (it == settings.end()) return other(key, value, at);
        uint32_t v = 0;
        QMS_CONFIG_RETURN_IF_ERROR(reader.ReadUint(value, at, it->second.min, it->second.max, &v));
        it->second.set(v);
        return Status::Ok();
      });
}

}  // namespace

Status ReadStorage(const YamlReader& reader, const YAML::Node& node, const Where& where,
                   config::StorageConfig* storage) {
  return ReadSettings(reader, node, where, SettingsOf(storage),
                      [&](const std::string&, const YAML::Node& value, const Where& at) {
                        return reader.ReadBool(value, at, &storage->pipelined_write);
                      },
                      {"pipelined_write"});
}

Status ReadLoad(const YamlReader& reader, const YAML::Node& node, const Where& where,
                config::LoadConfig* load) {
  QMS_CONFIG_RETURN_IF_ERROR(ReadSettings(
      reader, node, where,
      {{"max_in_flight", {1, 1u << 20, CountInto(&load->max_in_flight)}},
       {"busy_in_flight", {1, 1u << 20, CountInto(&load->busy_in_flight)}},
       {"centre_floor", {1, 1u << 20, CountInto(&load->centre_floor)}},
       {"max_streams_per_connection", {16, 1u << 20, CountInto(&load->max_streams_per_connection)}},
       {"watch_stall_ms", {100, 3600u * 1000, CountInto(&load->watch_stall_ms)}}},
      {}));
  if (load->busy_in_flight > load->max_in_flight)
    return reader.Error(where, "busy_in_flight must not be above max_in_flight");
  return Status::Ok();
}

}  // namespace qms::config::internal

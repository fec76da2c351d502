// CentreConfig: the static description of the centres a server hosts, as the
// queue engine needs it, and (SystemConfig::provinces) the provinces' working
// weeks for the deadline calendar. Loaded and validated by services/config
// from the YAML file described in docs/config.md; the engines trust it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace qms::config {

struct QueuePolicy {
  uint32_t number_start = 1;
  uint32_t priority_ratio = 3;
  uint32_t max_wait_minutes = 60;
  uint32_t auto_no_show_minutes = 5;
  uint32_t citizen_daily_cap = 2;
  uint32_t citizen_field_cap = 1;
  bool stop_when_wait_past_closing = true;
  bool accept_outside_hours = false;
  uint32_t default_service_minutes = 8;
};

// Minutes since local midnight, [opens, closes).
struct Period {
  int opens = 0;
  int closes = 0;
};

struct OpeningHours {
  // Index 0 is Monday .. 6 Sunday.
  std::vector<Period> by_weekday[7];
};

struct FieldConfig {
  std::string id;
  char prefix = 'A';
  std::string name_vi;
  std::string name_en;
  uint32_t daily_cap = 0;        // 0: none
  uint32_t service_minutes = 0;  // 0: the policy's default
};

struct CounterConfig {
  std::string id;
  std::string name;
  std::vector<std::pair<std::string, double>> field_weights;  // field id, weight > 0
  bool priority_counter = false;
};

struct CentreConfig {
  std::string id;    // digits
  uint32_t key = 0;  // numeric value of id, the storage key
  std::string name_vi;
  std::string name_en;
  std::string province;
  std::string agency_code;
  std::vector<FieldConfig> fields;
  std::vector<CounterConfig> counters;
  OpeningHours hours;
  QueuePolicy policy;
};

// A province's statutory working week, for due dates (docs/calendar.md). Not
// the queue's opening hours (CentreConfig::hours): those say when tickets are
// issued, this says which time counts towards a dossier's deadline.
struct ProvinceWorkingWeek {
  bool saturday_morning = false;
  std::vector<Period> weekday_hours;   // Monday..Friday; empty: the national 07:30-11:30, 13:30-17:00
  std::vector<Period> saturday_hours;  // empty: 07:30-11:30; REQUIRES: saturday_morning if not empty
};

// A token bucket for each caller of a role (docs/access.md): `burst` calls
// at once, refilled at `per_second` calls a second. per_second 0: no limit.
struct RateLimitConfig {
  uint32_t per_second = 0;
  uint32_t burst = 0;
};

// The optional `access:` section (docs/config.md): rate limits per role,
// read by the access gate when auth is on. The defaults are far above what
// a person or a device of a real centre does, and ADMIN (operators,
// scripts, the bench) has none.
struct AccessConfig {
  RateLimitConfig kiosk{20, 60};
  RateLimitConfig board{20, 60};
  RateLimitConfig clerk{20, 60};
  RateLimitConfig supervisor{20, 60};
  RateLimitConfig admin{0, 0};
};

// The optional `storage:` section (docs/config.md, "Storage tuning"): the
// RocksDB settings of both databases, with the defaults qms-server has always
// used. qms-server turns it into storage::StoreTuning field by field; zero
// for the WAL and compaction sizes means "RocksDB's own default".
struct StorageConfig {
  uint64_t block_cache_bytes = 256u << 20;
  uint64_t write_buffer_bytes = 64u << 20;
  int max_write_buffers = 4;
  int background_jobs = 2;
  uint64_t bytes_per_sync = 1u << 20;
  uint64_t max_total_wal_bytes = 64u << 20;
  uint64_t wal_bytes_per_sync = 0;
  int level0_compaction_trigger = 4;
  uint64_t target_file_bytes = 64u << 20;
  uint64_t level_base_bytes = 256u << 20;
  bool pipelined_write = true;
};

// The optional `load:` section (docs/config.md, "Overload"): how many calls
// may be in flight before the server sheds (services/base/load_meter.h).
struct LoadConfig {
  int max_in_flight = 4096;   // in all; past it every new call is shed
  int busy_in_flight = 1024;  // past it, a centre over its fair share is shed
  int centre_floor = 32;      // a centre's share is never below this
  // Calls (and watch streams) open at once on one connection; more wait at
  // the client, where their deadline runs, instead of queueing in the server.
  int max_streams_per_connection = 256;
  // A watch stream (WatchCentre, WatchDeadlines) whose one write has been in
  // flight this long is ended and its call cancelled: its client stopped
  // reading (docs/queue.md, "Stalled watchers").
  int watch_stall_ms = 30000;
};

// The optional `retention:` section (docs/config.md, docs/retention.md): how
// long data is kept. A closed service day keeps its figures (DayStats) for
// ever; its raw tickets, events and audit records go after `ticket_days`
// days. A closed dossier goes, with its index entries and audit records,
// `dossier_years` years after it closed; the daily reports stay.
struct RetentionConfig {
  uint32_t ticket_days = 90;
  uint32_t dossier_years = 10;
  // The passes' compactions read and write at most this many MiB a second
  // (Store::CompactRange), so that they do not slow today's work; 0: no
  // limit.
  uint32_t compaction_mb_per_second = 16;
};

struct SystemConfig {
  std::vector<CentreConfig> centres;
  // By province name, exactly as in CentreConfig::province. A province not
  // listed works the national week (Monday-Friday, default hours). Every
  // key is the province of at least one centre.
  std::map<std::string, ProvinceWorkingWeek> provinces;
  AccessConfig access;
  StorageConfig storage;
  LoadConfig load;
  RetentionConfig retention;
  std::string source;  // file it came from, for messages
};

}  // namespace qms::config

#ifndef QMS_BENCH_CONFIG_GENERATOR_H_
#define QMS_BENCH_CONFIG_GENERATOR_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "bench/centre_names.h"

namespace qms::bench {

struct ConfigGenOptions {
  int centres = 3321;
  // Load-test policy: issue at any hour, no demand control, no caps, no
  // automatic no-show, so the bench measures the server and not the rules.
  bool bench = false;
  bool open_all_day = false;  // hours 00:00-23:59 every day
  uint64_t seed = 2025;
  uint64_t id_base = 10000;  // centre i (1-based) gets id id_base + i
  int min_counters = 4;
  int max_counters = 10;
};

// One centre of the generated config, before it is written.
struct PlannedCentre {
  std::string id;       // digits only
  std::string name_vi;  // "Phường Kiến An", "Xã Tây Yên Tử", "Đặc khu Cô Tô"
  std::string name_en;  // "Kien An Ward"
  size_t province_index = 0;
  std::string agency_code;  // "000.PP.BB.HNN", unique
  int counters = 4;
};

// Deterministic for given options: centres spread over the 34 provinces in
// proportion to their real number of commune-level units; names unique
// within a province.
std::vector<PlannedCentre> PlanCentres(const ConfigGenOptions& options);

// Writes the centre config YAML (docs/config.md), sharing fields and counter
// layouts through one template per counter count.
void WriteCentreConfig(const ConfigGenOptions& options, std::ostream& out);

}  // namespace qms::bench

#endif  // QMS_BENCH_CONFIG_GENERATOR_H_

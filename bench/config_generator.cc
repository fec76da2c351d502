#include "bench/config_generator.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>

namespace qms::bench {
namespace {

constexpr int kNationalUnits = 3321;

// How many centres each province gets for `total`: proportional to its real
// number of units, largest remainders first, so the sum is exact.
std::vector<int> ShareOutCentres(int total) {
  const auto& provinces = Provinces();
  std::vector<int> counts(provinces.size(), 0);
  std::vector<std::pair<double, size_t>> remainders;
  int given = 0;
  for (size_t p = 0; p < provinces.size(); ++p) {
    const double exact = static_cast<double>(total) * provinces[p].commune_units / kNationalUnits;
    counts[p] = static_cast<int>(exact);
    given += counts[p];
    remainders.push_back({exact - counts[p], p});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; given < total; i = (i + 1) % remainders.size(), ++given) ++counts[remainders[i].second];
  return counts;
}

std::string AgencyCode(size_t province_index, int unit_index) {
  char code[64];
  std::snprintf(code, sizeof(code), "000.%02zu.%02d.H%02d", province_index + 1, unit_index / 100 + 1,
                unit_index % 100);
  return code;
}

// The special zones of a province, when it is generated at (nearly) its real
// size; a small config should not be mostly islands.
std::vector<PlaceName> ZonesFor(size_t province_index, int count) {
  std::vector<PlaceName> zones;
  if (count * 4 < Provinces()[province_index].commune_units * 3) return zones;
  for (const SpecialZone& zone : SpecialZones()) {
    if (zone.province_index == province_index) zones.push_back(zone.name);
  }
  return zones;
}

PlaceName UniqueName(std::mt19937_64& random, std::set<std::string>* used) {
  PlaceName name = InventPlaceName(random);
  for (int attempt = 0; attempt < 50 && used->count(name.vi) > 0; ++attempt) name = InventPlaceName(random);
  for (int suffix = 2; used->count(name.vi) > 0; ++suffix) {
    name = {name.vi + " " + std::to_string(suffix), name.ascii + " " + std::to_string(suffix)};
  }
  used->insert(name.vi);
  return name;
}

void PlanProvince(const ConfigGenOptions& options, size_t province_index, int count, std::mt19937_64& random,
                  std::vector<PlannedCentre>* plan) {
  const ProvinceInfo& province = Provinces()[province_index];
  const std::vector<PlaceName> zones = ZonesFor(province_index, count);
  std::set<std::string> used;
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::uniform_int_distribution<int> counters(options.min_counters, options.max_counters);
  for (int k = 0; k < count; ++k) {
    PlannedCentre centre;
    centre.id = std::to_string(options.id_base + plan->size() + 1);
    centre.province_index = province_index;
    centre.agency_code = AgencyCode(province_index, k);
    centre.counters = counters(random);
    if (static_cast<size_t>(k) < zones.size()) {
      centre.name_vi = "Đặc khu " + zones[k].vi;
      centre.name_en = zones[k].ascii + " Special Zone";
    } else {
      const PlaceName name = UniqueName(random, &used);
      const bool ward = uniform(random) < (province.city ? 0.45 : 0.18);
      centre.name_vi = (ward ? "Phường " : "Xã ") + name.vi;
      centre.name_en = name.ascii + (ward ? " Ward" : " Commune");
    }
    plan->push_back(std::move(centre));
  }
}

struct CounterSpec {
  std::string name;
  std::vector<std::pair<std::string, double>> weights;
  bool priority = false;
};

// Counter k (1-based) of a centre with `total` counters. The first four
// cover the four fields; certification, most of the walk-ins, gets most of
// the rest; from five counters on the last is the priority counter (Decree
// 107/2021) serving every field.
CounterSpec CounterLayoutFor(int k, int total) {
  if (total >= 5 && k == total) {
    return {"Quầy ưu tiên",
            {{"chung_thuc", 1.0}, {"ho_tich", 1.0}, {"dat_dai", 1.0}, {"ho_kinh_doanh", 1.0}},
            true};
  }
  const std::string name = "Quầy " + std::to_string(k);
  switch (k) {
    case 1: return {name, {{"chung_thuc", 1.0}}};
    case 2: return {name, {{"chung_thuc", 1.0}, {"ho_tich", 0.5}}};
    case 3: return {name, {{"ho_tich", 1.0}, {"chung_thuc", 0.5}}};
    case 4: return {name, {{"dat_dai", 1.0}, {"ho_kinh_doanh", 1.0}}};
    default: break;
  }
  if (k % 3 == 2) return {name, {{"dat_dai", 1.0}, {"ho_kinh_doanh", 0.5}}};
  return {name, {{"chung_thuc", 1.0}, {"ho_tich", 0.5}}};
}

void WritePolicy(const ConfigGenOptions& options, std::ostream& out) {
  out << "policy:\n"
      << "  number_start: 1\n"
      << "  priority_ratio: 3\n"
      << "  max_wait_minutes: 60\n"
      << "  auto_no_show_minutes: " << (options.bench ? 0 : 5) << "\n"
      << "  citizen_daily_cap: " << (options.bench ? 0 : 2) << "\n"
      << "  citizen_field_cap: " << (options.bench ? 0 : 1) << "\n"
      << "  stop_when_wait_past_closing: " << (options.bench ? "false" : "true") << "\n"
      << "  accept_outside_hours: " << (options.bench ? "true" : "false") << "\n"
      << "  default_service_minutes: 8\n\n";
  if (options.open_all_day) {
    out << "hours:\n  weekdays: [\"00:00-23:59\"]\n  saturday: [\"00:00-23:59\"]\n  sunday: "
           "[\"00:00-23:59\"]\n\n";
  } else {
    out << "hours:\n  weekdays: [\"07:30-11:30\", \"13:30-17:00\"]\n  saturday: []\n  sunday: []\n\n";
  }
}

void WriteTemplate(int counters, const ConfigGenOptions& options, std::ostream& out) {
  const std::string cap = options.bench ? ", daily_cap: 0" : "";
  out << "  counters_" << counters << ":\n    fields:\n"
      << "      - {id: chung_thuc, prefix: A, name_vi: \"Chứng thực\", name_en: \"Certification\", "
         "service_minutes: 5"
      << cap << "}\n"
      << "      - {id: ho_tich, prefix: B, name_vi: \"Hộ tịch\", name_en: \"Civil status\", service_minutes: "
         "10"
      << cap << "}\n"
      << "      - {id: dat_dai, prefix: C, name_vi: \"Đất đai\", name_en: \"Land\", service_minutes: 15"
      << cap << "}\n"
      << "      - {id: ho_kinh_doanh, prefix: D, name_vi: \"Hộ kinh doanh\", name_en: \"Household "
         "business\", "
         "service_minutes: 12"
      << cap << "}\n    counters:\n";
  for (int k = 1; k <= counters; ++k) {
    const CounterSpec spec = CounterLayoutFor(k, counters);
    out << "      - {id: \"" << k << "\", name: \"" << spec.name << "\", fields: {";
    for (size_t i = 0; i < spec.weights.size(); ++i) {
      out << (i ? ", " : "") << spec.weights[i].first << ": "
          << (spec.weights[i].second == 1.0 ? "1.0" : "0.5");
    }
    out << "}" << (spec.priority ? ", priority_counter: true" : "") << "}\n";
  }
}

}  // namespace

std::vector<PlannedCentre> PlanCentres(const ConfigGenOptions& options) {
  std::vector<PlannedCentre> plan;
  const int total = std::max(0, options.centres);
  plan.reserve(static_cast<size_t>(total));
  std::mt19937_64 random(options.seed);
  const std::vector<int> counts = ShareOutCentres(total);
  for (size_t p = 0; p < counts.size(); ++p) PlanProvince(options, p, counts[p], random, &plan);
  return plan;
}

void WriteCentreConfig(const ConfigGenOptions& options, std::ostream& out) {
  const std::vector<PlannedCentre> plan = PlanCentres(options);
  std::set<int> counter_counts;
  for (const PlannedCentre& centre : plan) counter_counts.insert(centre.counters);
  out << "# Centre config written by qms-gen-config (bench/gen_config.cc); format: docs/config.md.\n"
      << "# " << plan.size() << " centres over " << Provinces().size() << " provinces, seed " << options.seed
      << (options.bench ? ", load-test policy (--bench): no caps, no demand control, issue at any hour" : "")
      << ".\n# Names are invented in the style of real commune names.\n\n";
  WritePolicy(options, out);
  out << "templates:\n";
  for (int counters : counter_counts) WriteTemplate(counters, options, out);
  out << "\ncentres:\n";
  for (const PlannedCentre& centre : plan) {
    out << "  - id: \"" << centre.id << "\"\n"
        << "    name_vi: \"" << centre.name_vi << "\"\n"
        << "    name_en: \"" << centre.name_en << "\"\n"
        << "    province: \"" << Provinces()[centre.province_index].name.vi << "\"\n"
        << "    agency_code: \"" << centre.agency_code << "\"\n"
        << "    template: counters_" << centre.counters << "\n";
  }
}

}  // namespace qms::bench

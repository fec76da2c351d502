#include "bench/config_generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

namespace qms::bench {
namespace {

bool AllDigits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

TEST(ConfigGeneratorTest, NationalPlanCoversThirtyFourProvinces) {
  const std::vector<PlannedCentre> plan = PlanCentres(ConfigGenOptions{});
  ASSERT_EQ(plan.size(), 3321u);
  std::set<std::string> ids;
  std::set<std::string> agency_codes;
  std::set<std::pair<size_t, std::string>> names;
  std::set<size_t> provinces;
  int special_zones = 0;
  for (const PlannedCentre& centre : plan) {
    EXPECT_TRUE(AllDigits(centre.id)) << centre.id;
    EXPECT_LE(centre.id.size(), 9u);
    EXPECT_GE(centre.counters, 4);
    EXPECT_LE(centre.counters, 10);
    ids.insert(centre.id);
    agency_codes.insert(centre.agency_code);
    names.insert({centre.province_index, centre.name_vi});
    provinces.insert(centre.province_index);
    special_zones += centre.name_vi.rfind("Đặc khu ", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(ids.size(), plan.size());
  EXPECT_EQ(agency_codes.size(), plan.size());
  EXPECT_EQ(names.size(), plan.size()) << "names are unique within a province";
  EXPECT_EQ(provinces.size(), 34u);
  EXPECT_EQ(special_zones, 13);
  EXPECT_EQ(plan.front().id, "10001");
  EXPECT_EQ(plan.back().id, "13321");
}

TEST(ConfigGeneratorTest, NamesLookLikeCommuneNames) {
  for (const PlannedCentre& centre : PlanCentres(ConfigGenOptions{})) {
    const bool ward = centre.name_vi.rfind("Phường ", 0) == 0;
    const bool commune = centre.name_vi.rfind("Xã ", 0) == 0;
    const bool zone = centre.name_vi.rfind("Đặc khu ", 0) == 0;
    EXPECT_TRUE(ward || commune || zone) << centre.name_vi;
    EXPECT_EQ(
        centre.name_en.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz 0123456789"),
        std::string::npos)
        << centre.name_en;
  }
}

TEST(ConfigGeneratorTest, SameSeedSameFile) {
  ConfigGenOptions options;
  options.centres = 200;
  std::ostringstream first;
  std::ostringstream second;
  WriteCentreConfig(options, first);
  WriteCentreConfig(options, second);
  EXPECT_EQ(first.str(), second.str());
  options.seed = 7;
  std::ostringstream other;
  WriteCentreConfig(options, other);
  EXPECT_NE(first.str(), other.str());
}

TEST(ConfigGeneratorTest, SmallConfigsWork) {
  ConfigGenOptions options;
  options.centres = 3;
  EXPECT_EQ(PlanCentres(options).size(), 3u);
  options.centres = 1;
  EXPECT_EQ(PlanCentres(options).size(), 1u);
}

TEST(ConfigGeneratorTest, BenchPolicyTurnsOffCapsAndDemandControl) {
  ConfigGenOptions options;
  options.centres = 20;
  options.bench = true;
  std::ostringstream out;
  WriteCentreConfig(options, out);
  const std::string yaml = out.str();
  for (const char* line :
       {"  accept_outside_hours: true\n", "  stop_when_wait_past_closing: false\n",
        "  citizen_daily_cap: 0\n", "  citizen_field_cap: 0\n", "  auto_no_show_minutes: 0\n"}) {
    EXPECT_NE(yaml.find(line), std::string::npos) << line;
  }
  EXPECT_NE(yaml.find("daily_cap: 0}"), std::string::npos);
  EXPECT_NE(yaml.find("template: counters_"), std::string::npos);
  EXPECT_NE(yaml.find("{id: dat_dai, prefix: C"), std::string::npos);

  options.bench = false;
  std::ostringstream normal;
  WriteCentreConfig(options, normal);
  EXPECT_NE(normal.str().find("  accept_outside_hours: false\n"), std::string::npos);
  EXPECT_EQ(normal.str().find("daily_cap: 0}"), std::string::npos);
}

TEST(ConfigGeneratorTest, EveryCentreHasAllFourFieldsServed) {
  ConfigGenOptions options;
  options.centres = 50;
  std::ostringstream out;
  WriteCentreConfig(options, out);
  const std::string yaml = out.str();
  // Each template lists the four fields and at least one counter per field.
  for (int counters = 4; counters <= 10; ++counters) {
    const std::string name = "  counters_" + std::to_string(counters) + ":\n";
    const size_t at = yaml.find(name);
    if (at == std::string::npos) continue;
    const size_t end = yaml.find("\n  counters_", at + 1);
    const std::string block = yaml.substr(at, end == std::string::npos ? std::string::npos : end - at);
    for (const char* field : {"chung_thuc: ", "ho_tich: ", "dat_dai: ", "ho_kinh_doanh: "}) {
      EXPECT_NE(block.find(field), std::string::npos) << name << field;
    }
    size_t counter_lines = 0;
    for (size_t p = block.find("{id: \""); p != std::string::npos; p = block.find("{id: \"", p + 1))
      ++counter_lines;
    EXPECT_EQ(counter_lines, static_cast<size_t>(counters)) << name;
  }
}

}  // namespace
}  // namespace qms::bench

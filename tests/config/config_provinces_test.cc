// The `provinces:` section: each province's working week for the deadline
// calendar, and every mistake in it reported as "test.yaml:LINE: path: what".
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/config/config_loader.h"
#include "tests/config/config_test_util.h"

namespace qms::config {
namespace {

using test_util::CentreYaml;
using test_util::ExpectInvalid;
using test_util::Parse;

// One valid centre in `province`, 7 lines (CentreYaml plus the province).
std::string CentreIn(const std::string& id, const std::string& province) {
  return CentreYaml(id) + "    province: \"" + province + "\"\n";
}

// Centres in Hải Phòng, Bắc Ninh and Hà Nội, as a section after the others.
const std::string kCentres =
    "centres:\n" + CentreIn("1", "Hải Phòng") + CentreIn("2", "Bắc Ninh") + CentreIn("3", "Hà Nội");

// A `provinces:` section whose only entry, Hải Phòng at line 2, has the
// given lines from line 3 on.
std::string HaiPhong(const std::string& lines) { return "provinces:\n  \"Hải Phòng\":\n" + lines + kCentres; }

void ExpectPeriods(const std::vector<config::Period>& periods,
                   const std::vector<std::pair<int, int>>& expected) {
  ASSERT_EQ(periods.size(), expected.size());
  for (size_t i = 0; i < periods.size(); ++i) {
    EXPECT_EQ(periods[i].opens, expected[i].first) << i;
    EXPECT_EQ(periods[i].closes, expected[i].second) << i;
  }
}

TEST(ConfigProvincesTest, ReadsEachProvincesWeek) {
  const auto config = Parse(
      "provinces:\n"
      "  \"Hải Phòng\":\n"
      "    saturday_morning: true\n"
      "  \"Bắc Ninh\":\n"
      "    saturday_morning: false\n"
      "    weekday_hours: [\"07:00-11:00\", \"13:30-17:00\"]\n" +
      kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_EQ(config->provinces.size(), 2u);
  const config::ProvinceWorkingWeek& hai_phong = config->provinces.at("Hải Phòng");
  EXPECT_TRUE(hai_phong.saturday_morning);
  EXPECT_TRUE(hai_phong.weekday_hours.empty()) << "the national hours";
  EXPECT_TRUE(hai_phong.saturday_hours.empty()) << "the national Saturday hours";
  const config::ProvinceWorkingWeek& bac_ninh = config->provinces.at("Bắc Ninh");
  EXPECT_FALSE(bac_ninh.saturday_morning);
  ExpectPeriods(bac_ninh.weekday_hours, {{7 * 60, 11 * 60}, {13 * 60 + 30, 17 * 60}});
  EXPECT_EQ(config->provinces.count("Hà Nội"), 0u) << "not listed: the national week";
}

TEST(ConfigProvincesTest, SaturdayHoursAndSectionAfterTheCentres) {
  const auto config = Parse(kCentres +
                            "provinces:\n"
                            "  \"Hà Nội\":\n"
                            "    saturday_morning: true\n"
                            "    saturday_hours:\n"
                            "      - \"08:00-11:00\"\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const config::ProvinceWorkingWeek& ha_noi = config->provinces.at("Hà Nội");
  EXPECT_TRUE(ha_noi.saturday_morning);
  ExpectPeriods(ha_noi.saturday_hours, {{8 * 60, 11 * 60}});
}

TEST(ConfigProvincesTest, NoSectionMeansEveryProvinceWorksTheNationalWeek) {
  const auto config = Parse(kCentres);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_TRUE(config->provinces.empty());
}

TEST(ConfigProvincesTest, BadHours) {
  const std::string at = "provinces.Hải Phòng.";
  ExpectInvalid(HaiPhong("    saturday_morning: true\n    weekday_hours: [\"7:30-11:30\"]\n"), 4,
                at + "weekday_hours[0]", "expected \"HH:MM-HH:MM\", got \"7:30-11:30\"");
  ExpectInvalid(HaiPhong("    saturday_morning: true\n    saturday_hours: [\"07:30-11:61\"]\n"), 4,
                at + "saturday_hours[0]", "HH:MM-HH:MM");
  ExpectInvalid(HaiPhong("    saturday_morning: false\n"
                         "    weekday_hours:\n"
                         "      - \"07:30-11:30\"\n"
                         "      - \"11:00-17:00\"\n"),
                6, at + "weekday_hours[1]", "\"11:00-17:00\" overlaps or precedes the period before it");
  ExpectInvalid(HaiPhong("    saturday_morning: false\n"
                         "    weekday_hours:\n"
                         "      - \"13:30-17:00\"\n"
                         "      - \"07:30-11:30\"\n"),
                6, at + "weekday_hours[1]", "overlaps or precedes");
  ExpectInvalid(HaiPhong("    saturday_morning: true\n"
                         "    saturday_hours:\n"
                         "      - \"11:30-07:30\"\n"),
                5, at + "saturday_hours[0]", "closes before it opens");
  ExpectInvalid(HaiPhong("    saturday_morning: true\n    weekday_hours: []\n"), 4, at + "weekday_hours",
                "at least one working period is needed");
  ExpectInvalid(HaiPhong("    saturday_morning: true\n    weekday_hours: \"07:30-17:00\"\n"), 4,
                at + "weekday_hours", "expected a list");
}

TEST(ConfigProvincesTest, SaturdayHoursNeedSaturdayMorning) {
  ExpectInvalid(HaiPhong("    saturday_morning: false\n    saturday_hours: [\"07:30-11:30\"]\n"), 4,
                "provinces.Hải Phòng.saturday_hours", "given, but saturday_morning is false");
}

TEST(ConfigProvincesTest, BadEntries) {
  ExpectInvalid(HaiPhong("    weekday_hours: [\"07:30-11:30\"]\n"), 2, "provinces.Hải Phòng.saturday_morning",
                "missing");
  ExpectInvalid(HaiPhong("    saturday_morning: sometimes\n"), 3, "provinces.Hải Phòng.saturday_morning",
                "expected true or false");
  ExpectInvalid(HaiPhong("    saturday_morning: true\n    sunday_morning: true\n"), 4,
                "provinces.Hải Phòng.sunday_morning",
                "unknown key (expected one of: saturday_morning, weekday_hours, saturday_hours)");
  ExpectInvalid("provinces:\n  \"Hải Phòng\": true\n" + kCentres, 2, "provinces.Hải Phòng", "expected a map");
  ExpectInvalid("provinces:\n  - \"Hải Phòng\"\n" + kCentres, 1, "provinces", "expected a map");
  ExpectInvalid(HaiPhong("    saturday_morning: true\n  \"Hải Phòng\":\n    saturday_morning: false\n"), 4,
                "provinces.Hải Phòng", "duplicate key");
}

TEST(ConfigProvincesTest, AProvinceWithNoCentreIsAnError) {
  // A misspelt name must not leave the real province on the national week.
  ExpectInvalid(
      "provinces:\n"
      "  \"Hải Phòng\":\n"
      "    saturday_morning: true\n"
      "  \"Hai Phong\":\n"
      "    saturday_morning: true\n" +
          kCentres,
      4, "provinces.Hai Phong",
      "no centre is in province \"Hai Phong\" (the name must match a centre's province exactly)");
}

}  // namespace
}  // namespace qms::config

#include "services/config/config_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "tests/config/config_test_util.h"

namespace qms::config {
namespace {

using config::CentreConfig;
using config::CounterConfig;
using config::Period;
using config::SystemConfig;
using test_util::CentreYaml;
using test_util::kTemplates;
using test_util::Parse;

constexpr int kMonday = 0;
constexpr int kFriday = 4;
constexpr int kSaturday = 5;
constexpr int kSunday = 6;

int Minutes(int hour, int minute) { return hour * 60 + minute; }

void ExpectPeriods(const std::vector<Period>& periods, const std::vector<std::pair<int, int>>& expected) {
  ASSERT_EQ(periods.size(), expected.size());
  for (size_t i = 0; i < periods.size(); ++i) {
    EXPECT_EQ(periods[i].opens, expected[i].first) << i;
    EXPECT_EQ(periods[i].closes, expected[i].second) << i;
  }
}

const CentreConfig* FindCentre(const SystemConfig& config, const std::string& id) {
  for (const CentreConfig& centre : config.centres) {
    if (centre.id == id) return &centre;
  }
  return nullptr;
}

// Share of all counter weight that goes to certification.
double CertificationShare(const CentreConfig& centre) {
  double certification = 0;
  double total = 0;
  for (const CounterConfig& counter : centre.counters) {
    for (const auto& [field, weight] : counter.field_weights) {
      total += weight;
      if (field == "chung_thuc") certification += weight;
    }
  }
  return certification / total;
}

TEST(DemoConfigTest, LoadsTheFiveCentres) {
  const auto config = LoadSystemConfig(QMS_DEMO_CONFIG);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->source, QMS_DEMO_CONFIG);
  ASSERT_EQ(config->centres.size(), 5u);
  const std::vector<std::string> names = {"Phường Kinh Bắc", "Xã Tây Yên Tử", "Phường Kiến An",
                                          "Phường Ngô Quyền", "Phường Hoàn Kiếm"};
  for (size_t i = 0; i < names.size(); ++i) EXPECT_EQ(config->centres[i].name_vi, names[i]);

  const CentreConfig* kinh_bac = FindCentre(config.value(), "09187");
  ASSERT_NE(kinh_bac, nullptr);
  EXPECT_EQ(kinh_bac->key, 9187u);
  EXPECT_EQ(kinh_bac->province, "Bắc Ninh");
  EXPECT_EQ(kinh_bac->agency_code, "000.17.22.H56");
  EXPECT_EQ(kinh_bac->policy.max_wait_minutes, 45u);
  EXPECT_EQ(FindCentre(config.value(), "11413")->province, "Hải Phòng");
}

TEST(DemoConfigTest, EveryCentreHasTheFourFieldsAPriorityCounterAndFavoursCertification) {
  const auto config = LoadSystemConfig(QMS_DEMO_CONFIG);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  for (const CentreConfig& centre : config->centres) {
    SCOPED_TRACE(centre.name_vi);
    EXPECT_EQ(centre.id.size(), 5u);
    ASSERT_EQ(centre.fields.size(), 4u);
    const char* ids[] = {"chung_thuc", "ho_tich", "dat_dai", "ho_kinh_doanh"};
    for (size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(centre.fields[i].id, ids[i]);
      EXPECT_EQ(centre.fields[i].prefix, static_cast<char>('A' + i));
    }
    EXPECT_GE(centre.counters.size(), 4u);
    EXPECT_LE(centre.counters.size(), 8u);
    int priority_counters = 0;
    for (const CounterConfig& counter : centre.counters)
      priority_counters += counter.priority_counter ? 1 : 0;
    EXPECT_EQ(priority_counters, 1);
    EXPECT_GE(CertificationShare(centre), 0.60);
    EXPECT_LE(CertificationShare(centre), 0.85);
    // The demo runs at any hour.
    EXPECT_TRUE(centre.policy.accept_outside_hours);
  }
}

TEST(DemoConfigTest, HoursFollowTheProvince) {
  const auto config = LoadSystemConfig(QMS_DEMO_CONFIG);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const CentreConfig& ngo_quyen = *FindCentre(config.value(), "11320");
  ExpectPeriods(ngo_quyen.hours.by_weekday[kSaturday], {{Minutes(7, 30), Minutes(11, 30)}});
  ExpectPeriods(ngo_quyen.hours.by_weekday[kMonday],
                {{Minutes(7, 30), Minutes(11, 30)}, {Minutes(13, 30), Minutes(17, 0)}});
  const CentreConfig& hoan_kiem = *FindCentre(config.value(), "00070");
  ExpectPeriods(hoan_kiem.hours.by_weekday[kFriday],
                {{Minutes(8, 0), Minutes(12, 0)}, {Minutes(13, 0), Minutes(17, 0)}});
  EXPECT_TRUE(hoan_kiem.hours.by_weekday[kSaturday].empty());
}

TEST(ConfigLoaderTest, DefaultsFillWhatTheFileLeavesOut) {
  const auto config = Parse("centres:\n" + CentreYaml("9187"));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->source, "test.yaml");
  ASSERT_EQ(config->centres.size(), 1u);
  const CentreConfig& centre = config->centres[0];
  EXPECT_EQ(centre.key, 9187u);
  EXPECT_EQ(centre.name_en, "");
  EXPECT_EQ(centre.agency_code, "");

  const config::QueuePolicy defaults;
  EXPECT_EQ(centre.policy.number_start, defaults.number_start);
  EXPECT_EQ(centre.policy.priority_ratio, 3u);
  EXPECT_EQ(centre.policy.max_wait_minutes, 60u);
  EXPECT_EQ(centre.policy.auto_no_show_minutes, 5u);
  EXPECT_EQ(centre.policy.citizen_daily_cap, 2u);
  EXPECT_EQ(centre.policy.citizen_field_cap, 1u);
  EXPECT_TRUE(centre.policy.stop_when_wait_past_closing);
  EXPECT_FALSE(centre.policy.accept_outside_hours);
  EXPECT_EQ(centre.policy.default_service_minutes, 8u);

  for (int day = kMonday; day <= kFriday; ++day) {
    ExpectPeriods(centre.hours.by_weekday[day],
                  {{Minutes(7, 30), Minutes(11, 30)}, {Minutes(13, 30), Minutes(17, 0)}});
  }
  EXPECT_TRUE(centre.hours.by_weekday[kSaturday].empty());
  EXPECT_TRUE(centre.hours.by_weekday[kSunday].empty());

  ASSERT_EQ(centre.fields.size(), 1u);
  EXPECT_EQ(centre.fields[0].daily_cap, 0u);
  EXPECT_EQ(centre.fields[0].service_minutes, 0u);
  ASSERT_EQ(centre.counters.size(), 1u);
  EXPECT_FALSE(centre.counters[0].priority_counter);
  ASSERT_EQ(centre.counters[0].field_weights.size(), 1u);
  EXPECT_EQ(centre.counters[0].field_weights[0].first, "chung_thuc");
  EXPECT_DOUBLE_EQ(centre.counters[0].field_weights[0].second, 1.0);
}

TEST(ConfigLoaderTest, CentreKeysOverrideTopLevelKeysOneByOne) {
  // `centres` comes first: sections are read in dependency order anyway.
  const std::string yaml = "centres:\n" + CentreYaml("1") +
                           "    policy: {max_wait_minutes: 45, accept_outside_hours: yes}\n"
                           "    hours:\n"
                           "      weekdays: [\"08:00-12:00\", \"13:00-17:00\"]\n" +
                           CentreYaml("2") +
                           "policy:\n"
                           "  max_wait_minutes: 30\n"
                           "  priority_ratio: 5\n"
                           "hours:\n"
                           "  saturday: [\"07:30-11:30\"]\n"
                           "  sunday:\n";
  const auto config = Parse(yaml);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const CentreConfig& first = config->centres[0];
  const CentreConfig& second = config->centres[1];
  EXPECT_EQ(first.policy.max_wait_minutes, 45u);
  EXPECT_EQ(first.policy.priority_ratio, 5u);
  EXPECT_TRUE(first.policy.accept_outside_hours);
  EXPECT_EQ(second.policy.max_wait_minutes, 30u);
  EXPECT_EQ(second.policy.priority_ratio, 5u);
  EXPECT_FALSE(second.policy.accept_outside_hours);

  ExpectPeriods(first.hours.by_weekday[kMonday],
                {{Minutes(8, 0), Minutes(12, 0)}, {Minutes(13, 0), Minutes(17, 0)}});
  ExpectPeriods(first.hours.by_weekday[kSaturday], {{Minutes(7, 30), Minutes(11, 30)}});
  ExpectPeriods(second.hours.by_weekday[kMonday],
                {{Minutes(7, 30), Minutes(11, 30)}, {Minutes(13, 30), Minutes(17, 0)}});
  ExpectPeriods(second.hours.by_weekday[kSaturday], {{Minutes(7, 30), Minutes(11, 30)}});
  EXPECT_TRUE(second.hours.by_weekday[kSunday].empty());
}

TEST(ConfigLoaderTest, TemplatesShareFieldsAndCounters) {
  const std::string yaml = std::string(kTemplates) +
                           "centres:\n"
                           "  - {id: \"1\", name_vi: \"Phường Một\", template: ward}\n"
                           "  - {id: \"2\", name_vi: \"Phường Hai\", template: ward}\n";
  const auto config = Parse(yaml);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  for (const CentreConfig& centre : config->centres) {
    ASSERT_EQ(centre.fields.size(), 2u);
    EXPECT_EQ(centre.fields[0].service_minutes, 5u);
    EXPECT_EQ(centre.fields[1].daily_cap, 40u);
    ASSERT_EQ(centre.counters.size(), 2u);
    EXPECT_TRUE(centre.counters[1].priority_counter);
    EXPECT_DOUBLE_EQ(centre.counters[1].field_weights[1].second, 0.5);
  }
}

TEST(ConfigLoaderTest, ACentresOwnListWinsOverItsTemplates) {
  const std::string yaml = std::string(kTemplates) +
                           "centres:\n"
                           "  - id: \"1\"\n"
                           "    name_vi: \"Xã Một\"\n"
                           "    template: ward\n"
                           "    counters:\n"
                           "      - {id: \"9\", name: \"Quầy 9\", fields: {ho_tich: 2.5}}\n"
                           "  - id: \"2\"\n"
                           "    name_vi: \"Xã Hai\"\n"
                           "    template: ward\n"
                           "    fields:\n"
                           "      - {id: chung_thuc, prefix: Z, name_vi: \"Chứng thực\"}\n"
                           "      - {id: ho_tich, prefix: Y, name_vi: \"Hộ tịch\"}\n";
  const auto config = Parse(yaml);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const CentreConfig& own_counters = config->centres[0];
  EXPECT_EQ(own_counters.fields.size(), 2u);
  ASSERT_EQ(own_counters.counters.size(), 1u);
  EXPECT_EQ(own_counters.counters[0].id, "9");
  const CentreConfig& own_fields = config->centres[1];
  EXPECT_EQ(own_fields.fields[0].prefix, 'Z');
  EXPECT_EQ(own_fields.counters.size(), 2u);
}

TEST(ConfigLoaderTest, LoadsFromAFileAndReportsAMissingOne) {
  const std::string path = ::testing::TempDir() + "config_loader_test.yaml";
  {
    std::ofstream out(path);
    out << "centres:\n" << CentreYaml("42");
  }
  const auto config = LoadSystemConfig(path);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->source, path);
  EXPECT_EQ(config->centres[0].key, 42u);
  std::remove(path.c_str());

  const auto missing = LoadSystemConfig(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), ::testing::HasSubstr(path));
}

// The whole country: 3,321 commune-level units sharing one template.
TEST(ConfigLoaderTest, LoadsEveryCommuneOfTheCountryQuickly) {
  constexpr int kCentres = 3321;
  std::string yaml = std::string(kTemplates) + "centres:\n";
  for (int i = 0; i < kCentres; ++i) {
    const std::string id = std::to_string(10000 + i * 7);
    yaml += "  - id: \"" + id + "\"\n    name_vi: \"Xã " + id + "\"\n    province: \"Tỉnh " +
            std::to_string(i % 34) + "\"\n    agency_code: \"000.00." + std::to_string(i % 100) +
            ".H01\"\n    template: ward\n";
    if (i % 10 == 0) yaml += "    policy: {max_wait_minutes: 30}\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const auto config = Parse(yaml);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_EQ(config->centres.size(), static_cast<size_t>(kCentres));
  EXPECT_EQ(config->centres[kCentres - 1].key, static_cast<uint32_t>(10000 + (kCentres - 1) * 7));
  EXPECT_EQ(config->centres[10].policy.max_wait_minutes, 30u);
  EXPECT_EQ(config->centres[11].policy.max_wait_minutes, 60u);
  EXPECT_EQ(config->centres[kCentres - 1].counters.size(), 2u);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 2000);
}

}  // namespace
}  // namespace qms::config

// Helpers shared by the config tests.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "services/config/config_loader.h"

namespace qms::config::test_util {

inline StatusOr<config::SystemConfig> Parse(const std::string& yaml) {
  return ParseSystemConfig(yaml, "test.yaml");
}

// One valid centre as an item of `centres`, 6 lines long:
//   +0 id, +1 name_vi, +2 fields:, +3 the chung_thuc field, +4 counters:, +5 counter "1".
inline std::string CentreYaml(const std::string& id) {
  return "  - id: \"" + id +
         "\"\n"
         "    name_vi: \"Phường Một\"\n"
         "    fields:\n"
         "      - {id: chung_thuc, prefix: A, name_vi: \"Chứng thực\"}\n"
         "    counters:\n"
         "      - {id: \"1\", name: \"Quầy 1\", fields: {chung_thuc: 1.0}}\n";
}

// A file of one centre whose only field is chung_thuc (line 5) and whose
// counters are `counter_lines`, from line 7 on.
inline std::string OneCentreWithCounters(const std::string& counter_lines) {
  return "centres:\n"
         "  - id: \"1\"\n"
         "    name_vi: \"Phường Một\"\n"
         "    fields:\n"
         "      - {id: chung_thuc, prefix: A, name_vi: \"Chứng thực\"}\n"
         "    counters:\n" +
         counter_lines;
}

// A `templates` section, lines 1-8: template "ward" with fields chung_thuc
// (line 4) and ho_tich (line 5), counter "1" (line 7) serving chung_thuc and
// priority counter "2" (line 8) serving both.
constexpr char kTemplates[] = R"(templates:
  ward:
    fields:
      - {id: chung_thuc, prefix: A, name_vi: "Chứng thực", service_minutes: 5}
      - {id: ho_tich, prefix: B, name_vi: "Hộ tịch", daily_cap: 40}
    counters:
      - {id: "1", name: "Quầy 1", fields: {chung_thuc: 1.0}}
      - {id: "2", name: "Quầy ưu tiên", fields: {chung_thuc: 1, ho_tich: 0.5}, priority_counter: true}
)";

// Expects InvalidArgument with a message "test.yaml:LINE: PATH: ..." that
// contains `what`.
inline void ExpectInvalid(const std::string& yaml, int line, const std::string& path,
                          const std::string& what) {
  const auto result = Parse(yaml);
  ASSERT_FALSE(result.ok()) << yaml;
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << result.status().ToString();
  const std::string prefix = "test.yaml:" + std::to_string(line) + ": " + path + ": ";
  EXPECT_THAT(result.status().message(), ::testing::StartsWith(prefix)) << yaml;
  EXPECT_THAT(result.status().message(), ::testing::HasSubstr(what)) << yaml;
}

}  // namespace qms::config::test_util

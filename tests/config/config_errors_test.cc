// Each mistake docs/config.md lists stops the load with InvalidArgument and
// "test.yaml:LINE: path: what is wrong", LINE 1-based.
#include <gtest/gtest.h>

#include <string>

#include "services/config/config_loader.h"
#include "tests/config/config_test_util.h"

namespace qms::config {
namespace {

using test_util::CentreYaml;
using test_util::ExpectInvalid;
using test_util::kTemplates;
using test_util::OneCentreWithCounters;
using test_util::Parse;

TEST(ConfigErrorsTest, BadHours) {
  const std::string centre = "centres:\n" + CentreYaml("1");
  ExpectInvalid("hours:\n  weekdays: [\"7:30-11:30\"]\n" + centre, 2, "hours.weekdays[0]",
                "expected \"HH:MM-HH:MM\", got \"7:30-11:30\"");
  ExpectInvalid("hours:\n  weekdays: [\"07:30-11:60\"]\n" + centre, 2, "hours.weekdays[0]", "HH:MM-HH:MM");
  ExpectInvalid("hours:\n  weekdays: [\"24:00-24:00\"]\n" + centre, 2, "hours.weekdays[0]", "HH:MM-HH:MM");
  ExpectInvalid("hours:\n  weekdays:\n    - \"07:30-11:30\"\n    - \"13:30-12:00\"\n" + centre, 4,
                "hours.weekdays[1]", "closes before it opens");
  ExpectInvalid("hours:\n  sunday: \"07:30-11:30\"\n" + centre, 2, "hours.sunday", "expected a list");
  // Per centre (lines 8-9, after the 7 lines of the centre).
  ExpectInvalid(centre + "    hours:\n      saturday: [\"07:30-11:30\", \"11:00-12:00\"]\n", 9,
                "centres[0].hours.saturday[1]", "overlaps");
  ExpectInvalid(centre + "    hours: {monday: []}\n", 8, "centres[0].hours.monday", "unknown key");
}

TEST(ConfigErrorsTest, DuplicatePrefixAndFieldId) {
  const std::string head =
      "centres:\n"
      "  - id: \"1\"\n"
      "    name_vi: \"Phường Một\"\n"
      "    fields:\n"
      "      - {id: chung_thuc, prefix: A, name_vi: \"Chứng thực\"}\n";
  const std::string counters =
      "    counters:\n      - {id: \"1\", name: \"Quầy 1\", fields: {chung_thuc: 1.0}}\n";
  ExpectInvalid(head + "      - id: ho_tich\n        prefix: A\n        name_vi: \"Hộ tịch\"\n" + counters, 7,
                "centres[0].fields[1].prefix", "duplicate prefix \"A\" (also centres[0].fields[0])");
  ExpectInvalid(head + "      - id: chung_thuc\n        prefix: B\n        name_vi: \"Hộ tịch\"\n" + counters,
                6, "centres[0].fields[1].id", "duplicate field id \"chung_thuc\"");
}

TEST(ConfigErrorsTest, BadFieldValues) {
  const std::string counters =
      "    counters:\n      - {id: \"1\", name: \"Quầy 1\", fields: {chung_thuc: 1.0}}\n";
  auto with_field = [&](const std::string& field) {
    return "centres:\n  - id: \"1\"\n    name_vi: \"Phường Một\"\n    fields:\n      - " + field + "\n" +
           counters;
  };
  ExpectInvalid(with_field("{id: Chung-Thuc, prefix: A, name_vi: x}"), 5, "centres[0].fields[0].id",
                "[a-z0-9_]{1,32}");
  ExpectInvalid(with_field("{id: chung_thuc, prefix: a, name_vi: x}"), 5, "centres[0].fields[0].prefix",
                "one capital letter");
  ExpectInvalid(with_field("{id: chung_thuc, prefix: AB, name_vi: x}"), 5, "centres[0].fields[0].prefix",
                "one capital letter");
  ExpectInvalid(with_field("{id: chung_thuc, prefix: A, name_vi: x, daily_cap: -1}"), 5,
                "centres[0].fields[0].daily_cap", "whole number");
  ExpectInvalid(with_field("{id: chung_thuc, prefix: A}"), 5, "centres[0].fields[0].name_vi", "missing");
  ExpectInvalid(with_field("{id: chung_thuc, prefix: A, name_vi: x, colour: red}"), 5,
                "centres[0].fields[0].colour", "unknown key");
}

TEST(ConfigErrorsTest, UnknownFieldInACounter) {
  ExpectInvalid(OneCentreWithCounters("      - {id: \"1\", name: \"Quầy 1\", fields: {chung_thuc: 1.0}}\n"
                                      "      - id: \"2\"\n"
                                      "        name: \"Quầy 2\"\n"
                                      "        fields:\n"
                                      "          chung_thuc: 1.0\n"
                                      "          dat_dai: 0.5\n"),
                12, "centres[0].counters[1].fields", "unknown field \"dat_dai\"");
}

TEST(ConfigErrorsTest, UnknownFieldInATemplateCounterNamesTheCentre) {
  // The centre replaces the template's fields, but keeps its counters, one of
  // which serves ho_tich.
  const std::string yaml = std::string(kTemplates) +
                           "centres:\n"
                           "  - id: \"1\"\n"
                           "    name_vi: \"Xã Một\"\n"
                           "    template: ward\n"
                           "    fields:\n"
                           "      - {id: chung_thuc, prefix: A, name_vi: \"Chứng thực\"}\n";
  ExpectInvalid(yaml, 8, "templates.ward.counters[1].fields",
                "unknown field \"ho_tich\" (in centres[0], line 10)");
}

TEST(ConfigErrorsTest, WeightNotAbovePositive) {
  for (const std::string weight : {"0", "-0.5", "0.0", "abc", "1e999", "\"\""}) {
    SCOPED_TRACE(weight);
    ExpectInvalid(OneCentreWithCounters(
                      "      - {id: \"1\", name: \"Quầy 1\", fields: {chung_thuc: " + weight + "}}\n"),
                  7, "centres[0].counters[0].fields.chung_thuc", "");
  }
  ExpectInvalid(OneCentreWithCounters("      - {id: \"1\", name: \"Quầy 1\", fields: {chung_thuc: 0}}\n"), 7,
                "centres[0].counters[0].fields.chung_thuc", "must be > 0, got 0");
}

TEST(ConfigErrorsTest, BadCounters) {
  ExpectInvalid(OneCentreWithCounters("      - {id: \"1\", name: \"Quầy 1\", fields: {}}\n"), 7,
                "centres[0].counters[0].fields", "at least one field");
  ExpectInvalid(OneCentreWithCounters("      - {id: \"1\", name: \"Quầy 1\", fields: {chung_thuc: 1}}\n"
                                      "      - {id: \"1\", name: \"Quầy 2\", fields: {chung_thuc: 1}}\n"),
                8, "centres[0].counters[1].id", "duplicate counter id \"1\"");
  ExpectInvalid(OneCentreWithCounters("      - {id: \"1\", fields: {chung_thuc: 1}}\n"), 7,
                "centres[0].counters[0].name", "missing");
  ExpectInvalid(OneCentreWithCounters("      - {id: \"quầy 1\", name: x, fields: {chung_thuc: 1}}\n"), 7,
                "centres[0].counters[0].id", "[A-Za-z0-9_-]{1,32}");
  ExpectInvalid(OneCentreWithCounters("      - {id: \"1\", name: x, fields: [chung_thuc]}\n"), 7,
                "centres[0].counters[0].fields", "expected a map");
  ExpectInvalid(
      OneCentreWithCounters("      - {id: \"1\", name: x, fields: {chung_thuc: 1}, priority_counter: 2}\n"),
      7, "centres[0].counters[0].priority_counter", "expected true or false");
  ExpectInvalid(OneCentreWithCounters("      - {id: \"1\", name: x, fields: {chung_thuc: 1}, prio: true}\n"),
                7, "centres[0].counters[0].prio", "unknown key");
}

TEST(ConfigErrorsTest, UnknownKeys) {
  const std::string centre = CentreYaml("1");
  ExpectInvalid(
      "centre:\n" + centre, 1, "centre",
      "unknown key (expected one of: policy, hours, templates, centres, provinces, access, storage, load, retention)");
  ExpectInvalid("policy:\n  max_wait_minute: 30\ncentres:\n" + centre, 2, "policy.max_wait_minute",
                "unknown key");
  ExpectInvalid("centres:\n" + centre + "    polcy: {}\n", 8, "centres[0].polcy", "unknown key");
  ExpectInvalid("centres:\n" + centre + "    policy:\n      max_wait: 3\n", 9, "centres[0].policy.max_wait",
                "unknown key");
  ExpectInvalid("templates:\n  ward:\n    hours: {}\ncentres:\n" + centre, 3, "templates.ward.hours",
                "unknown key");
}

TEST(ConfigErrorsTest, PolicyOutOfRange) {
  const std::string centre = "centres:\n" + CentreYaml("1");
  ExpectInvalid("policy: {priority_ratio: 0}\n" + centre, 1, "policy.priority_ratio",
                "whole number 1-100, got \"0\"");
  ExpectInvalid("policy: {max_wait_minutes: 1441}\n" + centre, 1, "policy.max_wait_minutes", "1-1440");
  ExpectInvalid("policy: {auto_no_show_minutes: 241}\n" + centre, 1, "policy.auto_no_show_minutes", "0-240");
  ExpectInvalid("policy: {citizen_daily_cap: 101}\n" + centre, 1, "policy.citizen_daily_cap", "0-100");
  ExpectInvalid("policy: {citizen_field_cap: 2.5}\n" + centre, 1, "policy.citizen_field_cap", "0-100");
  ExpectInvalid("policy: {number_start: 10000}\n" + centre, 1, "policy.number_start", "0-9999");
  ExpectInvalid("policy: {accept_outside_hours: maybe}\n" + centre, 1, "policy.accept_outside_hours",
                "true or false");
  ExpectInvalid(centre + "    policy: {max_wait_minutes: 0}\n", 8, "centres[0].policy.max_wait_minutes",
                "1-1440");
}

TEST(ConfigErrorsTest, CentreIdsAreDigits) {
  ExpectInvalid("centres:\n" + CentreYaml("91a7"), 2, "centres[0].id", "must be 1-9 digits, got \"91a7\"");
  ExpectInvalid("centres:\n" + CentreYaml("1234567890"), 2, "centres[0].id", "1-9 digits");
  ExpectInvalid("centres:\n" + CentreYaml("-1"), 2, "centres[0].id", "1-9 digits");
  ExpectInvalid("centres:\n" + CentreYaml(""), 2, "centres[0].id", "must not be empty");
}

TEST(ConfigErrorsTest, DuplicateCentreIds) {
  ExpectInvalid("centres:\n" + CentreYaml("9187") + CentreYaml("9187"), 8, "centres[1].id",
                "duplicate centre id \"9187\" (also centres[0].id, line 2)");
  // Same storage key.
  ExpectInvalid("centres:\n" + CentreYaml("9187") + CentreYaml("09187"), 8, "centres[1].id",
                "duplicate centre id \"09187\"");
}

TEST(ConfigErrorsTest, YamlSyntaxError) {
  const auto result = Parse("centres:\n  - id: \"1\"\n    name_vi: x: y\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), ::testing::StartsWith("test.yaml:3: YAML syntax error: "));
}

TEST(ConfigErrorsTest, MissingPieces) {
  ExpectInvalid("", 1, "(top level)", "the file is empty");
  ExpectInvalid("- 1\n", 1, "(top level)", "expected a map");
  ExpectInvalid("policy: {}\n", 1, "centres", "missing");
  ExpectInvalid("centres: []\n", 1, "centres", "at least one centre");
  ExpectInvalid("centres:\n  - 42\n", 2, "centres[0]", "expected a map");
  ExpectInvalid("centres:\n  - {id: \"1\", name_vi: x}\n", 2, "centres[0].fields", "at least one field");
  ExpectInvalid("centres:\n  - {id: \"1\", name_vi: x, fields: []}\n", 2, "centres[0].fields",
                "at least one field");
  ExpectInvalid(
      std::string(kTemplates) + "centres:\n  - {id: \"1\", name_vi: x, template: ward, counters: []}\n", 10,
      "centres[0].counters", "at least one counter");
  ExpectInvalid("centres:\n  - {id: \"1\", name_vi: x, template: nope}\n", 2, "centres[0].template",
                "unknown template \"nope\"");
  ExpectInvalid("centres:\n  - {name_vi: x, template: nope}\n", 2, "centres[0].id", "missing");
  ExpectInvalid("centres:\n" + CentreYaml("1") + "    agency_code: \"000 17\"\n", 8, "centres[0].agency_code",
                "[A-Za-z0-9.]{1,32}");
}

TEST(ConfigErrorsTest, DuplicateKey) {
  ExpectInvalid("centres:\n" + CentreYaml("1") + "    name_vi: \"Phường Hai\"\n", 8, "centres[0].name_vi",
                "duplicate key");
}

// Whatever the text, the loader answers with a Status and never throws.
TEST(ConfigErrorsTest, OddInputsGiveAStatus) {
  const char* inputs[] = {
      "a: *nope\n",
      "\t- x",
      "centres: !!binary \"AAAA\"\n",
      "centres:\n  - &c {id: \"1\", name_vi: x}\n  - *c\n",
      "centres:\n  ? [1, 2]\n  : x\n",
      "{centres: [{id: \"1\", name_vi: x, fields: {a: b}}]}",
      "\xff\xfe\x00",
      "centres:\n  - id: [1]\n",
      "centres:\n  - id: \"1\"\n    name_vi: {x: 1}\n",
  };
  for (const char* input : inputs) {
    SCOPED_TRACE(input);
    const auto result = Parse(input);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << result.status().ToString();
    EXPECT_THAT(result.status().message(), ::testing::StartsWith("test.yaml:"));
  }
}

}  // namespace
}  // namespace qms::config

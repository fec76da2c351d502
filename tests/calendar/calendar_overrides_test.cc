// The overrides file: a good file parses; every kind of mistake names the
// file and the line.
#include "services/calendar/calendar_overrides.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace qms::deadline {
namespace {

LocalDate D(int y, int m, int d) { return LocalDate{y, m, d}; }

// Expects INVALID_ARGUMENT whose message starts with "t.yaml:<line>:" and
// contains `fragment`.
void ExpectError(const std::string& yaml, int line, const std::string& fragment) {
  const StatusOr<CalendarOverrides> r = ParseCalendarOverrides(yaml, "t.yaml");
  ASSERT_FALSE(r.ok()) << yaml;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = r.status().message();
  EXPECT_EQ(m.rfind("t.yaml:" + std::to_string(line) + ":", 0), 0u) << m;
  EXPECT_NE(m.find(fragment), std::string::npos) << m;
}

TEST(CalendarOverridesTest, ParsesDatesRangesAndWorkingDays) {
  const StatusOr<CalendarOverrides> r = ParseCalendarOverrides(R"(
days_off:
  - date: 2025-05-02
    name: "Nghỉ hoán đổi"
    source: "Thông báo 1"
  - from: 2026-02-20
    to: 2026-02-22
    name: Tết
working_days:
  - date: 2025-04-26
)",
                                                               "t.yaml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& days = r->days;
  ASSERT_EQ(days.size(), 5u);
  EXPECT_EQ(days[0].date, D(2025, 4, 26));  // sorted by date
  EXPECT_TRUE(days[0].working);
  EXPECT_EQ(days[1].date, D(2025, 5, 2));
  EXPECT_FALSE(days[1].working);
  EXPECT_EQ(days[1].name, "Nghỉ hoán đổi");
  EXPECT_EQ(days[2].date, D(2026, 2, 20));
  EXPECT_EQ(days[4].date, D(2026, 2, 22));
  EXPECT_EQ(days[4].name, "Tết");
}

TEST(CalendarOverridesTest, EmptyFileAndEmptyListsMeanNoOverrides) {
  for (const char* text : {"", "# nothing yet\n", "days_off:\nworking_days: []\n"}) {
    const StatusOr<CalendarOverrides> r = ParseCalendarOverrides(text, "t.yaml");
    ASSERT_TRUE(r.ok()) << text << ": " << r.status().message();
    EXPECT_TRUE(r->days.empty());
  }
}

TEST(CalendarOverridesTest, MistakesNameFileAndLine) {
  ExpectError("days_off:\n  - date: 2025-02-30\n    name: x\n", 2, "'2025-02-30' is not a date");
  ExpectError("days_off:\n  - date: 2025-2-3\n    name: x\n", 2, "want YYYY-MM-DD");
  ExpectError("holidays:\n  - date: 2025-02-03\n", 1, "unknown key 'holidays'");
  ExpectError("days_off:\n  - date: 2025-02-03\n    nmae: x\n", 3, "unknown key 'nmae'");
  ExpectError("days_off:\n  - date: 2025-02-03\n", 2, "needs a non-empty name");
  ExpectError("days_off:\n  - name: x\n", 2, "missing date");
  ExpectError("days_off:\n  - date: 2025-02-03\n    from: 2025-02-03\n    to: 2025-02-04\n    name: x\n", 2,
              "either date or from/to");
  ExpectError("days_off:\n  - from: 2025-02-05\n    to: 2025-02-03\n    name: x\n", 3,
              "'to' is before 'from'");
  ExpectError("days_off:\n  - from: 2025-01-01\n    to: 2025-03-01\n    name: x\n", 3, "at most 31 days");
  ExpectError("days_off:\n  - date: 1850-01-01\n    name: x\n", 2, "outside 1900..2199");
  ExpectError("days_off: 2025-01-01\n", 1, "expected a list");
  ExpectError("days_off:\n  - 2025-01-01\n", 2, "expected a map");
  ExpectError("days_off:\n  - date: [2025-01-01]\n    name: x\n", 2, "expected a single value");
  ExpectError("- 1\n- 2\n", 1, "top level must be a map");
  ExpectError("days_off:\n  - date: 2025-01-02\n    name: x\n  bad\n", 4, "end of map not found");  // syntax
}

TEST(CalendarOverridesTest, ADateMayAppearOnlyOnce) {
  ExpectError(
      "days_off:\n  - from: 2025-05-01\n    to: 2025-05-03\n    name: x\n"
      "working_days:\n  - date: 2025-05-02\n",
      6, "2025-05-02 is already listed at line 2");
}

TEST(CalendarOverridesTest, IsoDates) {
  LocalDate d;
  EXPECT_TRUE(ParseIsoDate("2024-02-29", &d));
  EXPECT_EQ(d, D(2024, 2, 29));
  EXPECT_FALSE(ParseIsoDate("2025-02-29", &d));
  EXPECT_FALSE(ParseIsoDate("2025-13-01", &d));
  EXPECT_FALSE(ParseIsoDate("2025-00-10", &d));
  EXPECT_FALSE(ParseIsoDate("2025-01-00", &d));
  EXPECT_FALSE(ParseIsoDate("2025/01/01", &d));
  EXPECT_FALSE(ParseIsoDate("2025-01-1x", &d));
  EXPECT_FALSE(ParseIsoDate(" 2025-01-01", &d));
}

TEST(CalendarOverridesTest, MissingFileIsNotFound) {
  const StatusOr<CalendarOverrides> r = LoadCalendarOverrides("/nonexistent/calendar_overrides.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/calendar_overrides.yaml"), std::string::npos);
}

TEST(CalendarOverridesTest, ErrorsInAFileNameThePath) {
  const std::string path = ::testing::TempDir() + "calendar_overrides_bad.yaml";
  {
    std::ofstream out(path);
    out << "# comment\ndays_off:\n  - date: 2025-09-31\n    name: x\n";
  }
  const StatusOr<CalendarOverrides> r = LoadCalendarOverrides(path);
  std::remove(path.c_str());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind(path + ":3:", 0), 0u) << r.status().message();
}

TEST(CalendarOverridesTest, ShippedFileParses) {
  const StatusOr<CalendarOverrides> r =
      LoadCalendarOverrides(std::string(QMS_SOURCE_DIR) + "/services/calendar/calendar_overrides.yaml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  int tet_2026 = 0;
  bool saturday_26_april_2025 = false;
  for (const DayOverride& o : r->days) {
    if (!o.working && !(o.date < D(2026, 2, 14)) && !(D(2026, 2, 22) < o.date)) ++tet_2026;
    if (o.working && o.date == D(2025, 4, 26)) saturday_26_april_2025 = true;
  }
  EXPECT_EQ(tet_2026, 9);
  EXPECT_TRUE(saturday_26_april_2025);
}

}  // namespace
}  // namespace qms::deadline

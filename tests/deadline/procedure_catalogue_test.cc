// The procedure catalogue: the shipped file, time limits, fees and errors
// that name the file and line.
#include "services/deadline/procedure_catalogue.h"

#include <gtest/gtest.h>

namespace qms::deadline {
namespace {

const char kHeader[] = "code,field,name_vi,name_en,time_limit,fee_vnd,note\n";

StatusOr<ProcedureCatalogue> Parse(const std::string& rows, const std::string& header = kHeader) {
  return ProcedureCatalogue::Parse(header + rows, "procedures.csv");
}

::testing::AssertionResult FailsWith(const StatusOr<ProcedureCatalogue>& c, const std::string& text) {
  if (c.ok()) return ::testing::AssertionFailure() << "parsed";
  if (c.status().code() != StatusCode::kInvalidArgument) {
    return ::testing::AssertionFailure() << "code " << static_cast<int>(c.status().code());
  }
  if (c.status().message().find(text) == std::string::npos) {
    return ::testing::AssertionFailure() << c.status().message() << " lacks " << text;
  }
  return ::testing::AssertionSuccess();
}

TEST(ProcedureCatalogueTest, ShippedFileLoads) {
  auto c = ProcedureCatalogue::Load(std::string(QMS_SOURCE_DIR) + "/config/procedures.csv");
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->all().size(), 12u);
  const Procedure* copy = c->Find("2.000815");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->field_id, "chung_thuc");
  EXPECT_EQ(copy->limit.kind, LimitKind::kSameDay);
  EXPECT_EQ(copy->fee_vnd, 2000);
  const Procedure* land = c->Find("1.013978");
  ASSERT_NE(land, nullptr);
  EXPECT_EQ(land->limit.kind, LimitKind::kWorkingDays);
  EXPECT_EQ(land->limit.value, 23u);
  EXPECT_EQ(c->Find("9.999999"), nullptr);
}

TEST(ProcedureCatalogueTest, TimeLimits) {
  auto same = ParseTimeLimit("same_day");
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->kind, LimitKind::kSameDay);
  auto days = ParseTimeLimit(" 17 working days ");
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(days->kind, LimitKind::kWorkingDays);
  EXPECT_EQ(days->value, 17u);
  auto one = ParseTimeLimit("1 working day");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->value, 1u);
  auto hours = ParseTimeLimit("8 working hours");
  ASSERT_TRUE(hours.ok());
  EXPECT_EQ(hours->kind, LimitKind::kWorkingHours);
  EXPECT_EQ(FormatTimeLimit(*hours), "8 working hours");
  for (const char* bad :
       {"", "same day", "0 working days", "366 working days", "3 days", "3 working weeks", "-1 working days",
        "3 working days extra", "x working days", "2001 working hours"}) {
    EXPECT_FALSE(ParseTimeLimit(bad).ok()) << bad;
  }
}

TEST(ProcedureCatalogueTest, QuotedFieldsAndOptionalColumns) {
  auto c = Parse("1.1,ho_tich,\"Tên, có phẩy\",\"Name \"\"quoted\"\"\",3 working days,,\"a, b\"\n",
                 "code,field,name_vi,name_en,time_limit,fee_vnd,note\n");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->all()[0].name_vi, "Tên, có phẩy");
  EXPECT_EQ(c->all()[0].name_en, "Name \"quoted\"");
  EXPECT_EQ(c->all()[0].fee_vnd, 0);
  // No fee column at all, columns in another order, comments and blank lines.
  auto d = ProcedureCatalogue::Parse(
      "# comment\n\nfield,code,time_limit,name_en,name_vi\nho_tich,1.2,same_day,B,A\n", "p.csv");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->all()[0].code, "1.2");
}

TEST(ProcedureCatalogueTest, BadLinesNameFileAndLine) {
  EXPECT_TRUE(FailsWith(Parse("1.1,ho_tich,A,B,3 working weeks,0,\n"), "procedures.csv:2: time_limit"));
  EXPECT_TRUE(FailsWith(Parse("1.1,ho_tich,A,B,same_day,0,\n1.1,ho_tich,A,B,same_day,0,\n"),
                        "procedures.csv:3: code 1.1 is listed twice"));
  EXPECT_TRUE(FailsWith(Parse("1.1,ho_tich,A,B,same_day,12.5,\n"), "procedures.csv:2: fee_vnd"));
  EXPECT_TRUE(FailsWith(Parse("1.1,ho_tich,A,B,same_day\n"), "procedures.csv:2: 5 values"));
  EXPECT_TRUE(FailsWith(Parse("abc,ho_tich,A,B,same_day,0,\n"), "procedures.csv:2: code \"abc\""));
  EXPECT_TRUE(FailsWith(Parse("1.1,ho tich,A,B,same_day,0,\n"), "procedures.csv:2: field"));
  EXPECT_TRUE(FailsWith(Parse("1.1,ho_tich,,B,same_day,0,\n"), "procedures.csv:2: name_vi"));
  EXPECT_TRUE(FailsWith(Parse("1.1,ho_tich,\"A,B,same_day,0,\n"), "procedures.csv:2: a quoted value"));
  EXPECT_TRUE(FailsWith(Parse("", "code,field,name_vi,name_en\n"), "procedures.csv:1: the header has no"));
  EXPECT_TRUE(
      FailsWith(Parse("", "code,field,name_vi,name_en,time_limit,price\n"), "unknown column \"price\""));
  EXPECT_TRUE(FailsWith(Parse(""), "no procedures"));
  EXPECT_EQ(ProcedureCatalogue::Load("/nonexistent/procedures.csv").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace qms::deadline

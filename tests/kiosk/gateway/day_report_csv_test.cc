// Today's report as CSV: sections, names, quoting, and the dossier half
// missing.
#include "kiosk/gateway/day_report_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace qms::gateway {
namespace {

using ::testing::HasSubstr;

v1::DayStats Day() {
  v1::DayStats day;
  day.set_centre_id("09187");
  day.set_service_day(20261201);
  day.mutable_total()->set_issued(12);
  day.mutable_total()->set_served(9);
  day.mutable_wait()->set_p50_seconds(390);  // 6.5 min
  day.mutable_ratings()->set_very_satisfied(3);
  day.mutable_ratings()->set_satisfied(1);
  day.mutable_ratings()->set_dissatisfied(1);
  day.mutable_ratings()->set_rated(5);
  day.mutable_ratings()->set_satisfaction_share(0.8);
  auto* f = day.add_fields();
  f->set_field_id("ho_tich");
  f->mutable_tickets()->set_issued(7);
  auto* clerk = day.add_clerks();
  clerk->set_clerk_id("lan");
  clerk->set_served(4);
  auto* h = day.add_hours();
  h->set_hour(8);
  h->set_issued(5);
  day.add_hours()->set_hour(9);  // an empty hour is left out
  return day;
}

TEST(DayReportCsvTest, HoldsEverySectionWithNamesAndFigures) {
  v1::Centre centre;
  centre.set_centre_id("09187");
  centre.set_name_vi("Phường Kinh Bắc");
  auto* field = centre.add_fields();
  field->set_field_id("ho_tich");
  field->set_name_vi("Hộ tịch");
  v1::DailyReport dossiers;
  dossiers.mutable_total()->set_received(4);
  dossiers.mutable_total()->set_on_time_rate(0.75);
  const std::string csv = DayReportCsv(&centre, Day(), &dossiers, "");
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_THAT(csv, HasSubstr("Báo cáo ngày / Day report,Phường Kinh Bắc (09187),01/12/2026\r\n"));
  EXPECT_THAT(csv, HasSubstr("Số đã phát / Issued,12\r\n"));
  EXPECT_THAT(csv, HasSubstr("Chờ trung vị (phút) / Wait p50 (min),6.5\r\n"));
  EXPECT_THAT(csv, HasSubstr("Tỉ lệ hài lòng / Satisfied share,80.0%\r\n"));
  EXPECT_THAT(csv, HasSubstr("\r\nHộ tịch,ho_tich,7,"));
  EXPECT_THAT(csv, HasSubstr("\r\nlan,4,0,"));
  EXPECT_THAT(csv, HasSubstr("\r\n08:00,5,0,0,"));
  EXPECT_THAT(csv, ::testing::Not(HasSubstr("09:00")));
  EXPECT_THAT(csv, HasSubstr("Tiếp nhận / Received,4\r\n"));
  EXPECT_THAT(csv, HasSubstr("Tỉ lệ đúng hạn / On-time rate,75.0%\r\n"));
}

TEST(DayReportCsvTest, SaysWhenTheDossierFiguresAreMissing) {
  const std::string csv = DayReportCsv(nullptr, Day(), nullptr, "deadline service unavailable");
  EXPECT_THAT(csv, HasSubstr("09187 (09187)"));
  EXPECT_THAT(csv, HasSubstr("\r\nho_tich,ho_tich,7,"));
  EXPECT_THAT(csv, HasSubstr("Dossier figures unavailable,deadline service unavailable\r\n"));
}

TEST(DayReportCsvTest, FieldsWithCommasQuotesOrLineBreaksAreQuoted) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
}

}  // namespace
}  // namespace qms::gateway

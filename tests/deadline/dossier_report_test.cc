// The daily report: figures of today and of a closed day, the province
// roll-up, CSV and JSON, and that the figures survive a restart.
#include "services/deadline/dossier_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/deadline/dossier_fixture.h"

namespace qms::deadline::testing {
namespace {

class DossierReportTest : public DossierEngineTest {
 protected:
  v1::DailyReport MustReport(const std::string& centre, uint32_t day = 0,
                             v1::DailyReportRequest::Format format = v1::DailyReportRequest::JSON,
                             const std::string& province = "") {
    auto [s, report] = Report({centre, province, day, format});
    EXPECT_TRUE(s.ok()) << s.ToString();
    return report;
  }

  // Monday 2 March: four dossiers at centre 101; one resolved on time, one
  // paused, one extended; the copy received at 08:00 stays open.
  void Monday() {
    copy_ = MustReceive(kCopy);          // due Monday 17:00
    contract_ = MustReceive(kContract);  // due Wednesday 17:00
    business_ = MustReceive(kBusiness);  // due Thursday 17:00
    const v1::Dossier other = MustReceive(kCopy);
    clock_.Set(At(2026, 3, 2, 10, 0));
    MustAct(DossierAction::kResolve, other.code());
    MustAct(DossierAction::kRequestSupplement, business_.code(), "thiếu giấy");
    ASSERT_TRUE(Extend(contract_.code(), At(2026, 3, 10, 17, 0)).first.ok());
  }

  v1::Dossier copy_, contract_, business_;
};

TEST_F(DossierReportTest, TodaysFiguresAreLive) {
  Monday();
  const v1::DailyReport r = MustReport(kCentre);
  EXPECT_EQ(r.day(), 20260302u);
  ASSERT_EQ(r.centres_size(), 1);
  const v1::CentreDayFigures& f = r.centres(0);
  EXPECT_EQ(f.centre_id(), "101");
  EXPECT_EQ(f.received(), 4u);
  EXPECT_EQ(f.resolved_on_time(), 1u);
  EXPECT_EQ(f.resolved_early() + f.resolved_late(), 0u);
  EXPECT_EQ(f.paused(), 1u);
  EXPECT_EQ(f.extended(), 1u);
  EXPECT_EQ(f.open_overdue(), 0u);
  EXPECT_DOUBLE_EQ(f.on_time_rate(), 1.0);
  clock_.Set(At(2026, 3, 2, 17, 30));
  EXPECT_EQ(MustReport(kCentre).centres(0).open_overdue(), 1u);  // the copy
}

TEST_F(DossierReportTest, AClosedDayKeepsItsFiguresAndTheNextDayStartsFresh) {
  Monday();
  clock_.Set(At(2026, 3, 3, 0, 0) + 5 * kMicrosPerSecond);
  engine_->Tick();
  ASSERT_TRUE(writer_->Flush().ok());
  const v1::CentreDayFigures monday = MustReport(kCentre, 20260302).centres(0);
  EXPECT_EQ(monday.received(), 4u);
  EXPECT_EQ(monday.open_overdue(), 1u);  // the copy, due Monday 17:00
  EXPECT_EQ(monday.paused(), 1u);
  EXPECT_EQ(monday.extended(), 1u);

  clock_.Set(At(2026, 3, 3, 9, 0));
  MustAct(DossierAction::kResolve, copy_.code());      // late
  MustAct(DossierAction::kResolve, contract_.code());  // early (original due Wednesday)
  const v1::CentreDayFigures tuesday = MustReport(kCentre).centres(0);
  EXPECT_EQ(tuesday.received(), 0u);
  EXPECT_EQ(tuesday.resolved_late(), 1u);
  EXPECT_EQ(tuesday.resolved_early(), 1u);
  EXPECT_EQ(tuesday.paused(), 1u);  // the gauge carries over
  EXPECT_DOUBLE_EQ(tuesday.on_time_rate(), 0.5);

  // Both days survive a restart.
  Restart();
  EXPECT_EQ(MustReport(kCentre, 20260302).centres(0).SerializeAsString(), monday.SerializeAsString());
  const v1::CentreDayFigures again = MustReport(kCentre).centres(0);
  EXPECT_EQ(again.resolved_late(), 1u);
  EXPECT_EQ(again.paused(), 1u);
}

TEST_F(DossierReportTest, ADayEndedWhileDownIsClosedAfterRestart) {
  Monday();
  Close();
  clock_.Set(At(2026, 3, 3, 8, 0));
  Open();
  engine_->Tick();
  ASSERT_TRUE(writer_->Flush().ok());
  EXPECT_EQ(MustReport(kCentre, 20260302).centres(0).open_overdue(), 1u);
  EXPECT_EQ(MustReport(kCentre).centres(0).paused(), 1u);
}

TEST_F(DossierReportTest, ADayOfReceivesOnlyIsCountedFromItsRequestIds) {
  for (int i = 0; i < 3; ++i) MustReceive(kCopy);  // receives write no day figures
  Close();
  clock_.Set(At(2026, 3, 4, 9, 0));  // down over two midnights
  Open();
  EXPECT_EQ(MustReport(kCentre, 20260302).centres(0).received(), 3u);  // before closing
  engine_->Tick();
  ASSERT_TRUE(writer_->Flush().ok());
  const v1::CentreDayFigures monday = MustReport(kCentre, 20260302).centres(0);
  EXPECT_EQ(monday.received(), 3u);
  EXPECT_EQ(monday.open_overdue(), 3u);  // all due Monday 17:00, none resolved
  EXPECT_EQ(MustReport(kCentre).centres(0).received(), 0u);
}

TEST_F(DossierReportTest, ProvinceRollUpAndRenderings) {
  Monday();
  MustReceive(kCopy, kThird);  // Bắc Ninh too
  MustReceive(kCopy, kOther);  // Hải Phòng: not in the roll-up
  const v1::DailyReport r = MustReport("", 0, v1::DailyReportRequest::CSV, "Bắc Ninh");
  ASSERT_EQ(r.centres_size(), 2);
  EXPECT_EQ(r.total().centre_id(), "total");
  EXPECT_EQ(r.total().received(), 5u);
  EXPECT_EQ(r.total().resolved_on_time(), 1u);
  std::istringstream lines(r.rendered());
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  ASSERT_EQ(rows.size(), 4u) << r.rendered();
  EXPECT_EQ(rows[0].rfind("day,centre_id,centre_name,province,received,", 0), 0u);
  EXPECT_EQ(rows[1], "20260302,101,Phường Kinh Bắc,Bắc Ninh,4,0,1,0,0,1,1,1.0000");
  EXPECT_EQ(rows[3], "20260302,total,,Bắc Ninh,5,0,1,0,0,1,1,1.0000");

  const v1::DailyReport j = MustReport(kCentre, 0, v1::DailyReportRequest::JSON);
  const auto doc = nlohmann::json::parse(j.rendered());
  EXPECT_EQ(doc["day"], 20260302);
  EXPECT_EQ(doc["centres"][0]["centre_id"], "101");
  EXPECT_EQ(doc["centres"][0]["received"], 4);
  EXPECT_EQ(doc["centres"][0]["centre_name"], "Phường Kinh Bắc");
  EXPECT_EQ(doc["total"]["extended"], 1);
}

TEST_F(DossierReportTest, Refusals) {
  EXPECT_EQ(Report({"999", "", 0, v1::DailyReportRequest::JSON}).first.code(), StatusCode::kNotFound);
  EXPECT_EQ(Report({"", "Cà Mau", 0, v1::DailyReportRequest::JSON}).first.code(), StatusCode::kNotFound);
  EXPECT_EQ(Report({"", "", 0, v1::DailyReportRequest::JSON}).first.code(), StatusCode::kInvalidArgument);
  // A day with nothing recorded is all zeros, rate 1.
  const v1::CentreDayFigures empty = MustReport(kCentre, 20250101).centres(0);
  EXPECT_EQ(empty.received(), 0u);
  EXPECT_DOUBLE_EQ(empty.on_time_rate(), 1.0);
}

TEST(OnTimeRateTest, EarlyAndOnTimeOverResolved) {
  v1::CentreDayFigures f;
  EXPECT_DOUBLE_EQ(OnTimeRate(f), 1.0);
  f.set_resolved_early(1);
  f.set_resolved_on_time(2);
  f.set_resolved_late(1);
  EXPECT_DOUBLE_EQ(OnTimeRate(f), 0.75);
}

}  // namespace
}  // namespace qms::deadline::testing

// StatsService.GetDayStats of an earlier day through gRPC: the figures of a
// closed day, the same before and after retention removed its tickets
// (docs/retention.md); and the day's checks.
#include "services/queue/retention.h"
#include "storage/keys.h"
#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;
using Stub = v1::CounterService::Stub;

constexpr uint32_t kTuesday = 20250701;

class ClosedDayStatsTest : public QueueServiceTest {
 protected:
  grpc::Status DayStatsOf(uint32_t day, v1::DayStats* resp, const std::string& centre = kCentre) {
    grpc::ClientContext ctx;
    SetDeadline(&ctx);
    v1::DayStatsRequest req;
    req.set_centre_id(centre);
    req.set_service_day(day);
    return stats_->GetDayStats(&ctx, req, resp);
  }
  // Tuesday: three tickets, one served, one no-show, one left waiting.
  void Tuesday() {
    MustOpen("1");
    MustIssue(kFieldA);
    MustIssue(kFieldA);
    MustIssue(kFieldA);
    clock_.Advance(5 * kMicrosPerMinute);
    ASSERT_EQ(MustCallNext("1"), "A001");
    clock_.Advance(4 * kMicrosPerMinute);
    MustAct(&Stub::Complete, "1");
    ASSERT_EQ(MustCallNext("1"), "A002");
    MustAct(&Stub::MarkNoShow, "1");
  }
};

TEST_F(ClosedDayStatsTest, AClosedDayAnswersTheSameBeforeAndAfterRetention) {
  ASSERT_NO_FATAL_FAILURE(Tuesday());
  clock_.Set(LocalMoment(LocalDate{2025, 7, 3}, 8 * 60));  // Thursday
  MustIssue(kFieldA);                                      // the day rolls
  v1::DayStats before;
  ASSERT_TRUE(DayStatsOf(kTuesday, &before).ok());
  EXPECT_EQ(before.service_day(), kTuesday);
  EXPECT_EQ(before.centre_id(), kCentre);
  EXPECT_EQ(before.total().issued(), 3u);
  EXPECT_EQ(before.total().served(), 1u);
  EXPECT_EQ(before.total().no_show(), 1u);
  EXPECT_EQ(before.total().expired(), 1u);  // left waiting at the day's end
  EXPECT_EQ(before.wait().count(), 2u);
  EXPECT_EQ(before.computed_at_us(), LocalMoment(LocalDate{2025, 7, 2}, 0));

  config_.retention.ticket_days = 1;
  auto r = queue::RemoveOldServiceDays(config_, stack_->store(), 20250703);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->days_summarised, 0u);  // stored when Tuesday closed
  ASSERT_GE(r->ranges_deleted, 1u);
  v1::DayStats after;
  ASSERT_TRUE(DayStatsOf(kTuesday, &after).ok());
  EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
  // Today's figures are today's.
  EXPECT_EQ(MustDayStats().total().issued(), 1u);
  v1::DayStats today;
  ASSERT_TRUE(DayStatsOf(20250703, &today).ok());  // today by date: live
  EXPECT_EQ(today.total().issued(), 1u);
}

// Stored when the day closed: GetDayStats answers them with the day's
// tickets gone (removed here by hand, not by a retention pass).
TEST_F(ClosedDayStatsTest, AClosedDayAnswersFromItsStoredFigures) {
  ASSERT_NO_FATAL_FAILURE(Tuesday());
  clock_.Set(LocalMoment(LocalDate{2025, 7, 2}, 8 * 60));  // Wednesday
  MustIssue(kFieldA);                                      // the day rolls; this reply follows its writes
  v1::DayStats before;
  ASSERT_TRUE(DayStatsOf(kTuesday, &before).ok());
  const uint32_t centre = stack_->engine()->FindCentre(kCentre)->key;
  std::string stored;
  ASSERT_TRUE(
      stack_->store()->Get(storage::Cf::kDayStats, storage::DayStatsKey(centre, kTuesday), &stored).ok());
  EXPECT_EQ(stored, before.SerializeAsString());
  ASSERT_TRUE(stack_->store()
                  ->DeleteRange(storage::Cf::kTickets, storage::CentreDayPrefix(centre, kTuesday),
                                storage::CentreDayPrefix(centre, kTuesday + 1))
                  .ok());
  v1::DayStats after;
  ASSERT_TRUE(DayStatsOf(kTuesday, &after).ok());
  EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
  EXPECT_EQ(after.total().issued(), 3u);
}

TEST_F(ClosedDayStatsTest, DaysWithoutFiguresAndBadDays) {
  v1::DayStats s;
  EXPECT_TRUE(HasCode(DayStatsOf(20250630, &s), StatusCode::NOT_FOUND, "no figures of day 20250630"));
  EXPECT_TRUE(HasCode(DayStatsOf(20250702, &s), StatusCode::INVALID_ARGUMENT, "is after today"));
  EXPECT_TRUE(HasCode(DayStatsOf(20250631, &s), StatusCode::INVALID_ARGUMENT, "is not a yyyymmdd date"));
  EXPECT_TRUE(HasCode(DayStatsOf(7, &s), StatusCode::INVALID_ARGUMENT, "is not a yyyymmdd date"));
  EXPECT_TRUE(HasCode(DayStatsOf(20250630, &s, kUnknownCentre), StatusCode::NOT_FOUND, kUnknownCentre));
}

}  // namespace
}  // namespace qms::service::test

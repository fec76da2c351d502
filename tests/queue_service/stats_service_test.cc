// StatsService.GetDayStats through gRPC: a scripted morning at centre 101 on
// the ManualClock, every figure checked against values computed by hand in
// the comments; refusals; one centre's figures never include another's.
#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;
using Stub = v1::CounterService::Stub;

void ExpectDurations(const v1::DurationStats& d, uint32_t count, double mean, double p50, double p90,
                     double max) {
  EXPECT_EQ(d.count(), count);
  EXPECT_DOUBLE_EQ(d.mean_seconds(), mean);
  EXPECT_DOUBLE_EQ(d.p50_seconds(), p50);
  EXPECT_DOUBLE_EQ(d.p90_seconds(), p90);
  EXPECT_DOUBLE_EQ(d.max_seconds(), max);
}

void ExpectCounts(const v1::TicketCounts& c, std::vector<uint32_t> expected) {
  const std::vector<uint32_t> got = {c.issued(),  c.waiting(),         c.called(),        c.serving(),
                                     c.parked(),  c.served(),          c.no_show(),       c.cancelled(),
                                     c.expired(), c.transferred_out(), c.transferred_in()};
  EXPECT_EQ(got, expected)
      << "issued, waiting, called, serving, parked, served, no_show, cancelled, expired, "
         "out, in";
}

class StatsServiceTest : public QueueServiceTest {
 protected:
  void At(int hour, int minute) { clock_.Set(TuesdayAt(hour, minute)); }

  // Six tickets; clerk-1 at counter 1 (field A), clerk-3 at counter 3
  // (fields B and C). Waits from issue to the first call: A001 12 min, A002
  // 17, B001 20 (recalled at 08:33: still 20), C001 5, A004 5. Service: A001
  // 08:13-08:21 (8 min), B001 08:34-08:41 (7 min, from StartServing).
  void ScriptTheMorning() {
    MustOpen("1");
    MustOpen("3");
    ASSERT_EQ(MustIssue(kFieldA).ticket().number(), "A001");  // 08:00
    At(8, 5);
    ASSERT_EQ(MustIssue(kFieldA).ticket().number(), "A002");
    At(8, 10);
    ASSERT_EQ(MustIssue(kFieldB).ticket().number(), "B001");
    At(8, 12);
    ASSERT_EQ(MustCallNext("1"), "A001");
    At(8, 13);
    MustAct(&Stub::StartServing, "1");
    At(8, 20);
    ASSERT_EQ(MustIssue(kFieldA).ticket().number(), "A003");
    At(8, 21);
    MustAct(&Stub::Complete, "1");
    At(8, 22);
    v1::TicketResponse rated;
    ASSERT_TRUE(Rate("A001", "1", v1::VERY_SATISFIED, &rated).ok());
    ASSERT_EQ(MustCallNext("1"), "A002");
    At(8, 27);
    MustAct(&Stub::MarkNoShow, "1");
    At(8, 30);
    ASSERT_EQ(MustCallNext("3"), "B001");
    At(8, 33);
    MustAct(&Stub::Recall, "3");
    At(8, 34);
    MustAct(&Stub::StartServing, "3");
    At(8, 35);
    v1::TicketResponse cancelled;
    ASSERT_TRUE(Cancel("A003", &cancelled).ok());
    At(8, 41);
    MustAct(&Stub::Complete, "3");
    At(8, 42);
    ASSERT_TRUE(Rate("B001", "3", v1::DISSATISFIED, &rated, "clerk-3").ok());
    At(9, 10);
    ASSERT_EQ(MustIssue(kFieldC).ticket().number(), "C001");
    At(9, 15);
    ASSERT_EQ(MustCallNext("3"), "C001");
    At(9, 16);
    MustAct(&Stub::StartServing, "3");
    At(9, 20);
    ASSERT_EQ(MustIssue(kFieldA).ticket().number(), "A004");
    At(9, 25);
    ASSERT_EQ(MustCallNext("1"), "A004");
    v1::TransferRequest to_b;
    to_b.set_centre_id(kCentre);
    to_b.set_counter_id("1");
    to_b.set_to_field_id(kFieldB);
    v1::TicketResponse moved;
    ASSERT_TRUE(Transfer(to_b, &moved).ok());
    At(9, 30);
  }

  // Every figure of ScriptTheMorning's day at 09:30, in four parts.
  void ExpectTheMorning(const v1::DayStats& s) {
    ExpectMorningTotals(s);
    ExpectMorningFields(s);
    ExpectMorningClerksAndCounters(s);
    ExpectMorningHours(s);
  }

  void ExpectMorningTotals(const v1::DayStats& s) {
    EXPECT_EQ(s.centre_id(), kCentre);
    EXPECT_EQ(s.service_day(), 20250701u);
    EXPECT_EQ(s.computed_at_us(), TuesdayAt(9, 30));
    ExpectCounts(s.total(), {6, 1, 0, 1, 0, 2, 1, 1, 0, 1, 1});
    // Waits 5, 5, 12, 17, 20 min: mean 708 s; p50 rank 3; p90 rank ceil(4.5) = 5.
    ExpectDurations(s.wait(), 5, 708, 720, 1200, 1200);
    // Service 7 and 8 min.
    ExpectDurations(s.service(), 2, 450, 420, 480, 480);
    EXPECT_EQ(s.ratings().very_satisfied(), 1u);
    EXPECT_EQ(s.ratings().satisfied(), 0u);
    EXPECT_EQ(s.ratings().dissatisfied(), 1u);
    EXPECT_EQ(s.ratings().rated(), 2u);
    EXPECT_DOUBLE_EQ(s.ratings().satisfaction_share(), 0.5);
  }

  void ExpectMorningFields(const v1::DayStats& s) {
    ASSERT_EQ(s.fields_size(), 3);
    EXPECT_EQ(s.fields(0).field_id(), kFieldA);  // A001-A004; A004 left for B
    ExpectCounts(s.fields(0).tickets(), {4, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0});
    ExpectDurations(s.fields(0).wait(), 3, 680, 720, 1020, 1020);
    ExpectDurations(s.fields(0).service(), 1, 480, 480, 480, 480);
    EXPECT_EQ(s.fields(0).ratings().very_satisfied(), 1u);
    EXPECT_EQ(s.fields(1).field_id(), kFieldB);  // B001, and A004 waiting now
    ExpectCounts(s.fields(1).tickets(), {1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1});
    ExpectDurations(s.fields(1).wait(), 1, 1200, 1200, 1200, 1200);
    ExpectDurations(s.fields(1).service(), 1, 420, 420, 420, 420);
    EXPECT_DOUBLE_EQ(s.fields(1).ratings().satisfaction_share(), 0.0);
    EXPECT_EQ(s.fields(2).field_id(), kFieldC);
    ExpectCounts(s.fields(2).tickets(), {1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
    ExpectDurations(s.fields(2).wait(), 1, 300, 300, 300, 300);
    EXPECT_EQ(s.fields(2).service().count(), 0u);
  }

  void ExpectMorningClerksAndCounters(const v1::DayStats& s) {
    ASSERT_EQ(s.clerks_size(), 2);
    EXPECT_EQ(s.clerks(0).clerk_id(), "clerk-1");
    EXPECT_EQ(s.clerks(0).served(), 1u);
    EXPECT_EQ(s.clerks(0).no_show(), 1u);
    EXPECT_DOUBLE_EQ(s.clerks(0).service().mean_seconds(), 480);
    EXPECT_EQ(s.clerks(0).ratings().very_satisfied(), 1u);
    EXPECT_EQ(s.clerks(0).ratings().rated(), 1u);
    EXPECT_EQ(s.clerks(1).clerk_id(), "clerk-3");
    EXPECT_EQ(s.clerks(1).served(), 1u);
    EXPECT_EQ(s.clerks(1).no_show(), 0u);
    EXPECT_DOUBLE_EQ(s.clerks(1).service().mean_seconds(), 420);
    EXPECT_EQ(s.clerks(1).ratings().dissatisfied(), 1u);

    ASSERT_EQ(s.counters_size(), 4);
    const std::vector<std::string> ids = {"1", "2", "3", "9"};
    const std::vector<v1::CounterState> states = {v1::OPEN, v1::CLOSED, v1::OPEN, v1::CLOSED};
    const std::vector<uint32_t> served = {1, 0, 1, 0};
    for (int c = 0; c < 4; ++c) {
      EXPECT_EQ(s.counters(c).counter().counter_id(), ids[c]);
      EXPECT_EQ(s.counters(c).counter().state(), states[c]) << ids[c];
      EXPECT_EQ(s.counters(c).served(), served[c]) << ids[c];
    }
    EXPECT_EQ(s.counters(0).counter().clerk_id(), "clerk-1");
    EXPECT_EQ(s.counters(0).no_show(), 1u);
    EXPECT_EQ(s.counters(2).counter().clerk_id(), "clerk-3");
    EXPECT_EQ(s.counters(2).counter().current_number(), "C001");
    EXPECT_EQ(s.counters(2).ratings().dissatisfied(), 1u);
  }

  void ExpectMorningHours(const v1::DayStats& s) {
    ASSERT_EQ(s.hours_size(), 24);
    // 08h: A001, A002, B001, A003 issued; A001, A002, B001 first called
    // (waits 12, 17, 20 min); A001 and B001 done.
    EXPECT_EQ(s.hours(8).hour(), 8u);
    EXPECT_EQ(s.hours(8).issued(), 4u);
    EXPECT_EQ(s.hours(8).called(), 3u);
    EXPECT_EQ(s.hours(8).served(), 2u);
    ExpectDurations(s.hours(8).wait(), 3, 980, 1020, 1200, 1200);
    // 09h: C001 and A004 issued and first called, 5 min each.
    EXPECT_EQ(s.hours(9).issued(), 2u);
    EXPECT_EQ(s.hours(9).called(), 2u);
    EXPECT_EQ(s.hours(9).served(), 0u);
    ExpectDurations(s.hours(9).wait(), 2, 300, 300, 300, 300);
    uint32_t other_hours = 0;
    for (const auto& h : s.hours()) {
      if (h.hour() != 8 && h.hour() != 9)
        other_hours += h.issued() + h.called() + h.served() + h.wait().count();
    }
    EXPECT_EQ(other_hours, 0u);
  }
};

TEST_F(StatsServiceTest, AScriptedMorningMatchesTheHandComputedFigures) {
  ASSERT_NO_FATAL_FAILURE(ScriptTheMorning());
  ExpectTheMorning(MustDayStats());
}

TEST_F(StatsServiceTest, ARatingCountsAtOnce) {
  MustOpen("1");
  MustIssue(kFieldA);
  MustCallNext("1");
  clock_.Advance(3 * kMicrosPerMinute);
  MustAct(&Stub::Complete, "1");
  v1::DayStats s = MustDayStats();
  EXPECT_EQ(s.total().served(), 1u);
  EXPECT_EQ(s.ratings().rated(), 0u);
  ExpectDurations(s.service(), 1, 180, 180, 180, 180);  // completed from CALLED: timed from the call
  v1::TicketResponse resp;
  ASSERT_TRUE(Rate("A001", "1", v1::SATISFIED, &resp).ok());
  s = MustDayStats();
  EXPECT_EQ(s.ratings().satisfied(), 1u);
  EXPECT_DOUBLE_EQ(s.ratings().satisfaction_share(), 1.0);
  EXPECT_EQ(s.clerks(0).ratings().satisfied(), 1u);
  EXPECT_EQ(s.counters(0).ratings().satisfied(), 1u);
}

TEST_F(StatsServiceTest, EachCentreCountsOnlyItsOwnTickets) {
  MustIssue(kFieldA, v1::NORMAL, kBulkCentre);
  MustIssue(kFieldA, v1::NORMAL, kBulkCentre);
  MustIssue(kFieldB);
  EXPECT_EQ(MustDayStats(kBulkCentre).total().issued(), 2u);
  EXPECT_EQ(MustDayStats(kBulkCentre).fields(0).tickets().waiting(), 2u);
  const v1::DayStats here = MustDayStats(kCentre);
  EXPECT_EQ(here.total().issued(), 1u);
  EXPECT_EQ(here.fields(1).tickets().waiting(), 1u);
  EXPECT_EQ(MustDayStats(kOpenAllHours).total().issued(), 0u);
}

TEST_F(StatsServiceTest, ANewDayStartsFromZero) {
  ASSERT_NO_FATAL_FAILURE(ScriptTheMorning());
  clock_.Set(LocalMoment(LocalDate{2025, 7, 2}, 8 * 60));
  const v1::DayStats s = MustDayStats();
  EXPECT_EQ(s.service_day(), 20250702u);
  ExpectCounts(s.total(), {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_EQ(s.ratings().rated(), 0u);
  EXPECT_EQ(s.clerks_size(), 0) << "counters close at day end";
}

TEST_F(StatsServiceTest, BadCentresAreRefused) {
  v1::DayStats s;
  EXPECT_TRUE(HasCode(DayStats("", &s), StatusCode::INVALID_ARGUMENT, "centre_id is required"));
  EXPECT_TRUE(HasCode(DayStats("ward-7", &s), StatusCode::INVALID_ARGUMENT, "centre_id must be 1-9 digits"));
  EXPECT_TRUE(HasCode(DayStats(kUnknownCentre, &s), StatusCode::NOT_FOUND, kUnknownCentre));
}

}  // namespace
}  // namespace qms::service::test

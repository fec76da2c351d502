// Day statistics from a centre's memory: a scripted day whose every figure
// is computed by hand below, the edge cases of waits and service times, the
// per-field balance, and the nearest-rank percentile.
#include "services/queue/day_stats.h"

#include <gtest/gtest.h>

#include "tests/queue/test_config.h"

namespace qms::queue {
namespace {

using testing::GoLiveAt;
using testing::MakeCentre;

TEST(NearestRankTest, IsTheSampleAtRankCeilOfPTimesN) {
  const std::vector<int64_t> ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(NearestRank(ten, 50), 5);   // rank 5
  EXPECT_EQ(NearestRank(ten, 90), 9);   // rank 9
  EXPECT_EQ(NearestRank(ten, 91), 10);  // rank ceil(9.1) = 10
  EXPECT_EQ(NearestRank(ten, 100), 10);
  EXPECT_EQ(NearestRank(ten, 1), 1);
  EXPECT_EQ(NearestRank({7}, 50), 7);
  EXPECT_EQ(NearestRank({7}, 90), 7);
  EXPECT_EQ(NearestRank({3, 8}, 50), 3);     // rank 1
  EXPECT_EQ(NearestRank({3, 8}, 90), 8);     // rank ceil(1.8) = 2
  EXPECT_EQ(NearestRank({1, 2, 3}, 50), 2);  // rank ceil(1.5) = 2
}

class DayStatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    centre_ = std::make_unique<Centre>(&config_);
    centre_->StartDay(20250701);
  }
  void At(int hh, int mm) { now_ = GoLiveAt(hh, mm); }
  void Issue(const std::string& field) {
    Change ch;
    ASSERT_TRUE(
        centre_->Issue({field, v1::NORMAL, v1::KIOSK, "r" + std::to_string(++requests_), ""}, now_, &ch)
            .ok());
  }
  void Act(Status (Centre::*op)(const CounterAction&, MicrosUtc, Change*), const std::string& counter,
           const std::string& number = "") {
    Change ch;
    const Status s = (centre_.get()->*op)({counter, "", number, ""}, now_, &ch);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  void Open(const std::string& counter, const std::string& clerk) {
    Change ch;
    ASSERT_TRUE(centre_->OpenCounter({counter, clerk, "", ""}, now_, &ch).ok());
  }
  void Rate(const std::string& number, const std::string& counter, v1::Rating rating) {
    Change ch;
    ASSERT_TRUE(centre_->Rate({counter, "", number, rating}, now_, &ch).ok());
  }
  // Five tickets, two clerks. Waits to the first call: A001 12 min, A002 17,
  // B001 20 (recalled, still 20), C001 5. Service: A001 8 min, B001 7 (from
  // StartServing after the recall).
  void ScriptTheDay() {
    Issue("chung_thuc");  // 08:00 A001
    At(8, 5);
    Issue("chung_thuc");  // A002
    At(8, 10);
    Issue("ho_tich");  // B001
    Open("1", "nv01");
    Open("2", "nv02");
    At(8, 12);
    Act(&Centre::CallNext, "1");  // A001, waited 12 min
    At(8, 13);
    Act(&Centre::StartServing, "1");
    At(8, 20);
    Issue("chung_thuc");  // A003
    At(8, 21);
    Act(&Centre::Complete, "1");  // A001: 8 min of service
    At(8, 22);
    Act(&Centre::CallNext, "1");  // A002, waited 17 min
    At(8, 27);
    Act(&Centre::MarkNoShow, "1");
    At(8, 30);
    Act(&Centre::CallNext, "2");  // B001 (weight 2), waited 20 min
    At(8, 33);
    Act(&Centre::Recall, "2");
    At(8, 34);
    Act(&Centre::StartServing, "2");
    At(8, 35);
    Change cancel;
    ASSERT_TRUE(centre_->Cancel("A003", "", now_, &cancel).ok());
    At(8, 41);
    Act(&Centre::Complete, "2");  // B001: 7 min from StartServing
    At(8, 42);
    Rate("A001", "1", v1::VERY_SATISFIED);
    Rate("B001", "2", v1::DISSATISFIED);
    At(9, 10);
    Issue("dat_dai");   // C001
    Open("4", "nv02");  // the same clerk at a second counter
    At(9, 15);
    Act(&Centre::CallNext, "4");  // C001, waited 5 min
    At(9, 30);
  }

  v1::DayStats Stats() {
    v1::DayStats s;
    ComputeDayStats(*centre_, now_, &s);
    return s;
  }

  config::CentreConfig config_ = MakeCentre();
  std::unique_ptr<Centre> centre_;
  MicrosUtc now_ = GoLiveAt(8, 0);
  int requests_ = 0;
};

void ExpectDurations(const v1::DurationStats& d, uint32_t count, double mean, double p50, double p90,
                     double max) {
  EXPECT_EQ(d.count(), count);
  EXPECT_DOUBLE_EQ(d.mean_seconds(), mean);
  EXPECT_DOUBLE_EQ(d.p50_seconds(), p50);
  EXPECT_DOUBLE_EQ(d.p90_seconds(), p90);
  EXPECT_DOUBLE_EQ(d.max_seconds(), max);
}

// Per field, every ticket is somewhere: issued - out + in = the states.
void ExpectBalanced(const v1::TicketCounts& c) {
  const uint32_t present = c.issued() - c.transferred_out() + c.transferred_in();
  const uint32_t by_state = c.waiting() + c.called() + c.serving() + c.parked() + c.served() + c.no_show() +
                            c.cancelled() + c.expired();
  EXPECT_EQ(present, by_state);
}

TEST_F(DayStatsTest, TheScriptedDayHasTheHandComputedTotals) {
  ASSERT_NO_FATAL_FAILURE(ScriptTheDay());
  const v1::DayStats s = Stats();
  EXPECT_EQ(s.centre_id(), "9187");
  EXPECT_EQ(s.service_day(), 20250701u);
  EXPECT_EQ(s.computed_at_us(), GoLiveAt(9, 30));
  const v1::TicketCounts& t = s.total();
  EXPECT_EQ(t.issued(), 5u);
  EXPECT_EQ(t.waiting(), 0u);
  EXPECT_EQ(t.called(), 1u);  // C001
  EXPECT_EQ(t.serving(), 0u);
  EXPECT_EQ(t.served(), 2u);
  EXPECT_EQ(t.no_show(), 1u);
  EXPECT_EQ(t.cancelled(), 1u);
  EXPECT_EQ(t.expired(), 0u);
  EXPECT_EQ(t.transferred_out(), 0u);
  ExpectBalanced(t);
  // Waits 5, 12, 17, 20 min: mean 13.5 min; p50 rank 2; p90 rank ceil(3.6) = 4.
  ExpectDurations(s.wait(), 4, 810, 720, 1200, 1200);
  // Service 7 and 8 min: p50 rank 1, p90 rank 2.
  ExpectDurations(s.service(), 2, 450, 420, 480, 480);
  EXPECT_EQ(s.ratings().very_satisfied(), 1u);
  EXPECT_EQ(s.ratings().satisfied(), 0u);
  EXPECT_EQ(s.ratings().dissatisfied(), 1u);
  EXPECT_EQ(s.ratings().rated(), 2u);
  EXPECT_DOUBLE_EQ(s.ratings().satisfaction_share(), 0.5);
}

TEST_F(DayStatsTest, TheScriptedDayPerField) {
  ASSERT_NO_FATAL_FAILURE(ScriptTheDay());
  const v1::DayStats s = Stats();
  ASSERT_EQ(s.fields_size(), 3);
  const v1::FieldStats& a = s.fields(0);
  EXPECT_EQ(a.field_id(), "chung_thuc");
  EXPECT_EQ(a.tickets().issued(), 3u);
  EXPECT_EQ(a.tickets().served(), 1u);
  EXPECT_EQ(a.tickets().no_show(), 1u);
  EXPECT_EQ(a.tickets().cancelled(), 1u);
  ExpectDurations(a.wait(), 2, 870, 720, 1020, 1020);
  ExpectDurations(a.service(), 1, 480, 480, 480, 480);
  EXPECT_DOUBLE_EQ(a.ratings().satisfaction_share(), 1.0);
  const v1::FieldStats& b = s.fields(1);
  EXPECT_EQ(b.tickets().issued(), 1u);
  EXPECT_EQ(b.tickets().served(), 1u);
  ExpectDurations(b.wait(), 1, 1200, 1200, 1200, 1200);  // to the first call (08:30), not the recall
  ExpectDurations(b.service(), 1, 420, 420, 420, 420);
  EXPECT_EQ(b.ratings().dissatisfied(), 1u);
  EXPECT_DOUBLE_EQ(b.ratings().satisfaction_share(), 0.0);
  const v1::FieldStats& c = s.fields(2);
  EXPECT_EQ(c.tickets().called(), 1u);
  ExpectDurations(c.wait(), 1, 300, 300, 300, 300);
  EXPECT_EQ(c.service().count(), 0u);
  EXPECT_EQ(c.ratings().rated(), 0u);
  for (const auto& f : s.fields()) ExpectBalanced(f.tickets());
}

TEST_F(DayStatsTest, TheScriptedDayPerClerkAndCounter) {
  ASSERT_NO_FATAL_FAILURE(ScriptTheDay());
  const v1::DayStats s = Stats();
  ASSERT_EQ(s.clerks_size(), 2);
  EXPECT_EQ(s.clerks(0).clerk_id(), "nv01");
  EXPECT_EQ(s.clerks(0).served(), 1u);
  EXPECT_EQ(s.clerks(0).no_show(), 1u);
  ExpectDurations(s.clerks(0).service(), 1, 480, 480, 480, 480);
  EXPECT_EQ(s.clerks(0).ratings().very_satisfied(), 1u);
  EXPECT_EQ(s.clerks(1).clerk_id(), "nv02");
  EXPECT_EQ(s.clerks(1).served(), 1u);
  EXPECT_EQ(s.clerks(1).no_show(), 0u);
  EXPECT_DOUBLE_EQ(s.clerks(1).service().mean_seconds(), 420);
  EXPECT_EQ(s.clerks(1).ratings().dissatisfied(), 1u);
  ASSERT_EQ(s.counters_size(), 4);
  EXPECT_EQ(s.counters(0).counter().counter_id(), "1");
  EXPECT_EQ(s.counters(0).counter().state(), v1::OPEN);
  EXPECT_EQ(s.counters(0).counter().clerk_id(), "nv01");
  EXPECT_EQ(s.counters(0).served(), 1u);
  EXPECT_EQ(s.counters(0).no_show(), 1u);
  EXPECT_EQ(s.counters(1).served(), 1u);
  EXPECT_EQ(s.counters(1).ratings().dissatisfied(), 1u);
  EXPECT_EQ(s.counters(2).counter().state(), v1::CLOSED);
  EXPECT_EQ(s.counters(2).served(), 0u);
  EXPECT_EQ(s.counters(3).counter().current_number(), "C001");
  EXPECT_EQ(s.counters(3).served(), 0u);
}

TEST_F(DayStatsTest, TheScriptedDayPerLocalHour) {
  ASSERT_NO_FATAL_FAILURE(ScriptTheDay());
  const v1::DayStats s = Stats();
  ASSERT_EQ(s.hours_size(), 24);
  for (int h = 0; h < 24; ++h) EXPECT_EQ(s.hours(h).hour(), static_cast<uint32_t>(h));
  EXPECT_EQ(s.hours(8).issued(), 4u);
  EXPECT_EQ(s.hours(8).called(), 3u);
  EXPECT_EQ(s.hours(8).served(), 2u);
  ExpectDurations(s.hours(8).wait(), 3, 980, 1020, 1200, 1200);
  EXPECT_EQ(s.hours(9).issued(), 1u);
  EXPECT_EQ(s.hours(9).called(), 1u);
  EXPECT_EQ(s.hours(9).served(), 0u);
  ExpectDurations(s.hours(9).wait(), 1, 300, 300, 300, 300);
  for (int h : {0, 7, 10, 23}) {
    EXPECT_EQ(s.hours(h).issued() + s.hours(h).called() + s.hours(h).served(), 0u) << h;
  }
}

TEST_F(DayStatsTest, TransfersCountOutOfTheFieldOfIssueAndIntoTheFieldOfNow) {
  Issue("chung_thuc");  // A001 -> ho_tich
  Issue("chung_thuc");  // A002 stays
  Open("1", "nv01");
  At(8, 6);
  Act(&Centre::CallNext, "1");
  TransferAction move;
  move.from = {"1", "", "", ""};
  move.to_field_id = "ho_tich";
  Change ch;
  ASSERT_TRUE(centre_->Transfer(move, now_, &ch).ok());
  const v1::DayStats s = Stats();
  EXPECT_EQ(s.fields(0).tickets().issued(), 2u);
  EXPECT_EQ(s.fields(0).tickets().transferred_out(), 1u);
  EXPECT_EQ(s.fields(0).tickets().waiting(), 1u);
  EXPECT_EQ(s.fields(1).tickets().issued(), 0u);
  EXPECT_EQ(s.fields(1).tickets().transferred_in(), 1u);
  EXPECT_EQ(s.fields(1).tickets().waiting(), 1u);
  // The wait to the first call belongs to the field it was issued for.
  EXPECT_EQ(s.fields(0).wait().count(), 1u);
  EXPECT_DOUBLE_EQ(s.fields(0).wait().mean_seconds(), 360);
  EXPECT_EQ(s.fields(1).wait().count(), 0u);
  EXPECT_EQ(s.total().transferred_out(), 1u);
  EXPECT_EQ(s.total().transferred_in(), 1u);
  for (const auto& f : s.fields()) ExpectBalanced(f.tickets());
  ExpectBalanced(s.total());
}

TEST_F(DayStatsTest, ServiceAfterAParkIsTimedFromTheLatestTurnAtTheCounter) {
  Issue("chung_thuc");
  Open("1", "nv01");
  Act(&Centre::CallNext, "1");
  At(8, 2);
  Act(&Centre::StartServing, "1");
  At(8, 5);
  Act(&Centre::Park, "1");  // the citizen goes to photocopy
  At(8, 20);
  Act(&Centre::CallTicket, "1", "A001");
  At(8, 25);
  Act(&Centre::Complete, "1");  // without StartServing this time
  const v1::DayStats s = Stats();
  ExpectDurations(s.service(), 1, 300, 300, 300, 300);
  ExpectDurations(s.wait(), 1, 0, 0, 0, 0);
}

TEST_F(DayStatsTest, AnEmptyDayHasZerosAndTheClerksAtOpenCounters) {
  Open("3", "nv03");
  const v1::DayStats s = Stats();
  EXPECT_EQ(s.total().issued(), 0u);
  EXPECT_EQ(s.wait().count(), 0u);
  EXPECT_DOUBLE_EQ(s.wait().mean_seconds(), 0);
  EXPECT_EQ(s.ratings().rated(), 0u);
  EXPECT_DOUBLE_EQ(s.ratings().satisfaction_share(), 0);
  ASSERT_EQ(s.clerks_size(), 1);
  EXPECT_EQ(s.clerks(0).clerk_id(), "nv03");
  EXPECT_EQ(s.hours_size(), 24);
  EXPECT_EQ(s.fields_size(), 3);
}

TEST_F(DayStatsTest, ExpiredTicketsAreCountedAtDayEnd) {
  Issue("chung_thuc");
  Issue("ho_tich");
  Open("1", "nv01");
  Act(&Centre::CallNext, "1");
  At(17, 30);
  Change ch;
  centre_->ExpireDay(now_, &ch);
  const v1::DayStats s = Stats();
  EXPECT_EQ(s.total().expired(), 2u);
  EXPECT_EQ(s.total().waiting() + s.total().called(), 0u);
  ExpectBalanced(s.total());
}

}  // namespace
}  // namespace qms::queue

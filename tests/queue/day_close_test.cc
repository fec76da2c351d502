// A closed day's figures are stored when the day closes (docs/retention.md):
// at the roll (QueueEngine::Tick or the first operation of the next day),
// or at the next start when the server was down at midnight; in the same
// write set as the day's expiry. They are the message ComputeClosedDay
// makes from the day's tickets, and ReadClosedDay answers them after the
// tickets are gone.
#include <gtest/gtest.h>

#include <future>

#include "services/queue/closed_days.h"
#include "services/queue/queue_engine.h"
#include "storage/keys.h"
#include "tests/queue/engine_on_disk.h"
#include "tests/queue/test_config.h"
#include "tests/support/temp_dir.h"

namespace qms::queue {
namespace {

using testing::MakeCentre;

constexpr uint32_t kDay1 = 20250701, kDay2 = 20250702;
constexpr uint32_t kCentre = 9187;
MicrosUtc At(uint32_t day, int hh, int mm) { return LocalMoment(LocalDate::FromYyyymmdd(day), hh * 60 + mm); }

class DayCloseTest : public ::testing::Test {
 protected:
  DayCloseTest() : clock_(At(kDay1, 8, 0)) { config_.centres = {MakeCentre("9187"), MakeCentre("11413")}; }
  void SetUp() override { Start(); }
  void TearDown() override { Stop(); }

  void Start() {
    storage::StoreOptions options;
    options.path = dir_.path();
    const Status opened = testing::OpenEngineOnDisk(&config_, &clock_, options, &disk_);
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    ASSERT_TRUE(engine_->Recover().ok());
  }
  void Stop() { testing::CloseEngineOnDisk(&disk_); }

  Status Run(const CentreOp& op) {
    std::promise<Status> done;
    engine_->Execute("9187", AuditNote{"Test", {}, "", ""}, op,
                     [&](const Status& s, const OpResult&) { done.set_value(s); });
    return done.get_future().get();
  }
  void Act(Status (Centre::*op)(const CounterAction&, MicrosUtc, Change*)) {
    clock_.Advance(kMicrosPerMinute);
    ASSERT_TRUE(Run([=](Centre& c, MicrosUtc now, Change* ch) {
                  return (c.*op)({"1", "clerk-7", "", ""}, now, ch);
                }).ok());
  }
  // Three tickets: one served, two left waiting (they expire at the close).
  void WorkDay1() {
    for (int i = 0; i < 3; ++i) {
      clock_.Advance(kMicrosPerMinute);
      ASSERT_TRUE(
          Run([i](Centre& c, MicrosUtc now, Change* ch) {
            return c.Issue({"chung_thuc", v1::NORMAL, v1::KIOSK, "r" + std::to_string(i), ""}, now, ch);
          }).ok());
    }
    Act(&Centre::OpenCounter);
    Act(&Centre::CallNext);
    Act(&Centre::StartServing);
    Act(&Centre::Complete);
  }
  // The stored figures of the day, or the read's status.
  std::string Stored(uint32_t centre, uint32_t day) {
    std::string value;
    Status s = store_->Get(storage::Cf::kDayStats, storage::DayStatsKey(centre, day), &value);
    return s.ok() ? value : s.ToString();
  }
  std::string Computed(uint32_t day) {
    v1::DayStats stats;
    bool found = false;
    Status s = ComputeClosedDay(config_.centres[0], store_.get(), day, &stats, &found);
    if (!s.ok()) return s.ToString();
    return found ? stats.SerializeAsString() : "none";
  }
  void RemoveTickets(uint32_t day) {
    ASSERT_TRUE(store_
                    ->DeleteRange(storage::Cf::kTickets, storage::CentreDayPrefix(kCentre, day),
                                  storage::CentreDayPrefix(kCentre, day + 1))
                    .ok());
  }
  std::string Answer(uint32_t day) {
    v1::DayStats stats;
    Status s = engine_->ReadClosedDay("9187", day, &stats);
    return s.ok() ? stats.SerializeAsString() : s.ToString();
  }

  qms::test::TempDir dir_;
  config::SystemConfig config_;
  ManualClock clock_;
  testing::EngineOnDisk disk_;
  std::unique_ptr<storage::Store>& store_ = disk_.store;
  std::unique_ptr<QueueEngine>& engine_ = disk_.engine;
};

TEST_F(DayCloseTest, TheRollStoresTheClosedDaysFiguresAndTheyOutliveItsTickets) {
  ASSERT_NO_FATAL_FAILURE(WorkDay1());
  EXPECT_EQ(Stored(kCentre, kDay1).substr(0, 9), "NOT_FOUND");  // the day is open
  clock_.Set(At(kDay2, 0, 1));
  engine_->Tick();                          // the roll
  ASSERT_TRUE(disk_.writer->Flush().ok());  // the expiry and the figures are on disk
  const std::string stored = Stored(kCentre, kDay1);
  v1::DayStats parsed;
  ASSERT_TRUE(parsed.ParseFromString(stored)) << stored;
  EXPECT_EQ(parsed.service_day(), kDay1);
  EXPECT_EQ(parsed.total().issued(), 3u);
  EXPECT_EQ(parsed.total().served(), 1u);
  EXPECT_EQ(parsed.total().expired(), 2u);  // expired by this very roll
  EXPECT_EQ(parsed.computed_at_us(), At(kDay2, 0, 0));
  EXPECT_EQ(stored, Computed(kDay1));  // the same message as from the tickets
  // A centre without a ticket that day has no figures stored.
  EXPECT_EQ(Stored(11413, kDay1).substr(0, 9), "NOT_FOUND");

  RemoveTickets(kDay1);
  EXPECT_EQ(Computed(kDay1), "none");
  EXPECT_EQ(Answer(kDay1), stored);  // answered from day_stats
}

TEST_F(DayCloseTest, AStartAfterAMissedRollStoresTheFiguresOnce) {
  ASSERT_NO_FATAL_FAILURE(WorkDay1());
  Stop();  // down over midnight: no roll
  clock_.Set(At(kDay2, 7, 0));
  ASSERT_NO_FATAL_FAILURE(Start());
  const std::string stored = Stored(kCentre, kDay1);
  v1::DayStats parsed;
  ASSERT_TRUE(parsed.ParseFromString(stored)) << stored;
  EXPECT_EQ(parsed.total().expired(), 2u);
  EXPECT_EQ(stored, Computed(kDay1));
  // A second start finds them stored and leaves them (the same bytes).
  Stop();
  ASSERT_NO_FATAL_FAILURE(Start());
  EXPECT_EQ(Stored(kCentre, kDay1), stored);
  RemoveTickets(kDay1);
  EXPECT_EQ(Answer(kDay1), stored);
}

}  // namespace
}  // namespace qms::queue

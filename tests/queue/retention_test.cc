// Retention of the queue's store on a real RocksDB: a closed day older than
// retention.ticket_days loses its tickets, events and audit records and
// keeps its figures (the same DayStats as before); today's tickets, the
// numbering and each centre's latest day are untouched.
#include "services/queue/retention.h"

#include <gtest/gtest.h>

#include <future>

#include "services/queue/closed_days.h"
#include "services/queue/queue_engine.h"
#include "storage/audit_trail.h"
#include "storage/keys.h"
#include "tests/queue/engine_on_disk.h"
#include "tests/queue/test_config.h"
#include "tests/support/temp_dir.h"

namespace qms::queue {
namespace {

using testing::MakeCentre;

constexpr uint32_t kDay1 = 20250701, kDay2 = 20250702, kToday = 20250704;
MicrosUtc At(uint32_t day, int hh, int mm) { return LocalMoment(LocalDate::FromYyyymmdd(day), hh * 60 + mm); }

class RetentionTest : public ::testing::Test {
 protected:
  RetentionTest() : clock_(At(kDay1, 8, 0)) {
    config_.centres = {MakeCentre("9187"), MakeCentre("11413")};
    config_.retention.ticket_days = 2;  // on kToday, days before kDay2 go
  }
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

  std::pair<Status, OpResult> Run(const std::string& centre, const CentreOp& op) {
    std::promise<std::pair<Status, OpResult>> done;
    // With a note, as the services run them: every change has its audit record.
    engine_->Execute(centre, AuditNote{"Test", {}, "", ""}, op, [&](const Status& s, const OpResult& r) {
      done.set_value({s, r});
    });
    return done.get_future().get();
  }
  std::string Issue(const std::string& centre, const std::string& field, const std::string& request_id) {
    clock_.Advance(kMicrosPerMinute);
    auto [s, r] = Run(centre, [=](Centre& c, MicrosUtc now, Change* ch) {
      return c.Issue({field, v1::NORMAL, v1::KIOSK, request_id, ""}, now, ch);
    });
    return s.ok() ? r.ticket.number() : s.ToString();
  }
  void Act(const std::string& centre, Status (Centre::*op)(const CounterAction&, MicrosUtc, Change*)) {
    clock_.Advance(kMicrosPerMinute);
    auto [s, r] = Run(centre, [=](Centre& c, MicrosUtc now, Change* ch) {
      return (c.*op)({"1", "clerk-7", "", ""}, now, ch);
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  // A day of a few tickets, one served.
  void WorkDay(uint32_t day, const std::string& centre, int tickets) {
    clock_.Set(At(day, 8, 0));
    engine_->Tick();  // the day rolls: the one before is expired
    for (int i = 0; i < tickets; ++i)
      Issue(centre, "chung_thuc", std::to_string(day) + "-" + std::to_string(i));
    Act(centre, &Centre::OpenCounter);
    Act(centre, &Centre::CallNext);
    Act(centre, &Centre::StartServing);
    Act(centre, &Centre::Complete);
  }
  size_t Keys(storage::Cf cf, uint32_t centre, uint32_t day) {
    const std::string prefix = storage::CentreDayPrefix(centre, day);
    size_t n = 0;
    for (auto it = store_->Scan(cf, prefix, storage::PrefixUpperBound(prefix)); it->Valid(); it->Next()) ++n;
    return n;
  }
  size_t RawKeys(uint32_t centre, uint32_t day) {
    return Keys(storage::Cf::kTickets, centre, day) + Keys(storage::Cf::kEvents, centre, day) +
           Keys(storage::Cf::kAudit, centre, day);
  }
  // The last event_seq / audit_seq of a centre, whatever its day.
  uint64_t LastSeq(storage::Cf cf, uint32_t centre) {
    const std::string prefix = storage::CentrePrefix(centre);
    std::string key, value;
    auto found = store_->LastKeyInRange(cf, prefix, storage::PrefixUpperBound(prefix), &key, &value);
    return found.ok() && *found ? storage::ReadU64(key, 8) : 0;
  }
  std::string Figures(const std::string& centre, uint32_t day) {
    v1::DayStats stats;
    Status s = engine_->ReadClosedDay(centre, day, &stats);
    return s.ok() ? stats.SerializeAsString() : s.ToString();
  }

  qms::test::TempDir dir_;
  config::SystemConfig config_;
  ManualClock clock_;
  testing::EngineOnDisk disk_;
  std::unique_ptr<storage::Store>& store_ = disk_.store;
  std::unique_ptr<storage::GroupCommitWriter>& writer_ = disk_.writer;
  std::unique_ptr<QueueEngine>& engine_ = disk_.engine;
};

TEST(RetentionCutoffTest, CountsCalendarDaysBack) {
  EXPECT_EQ(RetentionCutoff(20250704, 2), 20250702u);
  EXPECT_EQ(RetentionCutoff(20250301, 1), 20250228u);
  EXPECT_EQ(RetentionCutoff(20250101, 90), 20241003u);
}

TEST_F(RetentionTest, OldDaysLoseRawRecordsAndKeepTheirFigures) {
  WorkDay(kDay1, "9187", 3);
  WorkDay(kDay1, "11413", 2);  // 11413's last day: kept whole
  WorkDay(kDay2, "9187", 4);
  WorkDay(kToday, "9187", 2);
  const uint32_t c1 = 9187, c2 = 11413;
  const std::string day1_before = Figures("9187", kDay1);
  const std::string day2_before = Figures("9187", kDay2);
  v1::DayStats parsed;
  ASSERT_TRUE(parsed.ParseFromString(day1_before)) << day1_before;
  EXPECT_EQ(parsed.total().issued(), 3u);
  EXPECT_EQ(parsed.total().served(), 1u);
  EXPECT_EQ(parsed.total().expired(), 2u);
  ASSERT_GT(RawKeys(c1, kDay1), 0u);
  const size_t today_raw = RawKeys(c1, kToday);
  const size_t c2_raw = RawKeys(c2, kDay1);
  const std::string c2_before = Figures("11413", kDay1);

  // Every closed day's figures were stored at its roll; a store written
  // before that rule has none: 9187's day 1 stands for such a day.
  std::string stored;
  ASSERT_TRUE(store_->Get(storage::Cf::kDayStats, storage::DayStatsKey(c1, kDay1), &stored).ok());
  EXPECT_EQ(stored, day1_before);
  ASSERT_TRUE(store_
                  ->DeleteRange(storage::Cf::kDayStats, storage::DayStatsKey(c1, kDay1),
                                storage::DayStatsKey(c1, kDay1 + 1))
                  .ok());

  auto result = RemoveOldServiceDays(config_, store_.get(), kToday);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->cutoff_day, kDay2);
  EXPECT_EQ(result->days_summarised, 1u);  // 9187's day 1 (no figures); 11413's latest day stays raw
  EXPECT_EQ(result->ranges_deleted, 3u);   // 9187: tickets, events, audit

  EXPECT_EQ(RawKeys(c1, kDay1), 0u);
  EXPECT_EQ(Figures("9187", kDay1), day1_before);  // from the stored figures now
  EXPECT_EQ(Figures("9187", kDay2), day2_before);  // stored at its roll; its tickets are still there
  EXPECT_EQ(RawKeys(c1, kToday), today_raw);
  EXPECT_EQ(RawKeys(c2, kDay1), c2_raw);
  EXPECT_EQ(Figures("11413", kDay1), c2_before);
  EXPECT_EQ(Figures("9187", 20250703), "NOT_FOUND: centre 9187 has no figures of day 20250703");

  // A second pass finds nothing left to do.
  auto again = RemoveOldServiceDays(config_, store_.get(), kToday);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->days_summarised, 0u);
  EXPECT_EQ(again->ranges_deleted, 0u);
}

TEST_F(RetentionTest, NumberingGoesOnAfterRetentionAndRestart) {
  WorkDay(kDay1, "9187", 3);
  WorkDay(kDay1, "11413", 2);  // then idle: its latest day is older than the cutoff
  WorkDay(kDay2, "11413", 1);
  WorkDay(kToday, "9187", 2);
  EXPECT_EQ(Issue("9187", "chung_thuc", "before"), "A003");
  const uint64_t events_before = LastSeq(storage::Cf::kEvents, 11413);
  const uint64_t audit_before = storage::LastAuditSeq(store_.get(), 11413);
  ASSERT_GT(events_before, 0u);
  ASSERT_GT(audit_before, 0u);
  config_.retention.ticket_days = 1;  // cutoff: the day before today, after 11413's latest day
  auto result = RemoveOldServiceDays(config_, store_.get(), kToday);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(RawKeys(9187, kDay1), 0u);
  EXPECT_EQ(RawKeys(11413, kDay1), 0u);
  EXPECT_GT(RawKeys(11413, kDay2), 0u);  // its latest day, kept whole
  EXPECT_EQ(Issue("9187", "chung_thuc", "after"), "A004");
  Stop();
  Start();
  EXPECT_EQ(Issue("9187", "chung_thuc", "after-restart"), "A005");
  EXPECT_EQ(Issue("11413", "chung_thuc", "c2-today"), "A001");
  EXPECT_GT(LastSeq(storage::Cf::kEvents, 11413), events_before);
  EXPECT_GT(storage::LastAuditSeq(store_.get(), 11413), audit_before);
}

}  // namespace
}  // namespace qms::queue

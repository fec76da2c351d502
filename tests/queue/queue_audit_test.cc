// The queue's audit trail on a real RocksDB: every change writes its record
// in the same batch (a failed commit leaves none), with who and what; the
// timers act as "system"; refusals because of who asked are on record too.
#include <gtest/gtest.h>

#include <future>

#include "services/queue/queue_engine.h"
#include "storage/audit_trail.h"
#include "storage/keys.h"
#include "tests/queue/engine_on_disk.h"
#include "tests/queue/test_config.h"
#include "tests/storage/failing_env.h"
#include "tests/support/temp_dir.h"

namespace qms::queue {
namespace {

using testing::GoLiveAt;
using testing::MakeCentre;
using Op = Status (Centre::*)(const CounterAction&, MicrosUtc, Change*);

constexpr char kCentre[] = "9187";
constexpr uint32_t kKey = 9187;
constexpr uint32_t kDay = 20250701;

Actor Clerk(const std::string& subject, const std::string& role = "CLERK") {
  Actor a;
  a.subject = subject;
  a.role = role;
  a.authenticated = true;
  a.supervisor = role == "SUPERVISOR";
  a.admin = role == "ADMIN";
  a.peer = "ipv4:10.0.0.7:51234";
  return a;
}

class QueueAuditTest : public ::testing::Test {
 protected:
  QueueAuditTest() : clock_(GoLiveAt(8, 0)) { config_.centres = {MakeCentre(kCentre)}; }
  void SetUp() override { Start(); }
  void TearDown() override { Stop(); }

  void Start() {
    storage::StoreOptions options;
    options.path = dir_.path();
    options.env = env_.get();
    const Status opened = testing::OpenEngineOnDisk(&config_, &clock_, options, &disk_);
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    ASSERT_TRUE(engine_->Recover().ok());
  }
  void Stop() { testing::CloseEngineOnDisk(&disk_); }

  std::pair<Status, OpResult> Run(const AuditNote& note, const CentreOp& op) {
    std::promise<std::pair<Status, OpResult>> done;
    engine_->Execute(kCentre, note, op, [&](const Status& s, const OpResult& r) { done.set_value({s, r}); });
    return done.get_future().get();
  }
  std::string Issue(const std::string& request_id, const std::string& field = "chung_thuc",
                    const Actor& who = Actor()) {
    auto [s, r] = Run({"IssueTicket", who, {}, {}}, [=](Centre& c, MicrosUtc now, Change* ch) {
      return c.Issue({field, v1::NORMAL, v1::KIOSK, request_id, ""}, now, ch);
    });
    return s.ok() ? r.ticket.number() : s.ToString();
  }
  Status Act(const char* rpc, Op op, const Actor& who, const std::string& counter,
             const std::string& number = "", const std::string& reason = "") {
    CounterAction a{counter, "claimed", number, reason, who};
    return Run({rpc, who, counter, number},
               [=](Centre& c, MicrosUtc now, Change* ch) { return (c.*op)(a, now, ch); })
        .first;
  }
  std::vector<v1::AuditRecord> Records(uint32_t day = kDay) {
    std::vector<v1::AuditRecord> out;
    bool more = false;
    EXPECT_TRUE(storage::ReadAuditDay(store_.get(), kKey, day, 0, 1000, &out, &more).ok());
    EXPECT_FALSE(more);
    return out;
  }
  std::vector<std::string> Summaries(uint32_t day = kDay) {
    std::vector<std::string> out;
    for (const auto& r : Records(day)) out.push_back(r.summary());
    return out;
  }

  qms::test::TempDir dir_;
  std::shared_ptr<qms::testing::FailingWalFs> fs_ = std::make_shared<qms::testing::FailingWalFs>();
  std::unique_ptr<rocksdb::Env> env_ = rocksdb::NewCompositeEnv(fs_);
  config::SystemConfig config_;
  ManualClock clock_;
  testing::EngineOnDisk disk_;
  std::unique_ptr<storage::Store>& store_ = disk_.store;
  std::unique_ptr<storage::GroupCommitWriter>& writer_ = disk_.writer;
  std::unique_ptr<QueueEngine>& engine_ = disk_.engine;
};

TEST_F(QueueAuditTest, EveryKindOfChangeIsRecordedWithWhoAndWhat) {
  const Actor kiosk = Clerk("kiosk-01", "KIOSK");
  const Actor lan = Clerk("lan");
  ASSERT_EQ(Issue("r1", "chung_thuc", kiosk), "A001");
  ASSERT_EQ(Issue("r2", "chung_thuc", kiosk), "A002");
  ASSERT_EQ(Issue("r3", "chung_thuc", kiosk), "A003");
  ASSERT_TRUE(Run({"CancelTicket", kiosk, {}, "A003"}, [](Centre& c, MicrosUtc now, Change* ch) {
                return c.Cancel("A003", "về trước", now, ch);
              }).first.ok());
  ASSERT_TRUE(Act("OpenCounter", &Centre::OpenCounter, lan, "1").ok());
  ASSERT_TRUE(Act("CallNext", &Centre::CallNext, lan, "1").ok());
  ASSERT_TRUE(Act("Recall", &Centre::Recall, lan, "1").ok());
  ASSERT_TRUE(Act("StartServing", &Centre::StartServing, lan, "1").ok());
  ASSERT_TRUE(Act("Complete", &Centre::Complete, lan, "1").ok());
  ASSERT_TRUE(Run({"RateService", lan, "1", "A001"}, [lan](Centre& c, MicrosUtc now, Change* ch) {
                return c.Rate({"1", "", "A001", v1::VERY_SATISFIED, lan}, now, ch);
              }).first.ok());
  ASSERT_TRUE(Act("CallNext", &Centre::CallNext, lan, "1").ok());
  ASSERT_TRUE(Act("MarkNoShow", &Centre::MarkNoShow, lan, "1").ok());
  ASSERT_TRUE(Act("CallTicket", &Centre::CallTicket, lan, "1", "A002").ok());
  ASSERT_TRUE(Act("Park", &Centre::Park, lan, "1").ok());
  ASSERT_TRUE(Act("Resume", &Centre::Resume, lan, "", "A002").ok());
  ASSERT_TRUE(Act("CallTicket", &Centre::CallTicket, lan, "1", "A002").ok());
  TransferAction move;
  move.from = {"1", "", "A002", "", lan};
  move.to_field_id = "ho_tich";
  ASSERT_TRUE(Run({"Transfer", lan, "1", "A002"}, [move](Centre& c, MicrosUtc now, Change* ch) {
                return c.Transfer(move, now, ch);
              }).first.ok());
  ASSERT_TRUE(Act("PauseCounter", &Centre::PauseCounter, lan, "1", "", "họp").ok());
  ASSERT_TRUE(Act("CloseCounter", &Centre::CloseCounter, lan, "1").ok());

  EXPECT_EQ(Summaries(), (std::vector<std::string>{
                             "IssueTicket → A001 · chung_thuc",
                             "IssueTicket → A002 · chung_thuc",
                             "IssueTicket → A003 · chung_thuc",
                             "CancelTicket → A003 (lý do: về trước)",
                             "OpenCounter quầy 1",
                             "CallNext quầy 1 → A001",
                             "Recall quầy 1 → A001",
                             "StartServing quầy 1 → A001",
                             "Complete quầy 1 → A001",
                             "RateService quầy 1 → A001: VERY_SATISFIED",
                             "CallNext quầy 1 → A002",
                             "MarkNoShow quầy 1 → A002",
                             "CallTicket quầy 1 → A002",
                             "Park quầy 1 → A002",
                             "Resume → A002",
                             "CallTicket quầy 1 → A002",
                             "Transfer quầy 1 → A002 sang lĩnh vực ho_tich",
                             "PauseCounter quầy 1 (lý do: họp)",
                             "CloseCounter quầy 1",
                         }));
  const auto records = Records();
  for (size_t i = 0; i < records.size(); ++i) {
    const v1::AuditRecord& r = records[i];
    SCOPED_TRACE(r.summary());
    EXPECT_EQ(r.seq(), i + 1);
    EXPECT_EQ(r.service_day(), kDay);
    EXPECT_EQ(r.centre_id(), kCentre);
    EXPECT_EQ(r.source(), v1::AUDIT_QUEUE);
    EXPECT_EQ(r.result(), "OK");
    EXPECT_EQ(r.at_us(), GoLiveAt(8, 0));
    EXPECT_EQ(r.peer(), "ipv4:10.0.0.7:51234");
    EXPECT_TRUE(r.authenticated());
    const bool intake = i < 4;
    EXPECT_EQ(r.subject(), intake ? "kiosk-01" : "lan");
    EXPECT_EQ(r.role(), intake ? "KIOSK" : "CLERK");
    if (!intake && r.action() != "Resume") {
      EXPECT_EQ(r.counter_id(), "1");
    }
    // The clerk on record is the caller, not the "claimed" clerk_id.
    if (!intake) {
      EXPECT_EQ(r.clerk_id(), "lan");
    }
  }
  EXPECT_EQ(records[4].action(), "OpenCounter");
  EXPECT_EQ(records[5].ticket_number(), "A001");
  EXPECT_EQ(records[16].ticket_number(), "A002");
}

TEST_F(QueueAuditTest, WithoutAuthenticationTheRecordNamesTheCallerAnonymousAndTheClaimedClerk) {
  ASSERT_EQ(Issue("r1"), "A001");
  ASSERT_TRUE(Act("OpenCounter", &Centre::OpenCounter, Actor(), "1").ok());
  const auto records = Records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].subject(), "anonymous");
  EXPECT_FALSE(records[1].authenticated());
  EXPECT_EQ(records[1].role(), "");
  EXPECT_EQ(records[1].clerk_id(), "claimed");
}

TEST_F(QueueAuditTest, ChangesThatChangeNothingWriteNoRecordButARefusalForWhoAskedIs) {
  ASSERT_EQ(Issue("same"), "A001");
  ASSERT_EQ(Issue("same"), "A001");  // a replay
  const Actor lan = Clerk("lan");
  EXPECT_EQ(Act("CallNext", &Centre::CallNext, lan, "1").code(), StatusCode::kFailedPrecondition);  // closed
  ASSERT_TRUE(Act("OpenCounter", &Centre::OpenCounter, lan, "1").ok());
  ASSERT_TRUE(Act("OpenCounter", &Centre::OpenCounter, lan, "1").ok());  // already hers: nothing to do
  ASSERT_EQ(Summaries().size(), 2u);

  const Status refused = Act("CallNext", &Centre::CallNext, Clerk("hoa"), "1");
  EXPECT_EQ(refused.code(), StatusCode::kPermissionDenied);
  const auto records = Records();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].subject(), "hoa");
  EXPECT_EQ(records[2].action(), "CallNext");
  EXPECT_EQ(records[2].counter_id(), "1");
  EXPECT_EQ(records[2].result(), "PERMISSION_DENIED: counter 1 is held by lan until it is closed");
  EXPECT_EQ(records[2].summary(), "CallNext quầy 1 (từ chối / refused)");
}

TEST_F(QueueAuditTest, TheAutomaticNoShowIsRecordedAsTheSystem) {
  config_.centres[0].policy.auto_no_show_minutes = 2;
  Stop();
  Start();
  ASSERT_EQ(Issue("r1"), "A001");
  ASSERT_TRUE(Act("OpenCounter", &Centre::OpenCounter, Clerk("lan"), "1").ok());
  ASSERT_TRUE(Act("CallNext", &Centre::CallNext, Clerk("lan"), "1").ok());
  clock_.Advance(3 * kMicrosPerMinute);
  engine_->Tick();
  ASSERT_TRUE(writer_->Flush().ok());
  const auto records = Records();
  ASSERT_EQ(records.size(), 4u);
  const v1::AuditRecord& r = records[3];
  EXPECT_EQ(r.action(), "AutoNoShow");
  EXPECT_EQ(r.subject(), "system");
  EXPECT_FALSE(r.authenticated());
  EXPECT_EQ(r.peer(), "");
  EXPECT_EQ(r.ticket_number(), "A001");
  EXPECT_EQ(r.counter_id(), "1");
  EXPECT_EQ(r.clerk_id(), "lan");
  EXPECT_EQ(r.at_us(), GoLiveAt(8, 3));
  EXPECT_EQ(r.summary(), "AutoNoShow quầy 1 → A001 (gọi quá lâu không đến / called, did not come)");
}

TEST_F(QueueAuditTest, DayEndExpiryIsRecordedAsTheSystemUnderTheDayItEnds) {
  ASSERT_EQ(Issue("r1"), "A001");
  ASSERT_EQ(Issue("r2"), "A002");
  ASSERT_TRUE(Act("OpenCounter", &Centre::OpenCounter, Clerk("lan"), "1").ok());
  clock_.Set(LocalMoment(LocalDate{2025, 7, 2}, 8 * 60));
  engine_->Tick();
  ASSERT_TRUE(writer_->Flush().ok());
  const auto records = Records();
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[3].action(), "ExpireDay");
  EXPECT_EQ(records[3].subject(), "system");
  EXPECT_EQ(records[3].summary(), "ExpireDay: 2 số hết hạn, 1 quầy đóng / tickets expired, counters closed");
  EXPECT_TRUE(Records(20250702).empty());

  // A restart on a later day expires what the last day left, the same way.
  ASSERT_EQ(Issue("r3"), "A001");
  Stop();
  clock_.Set(LocalMoment(LocalDate{2025, 7, 3}, 8 * 60));
  Start();
  const auto next = Records(20250702);
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[1].summary(), "ExpireDay: 1 số hết hạn, 0 quầy đóng / tickets expired, counters closed");
  EXPECT_EQ(next[1].seq(), 6u) << "the sequence goes on across days and restarts";
}

TEST_F(QueueAuditTest, TheSequenceContinuesAfterARestartAndNothingIsOverwritten) {
  ASSERT_EQ(Issue("r1"), "A001");
  ASSERT_EQ(Issue("r2"), "A002");
  Stop();
  Start();
  ASSERT_EQ(Issue("r3"), "A003");
  const auto records = Records();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].seq(), 3u);
  EXPECT_EQ(records[0].ticket_number(), "A001");
  EXPECT_EQ(records[2].ticket_number(), "A003");
}

TEST_F(QueueAuditTest, AChangeThatFailsToCommitLeavesNoRecord) {
  ASSERT_EQ(Issue("r1"), "A001");
  fs_->FailWal(true);
  EXPECT_EQ(Issue("r2").substr(0, 11), "UNAVAILABLE");
  Stop();
  fs_->FailWal(false);
  Start();
  // Neither the ticket nor its record reached the disk.
  const auto records = Records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].ticket_number(), "A001");
  std::string value;
  EXPECT_EQ(store_->Get(storage::Cf::kTickets, storage::TicketKey(kKey, kDay, 2), &value).code(),
            StatusCode::kNotFound);
  ASSERT_EQ(Issue("r3"), "A002");
  EXPECT_EQ(Records().back().seq(), 2u);
}

}  // namespace
}  // namespace qms::queue

// Proto views: an operation converts its ticket once; the event, the reply
// and the stored record carry the same view, and every stored record is the
// ticket's own (nothing carried over from the ticket written before it).
#include <gtest/gtest.h>

#include <future>
#include <map>

#include "services/queue/queue_engine.h"
#include "storage/keys.h"
#include "tests/queue/engine_on_disk.h"
#include "tests/queue/test_config.h"
#include "tests/support/temp_dir.h"

namespace qms::queue {
namespace {

using testing::GoLiveAt;
using testing::MakeCentre;

constexpr uint32_t kCentre = 9187;
constexpr uint32_t kDay = 20250701;

class QueueViewsTest : public ::testing::Test {
 protected:
  QueueViewsTest() : clock_(GoLiveAt(8, 0)) { config_.centres = {MakeCentre("9187")}; }
  void SetUp() override {
    storage::StoreOptions options;
    options.path = dir_.path();
    const Status opened = testing::OpenEngineOnDisk(&config_, &clock_, options, &disk_);
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    ASSERT_TRUE(engine_->Recover().ok());
  }
  void TearDown() override { testing::CloseEngineOnDisk(&disk_); }

  OpResult Run(const CentreOp& op) {
    std::promise<std::pair<Status, OpResult>> done;
    engine_->Execute("9187", op, [&](const Status& s, const OpResult& r) { done.set_value({s, r}); });
    auto [status, result] = done.get_future().get();
    EXPECT_TRUE(status.ok()) << status.ToString();
    return result;
  }
  OpResult Act(Status (Centre::*op)(const CounterAction&, MicrosUtc, Change*), const std::string& counter) {
    return Run([=](Centre& c, MicrosUtc now, Change* ch) {
      return (c.*op)({counter, "lan", "", ""}, now, ch);
    });
  }
  OpResult Issue(const std::string& request_id) {
    return Run([=](Centre& c, MicrosUtc now, Change* ch) {
      return c.Issue({"chung_thuc", v1::NORMAL, v1::KIOSK, request_id, ""}, now, ch);
    });
  }

  storage::TicketRecord StoredTicket(uint32_t day, uint32_t seq) {
    std::string bytes;
    EXPECT_TRUE(store_->Get(storage::Cf::kTickets, storage::TicketKey(kCentre, day, seq), &bytes).ok());
    storage::TicketRecord record;
    EXPECT_TRUE(record.ParseFromString(bytes));
    return record;
  }
  // The ticket of the latest stored event about ticket `number` of `day`.
  v1::Ticket LatestEventTicket(uint32_t day, const std::string& number) {
    const std::string prefix = storage::CentreDayPrefix(kCentre, day);
    v1::Ticket latest;
    for (auto it = store_->Scan(storage::Cf::kEvents, prefix, storage::PrefixUpperBound(prefix)); it->Valid();
         it->Next()) {
      v1::CentreEvent e;
      EXPECT_TRUE(e.ParseFromArray(it->value().data(), static_cast<int>(it->value().size())));
      if (e.has_ticket() && e.ticket().number() == number) latest = e.ticket();
    }
    return latest;
  }

  qms::test::TempDir dir_;
  config::SystemConfig config_;
  ManualClock clock_;
  testing::EngineOnDisk disk_;
  std::unique_ptr<storage::Store>& store_ = disk_.store;
  std::unique_ptr<storage::GroupCommitWriter>& writer_ = disk_.writer;
  std::unique_ptr<QueueEngine>& engine_ = disk_.engine;
};

TEST_F(QueueViewsTest, TheEventTheReplyAndTheRecordCarryOneView) {
  const OpResult issued = Issue("r1");
  ASSERT_EQ(issued.ticket.number(), "A001");
  EXPECT_EQ(StoredTicket(kDay, 1).ticket().SerializeAsString(), issued.ticket.SerializeAsString());
  EXPECT_EQ(LatestEventTicket(kDay, "A001").SerializeAsString(), issued.ticket.SerializeAsString());

  Act(&Centre::OpenCounter, "1");
  clock_.Advance(kMicrosPerMinute);
  const OpResult called = Act(&Centre::CallNext, "1");
  ASSERT_EQ(called.ticket.state(), v1::CALLED);
  EXPECT_EQ(called.ticket.counter_id(), "1");
  EXPECT_EQ(StoredTicket(kDay, 1).ticket().SerializeAsString(), called.ticket.SerializeAsString());
  EXPECT_EQ(LatestEventTicket(kDay, "A001").SerializeAsString(), called.ticket.SerializeAsString());

  // A replay has no event: its reply is the ticket as it is now.
  const OpResult replayed = Issue("r1");
  EXPECT_TRUE(replayed.replayed);
  EXPECT_EQ(replayed.ticket.SerializeAsString(), called.ticket.SerializeAsString());
}

TEST_F(QueueViewsTest, EveryRecordOfAManyTicketChangeIsItsOwn) {
  Issue("r1");  // A001: will wait for counter 2 only
  Act(&Centre::OpenCounter, "1");
  Act(&Centre::CallNext, "1");
  Run([](Centre& c, MicrosUtc now, Change* ch) {
    TransferAction t;
    t.from = {"1", "lan", "", ""};
    t.to_field_id = "chung_thuc";
    t.to_counter_id = "2";
    return c.Transfer(t, now, ch);
  });
  Issue("r2");  // A002: waits for any counter
  ASSERT_EQ(StoredTicket(kDay, 1).ticket().directed_counter_id(), "2");

  // The next day: both expire in one change, A001 written first.
  clock_.Set(LocalMoment(LocalDate{2025, 7, 2}, 8 * 60));
  engine_->Tick();
  ASSERT_TRUE(writer_->Flush().ok());
  const storage::TicketRecord first = StoredTicket(kDay, 1);
  const storage::TicketRecord second = StoredTicket(kDay, 2);
  EXPECT_EQ(first.ticket().state(), v1::EXPIRED);
  EXPECT_EQ(first.ticket().directed_counter_id(), "2");
  EXPECT_EQ(second.ticket().state(), v1::EXPIRED);
  EXPECT_EQ(second.ticket().directed_counter_id(), "") << "not A001's";
  EXPECT_EQ(second.ticket().counter_id(), "");
  EXPECT_EQ(first.ticket().SerializeAsString(), LatestEventTicket(kDay, "A001").SerializeAsString());
  EXPECT_EQ(second.ticket().SerializeAsString(), LatestEventTicket(kDay, "A002").SerializeAsString());
}

}  // namespace
}  // namespace qms::queue

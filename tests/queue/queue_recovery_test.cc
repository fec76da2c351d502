// Recovery while serving (QueueEngine::PrepareRecovery, RecoverCentres): an
// operation on a centre that no background thread has reached yet recovers
// that centre first, so every answer comes from the centre's full state; the
// background totals count each centre once, whoever recovered it; a centre
// that cannot be read answers with the failure while the others serve.
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>

#include "services/queue/queue_engine.h"
#include "storage/keys.h"
#include "tests/queue/engine_on_disk.h"
#include "tests/queue/test_config.h"
#include "tests/support/temp_dir.h"

namespace qms::queue {
namespace {

using testing::GoLiveAt;
using testing::MakeCentre;

constexpr int kCentres = 40;
constexpr int kTicketsPerCentre = 12;

class RecoveryWhileServingTest : public ::testing::Test {
 protected:
  RecoveryWhileServingTest() : clock_(GoLiveAt(8, 0)) {
    for (int i = 0; i < kCentres; ++i) config_.centres.push_back(MakeCentre(std::to_string(10000 + i)));
  }
  void SetUp() override { Open(/*eager=*/true); }
  void TearDown() override { Close(); }

  // Eager: Recover() as before. Otherwise only PrepareRecovery: every
  // centre is left to RecoverCentres or to its first operation.
  void Open(bool eager) {
    storage::StoreOptions options;
    options.path = dir_.path();
    const Status opened = testing::OpenEngineOnDisk(&config_, &clock_, options, &disk_);
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    if (eager) {
      ASSERT_TRUE(engine_->Recover().ok());
    } else {
      ASSERT_TRUE(engine_->PrepareRecovery().ok());
    }
  }
  void Close() { testing::CloseEngineOnDisk(&disk_); }
  void ReopenLazily() {
    Close();
    Open(/*eager=*/false);
  }

  std::pair<Status, OpResult> Run(const std::string& centre, const CentreOp& op) {
    std::promise<std::pair<Status, OpResult>> done;
    engine_->Execute(centre, op, [&](const Status& s, const OpResult& r) { done.set_value({s, r}); });
    return done.get_future().get();
  }
  std::string Issue(const std::string& centre, const std::string& request_id) {
    auto [s, r] = Run(centre, [=](Centre& c, MicrosUtc now, Change* ch) {
      return c.Issue({"chung_thuc", v1::NORMAL, v1::KIOSK, request_id, ""}, now, ch);
    });
    return s.ok() ? r.ticket.number() + (r.replayed ? " replayed" : "") : s.ToString();
  }
  // Fills every centre with kTicketsPerCentre tickets, A001 to A012.
  void Fill() {
    for (int i = 0; i < kCentres; ++i) {
      for (int n = 0; n < kTicketsPerCentre; ++n) {
        ASSERT_EQ(Issue(Id(i), "r" + std::to_string(n)).substr(0, 1), "A");
      }
    }
  }
  static std::string Id(int i) { return std::to_string(10000 + i); }

  qms::test::TempDir dir_;
  config::SystemConfig config_;
  ManualClock clock_;
  testing::EngineOnDisk disk_;
  std::unique_ptr<storage::Store>& store_ = disk_.store;
  std::unique_ptr<storage::GroupCommitWriter>& writer_ = disk_.writer;
  std::unique_ptr<QueueEngine>& engine_ = disk_.engine;
};

TEST_F(RecoveryWhileServingTest, FirstOperationRecoversItsCentreBeforeAnswering) {
  Fill();
  ReopenLazily();  // no background recovery at all: every centre on demand

  // Numbering continues after the stored tickets, and a retry of a stored
  // request is recognised: the answer comes from the whole stored day.
  EXPECT_EQ(Issue(Id(3), "new"), "A013");
  EXPECT_EQ(Issue(Id(3), "r4"), "A005 replayed");
  // A watch of a centre not yet recovered gets its stored queue.
  struct Ignore : EventSubscriber {
    void OnEvent(const EventPtr&) override {}
  } board;
  v1::CentreEvent snapshot;
  ASSERT_TRUE(engine_->Watch(Id(5), 0, &board, &snapshot).ok());
  EXPECT_EQ(snapshot.seq(), static_cast<uint64_t>(kTicketsPerCentre));
  uint32_t waiting = 0;
  for (const auto& q : snapshot.snapshot().queues()) waiting += q.waiting();
  EXPECT_EQ(waiting, static_cast<uint32_t>(kTicketsPerCentre));
  engine_->Unwatch(Id(5), &board);

  // The background pass takes the others; each centre is counted once.
  auto totals = engine_->RecoverCentres(2);
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(totals->centres, static_cast<size_t>(kCentres));
  EXPECT_EQ(totals->tickets, static_cast<size_t>(kCentres * kTicketsPerCentre));
  EXPECT_EQ(Issue(Id(3), "newer"), "A014");
}

TEST_F(RecoveryWhileServingTest, OperationsDuringTheBackgroundPassSeeEveryCentreWhole) {
  Fill();
  ReopenLazily();
  std::promise<StatusOr<RecoveryStats>> background;
  std::thread pass([&] { background.set_value(engine_->RecoverCentres(2)); });
  // Meanwhile one new ticket per centre, from the last centre backwards (the
  // background threads start at some other end).
  std::set<std::string> numbers;
  for (int i = kCentres - 1; i >= 0; --i) numbers.insert(Id(i) + "/" + Issue(Id(i), "during"));
  pass.join();
  auto totals = background.get_future().get();
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(totals->centres, static_cast<size_t>(kCentres));
  EXPECT_EQ(totals->tickets, static_cast<size_t>(kCentres * kTicketsPerCentre));
  for (int i = 0; i < kCentres; ++i) EXPECT_EQ(numbers.count(Id(i) + "/A013"), 1u) << Id(i);
}

TEST_F(RecoveryWhileServingTest, UnreadableCentreAnswersDataLossAndTheOthersServe) {
  Fill();
  // A record that does not parse, in the middle of centre 10007's day.
  ASSERT_TRUE(
      store_->PutSync(storage::Cf::kTickets, storage::TicketKey(10007, 20250701, 5), std::string(6, '\xff'))
          .ok());
  ReopenLazily();
  EXPECT_EQ(Issue(Id(7), "x").substr(0, 9), "DATA_LOSS");
  EXPECT_EQ(Issue(Id(7), "y").substr(0, 9), "DATA_LOSS");  // no retry on a half-built centre
  EXPECT_EQ(Issue(Id(8), "x"), "A013");
  auto totals = engine_->RecoverCentres(2);
  EXPECT_EQ(totals.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Issue(Id(9), "x"), "A013");

  // Recovery before serving refuses the whole store, as it always did.
  Close();
  storage::StoreOptions options;
  options.path = dir_.path();
  auto store = storage::Store::Open(options);
  ASSERT_TRUE(store.ok());
  storage::GroupCommitWriter writer(store->get());
  QueueEngine engine(&config_, store->get(), &writer, &clock_);
  EXPECT_EQ(engine.Recover().status().code(), StatusCode::kDataLoss);
}

TEST_F(RecoveryWhileServingTest, StopEndsTheBackgroundPassBetweenCentres) {
  Fill();
  ReopenLazily();
  const std::atomic<bool> stop{true};
  auto totals = engine_->RecoverCentres(2, &stop);
  EXPECT_EQ(totals.status().code(), StatusCode::kCancelled);
  // Centres the pass did not reach still recover on demand.
  EXPECT_EQ(Issue(Id(0), "after"), "A013");
}

}  // namespace
}  // namespace qms::queue

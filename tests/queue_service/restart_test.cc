// Restart: the server and stack are destroyed and reopened on the same
// RocksDB directory, as after a crash or a deploy. Today's queues are
// rebuilt from disk: tickets, numbering, counters, order, idempotency keys,
// caps and event sequence numbers all carry on.
#include <google/protobuf/util/message_differencer.h>

#include <condition_variable>
#include <mutex>
#include <optional>

#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using google::protobuf::util::MessageDifferencer;
using grpc::StatusCode;
using Stub = v1::CounterService::Stub;

// Each test runs twice: with every centre recovered before the stack
// serves, and with centres recovered while it serves (the first RPC of a
// centre recovers it; the background threads take the rest).
class RestartTest : public QueueServiceTest, public ::testing::WithParamInterface<bool> {
 protected:
  RestartTest() {
    stack_options_.recover_while_serving = GetParam();
    stack_options_.on_recovered = [this](const StatusOr<queue::RecoveryStats>& totals) {
      std::lock_guard<std::mutex> lock(mu_);
      totals_ = totals;
      recovered_.notify_all();
    };
  }
  void Restart() {
    CloseStack();
    Reopen();
  }
  // After CloseStack: the background recovery of the last stack is over.
  void Reopen() {
    totals_.reset();
    OpenStack();
  }
  // The totals of the last open: at once before serving, else once the
  // background recovery has taken every centre (at most 30 s).
  queue::RecoveryStats Recovered() {
    if (!GetParam()) return stack_->recovery();
    std::unique_lock<std::mutex> lock(mu_);
    recovered_.wait_for(lock, std::chrono::seconds(30), [&] { return totals_.has_value(); });
    if (!totals_ || !totals_->ok()) {
      ADD_FAILURE() << (totals_ ? totals_->status().ToString() : "no recovery totals within 30 s");
      return {};
    }
    return **totals_;
  }

  std::mutex mu_;
  std::condition_variable recovered_;
  std::optional<StatusOr<queue::RecoveryStats>> totals_;
};

INSTANTIATE_TEST_SUITE_P(BeforeAndWhileServing, RestartTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& p) {
                           return p.param ? "WhileServing" : "BeforeServing";
                         });

TEST_P(RestartTest, TicketsNumbersCountersAndOrderSurvive) {
  MustIssue(kFieldA);                // A001 normal
  MustIssue(kFieldA);                // A002 normal
  MustIssue(kFieldB);                // B001
  MustIssue(kFieldA, v1::PRIORITY);  // A003 priority
  MustIssue(kFieldA);                // A004 normal
  MustOpen("1");
  MustOpen("3");
  v1::CounterResponse paused;
  MustOpen("2");
  ASSERT_TRUE(CounterCall(&Stub::PauseCounter, "2", &paused, "clerk-2", "meeting").ok());
  EXPECT_EQ(MustCallNext("1"), "A003");
  MustAct(&Stub::StartServing, "1");
  const v1::CentreEvent before = Snapshot();
  const v1::Ticket a003 = MustGet("A003").ticket();
  const v1::Ticket a002 = MustGet("A002").ticket();

  Restart();

  EXPECT_EQ(Recovered().tickets, 5u);
  EXPECT_TRUE(MessageDifferencer::Equals(before, Snapshot())) << "the centre came back different";
  EXPECT_TRUE(MessageDifferencer::Equals(a003, MustGet("A003").ticket()));
  EXPECT_TRUE(MessageDifferencer::Equals(a002, MustGet("A002").ticket()));
  EXPECT_EQ(MustGet("A004").position_ahead(), 2u);

  // Numbering continues; no number is issued twice.
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A005");
  EXPECT_EQ(MustIssue(kFieldB).ticket().number(), "B002");
  EXPECT_EQ(MustIssue(kFieldC).ticket().number(), "C001");

  // Counters are as they were: 1 open and still serving A003, 2 paused.
  const auto snap = Snapshot().snapshot();
  EXPECT_EQ(FindCounter(snap, "1")->state(), v1::OPEN);
  EXPECT_EQ(FindCounter(snap, "1")->clerk_id(), "clerk-1");
  EXPECT_EQ(FindCounter(snap, "2")->state(), v1::PAUSED);
  EXPECT_EQ(FindCounter(snap, "2")->pause_reason(), "meeting");
  v1::TicketResponse resp;
  EXPECT_TRUE(HasCode(CallNext("1", &resp), StatusCode::FAILED_PRECONDITION, "A003"));
  v1::CounterResponse counter;
  EXPECT_TRUE(HasCode(Open("1", &counter, "someone-else"), StatusCode::FAILED_PRECONDITION, "clerk-1"));
  EXPECT_EQ(MustAct(&Stub::Complete, "1").number(), "A003");

  // The waiting order is the order before the restart.
  std::vector<std::string> order;
  for (int i = 0; i < 3; ++i) {
    order.push_back(MustCallNext("1"));
    MustAct(&Stub::Complete, "1");
  }
  EXPECT_THAT(order, ::testing::ElementsAre("A001", "A002", "A004"));
  EXPECT_EQ(MustCallNext("3"), "B001");
}

TEST_P(RestartTest, RequestIdsAndCitizenCapsSurvive) {
  v1::IssueTicketRequest req = IssueRequest(kFieldA, "kiosk3-42");
  req.set_citizen_id("001098012345");
  v1::IssueTicketResponse first;
  ASSERT_TRUE(Issue(req, &first).ok());

  Restart();

  v1::IssueTicketResponse retry;
  ASSERT_TRUE(Issue(req, &retry).ok());
  EXPECT_TRUE(retry.replayed());
  EXPECT_TRUE(MessageDifferencer::Equals(first.ticket(), retry.ticket()));
  v1::IssueTicketRequest again = IssueRequest(kFieldA, "kiosk3-43");
  again.set_citizen_id("001098012345");
  v1::IssueTicketResponse resp;
  EXPECT_TRUE(HasCode(Issue(again, &resp), StatusCode::RESOURCE_EXHAUSTED));
  v1::IssueTicketRequest other_field = IssueRequest(kFieldB, "kiosk3-42");
  EXPECT_TRUE(HasCode(Issue(other_field, &resp), StatusCode::ALREADY_EXISTS));
}

TEST_P(RestartTest, ParkedAndDirectedTicketsSurvive) {
  MustIssue(kFieldA);  // A001: parked
  MustIssue(kFieldA);  // A002: directed to counter 2
  MustIssue(kFieldA);  // A003
  MustOpen("1");
  MustOpen("2");
  MustCallNext("1");
  MustAct(&Stub::Park, "1");
  MustCallNext("1");
  v1::TransferRequest req;
  req.set_centre_id(kCentre);
  req.set_counter_id("1");
  req.set_to_counter_id("2");
  v1::TicketResponse resp;
  ASSERT_TRUE(Transfer(req, &resp).ok());

  Restart();

  EXPECT_EQ(MustGet("A001").ticket().state(), v1::PARKED);
  EXPECT_EQ(MustGet("A002").ticket().directed_counter_id(), "2");
  EXPECT_EQ(MustCallNext("1"), "A003");
  EXPECT_EQ(MustCallNext("2"), "A002");
  EXPECT_EQ(MustAct(&Stub::Resume, "", "A001").state(), v1::WAITING);
  EXPECT_EQ(MustGet("A001").position_ahead(), 0u);
}

TEST_P(RestartTest, EventSequenceContinuesAndOldSeqsGetASnapshot) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  MustOpen("1");
  const uint64_t last = Snapshot().seq();
  ASSERT_EQ(last, 3u);

  Restart();

  EXPECT_EQ(Snapshot().seq(), last);
  {
    // Events before the restart are not kept in memory: a snapshot.
    auto w = Watch(kCentre, 1);
    v1::CentreEvent e;
    ASSERT_TRUE(w->Next(&e));
    EXPECT_TRUE(e.has_snapshot());
    EXPECT_EQ(e.seq(), last);
  }
  // A board that had seen everything just carries on.
  auto w = Watch(kCentre, last);
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A003");
  v1::CentreEvent e;
  ASSERT_TRUE(w->Next(&e));
  EXPECT_FALSE(e.has_snapshot());
  EXPECT_EQ(e.kind(), v1::ISSUED);
  EXPECT_EQ(e.seq(), last + 1);
}

TEST_P(RestartTest, ShutdownWithBoardsConnected) {
  MustIssue(kFieldA);
  auto live = Watch(kCentre, 0, 30);
  auto stalled = Watch(kCentre, 0, 30);  // never reads
  v1::CentreEvent e;
  ASSERT_TRUE(live->Next(&e));
  ASSERT_TRUE(e.has_snapshot());

  Restart();  // the server ends both streams

  int read = 0;
  while (read < 10 && live->Next(&e)) ++read;
  EXPECT_LT(read, 10);
  EXPECT_FALSE(live->Finish().ok());
  EXPECT_EQ(MustGet("A001").ticket().state(), v1::WAITING);
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A002");
}

TEST_P(RestartTest, RatingsAndDayStatisticsSurvive) {
  MustOpen("1");
  MustIssue(kFieldA);  // A001
  MustIssue(kFieldA);  // A002
  clock_.Advance(6 * kMicrosPerMinute);
  EXPECT_EQ(MustCallNext("1"), "A001");
  clock_.Advance(kMicrosPerMinute);
  MustAct(&Stub::Recall, "1");  // moves called_at, not the first call
  MustAct(&Stub::StartServing, "1");
  clock_.Advance(9 * kMicrosPerMinute);
  MustAct(&Stub::Complete, "1");
  v1::TicketResponse rated;
  ASSERT_TRUE(Rate("A001", "1", v1::SATISFIED, &rated).ok());
  EXPECT_EQ(MustCallNext("1"), "A002");
  const v1::DayStats before = MustDayStats();
  ASSERT_EQ(before.ratings().satisfied(), 1u);
  ASSERT_EQ(before.wait().count(), 2u);
  ASSERT_DOUBLE_EQ(before.wait().max_seconds(), 16 * 60.0);  // A002: 08:00 to 08:16

  Restart();

  EXPECT_TRUE(MessageDifferencer::Equals(before, MustDayStats())) << "the day came back different";
  const v1::Ticket a001 = MustGet("A001").ticket();
  EXPECT_EQ(a001.rating(), v1::SATISFIED);
  EXPECT_EQ(a001.rated_at_us(), rated.ticket().rated_at_us());
  EXPECT_EQ(a001.first_called_at_us(), TuesdayAt(8, 6));
  EXPECT_EQ(a001.called_at_us(), TuesdayAt(8, 7));
  // Still rated once: the retry is recognised, a change refused.
  v1::TicketResponse resp;
  EXPECT_TRUE(Rate("A001", "1", v1::SATISFIED, &resp).ok());
  EXPECT_TRUE(HasCode(Rate("A001", "1", v1::VERY_SATISFIED, &resp), StatusCode::ALREADY_EXISTS, "SATISFIED"));
}

TEST_P(RestartTest, NextServiceDayStartsAfresh) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  MustOpen("1");
  MustCallNext("1");
  CloseStack();
  clock_.Set(LocalMoment(LocalDate{2025, 7, 2}, 8 * 60));  // Wednesday
  Reopen();

  EXPECT_EQ(Recovered().expired_from_earlier_day, 2u);
  EXPECT_EQ(Recovered().tickets, 0u);
  const auto snap = Snapshot().snapshot();
  EXPECT_EQ(snap.service_day(), 20250702u);
  EXPECT_EQ(FindQueue(snap, kFieldA)->waiting(), 0u);
  EXPECT_EQ(FindCounter(snap, "1")->state(), v1::CLOSED);
  EXPECT_EQ(snap.active_size(), 0);
  v1::GetTicketResponse got;
  EXPECT_TRUE(HasCode(Get("A002", &got), StatusCode::NOT_FOUND, "A002"));
  const v1::Ticket fresh = MustIssue(kFieldA).ticket();
  EXPECT_EQ(fresh.number(), "A001");
  EXPECT_EQ(fresh.service_day(), 20250702u);
}

}  // namespace
}  // namespace qms::service::test

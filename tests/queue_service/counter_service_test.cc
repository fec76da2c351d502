// CounterService over an in-process channel, part 1: the counter's own
// state (open, pause, close) and which ticket CallNext / CallTicket take.
// Ticket transitions after the call are in ticket_actions_test.cc.
#include <google/protobuf/util/message_differencer.h>

#include <set>
#include <thread>

#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using google::protobuf::util::MessageDifferencer;
using grpc::StatusCode;
using Stub = v1::CounterService::Stub;

class CounterServiceTest : public QueueServiceTest {
 protected:
  // Runs `call` expecting `code`; the centre (snapshot) must not change.
  template <typename Call>
  void ExpectRefused(Call call, StatusCode code, const std::string& mentions) {
    const v1::CentreEvent before = Snapshot();
    EXPECT_TRUE(HasCode(call(), code, mentions));
    EXPECT_TRUE(MessageDifferencer::Equals(before, Snapshot())) << "a refused call changed the centre";
  }
  // Takes the next ticket at `counter`, serves and completes it.
  std::string CallAndComplete(const std::string& counter) {
    const std::string number = MustCallNext(counter);
    MustAct(&Stub::Complete, counter);
    return number;
  }
};

TEST_F(CounterServiceTest, OpenCounter) {
  v1::CounterResponse resp;
  ASSERT_TRUE(Open("2", &resp, "nguyen.van.a").ok());
  EXPECT_EQ(resp.counter().counter_id(), "2");
  EXPECT_EQ(resp.counter().name(), "Quầy 2");
  EXPECT_EQ(resp.counter().state(), v1::OPEN);
  EXPECT_EQ(resp.counter().clerk_id(), "nguyen.van.a");
  ASSERT_EQ(resp.counter().fields_size(), 2);
  EXPECT_EQ(resp.counter().fields(1).field_id(), kFieldB);
  EXPECT_DOUBLE_EQ(resp.counter().fields(1).weight(), 0.5);
  // Opening again by the same clerk is a no-op.
  ASSERT_TRUE(Open("2", &resp, "nguyen.van.a").ok());
  EXPECT_EQ(resp.counter().state(), v1::OPEN);
  const v1::CentreEvent snap = Snapshot();
  const v1::Counter* seen = FindCounter(snap.snapshot(), "2");
  ASSERT_NE(seen, nullptr);
  EXPECT_EQ(seen->state(), v1::OPEN);
  EXPECT_EQ(seen->clerk_id(), "nguyen.van.a");
}

TEST_F(CounterServiceTest, OpenCounterRefusals) {
  using S = StatusCode;
  v1::CounterResponse resp;
  auto open = [&](const std::string& counter, const std::string& clerk) {
    return CounterCall(&Stub::OpenCounter, counter, &resp, clerk);
  };
  ExpectRefused([&] { return open("1", ""); }, S::INVALID_ARGUMENT, "clerk_id");
  ExpectRefused([&] { return open("", "clerk"); }, S::INVALID_ARGUMENT, "counter_id");
  ExpectRefused([&] { return open("42", "clerk"); }, S::NOT_FOUND, "42");
  ExpectRefused([&] { return open("1", "clerk with space"); }, S::INVALID_ARGUMENT, "clerk_id");
  ExpectRefused([&] { return open("1", std::string(65, 'c')); }, S::INVALID_ARGUMENT, "clerk_id");
  ExpectRefused([&] { return open(std::string(65, '1'), "clerk"); }, S::INVALID_ARGUMENT, "counter_id");
  ASSERT_TRUE(open("1", "clerk-a").ok());
  ExpectRefused([&] { return open("1", "clerk-b"); }, S::FAILED_PRECONDITION, "clerk-a");
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  v1::CounterRequest req;
  req.set_centre_id(kUnknownCentre);
  req.set_counter_id("1");
  req.set_clerk_id("clerk");
  EXPECT_TRUE(HasCode(counters_->OpenCounter(&ctx, req, &resp), S::NOT_FOUND, kUnknownCentre));
}

TEST_F(CounterServiceTest, PauseWithReasonThenReopen) {
  MustIssue(kFieldA);
  MustOpen("1");
  v1::CounterResponse resp;
  ASSERT_TRUE(CounterCall(&Stub::PauseCounter, "1", &resp, "clerk-1", "nghỉ trưa / lunch").ok());
  EXPECT_EQ(resp.counter().state(), v1::PAUSED);
  EXPECT_EQ(resp.counter().pause_reason(), "nghỉ trưa / lunch");
  EXPECT_EQ(FindCounter(Snapshot().snapshot(), "1")->pause_reason(), "nghỉ trưa / lunch");
  // A paused counter calls nobody and cannot be paused again.
  v1::TicketResponse ticket;
  ExpectRefused([&] { return CallNext("1", &ticket); }, StatusCode::FAILED_PRECONDITION, "PAUSED");
  ExpectRefused([&] { return CounterCall(&Stub::PauseCounter, "1", &resp, "clerk-1", "again"); },
                StatusCode::FAILED_PRECONDITION, "PAUSED");
  // Reopening clears the reason.
  MustOpen("1");
  EXPECT_EQ(FindCounter(Snapshot().snapshot(), "1")->pause_reason(), "");
  EXPECT_EQ(MustCallNext("1"), "A001");
}

TEST_F(CounterServiceTest, PauseRefusals) {
  MustIssue(kFieldA);
  v1::CounterResponse resp;
  auto pause = [&](const std::string& reason) {
    return CounterCall(&Stub::PauseCounter, "1", &resp, "clerk-1", reason);
  };
  ExpectRefused([&] { return pause("lunch"); }, StatusCode::FAILED_PRECONDITION, "CLOSED");
  MustOpen("1");
  ExpectRefused([&] { return pause(std::string(201, 'x')); }, StatusCode::INVALID_ARGUMENT, "reason");
  MustCallNext("1");
  ExpectRefused([&] { return pause("lunch"); }, StatusCode::FAILED_PRECONDITION, "A001");
}

TEST_F(CounterServiceTest, CloseCounter) {
  MustIssue(kFieldA);
  MustOpen("1");
  v1::CounterResponse resp;
  v1::TicketResponse ticket;
  MustCallNext("1");
  // Still holding a ticket.
  ExpectRefused([&] { return CounterCall(&Stub::CloseCounter, "1", &resp); }, StatusCode::FAILED_PRECONDITION,
                "A001");
  MustAct(&Stub::Complete, "1");
  ASSERT_TRUE(CounterCall(&Stub::CloseCounter, "1", &resp).ok());
  EXPECT_EQ(resp.counter().state(), v1::CLOSED);
  EXPECT_EQ(FindCounter(Snapshot().snapshot(), "1")->state(), v1::CLOSED);
  ExpectRefused([&] { return CounterCall(&Stub::CloseCounter, "1", &resp); }, StatusCode::FAILED_PRECONDITION,
                "CLOSED");
  ExpectRefused([&] { return CounterCall(&Stub::CloseCounter, "8", &resp); }, StatusCode::NOT_FOUND, "8");
  // A paused counter can be closed.
  MustOpen("2");
  ASSERT_TRUE(CounterCall(&Stub::PauseCounter, "2", &resp, "clerk-2", "meeting").ok());
  ASSERT_TRUE(CounterCall(&Stub::CloseCounter, "2", &resp).ok());
  EXPECT_EQ(resp.counter().state(), v1::CLOSED);
}

TEST_F(CounterServiceTest, CallNextRefusals) {
  v1::TicketResponse resp;
  MustIssue(kFieldB);  // counter 1 serves chung_thuc only
  ExpectRefused([&] { return CallNext("1", &resp); }, StatusCode::FAILED_PRECONDITION, "open it first");
  MustOpen("1");
  ExpectRefused([&] { return CallNext("1", &resp); }, StatusCode::NOT_FOUND, "no ticket is waiting");
  ExpectRefused([&] { return CallNext("42", &resp); }, StatusCode::NOT_FOUND, "42");
  ExpectRefused([&] { return CallNext("", &resp); }, StatusCode::INVALID_ARGUMENT, "counter_id");
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  EXPECT_EQ(MustCallNext("1"), "A001");
  ExpectRefused([&] { return CallNext("1", &resp); }, StatusCode::FAILED_PRECONDITION, "A001");
  EXPECT_EQ(MustGet("A002").ticket().state(), v1::WAITING);
}

TEST_F(CounterServiceTest, CallNextTakesTheOldestAndRecordsTheCall) {
  MustIssue(kFieldA);
  clock_.Advance(kMicrosPerMinute);
  MustIssue(kFieldA);
  clock_.Advance(kMicrosPerMinute);
  MustOpen("1");
  v1::TicketResponse resp;
  ASSERT_TRUE(CallNext("1", &resp).ok());
  EXPECT_EQ(resp.ticket().number(), "A001");
  EXPECT_EQ(resp.ticket().state(), v1::CALLED);
  EXPECT_EQ(resp.ticket().counter_id(), "1");
  EXPECT_EQ(resp.ticket().clerk_id(), "clerk-1");
  EXPECT_EQ(resp.ticket().called_at_us(), TuesdayAt(8, 2));
  const auto snap = Snapshot().snapshot();
  EXPECT_EQ(FindCounter(snap, "1")->current_number(), "A001");
  ASSERT_EQ(snap.active_size(), 1);
  EXPECT_EQ(snap.active(0).number(), "A001");
  EXPECT_EQ(FindQueue(snap, kFieldA)->waiting(), 1u);
}

TEST_F(CounterServiceTest, PriorityFirstButNormalEveryRatio) {
  // priority_ratio 2: after two preferred tickets in a row a normal one.
  for (int i = 0; i < 3; ++i) MustIssue(kFieldA);                // A001-A003 normal
  for (int i = 0; i < 3; ++i) MustIssue(kFieldA, v1::PRIORITY);  // A004-A006
  MustIssue(kFieldA, v1::APPOINTMENT);                           // A007
  MustOpen("1");
  std::vector<std::string> order;
  for (int i = 0; i < 7; ++i) order.push_back(CallAndComplete("1"));
  EXPECT_THAT(order, ::testing::ElementsAre("A004", "A005", "A001", "A006", "A007", "A002", "A003"));
  v1::TicketResponse resp;
  EXPECT_TRUE(HasCode(CallNext("1", &resp), StatusCode::NOT_FOUND));
}

TEST_F(CounterServiceTest, PriorityCounterTakesPreferredWheneverThereAreAny) {
  MustIssue(kFieldA);                // A001
  MustIssue(kFieldA, v1::PRIORITY);  // A002
  MustIssue(kFieldA, v1::PRIORITY);  // A003
  MustIssue(kFieldA, v1::PRIORITY);  // A004
  MustOpen("9");
  std::vector<std::string> order;
  for (int i = 0; i < 4; ++i) order.push_back(CallAndComplete("9"));
  EXPECT_THAT(order, ::testing::ElementsAre("A002", "A003", "A004", "A001"));
}

TEST_F(CounterServiceTest, NormalTicketWaitingPastMaxWaitGoesFirst) {
  MustIssue(kFieldA);  // A001 at 08:00
  clock_.Set(TuesdayAt(8, 30));
  MustIssue(kFieldA, v1::PRIORITY);  // A002
  MustOpen("1");
  clock_.Set(TuesdayAt(8, 59));
  EXPECT_EQ(CallAndComplete("1"), "A002");
  MustIssue(kFieldA, v1::PRIORITY);  // A003
  clock_.Set(TuesdayAt(9, 0));       // A001 has waited max_wait_minutes (60)
  EXPECT_EQ(CallAndComplete("1"), "A001");
  EXPECT_EQ(CallAndComplete("1"), "A003");
}

TEST_F(CounterServiceTest, MultiFieldCounterTakesTheLargestWeightedWait) {
  // Counter 2 serves chung_thuc (weight 1.0) and ho_tich (weight 0.5).
  MustIssue(kFieldB);  // B001 at 08:00
  clock_.Set(TuesdayAt(8, 4));
  MustIssue(kFieldA);  // A001 at 08:04
  clock_.Set(TuesdayAt(8, 7));
  MustIssue(kFieldA);  // A002 at 08:07
  MustOpen("2");
  clock_.Set(TuesdayAt(8, 10));
  // A001: 6 min x 1.0 = 6 beats B001: 10 min x 0.5 = 5, though B001 is older.
  EXPECT_EQ(CallAndComplete("2"), "A001");
  // B001: 5 beats A002: 3 min x 1.0 = 3, though A002 is in the heavier field.
  EXPECT_EQ(CallAndComplete("2"), "B001");
  EXPECT_EQ(CallAndComplete("2"), "A002");
}

TEST_F(CounterServiceTest, SameInputsSameChoice) {
  // Two tickets with equal weighted waits: the earlier queue time wins, on
  // every run.
  MustIssue(kFieldB);  // B001 at 08:00: 20 min x 0.5 = 10 at 08:20
  clock_.Set(TuesdayAt(8, 10));
  MustIssue(kFieldA);  // A001 at 08:10: 10 min x 1.0 = 10 at 08:20
  MustOpen("2");
  clock_.Set(TuesdayAt(8, 20));
  EXPECT_EQ(CallAndComplete("2"), "B001");
}

TEST_F(CounterServiceTest, ConcurrentCountersNeverCallTheSameTicket) {
  constexpr int kTickets = 45;
  for (int i = 0; i < kTickets; ++i) MustIssue(kFieldA, i % 5 == 0 ? v1::PRIORITY : v1::NORMAL);
  const std::vector<std::string> counters = {"1", "2", "9"};
  for (const auto& c : counters) MustOpen(c);
  std::vector<std::vector<std::string>> called(counters.size());
  std::vector<std::thread> clerks;
  for (size_t k = 0; k < counters.size(); ++k) {
    clerks.emplace_back([&, k] {
      for (int i = 0; i < kTickets + 1; ++i) {
        v1::TicketResponse resp;
        const grpc::Status s = CallNext(counters[k], &resp);
        if (s.error_code() == StatusCode::NOT_FOUND) return;
        EXPECT_TRUE(s.ok()) << s.error_message();
        if (!s.ok()) return;
        called[k].push_back(resp.ticket().number());
        EXPECT_EQ(MustAct(&Stub::Complete, counters[k]).state(), v1::DONE);
      }
    });
  }
  for (auto& t : clerks) t.join();
  std::multiset<std::string> all;
  for (const auto& list : called) all.insert(list.begin(), list.end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), static_cast<size_t>(kTickets));
}

TEST_F(CounterServiceTest, CallTicketOutOfOrder) {
  for (int i = 0; i < 3; ++i) MustIssue(kFieldA);
  MustOpen("1");
  v1::TicketResponse resp;
  ASSERT_TRUE(Act(&Stub::CallTicket, "1", "A003", &resp).ok());
  EXPECT_EQ(resp.ticket().number(), "A003");
  EXPECT_EQ(resp.ticket().state(), v1::CALLED);
  EXPECT_EQ(resp.ticket().counter_id(), "1");
  EXPECT_EQ(MustGet("A002").position_ahead(), 1u);
  MustAct(&Stub::Complete, "1");
  EXPECT_EQ(CallAndComplete("1"), "A001");
  EXPECT_EQ(CallAndComplete("1"), "A002");
}

TEST_F(CounterServiceTest, CallTicketRefusals) {
  MustIssue(kFieldA);  // A001
  MustIssue(kFieldB);  // B001
  MustIssue(kFieldA);  // A002
  v1::TicketResponse resp;
  auto call = [&](const std::string& counter, const std::string& number) {
    return [&, counter, number] { return Act(&Stub::CallTicket, counter, number, &resp); };
  };
  ExpectRefused(call("1", "A001"), StatusCode::FAILED_PRECONDITION, "open it first");
  MustOpen("1");
  MustOpen("2");
  ExpectRefused(call("1", ""), StatusCode::INVALID_ARGUMENT, "number");
  ExpectRefused(call("1", "A077"), StatusCode::NOT_FOUND, "A077");
  ExpectRefused(call("1", "B001"), StatusCode::FAILED_PRECONDITION, "does not serve");
  ExpectRefused(call("1", "A0-1"), StatusCode::INVALID_ARGUMENT, "A0-1");
  ASSERT_TRUE(Act(&Stub::CallTicket, "2", "A001", &resp).ok());
  // Already called at another counter.
  ExpectRefused(call("1", "A001"), StatusCode::FAILED_PRECONDITION, "CALLED");
  // The counter still holds a ticket.
  ExpectRefused(call("2", "A002"), StatusCode::FAILED_PRECONDITION, "A001");
  MustAct(&Stub::Complete, "2");
  ExpectRefused(call("1", "A001"), StatusCode::FAILED_PRECONDITION, "DONE");
}

}  // namespace
}  // namespace qms::service::test

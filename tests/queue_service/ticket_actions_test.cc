// CounterService over an in-process channel, part 2: what a clerk does with
// a called ticket (recall, serve, complete, no-show, park, resume, transfer)
// and every transition DESIGN.md section 3 does not allow, which must be
// refused with FAILED_PRECONDITION and change nothing.
#include <google/protobuf/util/message_differencer.h>

#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using google::protobuf::util::MessageDifferencer;
using grpc::StatusCode;
using Stub = v1::CounterService::Stub;

class TicketActionsTest : public QueueServiceTest {
 protected:
  // Runs `call` expecting `code`; neither the ticket nor the centre change.
  template <typename Call>
  void ExpectRefused(const std::string& number, Call call, StatusCode code, const std::string& mentions) {
    const v1::Ticket before = MustGet(number).ticket();
    const v1::CentreEvent centre_before = Snapshot();
    EXPECT_TRUE(HasCode(call(), code, mentions)) << number << " " << v1::TicketState_Name(before.state());
    EXPECT_TRUE(MessageDifferencer::Equals(before, MustGet(number).ticket())) << number;
    EXPECT_TRUE(MessageDifferencer::Equals(centre_before, Snapshot())) << number;
  }
  v1::TransferRequest TransferOf(const std::string& counter, const std::string& number) const {
    v1::TransferRequest req;
    req.set_centre_id(kCentre);
    req.set_counter_id(counter);
    req.set_clerk_id("clerk-" + counter);
    req.set_number(number);
    return req;
  }
};

TEST_F(TicketActionsTest, RecallCountsAndRestampsTheCall) {
  MustIssue(kFieldA);
  MustOpen("1");
  MustCallNext("1");
  clock_.Advance(kMicrosPerMinute);
  v1::Ticket t = MustAct(&Stub::Recall, "1");
  EXPECT_EQ(t.recall_count(), 1u);
  EXPECT_EQ(t.state(), v1::CALLED);
  EXPECT_EQ(t.called_at_us(), TuesdayAt(8, 1));
  clock_.Advance(kMicrosPerMinute);
  t = MustAct(&Stub::Recall, "1", "A001");
  EXPECT_EQ(t.recall_count(), 2u);
  EXPECT_EQ(MustGet("A001").ticket().recall_count(), 2u);
}

TEST_F(TicketActionsTest, ServeAndComplete) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  MustOpen("1");
  MustCallNext("1");
  clock_.Advance(kMicrosPerMinute);
  v1::Ticket t = MustAct(&Stub::StartServing, "1");
  EXPECT_EQ(t.state(), v1::SERVING);
  EXPECT_EQ(t.serving_since_us(), TuesdayAt(8, 1));
  clock_.Advance(6 * kMicrosPerMinute);
  t = MustAct(&Stub::Complete, "1", "A001");
  EXPECT_EQ(t.state(), v1::DONE);
  EXPECT_EQ(t.finished_at_us(), TuesdayAt(8, 7));
  EXPECT_EQ(t.counter_id(), "1");
  EXPECT_EQ(FindCounter(Snapshot().snapshot(), "1")->current_number(), "");
  // The counter is free again; a CALLED ticket can be completed directly.
  EXPECT_EQ(MustCallNext("1"), "A002");
  EXPECT_EQ(MustAct(&Stub::Complete, "1").state(), v1::DONE);
}

TEST_F(TicketActionsTest, MarkNoShowOnlyWhenCalled) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  MustOpen("1");
  v1::TicketResponse resp;
  auto no_show = [&](const std::string& number) {
    return [&, number] { return Act(&Stub::MarkNoShow, "1", number, &resp); };
  };
  ExpectRefused("A002", no_show("A002"), StatusCode::FAILED_PRECONDITION, "WAITING");
  MustCallNext("1");
  MustAct(&Stub::StartServing, "1");
  ExpectRefused("A001", no_show(""), StatusCode::FAILED_PRECONDITION, "SERVING");
  MustAct(&Stub::Complete, "1");
  MustCallNext("1");
  const v1::Ticket t = MustAct(&Stub::MarkNoShow, "1");
  EXPECT_EQ(t.number(), "A002");
  EXPECT_EQ(t.state(), v1::NO_SHOW);
  EXPECT_EQ(FindCounter(Snapshot().snapshot(), "1")->current_number(), "");
  // A citizen who comes back late can be called again.
  ASSERT_TRUE(Act(&Stub::CallTicket, "1", "A002", &resp).ok());
  EXPECT_EQ(resp.ticket().state(), v1::CALLED);
}

// A NO_SHOW ticket called again (the citizen came back) is live again, so it
// must not keep the finish time of the no-show.
TEST_F(TicketActionsTest, CallingANoShowAgainClearsItsFinishTime) {
  MustIssue(kFieldA);
  MustOpen("1");
  MustCallNext("1");
  clock_.Advance(5 * kMicrosPerMinute);
  EXPECT_NE(MustAct(&Stub::MarkNoShow, "1").finished_at_us(), 0);
  clock_.Advance(5 * kMicrosPerMinute);
  const v1::Ticket t = MustAct(&Stub::CallTicket, "1", "A001");
  EXPECT_EQ(t.state(), v1::CALLED);
  EXPECT_EQ(t.finished_at_us(), 0);
  EXPECT_EQ(MustGet("A001").ticket().finished_at_us(), 0);
}

TEST_F(TicketActionsTest, ParkThenResumeAtTheOriginalPlace) {
  MustIssue(kFieldA);  // A001 at 08:00
  clock_.Advance(kMicrosPerMinute);
  MustIssue(kFieldA);  // A002
  MustIssue(kFieldA);  // A003
  MustOpen("1");
  EXPECT_EQ(MustCallNext("1"), "A001");
  v1::Ticket t = MustAct(&Stub::Park, "1");
  EXPECT_EQ(t.state(), v1::PARKED);
  EXPECT_EQ(MustGet("A001").position_ahead(), 0u);
  EXPECT_EQ(FindQueue(Snapshot().snapshot(), kFieldA)->waiting(), 2u);
  // The counter moves on while the citizen photocopies.
  EXPECT_EQ(MustCallNext("1"), "A002");
  MustAct(&Stub::Complete, "1");
  clock_.Advance(10 * kMicrosPerMinute);
  t = MustAct(&Stub::Resume, "", "A001");
  EXPECT_EQ(t.state(), v1::WAITING);
  EXPECT_EQ(t.queued_since_us(), TuesdayAt(8, 0));
  EXPECT_EQ(t.counter_id(), "");
  EXPECT_EQ(MustGet("A001").position_ahead(), 0u);
  EXPECT_EQ(MustGet("A003").position_ahead(), 1u);
  EXPECT_EQ(MustCallNext("1"), "A001");
}

TEST_F(TicketActionsTest, ResumeStraightToACounter) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  MustOpen("1");
  MustOpen("2");
  MustCallNext("1");
  MustAct(&Stub::StartServing, "1");
  MustAct(&Stub::Park, "1");
  const v1::Ticket t = MustAct(&Stub::Resume, "2", "A001");
  EXPECT_EQ(t.state(), v1::CALLED);
  EXPECT_EQ(t.counter_id(), "2");
  EXPECT_EQ(FindCounter(Snapshot().snapshot(), "2")->current_number(), "A001");
  EXPECT_EQ(MustCallNext("1"), "A002");
}

TEST_F(TicketActionsTest, ResumeRefusals) {
  MustIssue(kFieldA);
  MustIssue(kFieldB);
  MustOpen("1");
  v1::TicketResponse resp;
  auto resume = [&](const std::string& counter, const std::string& number) {
    return [&, counter, number] { return Act(&Stub::Resume, counter, number, &resp); };
  };
  ExpectRefused("A001", resume("", "A001"), StatusCode::FAILED_PRECONDITION, "PARKED");
  EXPECT_TRUE(HasCode(Act(&Stub::Resume, "", "", &resp), StatusCode::INVALID_ARGUMENT, "number"));
  EXPECT_TRUE(HasCode(Act(&Stub::Resume, "", "A404", &resp), StatusCode::NOT_FOUND, "A404"));
  MustCallNext("1");
  MustAct(&Stub::Park, "1");
  ExpectRefused("A001", resume("42", "A001"), StatusCode::NOT_FOUND, "42");
  ExpectRefused("A001", resume("2", "A001"), StatusCode::FAILED_PRECONDITION, "open it first");
  // Counter 3 does not serve chung_thuc.
  MustOpen("3");
  ExpectRefused("A001", resume("3", "A001"), StatusCode::FAILED_PRECONDITION, "does not serve");
  // Counter 3 is busy with B001.
  EXPECT_EQ(MustCallNext("3"), "B001");
  MustIssue(kFieldC);
  MustAct(&Stub::Park, "3", "B001");
  MustCallNext("3");
  ExpectRefused("B001", resume("3", "B001"), StatusCode::FAILED_PRECONDITION, "C001");
}

TEST_F(TicketActionsTest, TransferToAnotherFieldKeepsQueuedSince) {
  MustIssue(kFieldA);  // A001 at 08:00
  clock_.Set(TuesdayAt(8, 5));
  MustIssue(kFieldB);  // B001 at 08:05
  MustOpen("1");
  EXPECT_EQ(MustCallNext("1"), "A001");
  clock_.Set(TuesdayAt(8, 9));
  v1::TransferRequest req = TransferOf("1", "");
  req.set_to_field_id(kFieldB);
  v1::TicketResponse resp;
  ASSERT_TRUE(Transfer(req, &resp).ok());
  const v1::Ticket& t = resp.ticket();
  EXPECT_EQ(t.number(), "A001");  // the citizen keeps the number
  EXPECT_EQ(t.state(), v1::WAITING);
  EXPECT_EQ(t.field_id(), kFieldB);
  EXPECT_EQ(t.original_field_id(), kFieldA);
  EXPECT_EQ(t.queued_since_us(), TuesdayAt(8, 0));
  EXPECT_EQ(t.counter_id(), "");
  EXPECT_EQ(FindCounter(Snapshot().snapshot(), "1")->current_number(), "");
  // Ahead of B001, which came later.
  EXPECT_EQ(MustGet("A001").position_ahead(), 0u);
  EXPECT_EQ(MustGet("B001").position_ahead(), 1u);
  MustOpen("3");
  EXPECT_EQ(MustCallNext("3"), "A001");
  // Numbering of either field is unaffected.
  EXPECT_EQ(MustIssue(kFieldB).ticket().number(), "B002");
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A002");
}

TEST_F(TicketActionsTest, TransferRequeueAtEnd) {
  MustIssue(kFieldA);  // A001 at 08:00
  clock_.Set(TuesdayAt(8, 5));
  MustIssue(kFieldB);  // B001 at 08:05
  MustOpen("1");
  MustCallNext("1");
  clock_.Set(TuesdayAt(8, 9));
  v1::TransferRequest req = TransferOf("1", "");
  req.set_to_field_id(kFieldB);
  req.set_requeue_at_end(true);
  v1::TicketResponse resp;
  ASSERT_TRUE(Transfer(req, &resp).ok());
  EXPECT_EQ(resp.ticket().queued_since_us(), TuesdayAt(8, 9));
  EXPECT_EQ(MustGet("A001").position_ahead(), 1u);
  MustOpen("3");
  EXPECT_EQ(MustCallNext("3"), "B001");
}

TEST_F(TicketActionsTest, TransferToACounterOnlyThatCounterGetsIt) {
  MustIssue(kFieldA);  // A001
  MustOpen("1");
  MustOpen("2");
  MustOpen("9");
  MustCallNext("1");
  v1::TransferRequest req = TransferOf("1", "");
  req.set_to_counter_id("2");
  v1::TicketResponse resp;
  ASSERT_TRUE(Transfer(req, &resp).ok());
  EXPECT_EQ(resp.ticket().state(), v1::WAITING);
  EXPECT_EQ(resp.ticket().directed_counter_id(), "2");
  EXPECT_EQ(resp.ticket().field_id(), kFieldA);
  EXPECT_EQ(FindQueue(Snapshot().snapshot(), kFieldA)->waiting(), 1u);  // boards still count it
  // Counters 1 and 9 serve chung_thuc too, but the ticket is not theirs.
  EXPECT_TRUE(HasCode(CallNext("1", &resp), StatusCode::NOT_FOUND));
  EXPECT_TRUE(HasCode(CallNext("9", &resp), StatusCode::NOT_FOUND));
  // Counter 2 takes it before the tickets of its own fields.
  MustIssue(kFieldB);  // B001
  MustIssue(kFieldA);  // A002
  EXPECT_EQ(MustCallNext("2"), "A001");
  EXPECT_EQ(MustGet("A001").ticket().directed_counter_id(), "");
  EXPECT_EQ(MustCallNext("1"), "A002");
}

TEST_F(TicketActionsTest, TransferWaitingAndParkedTicketsByNumber) {
  MustIssue(kFieldA);  // A001
  MustIssue(kFieldA);  // A002
  MustOpen("1");
  MustCallNext("1");
  MustAct(&Stub::Park, "1");
  v1::TransferRequest req = TransferOf("1", "A002");
  req.set_to_field_id(kFieldC);
  v1::TicketResponse resp;
  ASSERT_TRUE(Transfer(req, &resp).ok());
  EXPECT_EQ(resp.ticket().field_id(), kFieldC);
  req.set_number("A001");
  ASSERT_TRUE(Transfer(req, &resp).ok());
  EXPECT_EQ(resp.ticket().state(), v1::WAITING);
  EXPECT_EQ(FindQueue(Snapshot().snapshot(), kFieldC)->waiting(), 2u);
  MustOpen("3");
  EXPECT_EQ(MustCallNext("3"), "A001");  // same issue time, issued first
}

TEST_F(TicketActionsTest, TransferRefusals) {
  MustIssue(kFieldA);
  MustOpen("1");
  v1::TicketResponse resp;
  auto transfer = [&](v1::TransferRequest req) { return [&, req] { return Transfer(req, &resp); }; };
  v1::TransferRequest req = TransferOf("1", "");
  req.set_to_field_id(kFieldB);
  ExpectRefused("A001", transfer(req), StatusCode::FAILED_PRECONDITION, "no ticket");
  MustCallNext("1");
  req.set_to_field_id("thue");
  ExpectRefused("A001", transfer(req), StatusCode::NOT_FOUND, "thue");
  req.set_to_field_id("Ho Tich");
  ExpectRefused("A001", transfer(req), StatusCode::INVALID_ARGUMENT, "to_field_id");
  req.set_to_field_id(std::string(33, 'b'));
  ExpectRefused("A001", transfer(req), StatusCode::INVALID_ARGUMENT, "to_field_id");
  req.clear_to_field_id();
  req.set_to_counter_id("42");
  ExpectRefused("A001", transfer(req), StatusCode::NOT_FOUND, "42");
  req.clear_to_counter_id();
  ExpectRefused("A001", transfer(req), StatusCode::INVALID_ARGUMENT, "to_field_id");
  req.set_to_field_id(kFieldA);
  ExpectRefused("A001", transfer(req), StatusCode::INVALID_ARGUMENT, "another field");
  v1::TransferRequest no_counter = req;
  no_counter.clear_counter_id();
  no_counter.set_to_field_id(kFieldB);
  ExpectRefused("A001", transfer(no_counter), StatusCode::INVALID_ARGUMENT, "counter_id");
  // Another counter cannot take a ticket called elsewhere.
  MustOpen("2");
  v1::TransferRequest elsewhere = TransferOf("2", "A001");
  elsewhere.set_to_field_id(kFieldB);
  ExpectRefused("A001", transfer(elsewhere), StatusCode::FAILED_PRECONDITION, "counter 1");
  MustAct(&Stub::Complete, "1");
  elsewhere = TransferOf("1", "A001");
  elsewhere.set_to_field_id(kFieldB);
  ExpectRefused("A001", transfer(elsewhere), StatusCode::FAILED_PRECONDITION, "DONE");
}

// Every action on a ticket in a state that does not allow it.
TEST_F(TicketActionsTest, IllegalTransitionsChangeNothing) {
  MustIssue(kFieldA);  // A001: will be DONE
  MustIssue(kFieldA);  // A002: stays WAITING
  MustIssue(kFieldA);  // A003: SERVING at counter 1
  MustOpen("1");
  MustOpen("2");
  MustCallNext("1");
  MustAct(&Stub::Complete, "1");
  EXPECT_EQ(MustAct(&Stub::CallTicket, "1", "A003").state(), v1::CALLED);
  MustAct(&Stub::StartServing, "1");

  v1::TicketResponse resp;
  auto act = [&](TicketMethod m, const std::string& counter, const std::string& number) {
    return [&, m, counter, number] { return Act(m, counter, number, &resp); };
  };
  const StatusCode kFailed = StatusCode::FAILED_PRECONDITION;
  for (TicketMethod m : {&Stub::Recall, &Stub::StartServing, &Stub::Complete, &Stub::MarkNoShow, &Stub::Park,
                         &Stub::CallTicket, &Stub::Resume}) {
    ExpectRefused("A001", act(m, "2", "A001"), kFailed, "DONE");
  }
  for (TicketMethod m :
       {&Stub::Recall, &Stub::StartServing, &Stub::Complete, &Stub::MarkNoShow, &Stub::Park, &Stub::Resume}) {
    ExpectRefused("A002", act(m, "2", "A002"), kFailed, "WAITING");
  }
  // SERVING: no recall, no second start, no no-show; not from another counter.
  ExpectRefused("A003", act(&Stub::Recall, "1", ""), kFailed, "SERVING");
  ExpectRefused("A003", act(&Stub::StartServing, "1", ""), kFailed, "SERVING");
  ExpectRefused("A003", act(&Stub::MarkNoShow, "1", ""), kFailed, "SERVING");
  ExpectRefused("A003", act(&Stub::Complete, "2", "A003"), kFailed, "counter 1");
  ExpectRefused("A003", act(&Stub::Park, "2", "A003"), kFailed, "counter 1");
  // A counter with nothing called has nothing to act on.
  ExpectRefused("A002", act(&Stub::Complete, "2", ""), kFailed, "no ticket");
  ExpectRefused("A002", act(&Stub::Recall, "2", ""), kFailed, "no ticket");
  // Ticket actions need a counter.
  ExpectRefused("A003", act(&Stub::Complete, "", "A003"), StatusCode::INVALID_ARGUMENT, "counter_id");
}

}  // namespace
}  // namespace qms::service::test

// Clerks own their counters (docs/queue.md, "Who may act on a counter"): the
// holder rules of Centre, for authenticated callers, and the behaviour from
// before access control when the caller is not authenticated.
#include <gtest/gtest.h>

#include "services/queue/centre.h"
#include "tests/queue/test_config.h"

namespace qms::queue {
namespace {

using testing::GoLiveAt;
using testing::MakeCentre;
using Op = Status (Centre::*)(const CounterAction&, MicrosUtc, Change*);

Actor Caller(const std::string& subject, const std::string& role) {
  Actor a;
  a.subject = subject;
  a.role = role;
  a.authenticated = true;
  a.supervisor = role == "SUPERVISOR";
  a.admin = role == "ADMIN";
  return a;
}

const Actor kLan = Caller("lan", "CLERK");
const Actor kHoa = Caller("hoa", "CLERK");
const Actor kBoss = Caller("minh", "SUPERVISOR");
const Actor kRoot = Caller("root", "ADMIN");

class CentreOwnershipTest : public ::testing::Test {
 protected:
  void SetUp() override { centre_.StartDay(20250701); }

  // `claimed` is the request's clerk_id: ignored for an authenticated caller.
  Status Act(Op op, const Actor& who, const std::string& counter, const std::string& number = "",
             const std::string& claimed = "someone-else", Change* out = nullptr) {
    Change ch;
    return (centre_.*op)({counter, claimed, number, "", who}, now_, out ? out : &ch);
  }
  std::string Issue(const std::string& field = "chung_thuc") {
    Change ch;
    Status s =
        centre_.Issue({field, v1::NORMAL, v1::KIOSK, "r" + std::to_string(++requests_), ""}, now_, &ch);
    return s.ok() ? centre_.DisplayNumber(centre_.ticket(ch.primary_ticket)) : s.ToString();
  }
  v1::Counter CounterView(const std::string& id) {
    v1::CentreSnapshot s;
    centre_.Snapshot(now_, &s);
    for (const auto& c : s.counters()) {
      if (c.counter_id() == id) return c;
    }
    return {};
  }
  const Ticket& T(const std::string& number) { return centre_.ticket(*centre_.FindTicket(number)); }

  config::CentreConfig config_ = MakeCentre();
  Centre centre_{&config_};
  MicrosUtc now_ = GoLiveAt(8, 0);
  int requests_ = 0;
};

::testing::AssertionResult Denied(const Status& s, const std::string& mentions) {
  if (s.code() != StatusCode::kPermissionDenied) return ::testing::AssertionFailure() << s.ToString();
  if (s.message().find(mentions) == std::string::npos)
    return ::testing::AssertionFailure() << s.ToString() << " does not mention " << mentions;
  return ::testing::AssertionSuccess();
}

TEST_F(CentreOwnershipTest, TheAuthenticatedCallerIsTheClerkRecordedNotTheOneTheRequestClaims) {
  Change opened;
  ASSERT_TRUE(Act(&Centre::OpenCounter, kLan, "1", "", "hoa", &opened).ok());
  EXPECT_EQ(CounterView("1").clerk_id(), "lan");
  ASSERT_EQ(opened.events.size(), 1u);
  EXPECT_EQ(opened.events[0].clerk_id(), "lan");

  const std::string number = Issue();
  Change called;
  ASSERT_TRUE(Act(&Centre::CallNext, kLan, "1", "", "hoa", &called).ok());
  EXPECT_EQ(T(number).clerk_id, "lan");
  EXPECT_EQ(called.events[0].clerk_id(), "lan");
  // Opening needs no clerk_id at all when the caller is known.
  EXPECT_TRUE(Act(&Centre::OpenCounter, kHoa, "2", "", "").ok());
  EXPECT_EQ(CounterView("2").clerk_id(), "hoa");
}

TEST_F(CentreOwnershipTest, AnotherClerkMayNotActOnAHeldCounterAndIsToldWhoHoldsIt) {
  ASSERT_TRUE(Act(&Centre::OpenCounter, kLan, "1").ok());
  const std::string number = Issue();
  const std::string held = "counter 1 is held by lan until it is closed";
  for (Op op : {&Centre::OpenCounter, &Centre::PauseCounter, &Centre::CloseCounter, &Centre::CallNext}) {
    EXPECT_TRUE(Denied(Act(op, kHoa, "1"), held));
  }
  EXPECT_TRUE(Denied(Act(&Centre::CallTicket, kHoa, "1", number), held));
  ASSERT_TRUE(Act(&Centre::CallNext, kLan, "1").ok());
  for (Op op :
       {&Centre::Recall, &Centre::StartServing, &Centre::Complete, &Centre::MarkNoShow, &Centre::Park}) {
    EXPECT_TRUE(Denied(Act(op, kHoa, "1"), held));
  }
  TransferAction move;
  move.from = {"1", "", number, "", kHoa};
  move.to_field_id = "ho_tich";
  Change ch;
  EXPECT_TRUE(Denied(centre_.Transfer(move, now_, &ch), held));
  // Nothing changed: the ticket is still CALLED at counter 1 by lan.
  EXPECT_EQ(T(number).state, v1::CALLED);
  EXPECT_EQ(T(number).clerk_id, "lan");
  EXPECT_EQ(CounterView("1").state(), v1::OPEN);

  // The holder goes on as usual, including after a pause.
  ASSERT_TRUE(Act(&Centre::Complete, kLan, "1").ok());
  ASSERT_TRUE(Act(&Centre::PauseCounter, kLan, "1").ok());
  EXPECT_TRUE(Denied(Act(&Centre::OpenCounter, kHoa, "1"), held));
  EXPECT_TRUE(Act(&Centre::OpenCounter, kLan, "1").ok());
}

TEST_F(CentreOwnershipTest, AClerkTakesOverOnceTheHolderHasClosedTheCounter) {
  ASSERT_TRUE(Act(&Centre::OpenCounter, kLan, "1").ok());
  ASSERT_TRUE(Act(&Centre::CloseCounter, kLan, "1").ok());
  ASSERT_TRUE(Act(&Centre::OpenCounter, kHoa, "1").ok());
  EXPECT_EQ(CounterView("1").clerk_id(), "hoa");
  const std::string number = Issue();
  ASSERT_TRUE(Act(&Centre::CallNext, kHoa, "1").ok());
  EXPECT_EQ(T(number).clerk_id, "hoa");
  // Now the first holder is the one refused.
  EXPECT_TRUE(Denied(Act(&Centre::Recall, kLan, "1"), "counter 1 is held by hoa until it is closed"));
}

TEST_F(CentreOwnershipTest, ASupervisorMayPauseOrCloseAHeldCounterAndNothingElse) {
  ASSERT_TRUE(Act(&Centre::OpenCounter, kLan, "1").ok());
  const std::string number = Issue();
  EXPECT_TRUE(Denied(Act(&Centre::CallNext, kBoss, "1"), "a supervisor may only pause or close counter 1"));
  EXPECT_TRUE(
      Denied(Act(&Centre::OpenCounter, kBoss, "2"), "a supervisor may only pause or close counter 2"));
  EXPECT_EQ(T(number).state, v1::WAITING);

  Change paused;
  ASSERT_TRUE(Act(&Centre::PauseCounter, kBoss, "1", "", "", &paused).ok());
  EXPECT_EQ(CounterView("1").state(), v1::PAUSED);
  // The counter is still the clerk's: she may reopen it, another clerk may not.
  EXPECT_EQ(CounterView("1").clerk_id(), "lan");
  EXPECT_TRUE(Denied(Act(&Centre::OpenCounter, kHoa, "1"), "held by lan"));
  ASSERT_TRUE(Act(&Centre::OpenCounter, kLan, "1").ok());

  Change closed;
  ASSERT_TRUE(Act(&Centre::CloseCounter, kBoss, "1", "", "", &closed).ok());
  EXPECT_EQ(CounterView("1").state(), v1::CLOSED);
  ASSERT_EQ(closed.events.size(), 1u);
  EXPECT_EQ(closed.events[0].kind(), v1::COUNTER_CLOSED);
  // Closed, it has no holder: another clerk opens it.
  EXPECT_TRUE(Act(&Centre::OpenCounter, kHoa, "1").ok());
}

TEST_F(CentreOwnershipTest, AnAdminMayActOnAnyCounter) {
  ASSERT_TRUE(Act(&Centre::OpenCounter, kLan, "1").ok());
  const std::string number = Issue();
  ASSERT_TRUE(Act(&Centre::CallNext, kRoot, "1").ok());
  EXPECT_EQ(T(number).clerk_id, "root");  // the caller did it
  ASSERT_TRUE(Act(&Centre::Complete, kRoot, "1").ok());
  ASSERT_TRUE(Act(&Centre::CloseCounter, kRoot, "1").ok());
}

TEST_F(CentreOwnershipTest, RatingFollowsTheHolderRule) {
  ASSERT_TRUE(Act(&Centre::OpenCounter, kLan, "1").ok());
  const std::string number = Issue();
  ASSERT_TRUE(Act(&Centre::CallNext, kLan, "1").ok());
  ASSERT_TRUE(Act(&Centre::Complete, kLan, "1").ok());
  Change ch;
  // The clerk_id the request claims is ignored for an authenticated caller.
  EXPECT_TRUE(Denied(centre_.Rate({"1", "lan", number, v1::SATISFIED, kHoa}, now_, &ch), "held by lan"));
  EXPECT_TRUE(centre_.Rate({"1", "hoa", number, v1::SATISFIED, kLan}, now_, &ch).ok());
  EXPECT_EQ(T(number).rating, v1::SATISFIED);
}

TEST_F(CentreOwnershipTest, WithoutAuthenticationTheRequestsClerkIsRecordedAndNobodyOwnsACounter) {
  const Actor anonymous;  // auth off
  ASSERT_TRUE(Act(&Centre::OpenCounter, anonymous, "1", "", "lan").ok());
  EXPECT_EQ(CounterView("1").clerk_id(), "lan");
  const std::string number = Issue();
  // Another clerk acts on lan's counter, as before access control.
  ASSERT_TRUE(Act(&Centre::CallNext, anonymous, "1", "", "hoa").ok());
  EXPECT_EQ(T(number).clerk_id, "hoa");
  EXPECT_TRUE(Act(&Centre::Complete, anonymous, "1", "", "hoa").ok());
  EXPECT_EQ(Act(&Centre::OpenCounter, anonymous, "1", "", "hoa").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Act(&Centre::OpenCounter, anonymous, "2", "", "").code(), StatusCode::kInvalidArgument);
  // A rating naming another clerk is still checked against who served.
  Change ch;
  EXPECT_EQ(centre_.Rate({"1", "lan", number, v1::SATISFIED, anonymous}, now_, &ch).code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace qms::queue

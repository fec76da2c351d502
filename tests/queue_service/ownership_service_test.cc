// Clerks own their counters, through gRPC: the caller the gate admits reaches
// the engine (access/caller.h), a clerk acting on a counter another clerk
// holds gets PERMISSION_DENIED naming the holder, a supervisor may pause or
// close it, and the clerk recorded is the caller, not the request's clerk_id.
#include "tests/queue_service/queue_service_fixture.h"
#include "tests/support/test_callers.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;
using qms::test::ActAs;

class OwnershipServiceTest : public QueueServiceTest {
 protected:
  // A counter request from `who` (signed as `role`), which claims another clerk_id.
  v1::CounterRequest RequestAs(grpc::ClientContext* ctx, const std::string& who, const std::string& role,
                               const std::string& counter) {
    SetDeadline(ctx);
    ActAs(ctx, who, role, clock_);
    v1::CounterRequest req;
    req.set_centre_id(kCentre);
    req.set_counter_id(counter);
    req.set_clerk_id("claimed-" + who);
    return req;
  }
  grpc::Status CounterAs(CounterMethod method, const std::string& who, const std::string& role,
                         const std::string& counter, v1::CounterResponse* resp = nullptr) {
    grpc::ClientContext ctx;
    const v1::CounterRequest req = RequestAs(&ctx, who, role, counter);
    v1::CounterResponse ignored;
    return (counters_.get()->*method)(&ctx, req, resp ? resp : &ignored);
  }
  grpc::Status CallNextAs(const std::string& who, const std::string& role, const std::string& counter,
                          v1::TicketResponse* resp) {
    grpc::ClientContext ctx;
    return counters_->CallNext(&ctx, RequestAs(&ctx, who, role, counter), resp);
  }
  grpc::Status CompleteAs(const std::string& who, const std::string& counter) {
    grpc::ClientContext ctx;
    SetDeadline(&ctx);
    ActAs(&ctx, who, "CLERK", clock_);
    v1::TicketActionRequest req;
    req.set_centre_id(kCentre);
    req.set_counter_id(counter);
    v1::TicketResponse resp;
    return counters_->Complete(&ctx, req, &resp);
  }

  // The stack again behind a gate with auth on: every call below carries a
  // signed token (test_callers.h).
  void SetUp() override {
    QueueServiceTest::SetUp();
    CloseStack();
    gate_ = qms::test::TestCallerGate(config_, &clock_);
    OpenStack();
  }
  void IssueAsKiosk(const std::string& field) {
    grpc::ClientContext ctx;
    SetDeadline(&ctx);
    ActAs(&ctx, "kiosk-1", "KIOSK", clock_);
    v1::IssueTicketResponse resp;
    const grpc::Status s =
        intake_->IssueTicket(&ctx, IssueRequest(field, "kiosk-req-" + std::to_string(++issued_)), &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }
  v1::TicketState StateOf(const std::string& number) {
    grpc::ClientContext ctx;
    SetDeadline(&ctx);
    ActAs(&ctx, "kiosk-1", "KIOSK", clock_);
    v1::GetTicketRequest req;
    req.set_centre_id(kCentre);
    req.set_number(number);
    v1::GetTicketResponse resp;
    EXPECT_TRUE(intake_->GetTicket(&ctx, req, &resp).ok());
    return resp.ticket().state();
  }
  int issued_ = 0;
};

TEST_F(OwnershipServiceTest, AnotherClerkIsRefusedAndTakesOverOnlyAfterTheHolderCloses) {
  v1::CounterResponse opened;
  ASSERT_TRUE(CounterAs(&v1::CounterService::Stub::OpenCounter, "lan", "CLERK", "1", &opened).ok());
  EXPECT_EQ(opened.counter().clerk_id(), "lan") << "not the claimed clerk_id";
  IssueAsKiosk(kFieldA);
  v1::TicketResponse called;
  EXPECT_TRUE(HasCode(CallNextAs("hoa", "CLERK", "1", &called), StatusCode::PERMISSION_DENIED,
                      "counter 1 is held by lan until it is closed"));
  EXPECT_TRUE(HasCode(CounterAs(&v1::CounterService::Stub::CloseCounter, "hoa", "CLERK", "1"),
                      StatusCode::PERMISSION_DENIED, "held by lan"));
  EXPECT_EQ(StateOf("A001"), v1::WAITING);

  ASSERT_TRUE(CallNextAs("lan", "CLERK", "1", &called).ok());
  EXPECT_EQ(called.ticket().clerk_id(), "lan");
  ASSERT_TRUE(CompleteAs("lan", "1").ok());
  ASSERT_TRUE(CounterAs(&v1::CounterService::Stub::CloseCounter, "lan", "CLERK", "1").ok());

  // The holder closed it: another clerk takes the counter over.
  ASSERT_TRUE(CounterAs(&v1::CounterService::Stub::OpenCounter, "hoa", "CLERK", "1", &opened).ok());
  EXPECT_EQ(opened.counter().clerk_id(), "hoa");
  IssueAsKiosk(kFieldA);
  ASSERT_TRUE(CallNextAs("hoa", "CLERK", "1", &called).ok());
  EXPECT_EQ(called.ticket().number(), "A002");
  EXPECT_EQ(called.ticket().clerk_id(), "hoa");
  EXPECT_TRUE(HasCode(CompleteAs("lan", "1"), StatusCode::PERMISSION_DENIED, "held by hoa"));
}

TEST_F(OwnershipServiceTest, ASupervisorClosesACounterHeldByAClerkButCannotServeAtIt) {
  ASSERT_TRUE(CounterAs(&v1::CounterService::Stub::OpenCounter, "lan", "CLERK", "2").ok());
  IssueAsKiosk(kFieldA);
  v1::TicketResponse called;
  // The role table refuses first; the engine would too (centre_ownership_test).
  EXPECT_TRUE(HasCode(CallNextAs("minh", "SUPERVISOR", "2", &called), StatusCode::PERMISSION_DENIED,
                      "role SUPERVISOR may not call CounterService/CallNext"));
  v1::CounterResponse resp;
  ASSERT_TRUE(CounterAs(&v1::CounterService::Stub::PauseCounter, "minh", "SUPERVISOR", "2", &resp).ok());
  EXPECT_EQ(resp.counter().state(), v1::PAUSED);
  ASSERT_TRUE(CounterAs(&v1::CounterService::Stub::CloseCounter, "minh", "SUPERVISOR", "2", &resp).ok());
  EXPECT_EQ(resp.counter().state(), v1::CLOSED);
  EXPECT_EQ(StateOf("A001"), v1::WAITING) << "closing a counter sends no one away";
}

TEST_F(OwnershipServiceTest, AnAdminMayActOnAHeldCounter) {
  ASSERT_TRUE(CounterAs(&v1::CounterService::Stub::OpenCounter, "lan", "CLERK", "1").ok());
  IssueAsKiosk(kFieldA);
  v1::TicketResponse called;
  ASSERT_TRUE(CallNextAs("root", "ADMIN", "1", &called).ok());
  EXPECT_EQ(called.ticket().clerk_id(), "root");
}

// Auth off (the base fixture's gate): no caller is verified.
using NoAuthOwnershipTest = QueueServiceTest;

TEST_F(NoAuthOwnershipTest, CallsWithoutAVerifiedCallerKeepTheBehaviourFromBeforeAccessControl) {
  v1::CounterResponse resp;
  ASSERT_TRUE(Open("1", &resp, "lan").ok());  // no test caller: not authenticated
  EXPECT_EQ(resp.counter().clerk_id(), "lan");
  MustIssue(kFieldA);
  EXPECT_EQ(MustCallNext("1"), "A001");  // anyone may act on lan's counter
  EXPECT_TRUE(HasCode(CounterCall(&v1::CounterService::Stub::PauseCounter, "1", &resp, "hoa"),
                      StatusCode::FAILED_PRECONDITION, "still has ticket A001"))
      << "refused for the ticket at the counter, not for who asked";
}

}  // namespace
}  // namespace qms::service::test

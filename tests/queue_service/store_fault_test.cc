// The queue service on a failing disk (tests/storage/failing_env.h): a
// change whose write fails is answered UNAVAILABLE, never "issued"; the
// service then refuses every change until a restart; after a restart on a
// healthy disk everything acknowledged before the fault is there.
#include <memory>

#include "tests/queue_service/queue_service_fixture.h"
#include "tests/storage/failing_env.h"

namespace qms::service::test {
namespace {

using qms::testing::FailingDisk;
using qms::testing::FailingWalFs;
using qms::testing::WalFault;

class QueueStoreFaultTest : public QueueServiceTest {
 protected:
  // Reopens the stack on dir_ with its store on the failing file system.
  void OpenOnFailingDisk() {
    CloseStack();
    OpenStack(disk_.Options());
  }
  // Stops the stack with the fault still on, then reopens on a healthy disk.
  void RestartOnHealthyDisk() {
    CloseStack();
    fs_->Inject(WalFault::kNone);
    OpenStack();
  }
  grpc::Status TryIssue(const std::string& request_id, v1::IssueTicketResponse* resp) {
    return Issue(IssueRequest(kFieldA, request_id), resp);
  }

  FailingDisk disk_;
  FailingWalFs* fs_ = disk_.fs.get();
};

TEST_F(QueueStoreFaultTest, AFailedSyncStopsTheServiceAndKeepsWhatWasAcknowledged) {
  OpenOnFailingDisk();
  ASSERT_EQ(MustIssue(kFieldA).ticket().number(), "A001");
  ASSERT_EQ(MustIssue(kFieldA).ticket().number(), "A002");
  fs_->Inject(WalFault::kSync);

  v1::IssueTicketResponse resp;
  EXPECT_TRUE(
      HasCode(TryIssue("during-fault", &resp), grpc::StatusCode::UNAVAILABLE, "storage write failed"));
  EXPECT_FALSE(resp.has_ticket()) << "a ticket whose write failed was handed out";
  EXPECT_GT(fs_->failures(), 0);
  EXPECT_TRUE(stack_->writer()->failed());

  // Failed is final: later changes are refused at once, reads go on.
  v1::IssueTicketResponse later;
  EXPECT_TRUE(HasCode(TryIssue("after-fault", &later), grpc::StatusCode::UNAVAILABLE, "restarted"));
  EXPECT_FALSE(later.has_ticket());
  v1::TicketResponse called;
  EXPECT_TRUE(HasCode(CallNext("1", &called), grpc::StatusCode::UNAVAILABLE));

  RestartOnHealthyDisk();
  EXPECT_EQ(MustGet("A001").ticket().state(), v1::WAITING);
  EXPECT_EQ(MustGet("A002").ticket().state(), v1::WAITING);
}

TEST_F(QueueStoreFaultTest, AChangeWhoseWriteFailedIsNotThereAfterARestart) {
  OpenOnFailingDisk();
  ASSERT_EQ(MustIssue(kFieldA).ticket().number(), "A001");
  fs_->Inject(WalFault::kWrite);
  v1::IssueTicketResponse resp;
  EXPECT_TRUE(
      HasCode(TryIssue("during-fault", &resp), grpc::StatusCode::UNAVAILABLE, "storage write failed"));
  EXPECT_FALSE(resp.has_ticket());

  RestartOnHealthyDisk();
  EXPECT_EQ(MustGet("A001").ticket().state(), v1::WAITING);
  v1::GetTicketResponse missing;
  EXPECT_TRUE(HasCode(Get("A002", &missing), grpc::StatusCode::NOT_FOUND));
  // The number of the change that was not written is given again.
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A002");
}

TEST_F(QueueStoreFaultTest, AFullDiskIsReportedAsSuch) {
  OpenOnFailingDisk();
  ASSERT_EQ(MustIssue(kFieldA).ticket().number(), "A001");
  fs_->Inject(WalFault::kNoSpace);
  v1::IssueTicketResponse resp;
  EXPECT_TRUE(HasCode(TryIssue("during-fault", &resp), grpc::StatusCode::UNAVAILABLE, "No space"));
  EXPECT_FALSE(resp.has_ticket());
  RestartOnHealthyDisk();
  EXPECT_EQ(MustGet("A001").ticket().state(), v1::WAITING);
}

}  // namespace
}  // namespace qms::service::test

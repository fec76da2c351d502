// DeadlineService on a failing disk (tests/storage/failing_env.h): a receive
// whose write fails is answered UNAVAILABLE with no dossier; the service then
// refuses every change until a restart; after a restart on a healthy disk
// every dossier acknowledged before the fault is there, and the code of the
// one not written is given again.
#include <memory>

#include "tests/deadline_service/deadline_service_fixture.h"
#include "tests/storage/failing_env.h"

namespace qms::service::test {
namespace {

using qms::testing::FailingDisk;
using qms::testing::FailingWalFs;
using qms::testing::WalFault;

class DeadlineStoreFaultTest : public DeadlineServiceTest {
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

  FailingDisk disk_;
  FailingWalFs* fs_ = disk_.fs.get();
};

TEST_F(DeadlineStoreFaultTest, AFailedSyncStopsTheServiceAndKeepsWhatWasAcknowledged) {
  OpenOnFailingDisk();
  const v1::Dossier first = MustReceive();
  const v1::Dossier second = MustReceive();
  ASSERT_EQ(first.code(), "000.17.22.H56-260302-0001");
  ASSERT_EQ(second.code(), "000.17.22.H56-260302-0002");
  fs_->Inject(WalFault::kSync);

  v1::ReceiveDossierResponse resp;
  EXPECT_TRUE(HasCode(Receive(ReceiveRequest(kCopy), &resp), grpc::StatusCode::UNAVAILABLE, "storage"));
  EXPECT_FALSE(resp.has_dossier()) << "a dossier whose write failed was handed out";
  EXPECT_GT(fs_->failures(), 0);
  EXPECT_TRUE(stack()->writer()->failed());

  // Failed is final: later changes are refused at once.
  v1::ReceiveDossierResponse later;
  EXPECT_TRUE(HasCode(Receive(ReceiveRequest(kCopy), &later), grpc::StatusCode::UNAVAILABLE,
                      "retry after a restart"));
  EXPECT_FALSE(later.has_dossier());

  RestartOnHealthyDisk();
  v1::DossierResponse got;
  ASSERT_TRUE(Get(first.code(), &got).ok());
  EXPECT_EQ(got.dossier().code(), first.code());
  ASSERT_TRUE(Get(second.code(), &got).ok());
  EXPECT_EQ(got.dossier().status(), second.status());
}

TEST_F(DeadlineStoreFaultTest, AReceiveWhoseWriteFailedIsNotThereAfterARestart) {
  OpenOnFailingDisk();
  ASSERT_EQ(MustReceive().code(), "000.17.22.H56-260302-0001");
  fs_->Inject(WalFault::kWrite);
  v1::ReceiveDossierResponse resp;
  EXPECT_TRUE(HasCode(Receive(ReceiveRequest(kCopy), &resp), grpc::StatusCode::UNAVAILABLE, "storage"));
  EXPECT_FALSE(resp.has_dossier());

  RestartOnHealthyDisk();
  v1::DossierResponse got;
  EXPECT_TRUE(Get("000.17.22.H56-260302-0001", &got).ok());
  EXPECT_TRUE(HasCode(Get("000.17.22.H56-260302-0002", &got), grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(MustReceive().code(), "000.17.22.H56-260302-0002");
}

TEST_F(DeadlineStoreFaultTest, AFullDiskIsReportedAsSuch) {
  OpenOnFailingDisk();
  const v1::Dossier first = MustReceive();
  fs_->Inject(WalFault::kNoSpace);
  v1::ReceiveDossierResponse resp;
  EXPECT_TRUE(HasCode(Receive(ReceiveRequest(kCopy), &resp), grpc::StatusCode::UNAVAILABLE, "No space"));
  EXPECT_FALSE(resp.has_dossier());
  RestartOnHealthyDisk();
  v1::DossierResponse got;
  EXPECT_TRUE(Get(first.code(), &got).ok());
}

}  // namespace
}  // namespace qms::service::test

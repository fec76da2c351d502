// GroupCommitWriter on a failing disk (failing_env.h): a failed sync, a
// failed write and a full disk each put the writer in its failed state, with
// UNAVAILABLE for that group and every later one; what was acknowledged
// before the fault is there after a reopen on a healthy disk.
#include <gtest/gtest.h>

#include <future>

#include "storage/group_commit_writer.h"
#include "storage/keys.h"
#include "tests/storage/failing_env.h"
#include "tests/support/temp_dir.h"

namespace qms::storage {
namespace {

using qms::testing::FailingWalFs;
using qms::testing::WalFault;

class WriterFaultTest : public ::testing::TestWithParam<WalFault> {
 protected:
  void Open(rocksdb::Env* env) {
    StoreOptions options;
    options.path = dir_.path();
    options.env = env;
    auto store = Store::Open(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    writer_ = std::make_unique<GroupCommitWriter>(store_.get());
  }
  void Close() {
    writer_.reset();
    store_.reset();
  }
  // Submits one ticket put and waits for its callback's status.
  Status Write(uint32_t seq) {
    WriteSet w;
    w.Put(Cf::kTickets, TicketKey(1, 20250701, seq), "ticket " + std::to_string(seq));
    std::promise<Status> done;
    writer_->Submit(std::move(w), [&done](const Status& s) { done.set_value(s); });
    return done.get_future().get();
  }
  std::string Read(uint32_t seq) {
    std::string value;
    Status s = store_->Get(Cf::kTickets, TicketKey(1, 20250701, seq), &value);
    return s.ok() ? value : s.ToString();
  }

  qms::test::TempDir dir_;
  std::shared_ptr<FailingWalFs> fs_ = std::make_shared<FailingWalFs>();
  std::unique_ptr<rocksdb::Env> env_ = rocksdb::NewCompositeEnv(fs_);
  std::unique_ptr<Store> store_;
  std::unique_ptr<GroupCommitWriter> writer_;
};

TEST_P(WriterFaultTest, AFailedWriteFailsTheWriterAndKeepsWhatWasAcknowledged) {
  Open(env_.get());
  ASSERT_TRUE(Write(1).ok());
  ASSERT_TRUE(Write(2).ok());
  EXPECT_FALSE(writer_->failed());

  fs_->Inject(GetParam());
  const Status failed = Write(3);
  EXPECT_EQ(failed.code(), StatusCode::kUnavailable);
  EXPECT_NE(failed.message().find("storage write failed"), std::string::npos) << failed.message();
  EXPECT_GT(fs_->failures(), 0);
  EXPECT_TRUE(writer_->failed());

  // Failed is final, also once the disk works again: the callback runs at
  // once with the first failure, and nothing more is written.
  fs_->Inject(WalFault::kNone);
  const int failures = fs_->failures();
  const Status later = Write(4);
  EXPECT_EQ(later.code(), StatusCode::kUnavailable);
  EXPECT_EQ(later.message(), failed.message());
  EXPECT_EQ(writer_->Flush().code(), StatusCode::kUnavailable);
  EXPECT_EQ(fs_->failures(), failures);

  fs_->Inject(GetParam());  // stop as the failing process would
  Close();
  fs_->Inject(WalFault::kNone);
  Open(nullptr);  // the default Env: a healthy disk
  EXPECT_EQ(Read(1), "ticket 1");
  EXPECT_EQ(Read(2), "ticket 2");
  EXPECT_EQ(Read(4).substr(0, 9), "NOT_FOUND") << "a write refused after the failure reached the disk";
  ASSERT_TRUE(Write(5).ok());
  EXPECT_FALSE(writer_->failed());
}

INSTANTIATE_TEST_SUITE_P(Faults, WriterFaultTest,
                         ::testing::Values(WalFault::kSync, WalFault::kWrite, WalFault::kNoSpace),
                         [](const ::testing::TestParamInfo<WalFault>& info) {
                           switch (info.param) {
                             case WalFault::kSync: return "Sync";
                             case WalFault::kWrite: return "Write";
                             case WalFault::kNoSpace: return "NoSpace";
                             default: return "Other";
                           }
                         });

TEST(WriterFaultMessage, AFullDiskSaysSo) {
  qms::test::TempDir dir;
  auto fs = std::make_shared<FailingWalFs>();
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
  StoreOptions options;
  options.path = dir.path();
  options.env = env.get();
  auto store = Store::Open(options);
  ASSERT_TRUE(store.ok());
  GroupCommitWriter writer(store->get());
  fs->Inject(WalFault::kNoSpace);
  WriteSet w;
  w.Put(Cf::kMeta, "k", "v");
  std::promise<Status> done;
  writer.Submit(std::move(w), [&done](const Status& s) { done.set_value(s); });
  const Status s = done.get_future().get();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("No space"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace qms::storage

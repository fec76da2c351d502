#include "storage/group_commit_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "storage/keys.h"
#include "tests/support/temp_dir.h"

namespace qms::storage {
namespace {

class GroupCommitWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions options;
    options.path = dir_.path();
    auto store = Store::Open(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }

  std::string Read(const std::string& key) {
    std::string value;
    Status s = store_->Get(Cf::kTickets, key, &value);
    return s.ok() ? value : "<" + s.ToString() + ">";
  }

  qms::test::TempDir dir_;
  std::unique_ptr<Store> store_;
};

WriteSet OnePut(const std::string& key, const std::string& value) {
  WriteSet w;
  w.Put(Cf::kTickets, key, value);
  return w;
}

TEST_F(GroupCommitWriterTest, ConcurrentWritersAreAllDurableAndAcknowledged) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 500;
  std::atomic<int> acknowledged{0};
  std::atomic<int> failed{0};
  {
    GroupCommitWriter writer(store_.get());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          writer.Submit(OnePut(TicketKey(t, 20250701, i), std::to_string(t * 100000 + i)),
                        [&](const Status& s) { (s.ok() ? acknowledged : failed)++; });
        }
      });
    }
    for (auto& th : threads) th.join();
    ASSERT_TRUE(writer.Flush().ok());
    const GroupCommitStats stats = writer.stats();
    EXPECT_EQ(stats.operations, static_cast<uint64_t>(kThreads * kPerThread + 1));
    // 4,001 operations from 8 threads cannot each get their own fsync.
    EXPECT_LT(stats.groups, stats.operations) << "operations submitted during a sync share the next one";
    EXPECT_GT(stats.max_group, 1u);
  }
  EXPECT_EQ(acknowledged, kThreads * kPerThread);
  EXPECT_EQ(failed, 0);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; i += 97)
      EXPECT_EQ(Read(TicketKey(t, 20250701, i)), std::to_string(t * 100000 + i));
  }
}

TEST_F(GroupCommitWriterTest, WritesGoOnWhileACallbackIsSlow) {
  GroupCommitWriter writer(store_.get());
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  // The first callback holds the callback thread. Writing must go on: the
  // next groups reach the disk while their replies wait, in order.
  writer.Submit(OnePut("first", "1"), [&](const Status&) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return release; });
  });
  std::vector<int> order;
  std::mutex order_mu;
  for (int i = 0; i < 100; ++i) {
    writer.Submit(OnePut("k" + std::to_string(i), "v"), [&, i](const Status& s) {
      ASSERT_TRUE(s.ok());
      std::lock_guard<std::mutex> lock(order_mu);
      order.push_back(i);
    });
  }
  // Bounded wait (at most 10 s) for the last write while the callback is held.
  std::string last = Read("k99");
  for (int tries = 0; tries < 1000 && last != "v"; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    last = Read("k99");
  }
  EXPECT_EQ(last, "v") << "a slow callback must not stop later writes";
  {
    std::lock_guard<std::mutex> lock(order_mu);
    EXPECT_TRUE(order.empty()) << "no callback may overtake the held one";
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  ASSERT_TRUE(writer.Flush().ok());
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i) << "callbacks run in submission order";
}

TEST_F(GroupCommitWriterTest, EmptyWriteSetIsABarrierAfterEarlierWrites) {
  GroupCommitWriter writer(store_.get());
  std::promise<std::string> seen;
  writer.Submit(OnePut("a", "1"), [](const Status&) {});
  writer.Submit(WriteSet(), [&](const Status& s) { seen.set_value(s.ok() ? Read("a") : s.ToString()); });
  EXPECT_EQ(seen.get_future().get(), "1");
}

TEST_F(GroupCommitWriterTest, DataSurvivesReopen) {
  {
    GroupCommitWriter writer(store_.get());
    writer.Submit(OnePut(TicketKey(1, 20250701, 1), "ticket"), [](const Status&) {});
    ASSERT_TRUE(writer.Flush().ok());
  }
  store_.reset();
  StoreOptions options;
  options.path = dir_.path();
  auto reopened = Store::Open(options);
  ASSERT_TRUE(reopened.ok());
  store_ = std::move(*reopened);
  EXPECT_EQ(Read(TicketKey(1, 20250701, 1)), "ticket");
}

TEST_F(GroupCommitWriterTest, ScanStopsAtItsUpperBound) {
  {
    GroupCommitWriter writer(store_.get());
    for (uint32_t day : {20250630u, 20250701u, 20250702u}) {
      for (uint32_t seq = 1; seq <= 3; ++seq)
        writer.Submit(OnePut(TicketKey(9, day, seq), "x"), [](const Status&) {});
    }
    ASSERT_TRUE(writer.Flush().ok());
  }
  const std::string prefix = CentreDayPrefix(9, 20250701);
  int n = 0;
  for (auto it = store_->Scan(Cf::kTickets, prefix, PrefixUpperBound(prefix)); it->Valid(); it->Next()) {
    TicketKeyParts parts;
    ASSERT_TRUE(ParseTicketKey(it->key(), &parts));
    EXPECT_EQ(parts.service_day, 20250701u);
    ++n;
  }
  EXPECT_EQ(n, 3);
}

TEST_F(GroupCommitWriterTest, MissingValueIsNotFound) {
  std::string value;
  EXPECT_EQ(store_->Get(Cf::kTickets, "nope", &value).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace qms::storage

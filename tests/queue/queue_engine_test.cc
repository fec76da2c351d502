// The engine on a real RocksDB: durability, recovery, day rollover, watch
// fan-out and resumption, timers and concurrency.
#include "services/queue/queue_engine.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <boost/asio/io_context.hpp>
#include <future>
#include <set>
#include <thread>

#include "services/base/periodic_timer.h"
#include "storage/keys.h"
#include "tests/queue/engine_on_disk.h"
#include "tests/queue/test_config.h"
#include "tests/support/temp_dir.h"

namespace qms::queue {
namespace {

using testing::GoLiveAt;
using testing::MakeCentre;

class RecordingSubscriber : public EventSubscriber {
 public:
  void OnEvent(const EventPtr& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(e);
  }
  std::vector<EventPtr> events() {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }

 private:
  std::mutex mu_;
  std::vector<EventPtr> events_;
};

class QueueEngineTest : public ::testing::Test {
 protected:
  QueueEngineTest() : clock_(GoLiveAt(8, 0)) { config_.centres = {MakeCentre("9187"), MakeCentre("11413")}; }
  void SetUp() override { Start(); }
  void TearDown() override { Stop(); }

  void Start() {
    storage::StoreOptions options;
    options.path = dir_.path();
    const Status opened = testing::OpenEngineOnDisk(&config_, &clock_, options, &disk_, load_);
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    auto stats = engine_->Recover();
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    recovery_ = *stats;
  }
  void Stop() { testing::CloseEngineOnDisk(&disk_); }
  void Restart() {
    Stop();
    Start();
  }

  std::pair<Status, OpResult> Run(const std::string& centre, const CentreOp& op) {
    std::promise<std::pair<Status, OpResult>> done;
    engine_->Execute(centre, op, [&](const Status& s, const OpResult& r) { done.set_value({s, r}); });
    return done.get_future().get();
  }
  std::string Issue(const std::string& centre, const std::string& field, const std::string& request_id) {
    auto [s, r] = Run(centre, [=](Centre& c, MicrosUtc now, Change* ch) {
      return c.Issue({field, v1::NORMAL, v1::KIOSK, request_id, ""}, now, ch);
    });
    return s.ok() ? r.ticket.number() : s.ToString();
  }
  Status Counter(const std::string& centre, Status (Centre::*op)(const CounterAction&, MicrosUtc, Change*),
                 const std::string& counter, std::string* number = nullptr) {
    auto [s, r] = Run(centre, [=](Centre& c, MicrosUtc now, Change* ch) {
      return (c.*op)({counter, "clerk", "", ""}, now, ch);
    });
    if (number) *number = r.ticket.number();
    return s;
  }
  v1::Ticket Get(const std::string& centre, const std::string& number) {
    auto [s, r] = Run(centre, [=](Centre& c, MicrosUtc, Change* ch) {
      auto seq = c.FindTicket(number);
      if (!seq.ok()) return seq.status();
      ch->primary_ticket = *seq;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return r.ticket;
  }

  qms::test::TempDir dir_;
  config::SystemConfig config_;
  ManualClock clock_;
  testing::EngineOnDisk disk_;
  std::unique_ptr<storage::Store>& store_ = disk_.store;
  std::unique_ptr<storage::GroupCommitWriter>& writer_ = disk_.writer;
  std::unique_ptr<QueueEngine>& engine_ = disk_.engine;
  RecoveryStats recovery_;
  LoadLimits load_;  // the engine's at the next Start()
};

TEST_F(QueueEngineTest, UnknownCentreIsNotFound) {
  EXPECT_EQ(Issue("1", "chung_thuc", "r").substr(0, 9), "NOT_FOUND");
}

TEST_F(QueueEngineTest, RestartRebuildsQueuesCountersAndNumbering) {
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(kMicrosPerMinute);
    EXPECT_EQ(Issue("9187", "chung_thuc", "a" + std::to_string(i)), "A00" + std::to_string(i + 1));
  }
  EXPECT_EQ(Issue("9187", "ho_tich", "b0"), "B001");
  ASSERT_TRUE(Counter("9187", &Centre::OpenCounter, "1").ok());
  std::string called;
  ASSERT_TRUE(Counter("9187", &Centre::CallNext, "1", &called).ok());
  EXPECT_EQ(called, "A001");
  Restart();
  EXPECT_EQ(recovery_.tickets, 6u);
  EXPECT_EQ(Get("9187", "A001").state(), v1::CALLED);
  EXPECT_EQ(Get("9187", "A001").counter_id(), "1");
  EXPECT_EQ(Get("9187", "A003").state(), v1::WAITING);
  EXPECT_EQ(Issue("9187", "chung_thuc", "a9"), "A006") << "numbering continues after a restart";
  EXPECT_EQ(Issue("9187", "chung_thuc", "a0"), "A001") << "idempotency survives a restart";
  ASSERT_TRUE(Counter("9187", &Centre::Complete, "1").ok()) << "counter 1 is still open with A001";
  for (const char* expected : {"A002", "A003", "A004", "A005", "A006"}) {
    std::string n;
    ASSERT_TRUE(Counter("9187", &Centre::CallNext, "1", &n).ok());
    EXPECT_EQ(n, expected) << "waiting order survives a restart";
    ASSERT_TRUE(Counter("9187", &Centre::Complete, "1").ok());
  }
}

TEST_F(QueueEngineTest, RestartOnALaterDayExpiresYesterdaysLeftovers) {
  Issue("9187", "chung_thuc", "x1");
  Issue("9187", "chung_thuc", "x2");
  Issue("11413", "ho_tich", "y1");
  Stop();
  clock_.Set(LocalMoment({2025, 7, 2}, 8 * 60));
  Start();
  EXPECT_EQ(recovery_.expired_from_earlier_day, 3u);
  EXPECT_EQ(recovery_.tickets, 0u);
  EXPECT_EQ(Issue("9187", "chung_thuc", "x1"), "A001") << "a new day: new numbers, request ids fresh";
  storage::TicketRecord record;
  std::string value;
  ASSERT_TRUE(store_->Get(storage::Cf::kTickets, storage::TicketKey(9187, 20250701, 2), &value).ok());
  ASSERT_TRUE(record.ParseFromString(value));
  EXPECT_EQ(record.ticket().state(), v1::EXPIRED);
  Restart();
  EXPECT_EQ(recovery_.expired_from_earlier_day, 0u) << "expiry is done once";
}

TEST_F(QueueEngineTest, TickRollsOverAtMidnightAndPublishesExpiry) {
  Issue("9187", "chung_thuc", "x1");
  RecordingSubscriber board;
  v1::CentreEvent snapshot;
  ASSERT_TRUE(engine_->Watch("9187", 0, &board, &snapshot).ok());
  clock_.Set(LocalMoment({2025, 7, 2}, 0) + kMicrosPerSecond);
  engine_->Tick();
  ASSERT_TRUE(writer_->Flush().ok());
  auto events = board.events();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front()->kind(), v1::EXPIRED_EVENT);
  EXPECT_EQ(events.front()->ticket().number(), "A001");
  engine_->Unwatch("9187", &board);
}

TEST_F(QueueEngineTest, WatchGivesASnapshotThenEveryEventInOrder) {
  Issue("9187", "chung_thuc", "r1");
  RecordingSubscriber board;
  v1::CentreEvent snapshot;
  ASSERT_TRUE(engine_->Watch("9187", 0, &board, &snapshot).ok());
  ASSERT_TRUE(snapshot.has_snapshot());
  EXPECT_EQ(snapshot.seq(), 1u);
  EXPECT_EQ(snapshot.snapshot().queues(0).waiting(), 1u);
  Issue("9187", "chung_thuc", "r2");
  Issue("11413", "chung_thuc", "other centre");
  ASSERT_TRUE(Counter("9187", &Centre::OpenCounter, "1").ok());
  ASSERT_TRUE(Counter("9187", &Centre::CallNext, "1").ok());
  auto events = board.events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]->kind(), v1::ISSUED);
  EXPECT_EQ(events[0]->queues(0).waiting(), 2u);
  EXPECT_EQ(events[1]->kind(), v1::COUNTER_OPENED);
  EXPECT_EQ(events[2]->kind(), v1::CALLED_EVENT);
  EXPECT_EQ(events[2]->ticket().number(), "A001");
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i]->seq(), 2 + i);
  engine_->Unwatch("9187", &board);
  Issue("9187", "chung_thuc", "r3");
  EXPECT_EQ(board.events().size(), 3u) << "no events after Unwatch";
}

TEST_F(QueueEngineTest, ResumeReplaysMissedEventsOrFallsBackToASnapshot) {
  for (int i = 0; i < 5; ++i) Issue("9187", "chung_thuc", "r" + std::to_string(i));
  RecordingSubscriber resumed;
  v1::CentreEvent snapshot;
  ASSERT_TRUE(engine_->Watch("9187", 2, &resumed, &snapshot).ok());
  EXPECT_FALSE(snapshot.has_snapshot());
  auto events = resumed.events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]->seq(), 3u);
  EXPECT_EQ(events[2]->seq(), 5u);
  engine_->Unwatch("9187", &resumed);

  Restart();  // kept events are gone; resuming from before the restart needs a snapshot
  RecordingSubscriber after_restart;
  ASSERT_TRUE(engine_->Watch("9187", 2, &after_restart, &snapshot).ok());
  EXPECT_TRUE(snapshot.has_snapshot());
  EXPECT_EQ(snapshot.seq(), 5u) << "event numbers continue across restarts";
  EXPECT_TRUE(after_restart.events().empty());
  engine_->Unwatch("9187", &after_restart);
}

TEST_F(QueueEngineTest, AsioTimerMarksNoShowWithoutAnyRequest) {
  config_.centres[0].policy.auto_no_show_minutes = 2;
  Restart();
  Issue("9187", "chung_thuc", "r1");
  ASSERT_TRUE(Counter("9187", &Centre::OpenCounter, "1").ok());
  ASSERT_TRUE(Counter("9187", &Centre::CallNext, "1").ok());
  clock_.Advance(3 * kMicrosPerMinute);
  boost::asio::io_context io;
  PeriodicTimer timers(io, std::chrono::milliseconds(5), [this] { engine_->Tick(); });
  timers.Start();
  for (int i = 0; i < 400 && timers.ticks() < 2; ++i) io.run_for(std::chrono::milliseconds(5));
  timers.Stop();
  io.run_for(std::chrono::milliseconds(10));
  ASSERT_GE(timers.ticks(), 1u);
  ASSERT_TRUE(writer_->Flush().ok());
  EXPECT_EQ(Get("9187", "A001").state(), v1::NO_SHOW);
}

TEST_F(QueueEngineTest, ConcurrentIssuesGetUniqueNumbersAndAllSurvive) {
  config_.centres[0].policy.accept_outside_hours = true;
  config_.centres[1].policy.accept_outside_hours = true;
  for (auto& c : config_.centres) c.policy.stop_when_wait_past_closing = false;
  Restart();
  constexpr int kThreads = 6;
  constexpr int kEach = 200;
  std::mutex mu;
  std::set<std::string> numbers;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string centre = t % 2 ? "9187" : "11413";
      for (int i = 0; i < kEach; ++i) {
        std::promise<void> done;
        engine_->Execute(
            centre,
            [=](Centre& c, MicrosUtc now, Change* ch) {
              return c.Issue({"chung_thuc", v1::NORMAL, v1::KIOSK, std::to_string(t * kEach + i), ""}, now,
                             ch);
            },
            [&, centre](const Status& s, const OpResult& r) {
              if (!s.ok()) {
                failures++;
              } else {
                std::lock_guard<std::mutex> lock(mu);
                EXPECT_TRUE(numbers.insert(centre + "/" + r.ticket.number()).second) << r.ticket.number();
              }
              done.set_value();
            });
        done.get_future().wait();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(numbers.size(), static_cast<size_t>(kThreads * kEach));
  Restart();
  EXPECT_EQ(recovery_.tickets, static_cast<size_t>(kThreads * kEach));
}

TEST_F(QueueEngineTest, CitizenHashIsSaltedStableAndNeverTheNumber) {
  const std::string id = "001099012345";
  const std::string h = engine_->HashCitizen(id);
  EXPECT_EQ(h.size(), 32u);
  EXPECT_EQ(h.find(id), std::string::npos);
  // Not the number's plain SHA-256 either: anyone could hash the few
  // billion possible numbers and read them back.
  unsigned char plain[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(id.data()), id.size(), plain);
  EXPECT_NE(h, std::string(reinterpret_cast<const char*>(plain), sizeof plain)) << "no salt went in";
  EXPECT_NE(engine_->HashCitizen("001099012346"), h);
  EXPECT_EQ(engine_->HashCitizen(id), h);
  Restart();
  EXPECT_EQ(engine_->HashCitizen(id), h) << "the salt is kept in the store";

  // Another store draws its own salt: the same number hashes differently.
  qms::test::TempDir other_dir;
  storage::StoreOptions options;
  options.path = other_dir.path();
  auto other_store = storage::Store::Open(options);
  ASSERT_TRUE(other_store.ok()) << other_store.status().ToString();
  storage::GroupCommitWriter other_writer(other_store->get());
  QueueEngine other(&config_, other_store->get(), &other_writer, &clock_);
  ASSERT_TRUE(other.Recover().ok());
  EXPECT_NE(other.HashCitizen(id), h) << "a salt of its own";
}

}  // namespace
}  // namespace qms::queue

namespace qms::queue {
namespace {

// A call made while the server holds its maximum in flight is shed at once,
// doing nothing: no ticket, no number used; once the first is answered the
// room is back. (The first call is in flight while its op runs; the second
// is made from inside it, for another centre.)
TEST_F(QueueEngineTest, ACallPastTheLoadBoundIsShedAndDoesNothing) {
  load_ = LoadLimits{/*max_in_flight=*/1, /*busy_in_flight=*/1, /*centre_floor=*/1};
  Restart();
  std::promise<Status> inner;
  auto [outer, result] = Run("9187", [&](Centre& c, MicrosUtc now, Change* ch) {
    engine_->Execute(
        "11413",
        [](Centre& other, MicrosUtc at, Change* change) {
          return other.Issue({"ho_tich", v1::NORMAL, v1::KIOSK, "shed-1", ""}, at, change);
        },
        [&](const Status& s, const OpResult&) { inner.set_value(s); });
    return c.Issue({"ho_tich", v1::NORMAL, v1::KIOSK, "kept-1", ""}, now, ch);
  });
  ASSERT_TRUE(outer.ok()) << outer.ToString();
  const Status shed = inner.get_future().get();
  EXPECT_EQ(shed.code(), StatusCode::kResourceExhausted) << shed.ToString();
  EXPECT_NE(shed.message().find("retry in"), std::string::npos) << shed.message();
  EXPECT_EQ(engine_->load().shed(), 1u);
  EXPECT_EQ(engine_->load().in_flight(), 0) << "the answered call gave its room back";
  // Nothing of the shed call happened: the other centre's first number is still free.
  EXPECT_EQ(Issue("11413", "ho_tich", "after"), result.ticket.number());
}

}  // namespace
}  // namespace qms::queue

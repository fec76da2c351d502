// WatchService over an in-process channel: the snapshot on connect, events
// in sequence order, resumption, fan-out to many boards, and a board that
// never reads, which must not slow the queue. Loops are bounded and nothing
// is timed; every stream has a deadline.
#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;
using Stub = v1::CounterService::Stub;

class WatchServiceTest : public QueueServiceTest {
 protected:
  // Reads the next message, which must be an event (not a snapshot) of `kind`.
  v1::CentreEvent ExpectEvent(Watcher* w, v1::EventKind kind) {
    v1::CentreEvent e;
    EXPECT_TRUE(w->Next(&e)) << "stream ended, expected " << v1::EventKind_Name(kind);
    EXPECT_EQ(e.kind(), kind) << e.ShortDebugString();
    EXPECT_FALSE(e.has_snapshot());
    return e;
  }
  v1::CentreEvent ExpectSnapshot(Watcher* w) {
    v1::CentreEvent e;
    EXPECT_TRUE(w->Next(&e)) << "stream ended before its snapshot";
    EXPECT_TRUE(e.has_snapshot()) << e.ShortDebugString();
    return e;
  }
};

TEST_F(WatchServiceTest, FirstMessageIsASnapshotOfQueuesAndCounters) {
  MustIssue(kFieldA);
  MustIssue(kFieldA, v1::PRIORITY);
  MustIssue(kFieldB);
  MustOpen("1");
  MustCallNext("1");  // A002, the priority ticket
  auto w = Watch(kCentre);
  const v1::CentreEvent first = ExpectSnapshot(w.get());
  EXPECT_EQ(first.seq(), 5u);  // 3 issued, 1 opened, 1 called
  EXPECT_EQ(first.at_us(), TuesdayAt(8, 0));
  const v1::CentreSnapshot& s = first.snapshot();
  EXPECT_EQ(s.service_day(), 20250701u);
  ASSERT_EQ(s.queues_size(), 3);
  EXPECT_EQ(FindQueue(s, kFieldA)->waiting(), 1u);
  EXPECT_EQ(FindQueue(s, kFieldA)->priority_waiting(), 0u);
  EXPECT_EQ(FindQueue(s, kFieldB)->waiting(), 1u);
  EXPECT_EQ(FindQueue(s, kFieldC)->waiting(), 0u);
  EXPECT_FALSE(FindQueue(s, kFieldC)->issuing_stopped());
  ASSERT_EQ(s.counters_size(), 4);
  EXPECT_EQ(FindCounter(s, "1")->state(), v1::OPEN);
  EXPECT_EQ(FindCounter(s, "1")->current_number(), "A002");
  EXPECT_EQ(FindCounter(s, "2")->state(), v1::CLOSED);
  EXPECT_TRUE(FindCounter(s, "9")->priority_counter());
  ASSERT_EQ(s.active_size(), 1);
  EXPECT_EQ(s.active(0).number(), "A002");
  EXPECT_EQ(s.active(0).state(), v1::CALLED);
}

TEST_F(WatchServiceTest, EventsFollowInStrictSequenceWithTheRightKinds) {
  auto w = Watch(kCentre);
  const uint64_t start = ExpectSnapshot(w.get()).seq();
  EXPECT_EQ(start, 0u);

  MustIssue(kFieldA);
  v1::CentreEvent e = ExpectEvent(w.get(), v1::ISSUED);
  EXPECT_EQ(e.ticket().number(), "A001");
  ASSERT_EQ(e.queues_size(), 1);
  EXPECT_EQ(e.queues(0).field_id(), kFieldA);
  EXPECT_EQ(e.queues(0).waiting(), 1u);
  uint64_t last = e.seq();
  EXPECT_EQ(last, start + 1);

  MustOpen("1");
  MustCallNext("1");
  MustAct(&Stub::Recall, "1");
  MustAct(&Stub::StartServing, "1");
  clock_.Advance(5 * kMicrosPerMinute);
  MustAct(&Stub::Complete, "1");
  v1::CounterResponse counter;
  ASSERT_TRUE(CounterCall(&Stub::PauseCounter, "1", &counter, "clerk-1", "lunch").ok());

  const std::vector<v1::EventKind> kinds = {v1::COUNTER_OPENED,  v1::CALLED_EVENT, v1::RECALLED,
                                            v1::SERVING_STARTED, v1::COMPLETED,    v1::COUNTER_PAUSED};
  for (v1::EventKind kind : kinds) {
    e = ExpectEvent(w.get(), kind);
    EXPECT_EQ(e.seq(), last + 1) << v1::EventKind_Name(kind);
    last = e.seq();
    if (kind == v1::COUNTER_OPENED || kind == v1::COUNTER_PAUSED) {
      EXPECT_EQ(e.counter().counter_id(), "1");
    } else {
      EXPECT_EQ(e.ticket().number(), "A001");
      EXPECT_EQ(e.counter_id(), "1");
      EXPECT_EQ(e.clerk_id(), "clerk-1");
    }
  }
  EXPECT_EQ(e.counter().state(), v1::PAUSED);
  EXPECT_EQ(e.reason(), "lunch");
}

TEST_F(WatchServiceTest, TransferAndCancelEvents) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  MustOpen("1");
  MustCallNext("1");
  auto w = Watch(kCentre);
  ExpectSnapshot(w.get());
  v1::TransferRequest req;
  req.set_centre_id(kCentre);
  req.set_counter_id("1");
  req.set_to_field_id(kFieldB);
  v1::TicketResponse resp;
  ASSERT_TRUE(Transfer(req, &resp).ok());
  v1::CentreEvent e = ExpectEvent(w.get(), v1::TRANSFERRED_EVENT);
  EXPECT_EQ(e.from_field_id(), kFieldA);
  EXPECT_EQ(e.ticket().field_id(), kFieldB);
  EXPECT_EQ(e.queues_size(), 2);  // both fields it touched
  ASSERT_TRUE(Cancel("A002", &resp, "left").ok());
  e = ExpectEvent(w.get(), v1::CANCELLED_EVENT);
  EXPECT_EQ(e.reason(), "left");
  EXPECT_EQ(e.queues(0).waiting(), 0u);
}

TEST_F(WatchServiceTest, ResumeReplaysExactlyTheMissedEvents) {
  uint64_t seen = 0;
  {
    auto w = Watch(kCentre);
    ExpectSnapshot(w.get());
    MustIssue(kFieldA);
    MustIssue(kFieldA);
    ExpectEvent(w.get(), v1::ISSUED);
    seen = ExpectEvent(w.get(), v1::ISSUED).seq();
  }  // the board loses its connection
  MustIssue(kFieldB);
  MustOpen("2");
  MustCallNext("2");

  auto w = Watch(kCentre, seen);
  v1::CentreEvent e = ExpectEvent(w.get(), v1::ISSUED);  // no snapshot first
  EXPECT_EQ(e.seq(), seen + 1);
  EXPECT_EQ(e.ticket().number(), "B001");
  EXPECT_EQ(ExpectEvent(w.get(), v1::COUNTER_OPENED).seq(), seen + 2);
  EXPECT_EQ(ExpectEvent(w.get(), v1::CALLED_EVENT).seq(), seen + 3);
  // Then live events, with no gap and no repeat.
  MustIssue(kFieldC);
  e = ExpectEvent(w.get(), v1::ISSUED);
  EXPECT_EQ(e.seq(), seen + 4);
  EXPECT_EQ(e.ticket().number(), "C001");
}

TEST_F(WatchServiceTest, ResumeWithNothingMissedGetsOnlyLiveEvents) {
  MustIssue(kFieldA);
  const uint64_t last = Snapshot().seq();
  auto w = Watch(kCentre, last);
  MustIssue(kFieldA);
  const v1::CentreEvent e = ExpectEvent(w.get(), v1::ISSUED);
  EXPECT_EQ(e.seq(), last + 1);
  EXPECT_EQ(e.ticket().number(), "A002");
}

TEST_F(WatchServiceTest, ResumeFromAnUnknownSeqGetsASnapshot) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  auto w = Watch(kCentre, 1000);  // never issued
  const v1::CentreEvent first = ExpectSnapshot(w.get());
  EXPECT_EQ(first.seq(), 2u);
  EXPECT_EQ(FindQueue(first.snapshot(), kFieldA)->waiting(), 2u);
  MustIssue(kFieldA);
  EXPECT_EQ(ExpectEvent(w.get(), v1::ISSUED).seq(), 3u);
}

TEST_F(WatchServiceTest, ResumeFromASeqNoLongerKeptGetsASnapshot) {
  // The engine keeps the last 256 events per centre.
  ASSERT_EQ(IssueMany(kBulkCentre, kFieldA, 300).size(), 300u);
  auto w = Watch(kBulkCentre, 1);
  const v1::CentreEvent first = ExpectSnapshot(w.get());
  EXPECT_EQ(first.seq(), 300u);
  EXPECT_EQ(FindQueue(first.snapshot(), kFieldA)->waiting(), 300u);
  // A resume inside the kept window still replays.
  auto recent = Watch(kBulkCentre, 290);
  for (uint64_t seq = 291; seq <= 300; ++seq) EXPECT_EQ(ExpectEvent(recent.get(), v1::ISSUED).seq(), seq);
}

TEST_F(WatchServiceTest, DayRolloverExpiresTheOldDayForBoards) {
  MustIssue(kFieldA);
  MustOpen("1");
  MustCallNext("1");
  MustIssue(kFieldA);
  auto w = Watch(kCentre);
  const uint64_t start = ExpectSnapshot(w.get()).seq();
  clock_.Set(LocalMoment(LocalDate{2025, 7, 2}, 8 * 60));
  const v1::Ticket fresh = MustIssue(kFieldA).ticket();
  EXPECT_EQ(fresh.number(), "A001");
  EXPECT_EQ(fresh.service_day(), 20250702u);
  // Yesterday's two tickets expire and its open counter closes, then the
  // new day's first ticket: one sequence across the day boundary.
  std::vector<v1::EventKind> kinds;
  uint64_t last = start;
  for (int i = 0; i < 4; ++i) {
    v1::CentreEvent e;
    ASSERT_TRUE(w->Next(&e));
    EXPECT_EQ(e.seq(), last + 1);
    last = e.seq();
    kinds.push_back(e.kind());
    if (e.kind() == v1::EXPIRED_EVENT) {
      EXPECT_EQ(e.ticket().service_day(), 20250701u);
    }
  }
  EXPECT_THAT(kinds,
              ::testing::ElementsAre(v1::EXPIRED_EVENT, v1::EXPIRED_EVENT, v1::COUNTER_CLOSED, v1::ISSUED));
  const v1::CentreEvent now = Snapshot();
  EXPECT_EQ(now.snapshot().service_day(), 20250702u);
  EXPECT_EQ(now.snapshot().active_size(), 0);
}

TEST_F(WatchServiceTest, RefusesUnknownAndMalformedCentres) {
  struct Case {
    std::string centre;
    StatusCode code;
  };
  for (const Case& c : {Case{kUnknownCentre, StatusCode::NOT_FOUND}, Case{"", StatusCode::INVALID_ARGUMENT},
                        Case{"ward-5", StatusCode::INVALID_ARGUMENT}}) {
    auto w = Watch(c.centre);
    v1::CentreEvent e;
    EXPECT_FALSE(w->Next(&e)) << "centre \"" << c.centre << "\"";
    EXPECT_TRUE(HasCode(w->Finish(), c.code, c.centre.empty() ? "centre_id" : "")) << c.centre;
  }
}

TEST_F(WatchServiceTest, FiftyWatchersAllReceiveTheEvent) {
  constexpr int kWatchers = 50;
  std::vector<std::unique_ptr<Watcher>> watchers;
  for (int i = 0; i < kWatchers; ++i) {
    watchers.push_back(Watch(kCentre));
    ExpectSnapshot(watchers.back().get());
  }
  const auto issued = MustIssue(kFieldA);
  MustOpen("1");
  for (auto& w : watchers) {
    const v1::CentreEvent e = ExpectEvent(w.get(), v1::ISSUED);
    EXPECT_EQ(e.ticket().number(), issued.ticket().number());
    EXPECT_EQ(ExpectEvent(w.get(), v1::COUNTER_OPENED).seq(), e.seq() + 1);
  }
}

TEST_F(WatchServiceTest, AStalledWatcherDoesNotBlockIssuing) {
  constexpr int kTickets = 3000;
  // A board that connects and then never reads.
  auto stalled = Watch(kBulkCentre, 0, 120);
  ASSERT_EQ(IssueMany(kBulkCentre, kFieldA, kTickets).size(), static_cast<size_t>(kTickets));
  // The queue went on: every ticket is there, and other boards see them.
  const v1::CentreEvent now = Snapshot(kBulkCentre);
  EXPECT_EQ(now.seq(), static_cast<uint64_t>(kTickets));
  EXPECT_EQ(FindQueue(now.snapshot(), kFieldA)->waiting(), static_cast<uint32_t>(kTickets));
  EXPECT_EQ(MustGet("A3000", kBulkCentre).ticket().state(), v1::WAITING);

  // The stalled board, read at last, has either everything in order or was
  // cut off (it fell behind) and told to resume.
  v1::CentreEvent e;
  ASSERT_TRUE(stalled->Next(&e));
  ASSERT_TRUE(e.has_snapshot());
  uint64_t last = e.seq();
  bool ended = false;
  for (int i = 0; i < kTickets && last < static_cast<uint64_t>(kTickets); ++i) {
    if (!stalled->Next(&e)) {
      ended = true;
      break;
    }
    EXPECT_EQ(e.seq(), last + 1);
    last = e.seq();
  }
  RecordProperty("stalled_watcher", ended ? "cut off behind" : "kept up");
  if (!ended) {
    EXPECT_EQ(last, static_cast<uint64_t>(kTickets));
    return;
  }
  EXPECT_TRUE(HasCode(stalled->Finish(), StatusCode::RESOURCE_EXHAUSTED, "resume_after_seq"));
  // Far behind the kept events: resuming gives a fresh snapshot.
  auto resumed = Watch(kBulkCentre, last);
  ASSERT_TRUE(resumed->Next(&e));
  if (last + 256 < static_cast<uint64_t>(kTickets)) {
    EXPECT_TRUE(e.has_snapshot());
    EXPECT_EQ(e.seq(), static_cast<uint64_t>(kTickets));
  } else {
    EXPECT_EQ(e.seq(), last + 1);
  }
}

}  // namespace
}  // namespace qms::service::test

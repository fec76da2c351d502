// FeedHub: what each page gets on connect and reconnect, and that a page
// that falls behind is dropped without slowing the others.
#include "kiosk/gateway/feed_hub.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace qms::gateway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A page's stream that holds at most `capacity` frames, as SseStream does,
// and keeps its contract: Push never runs the close callbacks.
class FakeStream : public EventStream {
 public:
  explicit FakeStream(size_t capacity = 1000) : capacity_(capacity) {}
  bool Push(std::shared_ptr<const std::string> frame) override {
    if (closed_) return false;
    if (frames.size() >= capacity_) {
      closed_ = true;  // as SseStream: its close callbacks run later, not inside Push
      return false;
    }
    frames.push_back(*frame);
    return true;
  }
  void Close() override {
    if (closed_) return;
    closed_ = true;
    for (auto& done : on_close_) done();
  }
  bool closed() const override { return closed_; }
  void OnClose(std::function<void()> done) override {
    if (closed_) return done();
    on_close_.push_back(std::move(done));
  }
  // "snapshot 3", "change 4", "link": the kind and id of each frame.
  std::vector<std::string> Kinds() const {
    std::vector<std::string> out;
    for (const auto& f : frames) {
      const size_t ev = f.find("event: ");
      const std::string kind = f.substr(ev + 7, f.find('\n', ev) - ev - 7);
      const size_t id = f.find("id: ");
      out.push_back(id == std::string::npos ? kind
                                            : kind + " " + f.substr(id + 4, f.find('\n', id) - id - 4));
    }
    return out;
  }
  std::vector<std::string> frames;

 private:
  size_t capacity_;
  bool closed_ = false;
  std::vector<std::function<void()>> on_close_;
};

v1::CentreEvent Snapshot(uint64_t seq) {
  v1::CentreEvent e;
  e.set_seq(seq);
  e.mutable_snapshot()->set_service_day(20261201);
  return e;
}

v1::CentreEvent Called(uint64_t seq, const std::string& number) {
  v1::CentreEvent e;
  e.set_seq(seq);
  e.set_kind(v1::CALLED_EVENT);
  e.mutable_ticket()->set_number(number);
  return e;
}

class FeedHubTest : public ::testing::Test {
 protected:
  FeedHubTest() : hub_(/*refresh_after=*/4, /*keep_at_most=*/8) { hub_.AddCentre("09187"); }
  std::shared_ptr<FakeStream> Page(uint64_t after = 0, size_t capacity = 1000) {
    auto page = std::make_shared<FakeStream>(capacity);
    EXPECT_TRUE(hub_.Subscribe("09187", page, after));
    return page;
  }
  FeedHub hub_;
};

TEST_F(FeedHubTest, APageGetsTheLinkTheSnapshotAndEveryChangeInOrder) {
  hub_.OnLinkState("09187", true, "live", 1);
  hub_.OnMessage("09187", Snapshot(10), false);
  hub_.OnMessage("09187", Called(11, "B001"), false);
  auto page = Page();
  hub_.OnMessage("09187", Called(12, "B002"), false);
  EXPECT_THAT(page->Kinds(), ElementsAre("link", "snapshot 10", "change 11", "change 12"));
  EXPECT_THAT(page->frames[3], HasSubstr("\"number\":\"B002\""));
  EXPECT_THAT(page->frames[0], HasSubstr("\"live\":true"));
}

TEST_F(FeedHubTest, AReconnectWithLastEventIdGetsOnlyWhatItMissed) {
  hub_.OnMessage("09187", Snapshot(10), false);
  for (uint64_t s = 11; s <= 13; ++s) hub_.OnMessage("09187", Called(s, "A" + std::to_string(s)), false);
  EXPECT_THAT(Page(/*after=*/12)->Kinds(), ElementsAre("link", "change 13"));
  EXPECT_THAT(Page(/*after=*/13)->Kinds(), ElementsAre("link"));
  // From before the kept snapshot, or from a future the hub never saw (a
  // page of a gateway that restarted): the snapshot again, then the events.
  EXPECT_THAT(Page(/*after=*/5)->Kinds(),
              ElementsAre("link", "snapshot 10", "change 11", "change 12", "change 13"));
  EXPECT_THAT(Page(/*after=*/99)->Kinds(),
              ElementsAre("link", "snapshot 10", "change 11", "change 12", "change 13"));
}

TEST_F(FeedHubTest, RepeatsAfterAResumeAreNotSentTwice) {
  hub_.OnMessage("09187", Snapshot(10), false);
  hub_.OnMessage("09187", Called(11, "B001"), false);
  auto page = Page();
  hub_.OnMessage("09187", Called(11, "B001"), false);  // the server replays what the feed had
  hub_.OnMessage("09187", Called(12, "B002"), false);
  EXPECT_THAT(page->Kinds(), ElementsAre("link", "snapshot 10", "change 11", "change 12"));
}

TEST_F(FeedHubTest, ASnapshotOnTheLiveStreamResetsEveryPage) {
  hub_.OnMessage("09187", Snapshot(10), false);
  auto page = Page();
  hub_.OnMessage("09187", Snapshot(500), false);  // the server could not replay: a fresh snapshot
  hub_.OnMessage("09187", Called(501, "C001"), false);
  EXPECT_THAT(page->Kinds(), ElementsAre("link", "snapshot 10", "snapshot 500", "change 501"));
  EXPECT_EQ(hub_.State("09187").kept_events, 1u);
}

TEST_F(FeedHubTest, ARefreshedSnapshotReplacesTheKeptOneWithoutReachingPages) {
  hub_.OnMessage("09187", Snapshot(10), false);
  for (uint64_t s = 11; s <= 15; ++s) hub_.OnMessage("09187", Called(s, "A" + std::to_string(s)), false);
  EXPECT_TRUE(hub_.NeedsSnapshot("09187"));  // 5 kept > 4
  auto before = Page();
  hub_.OnMessage("09187", Snapshot(14), true);
  EXPECT_FALSE(hub_.NeedsSnapshot("09187"));
  EXPECT_EQ(hub_.State("09187").snapshot_seq, 14u);
  EXPECT_THAT(before->Kinds().size(), 7u);  // link, snapshot 10, 11..15: nothing more
  EXPECT_THAT(Page()->Kinds(), ElementsAre("link", "snapshot 14", "change 15"));
  // A refresh ahead of the live stream would hand pages a base newer than
  // their events: it is ignored.
  hub_.OnMessage("09187", Snapshot(99), true);
  EXPECT_EQ(hub_.State("09187").snapshot_seq, 14u);
}

TEST_F(FeedHubTest, APageThatFallsBehindIsDroppedAndTheOthersKeepUp) {
  hub_.OnMessage("09187", Snapshot(10), false);
  auto slow = Page(0, /*capacity=*/4);  // link + snapshot + 2 changes
  auto fast = Page();
  for (uint64_t s = 11; s <= 14; ++s) hub_.OnMessage("09187", Called(s, "A" + std::to_string(s)), false);
  EXPECT_TRUE(slow->closed());
  EXPECT_FALSE(fast->closed());
  EXPECT_EQ(fast->Kinds().size(), 6u);
  const auto state = hub_.State("09187");
  EXPECT_EQ(state.pages, 1u);
  EXPECT_EQ(state.pages_dropped, 1u);
}

TEST(FeedHubDefaultsTest, ANewPageOfABusyCentreFitsAPagesBound) {
  // The gateway's hub with its defaults, fed as CentreFeed feeds it: a
  // refresh snapshot whenever NeedsSnapshot says so. A page that connects
  // then must fit HttpLimits::stream_frames (512), or it is dropped at once.
  FeedHub hub;
  hub.AddCentre("09187");
  hub.OnMessage("09187", Snapshot(1), false);
  uint64_t closed = 0;
  for (uint64_t s = 2; s <= 2000; ++s) {
    hub.OnMessage("09187", Called(s, "A" + std::to_string(s)), false);
    if (hub.NeedsSnapshot("09187")) hub.OnMessage("09187", Snapshot(s), true);
    if (s % 97 == 0) {
      auto page = std::make_shared<FakeStream>(512);
      EXPECT_TRUE(hub.Subscribe("09187", page, 0));
      EXPECT_FALSE(page->closed()) << "at seq " << s;
      EXPECT_EQ(hub.State("09187").pages, 1u);
      page->Close();  // goes away (counted), so the next one is alone
      ++closed;
    }
  }
  EXPECT_EQ(hub.State("09187").pages_dropped, closed);
}

TEST_F(FeedHubTest, AClosedPageIsForgotten) {
  hub_.OnMessage("09187", Snapshot(10), false);
  auto page = Page();
  EXPECT_EQ(hub_.State("09187").pages, 1u);
  page->Close();
  EXPECT_EQ(hub_.State("09187").pages, 0u);
  EXPECT_EQ(hub_.State("09187").pages_dropped, 1u);  // went away (or stalled: HttpLimits::stream_write_stall)
}

TEST_F(FeedHubTest, WhenNoRefreshComesNewPagesWaitRatherThanGetAHole) {
  hub_.OnMessage("09187", Snapshot(10), false);
  for (uint64_t s = 11; s <= 30; ++s) hub_.OnMessage("09187", Called(s, "A" + std::to_string(s)), false);
  EXPECT_EQ(hub_.State("09187").kept_events, 8u);  // 23..30
  EXPECT_FALSE(hub_.State("09187").has_snapshot);
  EXPECT_TRUE(hub_.NeedsSnapshot("09187"));
  auto fresh = Page();
  EXPECT_THAT(fresh->Kinds(), ElementsAre("link"));
  EXPECT_EQ(hub_.State("09187").waiting_pages, 1u);
  EXPECT_THAT(Page(/*after=*/28)->Kinds(), ElementsAre("link", "change 29", "change 30"));
  hub_.OnMessage("09187", Called(31, "A31"), false);
  EXPECT_THAT(fresh->Kinds(), ElementsAre("link"));  // no change without a base
  hub_.OnMessage("09187", Snapshot(29), true);
  EXPECT_THAT(fresh->Kinds(), ElementsAre("link", "snapshot 29", "change 30", "change 31"));
  EXPECT_EQ(hub_.State("09187").waiting_pages, 0u);
}

TEST_F(FeedHubTest, BeforeAnySnapshotAPageGetsTheLinkAndWaits) {
  auto page = Page();
  EXPECT_THAT(page->Kinds(), ElementsAre("link"));
  EXPECT_THAT(page->frames[0], HasSubstr("connecting"));
  hub_.OnLinkState("09187", false, "reconnecting: server down", 5);
  hub_.OnMessage("09187", Called(4, "B004"), false);  // no change before the first snapshot
  hub_.OnMessage("09187", Snapshot(3), false);
  hub_.OnMessage("09187", Called(4, "B004"), false);
  EXPECT_THAT(page->Kinds(), ElementsAre("link", "link", "snapshot 3", "change 4"));
  EXPECT_FALSE(hub_.Subscribe("99999", std::make_shared<FakeStream>(), 0));
}

}  // namespace
}  // namespace qms::gateway

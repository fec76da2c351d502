// WatchDeadlines' driver with a ManualClock and an io_context the test runs:
// due-soon and overdue events from the due index, from commits that land
// behind a threshold, and from the timer itself.
#include "services/deadline/deadline_watch.h"

#include <gtest/gtest.h>

#include <mutex>

#include "tests/deadline/dossier_fixture.h"

namespace qms::deadline::testing {
namespace {

class RecordingSubscriber : public DeadlineSubscriber {
 public:
  void OnDeadlineEvent(const DeadlineEventPtr& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(e);
  }
  std::vector<std::pair<v1::DeadlineEventKind, std::string>> Take() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::pair<v1::DeadlineEventKind, std::string>> out;
    for (const auto& e : events_) out.emplace_back(e->kind(), e->dossier().code());
    events_.clear();
    return out;
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return events_.size();
  }

 private:
  std::mutex mu_;
  std::vector<DeadlineEventPtr> events_;
};

using Events = std::vector<std::pair<v1::DeadlineEventKind, std::string>>;

class DeadlineWatchTest : public DossierEngineTest {
 protected:
  void SetUp() override {
    DossierEngineTest::SetUp();
    watch_ = std::make_unique<DeadlineWatch>(io_, engine_.get());
  }
  void TearDown() override {
    watch_->Stop();
    Drain();
    watch_.reset();
    DossierEngineTest::TearDown();
  }
  // Runs every handler that is ready now (not timers in the future).
  void Drain() {
    io_.restart();
    io_.poll();
  }
  void WakeAndDrain() {
    watch_->Wake();
    Drain();
  }
  std::shared_ptr<RecordingSubscriber> Subscribe(uint32_t hours = 4, const std::string& centre = kCentre) {
    auto s = std::make_shared<RecordingSubscriber>();
    EXPECT_TRUE(watch_->Subscribe(centre, hours, s).ok());
    Drain();
    return s;
  }

  boost::asio::io_context io_;
  std::unique_ptr<DeadlineWatch> watch_;
};

TEST_F(DeadlineWatchTest, DueSoonThenOverdueAsTheClockMoves) {
  const v1::Dossier copy = MustReceive(kCopy);  // due 17:00
  auto s = Subscribe(4);
  WakeAndDrain();
  EXPECT_TRUE(s->Take().empty()) << "nothing crossed a threshold yet";
  // 13:00 + 4 working hours = 17:00: the copy is now due soon.
  clock_.Set(At(2026, 3, 2, 13, 0));
  WakeAndDrain();
  EXPECT_EQ(s->Take(), (Events{{v1::DUE_SOON, copy.code()}}));
  WakeAndDrain();
  EXPECT_TRUE(s->Take().empty()) << "announced once";
  clock_.Set(At(2026, 3, 2, 17, 0));
  WakeAndDrain();
  EXPECT_TRUE(s->Take().empty()) << "not overdue at its due moment exactly";
  clock_.Set(At(2026, 3, 2, 17, 0) + 1);
  WakeAndDrain();
  EXPECT_EQ(s->Take(), (Events{{v1::OVERDUE, copy.code()}}));
}

TEST_F(DeadlineWatchTest, ACommitBehindTheThresholdIsAnnouncedAtOnce) {
  auto s = Subscribe(4);
  // Received at 08:00 with 4 working hours: due 14:00, inside the window.
  const v1::Dossier hours = MustReceive(kHours);
  Drain();
  EXPECT_EQ(s->Take(), (Events{{v1::DUE_SOON, hours.code()}}));
  // A resumed dossier whose due moved but is still past: overdue at once.
  clock_.Set(At(2026, 3, 2, 14, 30));
  WakeAndDrain();
  EXPECT_EQ(s->Take(), (Events{{v1::OVERDUE, hours.code()}}));
  MustAct(DossierAction::kRequestFinancialObligation, hours.code());
  clock_.Set(At(2026, 3, 2, 14, 40));
  MustAct(DossierAction::kResume, hours.code());  // due moves 10 minutes: 14:10, still past
  Drain();
  EXPECT_EQ(s->Take(), (Events{{v1::OVERDUE, hours.code()}}));
}

TEST_F(DeadlineWatchTest, ClosedOrPausedDossiersDoNotFire) {
  const v1::Dossier resolved = MustReceive(kCopy);
  const v1::Dossier paused = MustReceive(kCopy);
  const v1::Dossier open = MustReceive(kCopy);
  auto s = Subscribe(2);
  MustAct(DossierAction::kResolve, resolved.code());
  MustAct(DossierAction::kRequestSupplement, paused.code(), "thiếu");
  clock_.Set(At(2026, 3, 2, 18, 0));
  WakeAndDrain();
  // Past its due at the first look: overdue, not "due soon".
  EXPECT_EQ(s->Take(), (Events{{v1::OVERDUE, open.code()}}));
}

TEST_F(DeadlineWatchTest, WindowsPerWatcherAndOtherCentresApart) {
  const v1::Dossier copy = MustReceive(kCopy);  // due 17:00
  MustReceive(kCopy, kOther);
  auto narrow = Subscribe(1);
  auto wide = Subscribe(5);           // 08:00 + 5 working hours = 15:00
  clock_.Set(At(2026, 3, 2, 15, 0));  // + 5 h reaches tomorrow; + 1 h is 16:00
  WakeAndDrain();
  EXPECT_TRUE(narrow->Take().empty());
  EXPECT_EQ(wide->Take(), (Events{{v1::DUE_SOON, copy.code()}}));
  clock_.Set(At(2026, 3, 2, 16, 0));
  WakeAndDrain();
  EXPECT_EQ(narrow->Take(), (Events{{v1::DUE_SOON, copy.code()}}));
  EXPECT_TRUE(wide->Take().empty());
}

TEST_F(DeadlineWatchTest, UnsubscribedWatchersGetNothing) {
  MustReceive(kCopy);
  auto s = Subscribe(4);
  watch_->Unsubscribe(kCentre, s.get());
  Drain();
  clock_.Set(At(2026, 3, 2, 18, 0));
  WakeAndDrain();
  EXPECT_TRUE(s->Take().empty());
}

TEST_F(DeadlineWatchTest, TheTimerFiresWithoutBeingWoken) {
  const v1::Dossier hours = MustReceive(kHours);  // due 14:00
  // 50 ms of real time before the due moment, then the clock jumps past it:
  // the armed timer (about 50 ms) fires and finds the dossier overdue.
  clock_.Set(At(2026, 3, 2, 14, 0) - 50'000);
  auto s = Subscribe(4);
  clock_.Set(At(2026, 3, 2, 14, 0) + kMicrosPerSecond);
  for (int i = 0; i < 500 && s->size() == 0; ++i) {
    io_.restart();
    io_.run_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(s->Take(), (Events{{v1::OVERDUE, hours.code()}}));
}

// Centre 202 in a province that works Saturday mornings; 101 does not.
class ProvinceWatchTest : public DeadlineWatchTest {
 protected:
  ProvinceWatchTest() { WorkSaturdayMornings(kOther); }

  // A copy received on Friday 6 March 2026 at 14:00, extended to be due on
  // Monday 9 March at 09:00.
  v1::Dossier DueMondayNine(const std::string& centre) {
    clock_.Set(At(2026, 3, 6, 14, 0));
    const v1::Dossier d = MustReceive(kCopy, centre);
    EXPECT_TRUE(Extend(d.code(), At(2026, 3, 9, 9, 0)).first.ok());
    return MustGet(d.code());
  }
};

TEST_F(ProvinceWatchTest, DueSoonCountsTheCentresWorkingHours) {
  const v1::Dossier weekdays = DueMondayNine(kCentre);
  const v1::Dossier saturdays = DueMondayNine(kOther);
  auto w = Subscribe(4, kCentre);
  auto s = Subscribe(4, kOther);
  // Friday 16:00 + 4 working hours: Monday 10:30 | Saturday 10:30.
  clock_.Set(At(2026, 3, 6, 16, 0));
  WakeAndDrain();
  EXPECT_EQ(w->Take(), (Events{{v1::DUE_SOON, weekdays.code()}}));
  EXPECT_TRUE(s->Take().empty());
  // Saturday 08:59 + 4 h = Monday 08:59; from 09:00 it reaches Monday 09:00.
  clock_.Set(At(2026, 3, 7, 8, 59));
  WakeAndDrain();
  EXPECT_TRUE(s->Take().empty());
  clock_.Set(At(2026, 3, 7, 9, 0));
  WakeAndDrain();
  EXPECT_EQ(s->Take(), (Events{{v1::DUE_SOON, saturdays.code()}}));
  EXPECT_TRUE(w->Take().empty());
}

TEST_F(ProvinceWatchTest, TheTimerIsArmedOnTheCentresCalendar) {
  const v1::Dossier saturdays = DueMondayNine(kOther);
  // 50 ms of real time before Saturday 09:00, the crossing on a Saturday
  // calendar (on the national one the dossier would count as due soon
  // already when subscribing, and never be announced).
  clock_.Set(At(2026, 3, 7, 9, 0) - 50'000);
  auto s = Subscribe(4, kOther);
  EXPECT_TRUE(s->Take().empty());
  clock_.Set(At(2026, 3, 7, 9, 0) + kMicrosPerSecond);
  for (int i = 0; i < 500 && s->size() == 0; ++i) {
    io_.restart();
    io_.run_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(s->Take(), (Events{{v1::DUE_SOON, saturdays.code()}}));
}

TEST_F(DeadlineWatchTest, UnknownCentreIsRefused) {
  EXPECT_EQ(watch_->Subscribe("999", 4, std::make_shared<RecordingSubscriber>()).code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace qms::deadline::testing

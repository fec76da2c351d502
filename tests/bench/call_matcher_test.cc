// gateway-pages' matching of calls to CALLED_EVENT frames, and the seq
// check of a page's stream. Times are made up, so every sample is exact.
#include "bench/call_matcher.h"

#include <gtest/gtest.h>

namespace qms::bench {
namespace {

const TimePoint kT0 = TimePoint() + std::chrono::hours(1);

TimePoint At(int ms) { return kT0 + std::chrono::milliseconds(ms); }

TEST(CallMatcherTest, OneSamplePerPagePerCall) {
  CallMatcher matcher(3);
  const uint64_t call = matcher.CallSent(At(0));
  matcher.CallAnswered(call, "A001");
  EXPECT_FALSE(matcher.AllDelivered());
  matcher.CalledFrame(0, "A001", At(4));
  matcher.CalledFrame(1, "A001", At(9));
  matcher.CalledFrame(2, "A001", At(6));
  EXPECT_TRUE(matcher.AllDelivered());
  const CallMatcher::Totals totals = matcher.Summarise();
  EXPECT_EQ(totals.samples, 3u);
  EXPECT_EQ(totals.call_to_page.Count(), 3u);
  EXPECT_EQ(totals.call_to_page.Min(), 4000u);
  EXPECT_EQ(totals.call_to_page.Max(), 9000u);
  ASSERT_EQ(totals.call_to_all_pages.Count(), 1u);
  EXPECT_EQ(totals.call_to_all_pages.Max(), 9000u);  // the slowest page, not the last matched
  EXPECT_EQ(totals.calls_reached_all, 1u);
  EXPECT_EQ(totals.missed_total, 0u);
}

TEST(CallMatcherTest, FramesBeforeTheReplyWaitForIt) {
  // The gateway may fan the event out before the call-next reply arrives.
  CallMatcher matcher(2);
  const uint64_t call = matcher.CallSent(At(0));
  matcher.CalledFrame(1, "B002", At(3));
  EXPECT_FALSE(matcher.AllDelivered());
  matcher.CallAnswered(call, "B002");
  matcher.CalledFrame(0, "B002", At(7));
  const CallMatcher::Totals totals = matcher.Summarise();
  EXPECT_EQ(totals.samples, 2u);
  EXPECT_EQ(totals.call_to_page.Min(), 3000u);
  EXPECT_EQ(totals.call_to_all_pages.Max(), 7000u);
  EXPECT_EQ(totals.unmatched_frames, 0u);
  EXPECT_TRUE(matcher.AllDelivered());
}

TEST(CallMatcherTest, MatchesByNumberWhenCallsOverlap) {
  CallMatcher matcher(1);
  const uint64_t first = matcher.CallSent(At(0));
  const uint64_t second = matcher.CallSent(At(10));
  matcher.CallAnswered(second, "A002");
  matcher.CallAnswered(first, "A001");
  matcher.CalledFrame(0, "A002", At(15));
  matcher.CalledFrame(0, "A001", At(20));
  const CallMatcher::Totals totals = matcher.Summarise();
  EXPECT_EQ(totals.call_to_page.Min(), 5000u);   // A002: 15 - 10
  EXPECT_EQ(totals.call_to_page.Max(), 20000u);  // A001: 20 - 0
}

TEST(CallMatcherTest, CountsMissedDuplicateAndUnmatchedFrames) {
  CallMatcher matcher(3);
  const uint64_t call = matcher.CallSent(At(0));
  matcher.CallAnswered(call, "A001");
  matcher.CalledFrame(0, "A001", At(2));
  matcher.CalledFrame(0, "A001", At(3));  // the same frame again on page 0
  matcher.CalledFrame(2, "A001", At(4));
  matcher.CalledFrame(1, "Z999", At(5));  // nobody called Z999
  const CallMatcher::Totals totals = matcher.Summarise();
  EXPECT_EQ(totals.samples, 2u);
  EXPECT_EQ(totals.duplicate_frames, 1u);
  EXPECT_EQ(totals.unmatched_frames, 1u);
  EXPECT_EQ(totals.missed_total, 1u);
  EXPECT_EQ(totals.missed_by_page, (std::vector<uint64_t>{0, 1, 0}));
  EXPECT_EQ(totals.calls_reached_all, 0u);
  EXPECT_EQ(totals.call_to_all_pages.Count(), 0u);
  EXPECT_FALSE(matcher.AllDelivered());
}

TEST(CallMatcherTest, FailedCallsAreNotWaitedFor) {
  CallMatcher matcher(2);
  const uint64_t failed = matcher.CallSent(At(0));
  EXPECT_FALSE(matcher.AllDelivered());  // unanswered: it may still be delivered
  matcher.CallFailed(failed);
  EXPECT_TRUE(matcher.AllDelivered());
  matcher.CallAnswered(failed, "A001");  // too late: it stays failed
  const CallMatcher::Totals totals = matcher.Summarise();
  EXPECT_EQ(totals.calls_sent, 1u);
  EXPECT_EQ(totals.calls_failed, 1u);
  EXPECT_EQ(totals.calls_answered, 0u);
  EXPECT_EQ(totals.missed_total, 0u);
}

TEST(CallMatcherTest, IgnoresPagesOutOfRange) {
  CallMatcher matcher(1);
  matcher.CallAnswered(matcher.CallSent(At(0)), "A001");
  matcher.CalledFrame(5, "A001", At(1));
  EXPECT_EQ(matcher.Summarise().samples, 0u);
}

TEST(CallMatcherTest, IntervalTakesTheSamplesSinceTheLastTake) {
  CallMatcher matcher(2);
  matcher.CallAnswered(matcher.CallSent(At(0)), "A001");
  matcher.CalledFrame(0, "A001", At(1));
  matcher.CalledFrame(1, "A001", At(2));
  const IntervalStats first = matcher.TakeInterval();
  EXPECT_EQ(first.operations_ok, 2u);
  EXPECT_EQ(first.operation_latency.Max(), 2000u);
  EXPECT_EQ(matcher.TakeInterval().operations_ok, 0u);
}

TEST(SequenceCheckTest, ConsecutiveAfterTheSnapshot) {
  SequenceCheck check;
  check.Snapshot(40);
  for (uint64_t seq = 41; seq <= 50; ++seq) check.Change(seq);
  EXPECT_EQ(check.changes(), 10u);
  EXPECT_EQ(check.missed(), 0u);
  EXPECT_EQ(check.repeated(), 0u);
  EXPECT_EQ(check.last_seq(), 50u);
}

TEST(SequenceCheckTest, GapsAndRepeats) {
  SequenceCheck check;
  check.Snapshot(10);
  check.Change(11);
  check.Change(14);  // 12 and 13 missed
  check.Change(14);  // again
  check.Change(12);  // late and out of order: counted as a repeat
  check.Change(15);
  EXPECT_EQ(check.missed(), 2u);
  EXPECT_EQ(check.repeated(), 2u);
  EXPECT_EQ(check.last_seq(), 15u);
}

TEST(SequenceCheckTest, ResumeAndResync) {
  SequenceCheck check;
  check.Snapshot(5);
  check.Change(6);
  // Reconnected with Last-Event-ID 6: the gateway resumes at 7.
  check.Change(7);
  // Reconnected too late: a fresh snapshot at 30 covers 8-30.
  check.Snapshot(30);
  check.Change(31);
  EXPECT_EQ(check.snapshots(), 2u);
  EXPECT_EQ(check.resyncs(), 1u);
  EXPECT_EQ(check.missed(), 0u);
  // A snapshot that does not move the page forward is no resync.
  check.Snapshot(31);
  EXPECT_EQ(check.resyncs(), 1u);
}

TEST(SequenceCheckTest, AStreamWithoutSnapshotStartsAtItsFirstChange) {
  SequenceCheck check;
  check.Change(100);
  check.Change(101);
  EXPECT_EQ(check.missed(), 0u);
  EXPECT_EQ(check.last_seq(), 101u);
}

}  // namespace
}  // namespace qms::bench

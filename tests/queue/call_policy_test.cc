#include "services/queue/call_policy.h"

#include <gtest/gtest.h>

namespace qms::queue {
namespace {

constexpr MicrosUtc kNow = 1'000'000'000'000;

CallCandidate Waiting(uint32_t seq, int minutes, uint8_t field, bool preferred, double weight = 1.0) {
  return {{kNow - minutes * kMicrosPerMinute, seq}, field, weight, preferred, false};
}

TEST(CallPolicyTest, NothingWaitingGivesNothing) {
  EXPECT_FALSE(ChooseNext({}, config::QueuePolicy{}, {}, kNow).has_value());
}

TEST(CallPolicyTest, PreferredGoesFirstUntilTheRatio) {
  config::QueuePolicy policy;
  policy.priority_ratio = 3;
  std::vector<CallCandidate> heads = {Waiting(1, 20, 0, false), Waiting(2, 1, 0, true)};
  EXPECT_EQ(ChooseNext(heads, policy, {false, 0}, kNow)->key.seq, 2u);
  EXPECT_EQ(ChooseNext(heads, policy, {false, 2}, kNow)->key.seq, 2u);
  EXPECT_EQ(ChooseNext(heads, policy, {false, 3}, kNow)->key.seq, 1u) << "after 3 in a row a normal ticket";
}

TEST(CallPolicyTest, RatioDoesNotApplyWhenNoNormalTicketWaits) {
  config::QueuePolicy policy;
  policy.priority_ratio = 1;
  EXPECT_EQ(ChooseNext({Waiting(5, 1, 0, true)}, policy, {false, 9}, kNow)->key.seq, 5u);
}

TEST(CallPolicyTest, StarvingTicketGoesFirstWhateverItsClass) {
  config::QueuePolicy policy;
  policy.max_wait_minutes = 30;
  std::vector<CallCandidate> heads = {Waiting(1, 31, 0, false), Waiting(2, 29, 0, true)};
  EXPECT_EQ(ChooseNext(heads, policy, {false, 0}, kNow)->key.seq, 1u);
  heads[0] = Waiting(1, 29, 0, false);
  EXPECT_EQ(ChooseNext(heads, policy, {false, 0}, kNow)->key.seq, 2u);
}

TEST(CallPolicyTest, PriorityCounterAlwaysTakesPreferredFirst) {
  config::QueuePolicy policy;
  policy.priority_ratio = 1;
  std::vector<CallCandidate> heads = {Waiting(1, 20, 0, false), Waiting(2, 1, 0, true)};
  EXPECT_EQ(ChooseNext(heads, policy, {true, 50}, kNow)->key.seq, 2u);
  EXPECT_EQ(ChooseNext({heads[0]}, policy, {true, 50}, kNow)->key.seq, 1u) << "then normal when none";
}

TEST(CallPolicyTest, LargestWeightedWaitWinsAcrossFields) {
  config::QueuePolicy policy;
  // Field 1 weighs 2: its 6-minute wait counts as 12 against field 0's 10.
  std::vector<CallCandidate> heads = {Waiting(1, 10, 0, false, 1.0), Waiting(2, 6, 1, false, 2.0)};
  EXPECT_EQ(ChooseNext(heads, policy, {}, kNow)->key.seq, 2u);
  heads[1] = Waiting(2, 4, 1, false, 2.0);  // 8 < 10
  EXPECT_EQ(ChooseNext(heads, policy, {}, kNow)->key.seq, 1u);
}

TEST(CallPolicyTest, TiesAreBrokenDeterministically) {
  config::QueuePolicy policy;
  std::vector<CallCandidate> heads = {Waiting(7, 5, 1, false), Waiting(3, 5, 0, false)};
  EXPECT_EQ(ChooseNext(heads, policy, {}, kNow)->field, 0) << "same wait: lower field index";
  std::reverse(heads.begin(), heads.end());
  EXPECT_EQ(ChooseNext(heads, policy, {}, kNow)->field, 0) << "order of candidates does not matter";
}

TEST(CallPolicyTest, DirectedTicketGoesFirst) {
  config::QueuePolicy policy;
  std::vector<CallCandidate> heads = {Waiting(1, 50, 0, true), Waiting(2, 1, 0, false)};
  heads[1].directed = true;
  EXPECT_EQ(ChooseNext(heads, policy, {}, kNow)->key.seq, 2u);
}

}  // namespace
}  // namespace qms::queue

// The queue domain without storage: numbering, every transition, caps,
// demand control, transfer, park, no-show and day end.
#include "services/queue/centre.h"

#include <gtest/gtest.h>

#include "tests/queue/test_config.h"
#include "tests/support/ticket_transition_table.h"

namespace qms::queue {
namespace {

using testing::GoLiveAt;
using testing::MakeCentre;

class CentreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reset(); }
  void Reset() {
    centre_ = std::make_unique<Centre>(&config_);
    centre_->StartDay(20250701);
  }

  std::string Issue(const std::string& field, PriorityClass p = v1::NORMAL, const std::string& citizen = "") {
    IssueRequest r{field, p, v1::KIOSK, "req-" + std::to_string(++requests_), citizen};
    Change ch;
    Status s = centre_->Issue(r, now_, &ch);
    if (!s.ok()) return s.ToString();
    return centre_->DisplayNumber(centre_->ticket(ch.primary_ticket));
  }
  Status Act(Status (Centre::*op)(const CounterAction&, MicrosUtc, Change*), const std::string& counter,
             const std::string& number = "") {
    Change ch;
    return (centre_.get()->*op)({counter, "clerk-" + counter, number, ""}, now_, &ch);
  }
  std::string CallNext(const std::string& counter) {
    Change ch;
    Status s = centre_->CallNext({counter, "", "", ""}, now_, &ch);
    return s.ok() ? centre_->DisplayNumber(centre_->ticket(ch.primary_ticket)) : s.ToString();
  }
  const Ticket& T(const std::string& number) { return centre_->ticket(*centre_->FindTicket(number)); }
  void Open(const std::string& counter) { ASSERT_TRUE(Act(&Centre::OpenCounter, counter).ok()); }
  // REQUIRES: A001 WAITING and counter 1 open.
  void BringTo(TicketState state) {
    Change ch;
    if (state == v1::CANCELLED) {
      ASSERT_TRUE(centre_->Cancel("A001", "left", now_, &ch).ok());
    }
    if (state == v1::WAITING || state == v1::CANCELLED) return;
    ASSERT_EQ(CallNext("1"), "A001");
    if (state == v1::SERVING) {
      ASSERT_TRUE(Act(&Centre::StartServing, "1").ok());
    }
    if (state == v1::PARKED) {
      ASSERT_TRUE(Act(&Centre::Park, "1").ok());
    }
    if (state == v1::DONE) {
      ASSERT_TRUE(Act(&Centre::Complete, "1").ok());
    }
    if (state == v1::NO_SHOW) {
      ASSERT_TRUE(Act(&Centre::MarkNoShow, "1").ok());
    }
  }

  config::CentreConfig config_ = MakeCentre();
  std::unique_ptr<Centre> centre_;
  MicrosUtc now_ = GoLiveAt(8, 0);
  int requests_ = 0;
};

TEST_F(CentreTest, NumbersArePerFieldWithPrefixFromTheConfiguredStart) {
  EXPECT_EQ(Issue("chung_thuc"), "A001");
  EXPECT_EQ(Issue("chung_thuc"), "A002");
  EXPECT_EQ(Issue("ho_tich"), "B001");
  config_.policy.number_start = 100;
  Reset();
  EXPECT_EQ(Issue("ho_tich"), "B100");
  EXPECT_EQ(Issue("ho_tich"), "B101");
  EXPECT_EQ(*centre_->FindTicket("B101"), 2u);
}

TEST_F(CentreTest, UnknownOrMalformedNumbersAreRefused) {
  Issue("chung_thuc");
  EXPECT_EQ(centre_->FindTicket("A002").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(centre_->FindTicket("Z001").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(centre_->FindTicket("A0x1").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(centre_->FindTicket("A").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CentreTest, RetryWithTheSameRequestIdReturnsTheSameTicket) {
  IssueRequest r{"ho_tich", v1::NORMAL, v1::KIOSK, "kiosk-7-0001", ""};
  Change first, again, other;
  ASSERT_TRUE(centre_->Issue(r, now_, &first).ok());
  ASSERT_TRUE(centre_->Issue(r, now_, &again).ok());
  EXPECT_TRUE(again.replayed);
  EXPECT_TRUE(again.events.empty());
  EXPECT_EQ(again.primary_ticket, first.primary_ticket);
  EXPECT_EQ(centre_->ticket_count(), 1u);
  r.field_id = "chung_thuc";
  EXPECT_EQ(centre_->Issue(r, now_, &other).code(), StatusCode::kAlreadyExists);
}

TEST_F(CentreTest, FullServiceRecordsEveryStepAsAnEvent) {
  Issue("chung_thuc");
  Open("1");
  EXPECT_EQ(CallNext("1"), "A001");
  EXPECT_TRUE(Act(&Centre::Recall, "1").ok());
  EXPECT_EQ(T("A001").recall_count, 1);
  EXPECT_TRUE(Act(&Centre::StartServing, "1").ok());
  now_ += 4 * kMicrosPerMinute;
  Change ch;
  ASSERT_TRUE(centre_->Complete({"1", "clerk-1", "", ""}, now_, &ch).ok());
  EXPECT_EQ(T("A001").state, v1::DONE);
  ASSERT_EQ(ch.events.size(), 1u);
  EXPECT_EQ(ch.events[0].kind(), v1::COMPLETED);
  EXPECT_EQ(ch.events[0].counter_id(), "1");
  EXPECT_EQ(ch.events[0].clerk_id(), "clerk-1");
  EXPECT_EQ(ch.events[0].at_us(), now_);
  EXPECT_EQ(ch.events[0].seq(), centre_->last_event_seq());
  EXPECT_EQ(CallNext("1").substr(0, 9), "NOT_FOUND");
}

// Every action from every state: legal ones succeed, the rest fail with
// FAILED_PRECONDITION and leave the ticket exactly as it was.
TEST_F(CentreTest, EveryIllegalTransitionIsRefusedAndChangesNothing) {
  using Op = Status (Centre::*)(const CounterAction&, MicrosUtc, Change*);
  struct Action {
    const char* name;
    Op op;
  };
  const std::vector<Action> actions = {{"recall", &Centre::Recall},     {"start", &Centre::StartServing},
                                       {"complete", &Centre::Complete}, {"no-show", &Centre::MarkNoShow},
                                       {"park", &Centre::Park},         {"resume", &Centre::Resume},
                                       {"call", &Centre::CallTicket}};
  // The allowed set per starting state, by action name.
  const std::map<TicketState, std::set<std::string>>& legal = qms::test::LegalTicketActions();
  for (const auto& [state, allowed] : legal) {
    for (const auto& action : actions) {
      Reset();
      Open("1");
      Issue("chung_thuc");
      const std::string n = "A001";
      BringTo(state);
      ASSERT_EQ(T(n).state, state);
      storage::TicketRecord before, after;
      centre_->TicketRecordOf(1, &before);
      const uint64_t seq_before = centre_->last_event_seq();
      const std::string counter = std::string(action.name) == "resume" ? "" : "1";
      Status s = Act(action.op, counter, n);
      if (allowed.count(action.name)) {
        EXPECT_TRUE(s.ok()) << action.name << " from " << v1::TicketState_Name(state) << ": " << s.ToString();
      } else {
        EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition)
            << action.name << " from " << v1::TicketState_Name(state) << ": " << s.ToString();
        EXPECT_FALSE(s.message().empty());
        centre_->TicketRecordOf(1, &after);
        EXPECT_EQ(before.SerializeAsString(), after.SerializeAsString()) << action.name;
        EXPECT_EQ(centre_->last_event_seq(), seq_before) << action.name;
      }
    }
  }
}

TEST_F(CentreTest, CounterMustBeOpenAndFreeToCall) {
  Issue("chung_thuc");
  Issue("chung_thuc");
  EXPECT_EQ(CallNext("1").substr(0, 19), "FAILED_PRECONDITION");
  Open("1");
  EXPECT_EQ(CallNext("1"), "A001");
  EXPECT_EQ(CallNext("1").substr(0, 19), "FAILED_PRECONDITION") << "still holding A001";
  EXPECT_EQ(Act(&Centre::PauseCounter, "1").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Act(&Centre::CloseCounter, "1").code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(Act(&Centre::Complete, "1").ok());
  ASSERT_TRUE(Act(&Centre::PauseCounter, "1").ok());
  EXPECT_EQ(CallNext("1").substr(0, 19), "FAILED_PRECONDITION") << "paused";
  Open("1");
  EXPECT_EQ(CallNext("1"), "A002");
  EXPECT_EQ(Act(&Centre::OpenCounter, "9").code(), StatusCode::kNotFound);
  Change ch;
  EXPECT_EQ(centre_->OpenCounter({"2", "", "", ""}, now_, &ch).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(centre_->OpenCounter({"2", "an", "", ""}, now_, &ch).ok());
  EXPECT_EQ(centre_->OpenCounter({"2", "binh", "", ""}, now_, &ch).code(), StatusCode::kFailedPrecondition);
}

TEST_F(CentreTest, CallTicketOutOfOrderOnlyForServedFields) {
  Issue("chung_thuc");
  Issue("chung_thuc");
  Issue("dat_dai");
  Open("1");
  EXPECT_TRUE(Act(&Centre::CallTicket, "1", "A002").ok());
  EXPECT_EQ(T("A002").state, v1::CALLED);
  ASSERT_TRUE(Act(&Centre::Complete, "1").ok());
  EXPECT_EQ(Act(&Centre::CallTicket, "1", "C001").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(CallNext("1"), "A001");
}

TEST_F(CentreTest, ANoShowWhoComesBackCanBeCalledAgain) {
  Issue("chung_thuc");
  Open("1");
  CallNext("1");
  ASSERT_TRUE(Act(&Centre::MarkNoShow, "1").ok());
  EXPECT_NE(T("A001").finished_at, 0);
  now_ += kMicrosPerMinute;
  ASSERT_TRUE(Act(&Centre::CallTicket, "1", "A001").ok());
  EXPECT_EQ(T("A001").state, v1::CALLED);
  EXPECT_EQ(T("A001").finished_at, 0) << "called again: not finished";
}

TEST_F(CentreTest, PriorityRatioKeepsNormalTicketsMoving) {
  config_.policy.priority_ratio = 2;
  Reset();
  for (int i = 0; i < 3; ++i) Issue("chung_thuc", v1::NORMAL);
  for (int i = 0; i < 6; ++i) Issue("chung_thuc", v1::PRIORITY);
  Open("1");
  std::string order;
  for (int i = 0; i < 9; ++i) {
    now_ += kMicrosPerMinute;
    const std::string n = CallNext("1");
    order += IsPreferred(T(n).priority) ? 'P' : 'N';
    ASSERT_TRUE(Act(&Centre::Complete, "1").ok());
  }
  EXPECT_EQ(order, "PPNPPNPPN");
}

// Two counters that always prefer priority (ratio 100) face, for an hour,
// priority arrivals at exactly their capacity (2 a minute) and a normal
// ticket every 5 minutes; then arrivals stop and the queue drains. Returns
// the longest wait of a NORMAL ticket until it was called.
MicrosUtc LongestNormalWait(config::CentreConfig config) {
  config.policy.accept_outside_hours = true;
  config.policy.stop_when_wait_past_closing = false;
  Centre centre(&config);
  centre.StartDay(20250701);
  Change ch;
  int request = 0;
  MicrosUtc longest = 0;
  for (const char* counter : {"1", "2"}) EXPECT_TRUE(centre.OpenCounter({counter, "c", "", ""}, 0, &ch).ok());
  for (int minute = 0; minute < 3 * 60; ++minute) {
    const MicrosUtc now = GoLiveAt(8, 0) + minute * kMicrosPerMinute;
    if (minute < 60 && minute % 5 == 0) {
      EXPECT_TRUE(
          centre.Issue({"chung_thuc", v1::NORMAL, v1::KIOSK, std::to_string(++request), ""}, now, &ch).ok());
    }
    for (int i = 0; minute < 60 && i < 2; ++i) {
      EXPECT_TRUE(
          centre.Issue({"chung_thuc", v1::PRIORITY, v1::KIOSK, std::to_string(++request), ""}, now, &ch)
              .ok());
    }
    for (const char* counter : {"1", "2"}) {
      Change call;
      if (!centre.CallNext({counter, "", "", ""}, now, &call).ok()) continue;
      const Ticket& t = centre.ticket(call.primary_ticket);
      if (t.priority == v1::NORMAL) longest = std::max(longest, t.called_at - t.queued_since);
      EXPECT_TRUE(centre.Complete({counter, "", "", ""}, now, &call).ok());
    }
  }
  EXPECT_EQ(centre.waiting_count(), 0u) << "the simulation must drain";
  return longest;
}

TEST_F(CentreTest, MaximumWaitStopsPriorityFromStarvingNormalTickets) {
  config_.policy.priority_ratio = 100;
  config_.policy.max_wait_minutes = 10;
  const MicrosUtc guarded = LongestNormalWait(config_);
  EXPECT_LE(guarded, 10 * kMicrosPerMinute);
  config_.policy.max_wait_minutes = 1440;
  const MicrosUtc unguarded = LongestNormalWait(config_);
  EXPECT_GT(unguarded, 30 * kMicrosPerMinute) << "without the guard priority holds normal tickets back";
}

TEST_F(CentreTest, CounterTakesLargestWeightedWaitAcrossItsFields) {
  Issue("chung_thuc");  // A001 at 08:00
  now_ += 4 * kMicrosPerMinute;
  Issue("ho_tich");  // B001 at 08:04, weight 2 at counter 2
  now_ += 4 * kMicrosPerMinute;
  Open("2");
  // At 08:08: A001 waited 8 (x1) and B001 4 (x2): a tie on weighted wait,
  // broken by the earlier queue time.
  EXPECT_EQ(CallNext("2"), "A001");
  ASSERT_TRUE(Act(&Centre::Complete, "2").ok());
  Issue("chung_thuc");  // A002 at 08:08
  now_ += 2 * kMicrosPerMinute;
  EXPECT_EQ(CallNext("2"), "B001") << "6 min x 2 = 12 beats 2 min x 1";
}

TEST_F(CentreTest, TransferKeepsTheOriginalPlaceUnlessAskedToRequeue) {
  Issue("ho_tich");  // B001 08:00
  now_ += kMicrosPerMinute;
  Issue("chung_thuc");  // A001 08:01
  Open("2");
  EXPECT_EQ(CallNext("2"), "B001");
  now_ += 5 * kMicrosPerMinute;
  Change ch;
  ASSERT_TRUE(centre_->Transfer({{"2", "", "", ""}, "chung_thuc", "", false}, now_, &ch).ok());
  EXPECT_EQ(ch.events.back().kind(), v1::TRANSFERRED_EVENT);
  EXPECT_EQ(ch.events.back().from_field_id(), "ho_tich");
  EXPECT_EQ(T("B001").field, 0);
  EXPECT_EQ(T("B001").queued_since, GoLiveAt(8, 0));
  Open("1");
  EXPECT_EQ(CallNext("1"), "B001") << "keeps its 08:00 place ahead of A001";
  ASSERT_TRUE(centre_->Transfer({{"1", "", "", ""}, "ho_tich", "", true}, now_, &ch).ok());
  EXPECT_EQ(T("B001").queued_since, now_);
  EXPECT_EQ(centre_->Transfer({{"1", "", "B001", ""}, "nope", "", false}, now_, &ch).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(centre_->Transfer({{"1", "", "B001", ""}, "", "", false}, now_, &ch).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CentreTest, TransferToACounterOnlyThatCounterCallsIt) {
  Issue("chung_thuc");
  Open("1");
  Open("2");
  EXPECT_EQ(CallNext("1"), "A001");
  Change ch;
  ASSERT_TRUE(centre_->Transfer({{"1", "", "", ""}, "", "2", false}, now_, &ch).ok());
  EXPECT_EQ(CallNext("1").substr(0, 9), "NOT_FOUND");
  EXPECT_EQ(centre_->PositionOf(1).ahead, 0u);
  v1::FieldQueue q;
  centre_->FieldQueueToProto(0, now_, &q);
  EXPECT_EQ(q.waiting(), 1u) << "a ticket waiting for one counter still waits in its field";
  EXPECT_EQ(CallNext("2"), "A001");
}

TEST_F(CentreTest, ParkAndResumeReturnsToTheOriginalPlaceOrACounter) {
  Issue("chung_thuc");  // A001
  now_ += kMicrosPerMinute;
  Issue("chung_thuc");  // A002
  Open("1");
  EXPECT_EQ(CallNext("1"), "A001");
  ASSERT_TRUE(Act(&Centre::Park, "1").ok());
  EXPECT_EQ(T("A001").state, v1::PARKED);
  EXPECT_EQ(CallNext("1"), "A002") << "the counter is free again";
  ASSERT_TRUE(Act(&Centre::Complete, "1").ok());
  ASSERT_TRUE(Act(&Centre::Resume, "", "A001").ok());
  EXPECT_EQ(T("A001").state, v1::WAITING);
  EXPECT_EQ(T("A001").queued_since, GoLiveAt(8, 0));
  EXPECT_EQ(CallNext("1"), "A001");
  ASSERT_TRUE(Act(&Centre::Park, "1").ok());
  ASSERT_TRUE(Act(&Centre::Resume, "1", "A001").ok()) << "straight back to counter 1";
  EXPECT_EQ(T("A001").state, v1::CALLED);
}

TEST_F(CentreTest, AutoNoShowAfterTheConfiguredTime) {
  config_.policy.auto_no_show_minutes = 3;
  Reset();
  Issue("chung_thuc");
  Open("1");
  CallNext("1");
  Change ch;
  now_ += 2 * kMicrosPerMinute;
  centre_->AutoNoShow(now_, &ch);
  EXPECT_EQ(T("A001").state, v1::CALLED);
  ASSERT_TRUE(Act(&Centre::Recall, "1").ok()) << "a recall restarts the wait";
  now_ += 2 * kMicrosPerMinute;
  centre_->AutoNoShow(now_, &ch);
  EXPECT_EQ(T("A001").state, v1::CALLED);
  now_ += 2 * kMicrosPerMinute;
  centre_->AutoNoShow(now_, &ch);
  EXPECT_EQ(T("A001").state, v1::NO_SHOW);
  EXPECT_EQ(ch.events.back().kind(), v1::MARKED_NO_SHOW);
  EXPECT_FALSE(centre_->has_called_tickets());
}

TEST_F(CentreTest, CitizenCapsCountAHashNotTheNumberAndExemptPriority) {
  EXPECT_EQ(Issue("chung_thuc", v1::NORMAL, "h1"), "A001");
  EXPECT_EQ(Issue("chung_thuc", v1::NORMAL, "h1").substr(0, 18), "RESOURCE_EXHAUSTED") << "1 per field";
  EXPECT_EQ(Issue("ho_tich", v1::NORMAL, "h1"), "B001");
  EXPECT_EQ(Issue("dat_dai", v1::NORMAL, "h1").substr(0, 18), "RESOURCE_EXHAUSTED") << "2 a day";
  EXPECT_EQ(Issue("dat_dai", v1::PRIORITY, "h1"), "C001") << "priority cases are exempt";
  EXPECT_EQ(Issue("dat_dai", v1::NORMAL, "h2"), "C002");
}

TEST_F(CentreTest, FieldDailyCapStopsIssuingWithAPlainMessage) {
  config_.fields[2].daily_cap = 2;
  Reset();
  Issue("dat_dai");
  Issue("dat_dai");
  IssueRequest r{"dat_dai", v1::NORMAL, v1::KIOSK, "x", ""};
  Change ch;
  Status s = centre_->Issue(r, now_, &ch);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("Đất đai"), std::string::npos);
  EXPECT_NE(s.message().find("Land"), std::string::npos);
}

TEST_F(CentreTest, DemandControlStopsWhenTheWaitRunsPastClosing) {
  now_ = GoLiveAt(16, 0);  // one hour to closing; land takes 15 minutes with one counter
  Open("4");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Issue("dat_dai")[0], 'C') << i;
  const std::string refused = Issue("dat_dai");
  EXPECT_EQ(refused.substr(0, 18), "RESOURCE_EXHAUSTED") << refused;
  v1::FieldQueue q;
  centre_->FieldQueueToProto(2, now_, &q);
  EXPECT_TRUE(q.issuing_stopped());
  EXPECT_EQ(Issue("chung_thuc"), "A001") << "other fields still issue";
}

TEST_F(CentreTest, OutsideHoursIsRefusedUnlessConfigured) {
  now_ = GoLiveAt(20, 0);
  EXPECT_EQ(Issue("chung_thuc").substr(0, 19), "FAILED_PRECONDITION");
  now_ = GoLiveAt(6, 45);
  EXPECT_EQ(Issue("chung_thuc"), "A001") << "from an hour before opening";
  config_.policy.accept_outside_hours = true;
  Reset();
  now_ = GoLiveAt(22, 0);
  EXPECT_EQ(Issue("chung_thuc"), "A001");
}

TEST_F(CentreTest, PositionAndWaitEstimateFollowQueueAndOpenCounters) {
  for (int i = 0; i < 6; ++i) Issue("chung_thuc");
  Issue("chung_thuc", v1::PRIORITY);
  const Position last = centre_->PositionOf(6);
  EXPECT_EQ(last.ahead, 6u) << "5 normal ahead plus the priority ticket";
  // Three counters serve A (1, 2, 3), none open yet: assume all three.
  EXPECT_EQ(last.wait_minutes, 10u);  // 6 x 5 min / 3
  EXPECT_EQ(centre_->PositionOf(7).ahead, 0u);
  Open("1");
  EXPECT_EQ(centre_->PositionOf(6).wait_minutes, 30u) << "only one counter open";
}

TEST_F(CentreTest, PlaceInLineCountsOnlyTicketsStillAheadInCallOrder) {
  // A001 08:00, A002 08:01, B001 08:02, A003 08:03, A004 08:04 (seq 1-5).
  for (const char* field : {"chung_thuc", "chung_thuc", "ho_tich", "chung_thuc", "chung_thuc"}) {
    Issue(field);
    now_ += kMicrosPerMinute;
  }
  EXPECT_EQ(centre_->PositionOf(5).ahead, 3u) << "A001, A002, A003";
  // Counter 2 weighs B double: 3 min x 2 beats A001's 5 min x 1.
  Open("2");
  EXPECT_EQ(CallNext("2"), "B001");
  Change ch;
  ASSERT_TRUE(centre_->Transfer({{"2", "", "", ""}, "chung_thuc", "", false}, now_, &ch).ok());
  EXPECT_EQ(centre_->PositionOf(3).ahead, 2u) << "B001 keeps its 08:02 place, behind A001 and A002";
  EXPECT_EQ(centre_->PositionOf(5).ahead, 4u) << "and stands ahead of A004";
  ASSERT_TRUE(centre_->Cancel("A002", "left", now_, &ch).ok());
  EXPECT_EQ(centre_->PositionOf(3).ahead, 1u);
  Open("1");
  EXPECT_EQ(CallNext("1"), "A001");
  EXPECT_EQ(centre_->PositionOf(3).ahead, 0u);
  EXPECT_EQ(centre_->PositionOf(5).ahead, 2u) << "B001, A003";
  EXPECT_EQ(centre_->PositionOf(1).ahead, 0u) << "a called ticket is not in line";
}

TEST_F(CentreTest, DayEndExpiresWhatIsLeftAndClosesCounters) {
  Issue("chung_thuc");
  Issue("chung_thuc");
  Issue("ho_tich");
  Open("1");
  CallNext("1");
  Change ch;
  centre_->ExpireDay(GoLiveAt(23, 59), &ch);
  EXPECT_EQ(ch.tickets.size(), 3u);
  EXPECT_EQ(T("A001").state, v1::EXPIRED);
  EXPECT_EQ(T("B001").state, v1::EXPIRED);
  EXPECT_EQ(centre_->waiting_count(), 0u);
  EXPECT_EQ(ch.events.back().kind(), v1::COUNTER_CLOSED);
  centre_->StartDay(20250702);
  now_ = LocalMoment({2025, 7, 2}, 8 * 60);
  EXPECT_EQ(Issue("chung_thuc"), "A001") << "numbering resets each service day";
}

TEST_F(CentreTest, CancelOnlyWhileWaitingOrParked) {
  Issue("chung_thuc");
  Change ch;
  ASSERT_TRUE(centre_->Cancel("A001", "left", now_, &ch).ok());
  EXPECT_EQ(T("A001").state, v1::CANCELLED);
  EXPECT_EQ(centre_->waiting_count(), 0u);
  EXPECT_EQ(centre_->Cancel("A001", "", now_, &ch).code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace qms::queue

// Admission: a day restored from its ticket records admits and counts
// tickets exactly as the day that issued them (numbering, the field's daily
// cap, the citizen's caps, request-id replays, the waiting lines).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/queue/centre.h"
#include "tests/queue/test_config.h"

namespace qms::queue {
namespace {

using testing::GoLiveAt;
using testing::MakeCentre;

constexpr uint32_t kDay = 20250701;

// The outcome of an issue, as text: the number (with " replayed") or the status.
std::string IssueOutcome(Centre& centre, const IssueRequest& r, MicrosUtc now) {
  Change change;
  Status s = centre.Issue(r, now, &change);
  if (!s.ok()) return s.ToString();
  std::string out = centre.DisplayNumber(centre.ticket(change.primary_ticket));
  return change.replayed ? out + " replayed" : out;
}

// Everything the day's counts decide, as text, so two centres compare.
std::vector<std::string> DayView(const Centre& centre) {
  std::vector<std::string> view;
  view.push_back("tickets " + std::to_string(centre.ticket_count()) + " waiting " +
                 std::to_string(centre.waiting_count()));
  for (uint32_t seq = 1; seq <= centre.ticket_count(); ++seq) {
    const Ticket& t = centre.ticket(seq);
    const Position p = centre.PositionOf(seq);
    StatusOr<uint32_t> found = centre.FindTicket(centre.DisplayNumber(t));
    view.push_back(centre.DisplayNumber(t) + " " + v1::TicketState_Name(t.state) + " ahead " +
                   std::to_string(p.ahead) + " wait " + std::to_string(p.wait_minutes) + " found " +
                   (found.ok() ? std::to_string(*found) : found.status().ToString()));
  }
  return view;
}

class CentreRestoreTest : public ::testing::Test {
 protected:
  CentreRestoreTest() {
    config_ = MakeCentre();
    config_.fields[1].daily_cap = 3;  // B: three a day
  }

  IssueRequest Req(const std::string& field, const std::string& request_id, const std::string& citizen = "",
                   PriorityClass priority = v1::NORMAL) {
    return {field, priority, v1::KIOSK, request_id, citizen};
  }

  // A centre rebuilt from `live`'s records, as QueueEngine::LoadDay does.
  std::unique_ptr<Centre> Restore(const Centre& live) {
    auto restored = std::make_unique<Centre>(&config_);
    restored->StartDay(kDay);
    restored->ReserveTickets(live.ticket_count());
    for (uint32_t seq = 1; seq <= live.ticket_count(); ++seq) {
      storage::TicketRecord record;
      live.TicketRecordOf(seq, &record);
      storage::TicketRecord parsed;
      EXPECT_TRUE(parsed.ParseFromString(record.SerializeAsString()));
      restored->RestoreTicket(parsed);
    }
    for (int16_t c = 0; c < static_cast<int16_t>(config_.counters.size()); ++c) {
      storage::CounterRecord record;
      live.CounterRecordOf(c, &record);
      restored->RestoreCounter(record);
    }
    return restored;
  }

  config::CentreConfig config_;
};

TEST_F(CentreRestoreTest, ARestoredDayAdmitsAndCountsAsTheIssuingDid) {
  Centre live(&config_);
  live.StartDay(kDay);
  const MicrosUtc now = GoLiveAt(8, 0);
  ASSERT_EQ(IssueOutcome(live, Req("chung_thuc", "r1", "citizen-x"), now), "A001");
  ASSERT_EQ(IssueOutcome(live, Req("chung_thuc", "r2"), now), "A002");
  ASSERT_EQ(IssueOutcome(live, Req("ho_tich", "r3", "citizen-y"), now), "B001");
  ASSERT_EQ(IssueOutcome(live, Req("ho_tich", "r4", "", v1::PRIORITY), now), "B002");
  ASSERT_EQ(IssueOutcome(live, Req("ho_tich", "r5"), now), "B003");
  Change change;
  ASSERT_TRUE(live.Cancel("A002", "left", now, &change).ok());
  ASSERT_TRUE(live.OpenCounter({"2", "lan"}, now, &change).ok());
  ASSERT_TRUE(live.CallNext({"2", "lan"}, now, &change).ok());  // B002, the priority ticket

  std::unique_ptr<Centre> restored = Restore(live);
  EXPECT_EQ(DayView(*restored), DayView(live));

  // The same requests, after the restart and without it.
  const MicrosUtc later = GoLiveAt(8, 30);
  const std::vector<IssueRequest> next = {
      Req("ho_tich", "r6"),                              // B is at its daily cap
      Req("chung_thuc", "r7", "citizen-x"),              // citizen-x has an A already
      Req("dat_dai", "r8", "citizen-x"),                 // a second field: allowed
      Req("dat_dai", "r9", "citizen-x"),                 // a third ticket: over the daily cap per citizen
      Req("chung_thuc", "r1", "citizen-x"),              // a retry of the first request
      Req("ho_tich", "r3", "citizen-y"),                 // a retry, though B is full now
      Req("chung_thuc", "r10"),                          // numbering goes on past A002
      Req("ho_tich", "r11", "citizen-y", v1::PRIORITY),  // PRIORITY has no citizen cap, the field's cap holds
  };
  std::vector<std::string> live_outcomes, restored_outcomes;
  for (const IssueRequest& r : next) {
    live_outcomes.push_back(IssueOutcome(live, r, later));
    restored_outcomes.push_back(IssueOutcome(*restored, r, later));
  }
  EXPECT_EQ(restored_outcomes, live_outcomes);
  ASSERT_EQ(live_outcomes.size(), 8u);
  EXPECT_NE(live_outcomes[0].find("RESOURCE_EXHAUSTED"), std::string::npos) << live_outcomes[0];
  EXPECT_NE(live_outcomes[1].find("số mỗi lĩnh vực"), std::string::npos) << live_outcomes[1];
  EXPECT_EQ(live_outcomes[2], "C001");
  EXPECT_NE(live_outcomes[3].find("số mỗi ngày"), std::string::npos) << live_outcomes[3];
  EXPECT_EQ(live_outcomes[4], "A001 replayed");
  EXPECT_EQ(live_outcomes[5], "B001 replayed");
  EXPECT_EQ(live_outcomes[6], "A003");
  EXPECT_NE(live_outcomes[7].find("RESOURCE_EXHAUSTED"), std::string::npos) << live_outcomes[7];
  EXPECT_EQ(DayView(*restored), DayView(live));

  // A restored day restored again is the same day.
  EXPECT_EQ(DayView(*Restore(*restored)), DayView(live));
}

}  // namespace
}  // namespace qms::queue

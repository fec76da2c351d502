// The citizen's rating in the queue domain: who may rate which ticket, once,
// the replay of a lost reply, the event, and the record a restart reads
// (including records written before ratings and first calls were kept).
#include <gtest/gtest.h>

#include "services/queue/centre.h"
#include "tests/queue/test_config.h"

namespace qms::queue {
namespace {

using testing::GoLiveAt;
using testing::MakeCentre;

class CentreRatingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    centre_ = std::make_unique<Centre>(&config_);
    centre_->StartDay(20250701);
  }

  void Issue(const std::string& field) {
    Change ch;
    ASSERT_TRUE(
        centre_->Issue({field, v1::NORMAL, v1::KIOSK, "req-" + std::to_string(++requests_), ""}, now_, &ch)
            .ok());
  }
  Status Act(Status (Centre::*op)(const CounterAction&, MicrosUtc, Change*), const std::string& counter,
             const std::string& number = "") {
    Change ch;
    return (centre_.get()->*op)({counter, "clerk-" + counter, number, ""}, now_, &ch);
  }
  // A001 issued, called at counter 1 by clerk-1, served and completed.
  void ServeA001() {
    Issue("chung_thuc");
    ASSERT_TRUE(Act(&Centre::OpenCounter, "1").ok());
    ASSERT_TRUE(Act(&Centre::CallNext, "1").ok());
    ASSERT_TRUE(Act(&Centre::StartServing, "1").ok());
    ASSERT_TRUE(Act(&Centre::Complete, "1").ok());
  }
  Status Rate(const std::string& number, const std::string& counter, v1::Rating rating,
              const std::string& clerk = "", Change* ch = nullptr) {
    Change local;
    return centre_->Rate({counter, clerk, number, rating}, now_, ch ? ch : &local);
  }
  const Ticket& T(const std::string& number) { return centre_->ticket(*centre_->FindTicket(number)); }

  config::CentreConfig config_ = MakeCentre();
  std::unique_ptr<Centre> centre_;
  MicrosUtc now_ = GoLiveAt(8, 0);
  int requests_ = 0;
};

TEST_F(CentreRatingTest, ADoneTicketIsRatedOnceWithAnEvent) {
  ServeA001();
  now_ = GoLiveAt(8, 10);
  Change ch;
  ASSERT_TRUE(Rate("A001", "1", v1::SATISFIED, "clerk-1", &ch).ok());
  EXPECT_EQ(T("A001").rating, v1::SATISFIED);
  EXPECT_EQ(T("A001").rated_at, GoLiveAt(8, 10));
  EXPECT_EQ(T("A001").state, v1::DONE);
  ASSERT_EQ(ch.tickets.size(), 1u);
  EXPECT_TRUE(ch.counters.empty()) << "a rating changes no counter";
  EXPECT_FALSE(ch.replayed);
  ASSERT_EQ(ch.events.size(), 1u);
  const v1::CentreEvent& e = ch.events[0];
  EXPECT_EQ(e.kind(), v1::RATED);
  EXPECT_EQ(e.ticket().number(), "A001");
  EXPECT_EQ(e.ticket().rating(), v1::SATISFIED);
  EXPECT_EQ(e.ticket().rated_at_us(), GoLiveAt(8, 10));
  EXPECT_EQ(e.counter_id(), "1");
  EXPECT_EQ(e.clerk_id(), "clerk-1");
  EXPECT_EQ(e.seq(), centre_->last_event_seq());
}

TEST_F(CentreRatingTest, TheSameRatingAgainIsAReplayAndAnotherIsAlreadyExists) {
  ServeA001();
  ASSERT_TRUE(Rate("A001", "1", v1::VERY_SATISFIED).ok());
  const uint64_t seq = centre_->last_event_seq();
  now_ = GoLiveAt(8, 30);

  Change replay;
  ASSERT_TRUE(Rate("A001", "1", v1::VERY_SATISFIED, "", &replay).ok());
  EXPECT_TRUE(replay.replayed);
  EXPECT_EQ(replay.primary_ticket, T("A001").seq);
  EXPECT_TRUE(replay.tickets.empty());
  EXPECT_TRUE(replay.events.empty());
  EXPECT_EQ(centre_->last_event_seq(), seq);
  EXPECT_EQ(T("A001").rated_at, GoLiveAt(8, 0)) << "a replay does not move the time";

  Status other = Rate("A001", "1", v1::DISSATISFIED);
  EXPECT_EQ(other.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(other.message().find("already rated VERY_SATISFIED"), std::string::npos) << other.message();
  EXPECT_EQ(T("A001").rating, v1::VERY_SATISFIED);
}

TEST_F(CentreRatingTest, OnlyADoneTicketCanBeRated) {
  Issue("chung_thuc");  // A001
  Issue("chung_thuc");  // A002
  Issue("chung_thuc");  // A003
  Issue("chung_thuc");  // A004
  ASSERT_TRUE(Act(&Centre::OpenCounter, "1").ok());
  auto expect_refused = [&](const std::string& number, const std::string& state) {
    Status s = Rate(number, "1", v1::SATISFIED);
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << number;
    EXPECT_NE(s.message().find("is " + state + "; only a DONE ticket can be rated"), std::string::npos)
        << s.message();
  };
  expect_refused("A001", "WAITING");
  ASSERT_TRUE(Act(&Centre::CallNext, "1").ok());
  expect_refused("A001", "CALLED");
  ASSERT_TRUE(Act(&Centre::StartServing, "1").ok());
  expect_refused("A001", "SERVING");
  ASSERT_TRUE(Act(&Centre::Park, "1").ok());
  expect_refused("A001", "PARKED");
  ASSERT_TRUE(Act(&Centre::CallNext, "1").ok());  // A002
  ASSERT_TRUE(Act(&Centre::MarkNoShow, "1").ok());
  expect_refused("A002", "NO_SHOW");
  Change ch;
  ASSERT_TRUE(centre_->Cancel("A003", "", now_, &ch).ok());
  expect_refused("A003", "CANCELLED");
  Change expired;
  centre_->ExpireDay(now_, &expired);
  expect_refused("A004", "EXPIRED");
  EXPECT_EQ(T("A001").rating, v1::RATING_UNSPECIFIED);
}

TEST_F(CentreRatingTest, TheCounterAndClerkMustBeThoseThatServedIt) {
  ServeA001();
  ASSERT_TRUE(Act(&Centre::OpenCounter, "2").ok());
  Status s = Rate("A001", "2", v1::SATISFIED);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("served at counter 1, not 2"), std::string::npos) << s.message();
  s = Rate("A001", "1", v1::SATISFIED, "clerk-9");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("served by clerk clerk-1, not clerk-9"), std::string::npos) << s.message();
  EXPECT_EQ(Rate("A001", "7", v1::SATISFIED).code(), StatusCode::kNotFound);
  EXPECT_EQ(Rate("A009", "1", v1::SATISFIED).code(), StatusCode::kNotFound);
  EXPECT_EQ(Rate("", "1", v1::SATISFIED).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Rate("A001", "1", v1::RATING_UNSPECIFIED).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Rate("A001", "1", static_cast<v1::Rating>(7)).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(T("A001").rating, v1::RATING_UNSPECIFIED);
  EXPECT_TRUE(Rate("A001", "1", v1::DISSATISFIED, "clerk-1").ok());
}

TEST_F(CentreRatingTest, TheFirstCallIsKeptThroughRecallsAndLaterCalls) {
  Issue("chung_thuc");
  ASSERT_TRUE(Act(&Centre::OpenCounter, "1").ok());
  now_ = GoLiveAt(8, 10);
  ASSERT_TRUE(Act(&Centre::CallNext, "1").ok());
  now_ = GoLiveAt(8, 12);
  ASSERT_TRUE(Act(&Centre::Recall, "1").ok());
  now_ = GoLiveAt(8, 15);
  ASSERT_TRUE(Act(&Centre::MarkNoShow, "1").ok());
  now_ = GoLiveAt(8, 40);
  ASSERT_TRUE(Act(&Centre::CallTicket, "1", "A001").ok());  // the citizen came back
  EXPECT_EQ(T("A001").first_called_at, GoLiveAt(8, 10));
  EXPECT_EQ(T("A001").called_at, GoLiveAt(8, 40));
}

TEST_F(CentreRatingTest, TheRecordCarriesRatingAndFirstCallAndOldRecordsStillLoad) {
  ServeA001();
  ASSERT_TRUE(Rate("A001", "1", v1::VERY_SATISFIED).ok());
  storage::TicketRecord record;
  centre_->TicketRecordOf(T("A001").seq, &record);
  EXPECT_EQ(record.ticket().rating(), v1::VERY_SATISFIED);
  EXPECT_EQ(record.ticket().first_called_at_us(), GoLiveAt(8, 0));

  // A record as the server wrote it before fields 18-20 existed: its bytes
  // simply lack them.
  storage::TicketRecord old = record;
  old.mutable_ticket()->clear_rating();
  old.mutable_ticket()->clear_rated_at_us();
  old.mutable_ticket()->clear_first_called_at_us();
  old.mutable_ticket()->set_called_at_us(GoLiveAt(8, 5));
  storage::TicketRecord parsed;
  ASSERT_TRUE(parsed.ParseFromString(old.SerializeAsString()));

  Centre restored(&config_);
  restored.StartDay(20250701);
  restored.RestoreTicket(parsed);
  const Ticket& t = restored.ticket(1);
  EXPECT_EQ(t.state, v1::DONE);
  EXPECT_EQ(t.rating, v1::RATING_UNSPECIFIED);
  EXPECT_EQ(t.first_called_at, GoLiveAt(8, 5)) << "the latest call stands in for the first";

  Centre again(&config_);
  again.StartDay(20250701);
  again.RestoreTicket(record);
  EXPECT_EQ(again.ticket(1).rating, v1::VERY_SATISFIED);
  EXPECT_EQ(again.ticket(1).rated_at, GoLiveAt(8, 0));
  EXPECT_EQ(again.ticket(1).first_called_at, GoLiveAt(8, 0));
}

}  // namespace
}  // namespace qms::queue

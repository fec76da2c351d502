// CounterService.RateService through gRPC: the citizen's rating of a DONE
// ticket, stored with the ticket, its counter and clerk, streamed as RATED;
// once only, with a retry after a lost reply answered OK; every refusal with
// its code and a message naming what is wrong.
#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;
using Stub = v1::CounterService::Stub;

class RatingServiceTest : public QueueServiceTest {
 protected:
  // Issues a ticket of field A and serves it to the end at `counter`.
  std::string ServeOne(const std::string& counter = "1") {
    const std::string number = MustIssue(kFieldA).ticket().number();
    EXPECT_EQ(MustCallNext(counter), number);
    MustAct(&Stub::StartServing, counter);
    clock_.Advance(4 * kMicrosPerMinute);
    EXPECT_EQ(MustAct(&Stub::Complete, counter).state(), v1::DONE);
    return number;
  }
};

TEST_F(RatingServiceTest, ARatingIsStoredWithTheTicketCounterAndClerkAndStreamed) {
  MustOpen("1");
  const std::string number = ServeOne();
  auto board = Watch(kCentre);
  v1::CentreEvent e;
  ASSERT_TRUE(board->Next(&e));
  ASSERT_TRUE(e.has_snapshot());
  const uint64_t before = e.seq();

  clock_.Advance(kMicrosPerMinute);
  v1::TicketResponse resp;
  ASSERT_TRUE(Rate(number, "1", v1::VERY_SATISFIED, &resp, "clerk-1").ok());
  EXPECT_EQ(resp.ticket().number(), number);
  EXPECT_EQ(resp.ticket().state(), v1::DONE);
  EXPECT_EQ(resp.ticket().rating(), v1::VERY_SATISFIED);
  EXPECT_EQ(resp.ticket().rated_at_us(), clock_.Now());
  EXPECT_EQ(resp.ticket().counter_id(), "1");
  EXPECT_EQ(resp.ticket().clerk_id(), "clerk-1");

  ASSERT_TRUE(board->Next(&e));
  EXPECT_EQ(e.seq(), before + 1);
  EXPECT_EQ(e.kind(), v1::RATED);
  EXPECT_EQ(e.ticket().number(), number);
  EXPECT_EQ(e.ticket().rating(), v1::VERY_SATISFIED);
  EXPECT_EQ(e.counter_id(), "1");
  EXPECT_EQ(e.clerk_id(), "clerk-1");

  const v1::Ticket got = MustGet(number).ticket();
  EXPECT_EQ(got.rating(), v1::VERY_SATISFIED);
  EXPECT_EQ(got.rated_at_us(), resp.ticket().rated_at_us());
}

TEST_F(RatingServiceTest, TheSameRatingAgainIsOkAndAnotherIsAlreadyExistsNamingTheFirst) {
  MustOpen("1");
  const std::string number = ServeOne();
  v1::TicketResponse first;
  ASSERT_TRUE(Rate(number, "1", v1::SATISFIED, &first).ok());
  const uint64_t seq = Snapshot().seq();

  clock_.Advance(kMicrosPerMinute);
  v1::TicketResponse retry;  // the screen lost the first reply and sends again
  ASSERT_TRUE(Rate(number, "1", v1::SATISFIED, &retry).ok());
  EXPECT_EQ(retry.ticket().rating(), v1::SATISFIED);
  EXPECT_EQ(retry.ticket().rated_at_us(), first.ticket().rated_at_us());
  EXPECT_EQ(Snapshot().seq(), seq) << "a retry emits no event";

  v1::TicketResponse other;
  EXPECT_TRUE(HasCode(Rate(number, "1", v1::DISSATISFIED, &other), StatusCode::ALREADY_EXISTS,
                      "already rated SATISFIED"));
  EXPECT_EQ(MustGet(number).ticket().rating(), v1::SATISFIED);
  EXPECT_EQ(Snapshot().seq(), seq);
}

TEST_F(RatingServiceTest, OnlyADoneTicketCanBeRated) {
  MustOpen("1");
  const std::string waiting = MustIssue(kFieldA).ticket().number();
  v1::TicketResponse resp;
  EXPECT_TRUE(HasCode(Rate(waiting, "1", v1::SATISFIED, &resp), StatusCode::FAILED_PRECONDITION,
                      "is WAITING; only a DONE ticket can be rated"));
  ASSERT_EQ(MustCallNext("1"), waiting);
  EXPECT_TRUE(
      HasCode(Rate(waiting, "1", v1::SATISFIED, &resp), StatusCode::FAILED_PRECONDITION, "is CALLED"));
  MustAct(&Stub::StartServing, "1");
  EXPECT_TRUE(
      HasCode(Rate(waiting, "1", v1::SATISFIED, &resp), StatusCode::FAILED_PRECONDITION, "is SERVING"));
  MustAct(&Stub::Park, "1");
  EXPECT_TRUE(
      HasCode(Rate(waiting, "1", v1::SATISFIED, &resp), StatusCode::FAILED_PRECONDITION, "is PARKED"));
  ASSERT_TRUE(Cancel(waiting, &resp).ok());
  EXPECT_TRUE(
      HasCode(Rate(waiting, "1", v1::SATISFIED, &resp), StatusCode::FAILED_PRECONDITION, "is CANCELLED"));
  const std::string absent = MustIssue(kFieldA).ticket().number();
  ASSERT_EQ(MustCallNext("1"), absent);
  MustAct(&Stub::MarkNoShow, "1");
  EXPECT_TRUE(
      HasCode(Rate(absent, "1", v1::SATISFIED, &resp), StatusCode::FAILED_PRECONDITION, "is NO_SHOW"));
  EXPECT_EQ(MustGet(waiting).ticket().rating(), v1::RATING_UNSPECIFIED);
  EXPECT_EQ(MustGet(absent).ticket().rating(), v1::RATING_UNSPECIFIED);
}

TEST_F(RatingServiceTest, OnlyTheCounterAndClerkThatServedItMayRateIt) {
  MustOpen("1");
  MustOpen("2");
  const std::string number = ServeOne("1");
  v1::TicketResponse resp;
  EXPECT_TRUE(HasCode(Rate(number, "2", v1::SATISFIED, &resp), StatusCode::FAILED_PRECONDITION,
                      "served at counter 1, not 2"));
  EXPECT_TRUE(HasCode(Rate(number, "1", v1::SATISFIED, &resp, "clerk-2"), StatusCode::FAILED_PRECONDITION,
                      "served by clerk clerk-1, not clerk-2"));
  EXPECT_EQ(MustGet(number).ticket().rating(), v1::RATING_UNSPECIFIED);
}

TEST_F(RatingServiceTest, BadInputIsInvalidArgumentAndUnknownsAreNotFound) {
  MustOpen("1");
  const std::string number = ServeOne();
  v1::TicketResponse resp;
  EXPECT_TRUE(HasCode(Rate(number, "1", v1::RATING_UNSPECIFIED, &resp), StatusCode::INVALID_ARGUMENT,
                      "rating must be VERY_SATISFIED, SATISFIED or DISSATISFIED"));
  EXPECT_TRUE(HasCode(Rate(number, "1", static_cast<v1::Rating>(7), &resp), StatusCode::INVALID_ARGUMENT,
                      "rating must be"));
  EXPECT_TRUE(
      HasCode(Rate("", "1", v1::SATISFIED, &resp), StatusCode::INVALID_ARGUMENT, "number is required"));
  EXPECT_TRUE(HasCode(Rate(number, "", v1::SATISFIED, &resp), StatusCode::INVALID_ARGUMENT, "counter_id"));
  EXPECT_TRUE(HasCode(Rate("A000000001", "1", v1::SATISFIED, &resp), StatusCode::INVALID_ARGUMENT, "number"));
  EXPECT_TRUE(
      HasCode(Rate(number, "1", v1::SATISFIED, &resp, "nv 1"), StatusCode::INVALID_ARGUMENT, "clerk_id"));
  EXPECT_TRUE(HasCode(Rate("A099", "1", v1::SATISFIED, &resp), StatusCode::NOT_FOUND, "A099"));
  EXPECT_TRUE(HasCode(Rate(number, "8", v1::SATISFIED, &resp), StatusCode::NOT_FOUND, "counter 8"));
  {
    grpc::ClientContext ctx;
    SetDeadline(&ctx);
    v1::RateServiceRequest req;
    req.set_centre_id(kUnknownCentre);
    req.set_number(number);
    req.set_counter_id("1");
    req.set_rating(v1::SATISFIED);
    EXPECT_TRUE(HasCode(counters_->RateService(&ctx, req, &resp), StatusCode::NOT_FOUND, kUnknownCentre));
  }
  {
    grpc::ClientContext ctx;
    SetDeadline(&ctx);
    v1::RateServiceRequest req;
    req.set_centre_id("centre-1");
    req.set_number(number);
    req.set_counter_id("1");
    req.set_rating(v1::SATISFIED);
    EXPECT_TRUE(HasCode(counters_->RateService(&ctx, req, &resp), StatusCode::INVALID_ARGUMENT, "centre_id"));
  }
  EXPECT_EQ(MustGet(number).ticket().rating(), v1::RATING_UNSPECIFIED);
  EXPECT_TRUE(Rate(number, "1", v1::DISSATISFIED, &resp).ok());
}

TEST_F(RatingServiceTest, YesterdaysTicketIsNotFound) {
  MustOpen("1");
  const std::string number = ServeOne();
  clock_.Set(LocalMoment(LocalDate{2025, 7, 2}, 8 * 60));
  v1::TicketResponse resp;
  EXPECT_TRUE(HasCode(Rate(number, "1", v1::SATISFIED, &resp), StatusCode::NOT_FOUND, "not issued today"));
}

}  // namespace
}  // namespace qms::service::test

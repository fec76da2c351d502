// IntakeService over an in-process channel: IssueTicket, GetTicket,
// CancelTicket. Every refusal is checked for its specific code, a message a
// clerk can act on, and that it changed nothing.
#include <google/protobuf/util/message_differencer.h>

#include <set>

#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using google::protobuf::util::MessageDifferencer;
using grpc::StatusCode;

class IntakeServiceTest : public QueueServiceTest {
 protected:
  // Issues `req` expecting `code`, and checks that the centre is unchanged.
  void ExpectIssueRefused(const v1::IssueTicketRequest& req, StatusCode code, const std::string& mentions,
                          const std::string& centre = kCentre) {
    const v1::CentreEvent before = Snapshot(centre);
    v1::IssueTicketResponse resp;
    EXPECT_TRUE(HasCode(Issue(req, &resp), code, mentions)) << req.ShortDebugString();
    EXPECT_FALSE(resp.has_ticket());
    EXPECT_TRUE(MessageDifferencer::Equals(before, Snapshot(centre))) << "a refused issue changed the centre";
  }
};

TEST_F(IntakeServiceTest, NumbersTicketsPerFieldWithThePrefix) {
  const auto a1 = MustIssue(kFieldA);
  const auto a2 = MustIssue(kFieldA);
  const auto b1 = MustIssue(kFieldB);
  const auto a3 = MustIssue(kFieldA);
  EXPECT_EQ(a1.ticket().number(), "A001");
  EXPECT_EQ(a2.ticket().number(), "A002");
  EXPECT_EQ(b1.ticket().number(), "B001");
  EXPECT_EQ(a3.ticket().number(), "A003");

  const v1::Ticket& t = a1.ticket();
  EXPECT_EQ(t.centre_id(), kCentre);
  EXPECT_EQ(t.field_id(), kFieldA);
  EXPECT_EQ(t.original_field_id(), kFieldA);
  EXPECT_EQ(t.state(), v1::WAITING);
  EXPECT_EQ(t.priority(), v1::NORMAL);  // UNSPECIFIED is NORMAL
  EXPECT_EQ(t.channel(), v1::KIOSK);    // UNSPECIFIED is KIOSK
  EXPECT_EQ(t.service_day(), 20250701u);
  EXPECT_EQ(t.issued_at_us(), TuesdayAt(8, 0));
  EXPECT_EQ(t.queued_since_us(), t.issued_at_us());
  EXPECT_FALSE(a1.replayed());
}

TEST_F(IntakeServiceTest, NumberStartComesFromTheCentrePolicy) {
  EXPECT_EQ(MustIssue(kFieldA, v1::NORMAL, kStartAt100).ticket().number(), "A100");
  EXPECT_EQ(MustIssue(kFieldA, v1::NORMAL, kStartAt100).ticket().number(), "A101");
  EXPECT_EQ(MustIssue(kFieldB, v1::NORMAL, kStartAt100).ticket().number(), "B100");
  // Centres number independently.
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A001");
  EXPECT_EQ(MustGet("A100", kStartAt100).ticket().field_id(), kFieldA);
  v1::GetTicketResponse resp;
  EXPECT_TRUE(HasCode(Get("A099", &resp, kStartAt100), StatusCode::NOT_FOUND, "A099"));
}

TEST_F(IntakeServiceTest, RetryWithTheSameRequestIdReturnsTheSameTicket) {
  v1::IssueTicketRequest req = IssueRequest(kFieldA, "kiosk7-0001");
  req.set_channel(v1::KIOSK);
  v1::IssueTicketResponse first;
  ASSERT_TRUE(Issue(req, &first).ok());
  ASSERT_FALSE(first.replayed());
  MustIssue(kFieldA);  // A002
  clock_.Advance(kMicrosPerMinute);

  v1::IssueTicketResponse retry;
  ASSERT_TRUE(Issue(req, &retry).ok());
  EXPECT_TRUE(retry.replayed());
  EXPECT_TRUE(MessageDifferencer::Equals(first.ticket(), retry.ticket()));
  EXPECT_EQ(retry.position_ahead(), 0u);

  // The retry did not consume a number.
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A003");
  EXPECT_EQ(Snapshot().snapshot().queues(0).waiting(), 3u);
}

TEST_F(IntakeServiceTest, RetryIsAnsweredEvenWhenIssuingHasStopped) {
  v1::IssueTicketResponse first;
  ASSERT_TRUE(Issue(IssueRequest(kFieldB, "kiosk7-0003"), &first).ok());
  MustIssue(kFieldB);
  MustIssue(kFieldB);  // ho_tich has reached its daily cap of 3
  v1::IssueTicketResponse retry;
  ASSERT_TRUE(Issue(IssueRequest(kFieldB, "kiosk7-0003"), &retry).ok());
  EXPECT_TRUE(retry.replayed());
  EXPECT_EQ(retry.ticket().number(), "B001");
  // A kiosk that retries just after closing still gets its ticket back.
  clock_.Set(TuesdayAt(17, 5));
  ASSERT_TRUE(Issue(IssueRequest(kFieldB, "kiosk7-0003"), &retry).ok());
  EXPECT_TRUE(retry.replayed());
  EXPECT_EQ(retry.ticket().number(), "B001");
}

TEST_F(IntakeServiceTest, ConcurrentRetriesGetOneTicket) {
  const auto answers = IssueMany(kBulkCentre, kFieldA, 50, "kiosk2-0007");
  ASSERT_EQ(answers.size(), 50u);
  int fresh = 0;
  for (const auto& a : answers) {
    EXPECT_EQ(a.ticket().number(), "A001");
    if (!a.replayed()) ++fresh;
  }
  EXPECT_EQ(fresh, 1);
  EXPECT_EQ(FindQueue(Snapshot(kBulkCentre).snapshot(), kFieldA)->waiting(), 1u);
  EXPECT_EQ(MustIssue(kFieldA, v1::NORMAL, kBulkCentre).ticket().number(), "A002");
}

TEST_F(IntakeServiceTest, ConcurrentIssuesGetDistinctConsecutiveNumbers) {
  constexpr int kTickets = 400;
  const auto answers = IssueMany(kBulkCentre, kFieldA, kTickets);
  ASSERT_EQ(answers.size(), static_cast<size_t>(kTickets));
  std::set<std::string> numbers;
  for (const auto& a : answers) numbers.insert(a.ticket().number());
  EXPECT_EQ(numbers.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(*numbers.begin(), "A001");
  EXPECT_EQ(*numbers.rbegin(), "A400");
  v1::GetTicketResponse resp;
  EXPECT_TRUE(HasCode(Get("A401", &resp, kBulkCentre), StatusCode::NOT_FOUND));
}

TEST_F(IntakeServiceTest, RequestIdReusedForAnotherFieldOrClassIsAlreadyExists) {
  v1::IssueTicketResponse first;
  ASSERT_TRUE(Issue(IssueRequest(kFieldA, "kiosk7-0002"), &first).ok());
  ExpectIssueRefused(IssueRequest(kFieldB, "kiosk7-0002"), StatusCode::ALREADY_EXISTS, "A001");
  v1::IssueTicketRequest priority = IssueRequest(kFieldA, "kiosk7-0002");
  priority.set_priority(v1::PRIORITY);
  ExpectIssueRefused(priority, StatusCode::ALREADY_EXISTS, "kiosk7-0002");
  v1::GetTicketResponse resp;
  EXPECT_TRUE(HasCode(Get("B001", &resp), StatusCode::NOT_FOUND));
}

TEST_F(IntakeServiceTest, RejectsMalformedCentreFieldAndRequestId) {
  MustIssue(kFieldA);
  const std::vector<std::pair<v1::IssueTicketRequest, std::string>> cases = {
      {IssueRequest(kFieldA, "r1", ""), "centre_id"},
      {IssueRequest(kFieldA, "r1", "10a"), "centre_id"},
      {IssueRequest(kFieldA, "r1", "1234567890"), "centre_id"},
      {IssueRequest("", "r1"), "field_id"},
      {IssueRequest(std::string(33, 'f'), "r1"), "field_id"},
      {IssueRequest("chung thuc", "r1"), "field_id"},
      {IssueRequest(kFieldA, ""), "request_id"},
      {IssueRequest(kFieldA, std::string(65, 'r')), "request_id"},
  };
  for (const auto& [req, mentions] : cases) ExpectIssueRefused(req, StatusCode::INVALID_ARGUMENT, mentions);

  // The longest allowed values pass the input checks.
  v1::IssueTicketResponse resp;
  EXPECT_TRUE(Issue(IssueRequest(kFieldA, std::string(64, 'r')), &resp).ok());
  EXPECT_TRUE(HasCode(Issue(IssueRequest(std::string(32, 'f'), "r2"), &resp), StatusCode::NOT_FOUND));
}

TEST_F(IntakeServiceTest, RejectsUnknownClassAndChannel) {
  v1::IssueTicketRequest req = IssueRequest(kFieldA, "r1");
  req.set_priority(static_cast<v1::PriorityClass>(42));
  ExpectIssueRefused(req, StatusCode::INVALID_ARGUMENT, "priority");
  req = IssueRequest(kFieldA, "r1");
  req.set_channel(static_cast<v1::Channel>(42));
  ExpectIssueRefused(req, StatusCode::INVALID_ARGUMENT, "channel");
}

TEST_F(IntakeServiceTest, UnknownCentreOrFieldIsNotFound) {
  v1::IssueTicketResponse resp;
  EXPECT_TRUE(HasCode(Issue(IssueRequest(kFieldA, "r1", kUnknownCentre), &resp), StatusCode::NOT_FOUND,
                      kUnknownCentre));
  ExpectIssueRefused(IssueRequest("thue", "r1"), StatusCode::NOT_FOUND, "thue");
}

TEST_F(IntakeServiceTest, RejectsMalformedCitizenId) {
  int n = 0;
  for (const std::string bad : {"12345", "0010980123456", "00109801234a", "001 98012345", "00109801-34"}) {
    v1::IssueTicketRequest req = IssueRequest(kFieldA, "r-" + std::to_string(++n));
    req.set_citizen_id(bad);
    ExpectIssueRefused(req, StatusCode::INVALID_ARGUMENT, "citizen_id");
  }
  for (const std::string good : {"001098012345", "123456789"}) {
    v1::IssueTicketRequest req = IssueRequest(kFieldA, "r-" + good);
    req.set_citizen_id(good);
    v1::IssueTicketResponse resp;
    EXPECT_TRUE(Issue(req, &resp).ok()) << good;
  }
}

TEST_F(IntakeServiceTest, CitizenDailyAndPerFieldCaps) {
  auto with_citizen = [&](const std::string& field, const std::string& rid, v1::PriorityClass p) {
    v1::IssueTicketRequest req = IssueRequest(field, rid);
    req.set_citizen_id("001098012345");
    req.set_priority(p);
    return req;
  };
  v1::IssueTicketResponse resp;
  ASSERT_TRUE(Issue(with_citizen(kFieldA, "c1", v1::NORMAL), &resp).ok());
  // One ticket per field a day (citizen_field_cap: 1).
  ExpectIssueRefused(with_citizen(kFieldA, "c2", v1::NORMAL), StatusCode::RESOURCE_EXHAUSTED, "field");
  ExpectIssueRefused(with_citizen(kFieldA, "c2", v1::APPOINTMENT), StatusCode::RESOURCE_EXHAUSTED, "field");
  ASSERT_TRUE(Issue(with_citizen(kFieldB, "c3", v1::NORMAL), &resp).ok());
  // Two tickets a day (citizen_daily_cap: 2).
  ExpectIssueRefused(with_citizen(kFieldC, "c4", v1::NORMAL), StatusCode::RESOURCE_EXHAUSTED, "2");
  // PRIORITY citizens are exempt from both caps.
  EXPECT_TRUE(Issue(with_citizen(kFieldA, "c5", v1::PRIORITY), &resp).ok());
  EXPECT_TRUE(Issue(with_citizen(kFieldC, "c6", v1::PRIORITY), &resp).ok());
  // Another citizen, and a ticket without an ID, are not affected.
  v1::IssueTicketRequest other = with_citizen(kFieldA, "c7", v1::NORMAL);
  other.set_citizen_id("123456789");
  EXPECT_TRUE(Issue(other, &resp).ok());
  EXPECT_TRUE(Issue(IssueRequest(kFieldA, "c8"), &resp).ok());
}

TEST_F(IntakeServiceTest, FieldDailyCapStopsIssuing) {
  for (int i = 0; i < 3; ++i) MustIssue(kFieldB);  // ho_tich: daily_cap 3
  ExpectIssueRefused(IssueRequest(kFieldB, "over-cap"), StatusCode::RESOURCE_EXHAUSTED, "Civil status");
  const v1::CentreEvent snap = Snapshot();
  const v1::FieldQueue* queue = FindQueue(snap.snapshot(), kFieldB);
  ASSERT_NE(queue, nullptr);
  EXPECT_TRUE(queue->issuing_stopped());
  EXPECT_FALSE(queue->stop_reason().empty());
  // Serving tickets does not give the day more numbers; other fields go on.
  MustOpen("3");
  MustCallNext("3");
  ExpectIssueRefused(IssueRequest(kFieldB, "over-cap-2"), StatusCode::RESOURCE_EXHAUSTED, "Civil status");
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A001");
}

TEST_F(IntakeServiceTest, DemandControlStopsWhenTheWaitRunsPastClosing) {
  // Closing is 17:00; dat_dai takes 15 min, at counter 3 only. A ticket is
  // issued only if its wait plus its own service ends by closing.
  clock_.Set(TuesdayAt(16, 30));
  EXPECT_EQ(MustIssue(kFieldC).estimated_wait_minutes(), 0u);   // done 16:45
  EXPECT_EQ(MustIssue(kFieldC).estimated_wait_minutes(), 15u);  // done 17:00: still in time
  ExpectIssueRefused(IssueRequest(kFieldC, "late"), StatusCode::RESOURCE_EXHAUSTED, "closing");
  const v1::CentreEvent snap = Snapshot();
  const v1::FieldQueue* queue = FindQueue(snap.snapshot(), kFieldC);
  ASSERT_NE(queue, nullptr);
  EXPECT_TRUE(queue->issuing_stopped());
  EXPECT_THAT(queue->stop_reason(), ::testing::HasSubstr("closing"));
  // A field with a short wait still issues.
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A001");
  // Calling one ticket shortens the wait: the field issues again.
  MustOpen("3");
  EXPECT_EQ(MustCallNext("3"), "C001");
  EXPECT_EQ(MustIssue(kFieldC).ticket().number(), "C003");
  ExpectIssueRefused(IssueRequest(kFieldC, "late-2"), StatusCode::RESOURCE_EXHAUSTED, "closing");
}

TEST_F(IntakeServiceTest, OutsideOpeningHoursIsFailedPrecondition) {
  clock_.Set(TuesdayAt(6, 29));  // kiosks issue from 60 minutes before 07:30
  ExpectIssueRefused(IssueRequest(kFieldA, "early"), StatusCode::FAILED_PRECONDITION, "not issuing");
  clock_.Set(TuesdayAt(6, 30));
  EXPECT_EQ(MustIssue(kFieldA).ticket().number(), "A001");
  clock_.Set(TuesdayAt(17, 0));
  ExpectIssueRefused(IssueRequest(kFieldA, "late"), StatusCode::FAILED_PRECONDITION, "not issuing");
  // A centre with accept_outside_hours issues at night.
  EXPECT_EQ(MustIssue(kFieldA, v1::NORMAL, kOpenAllHours).ticket().number(), "A001");
}

TEST_F(IntakeServiceTest, ClosedOnSaturday) {
  clock_.Set(LocalMoment(LocalDate{2025, 7, 5}, 9 * 60));
  ExpectIssueRefused(IssueRequest(kFieldA, "saturday"), StatusCode::FAILED_PRECONDITION, "not issuing");
}

TEST_F(IntakeServiceTest, PositionAheadAndWaitGrowWithTheQueue) {
  uint32_t last_wait = 0;
  for (uint32_t i = 0; i < 4; ++i) {
    const auto resp = MustIssue(kFieldA);
    EXPECT_EQ(resp.position_ahead(), i);
    EXPECT_GE(resp.estimated_wait_minutes(), last_wait);
    // At most the field's 5 minutes per ticket ahead, at least 5 min shared by its 3 counters.
    EXPECT_LE(resp.estimated_wait_minutes(), 5 * i);
    EXPECT_GE(resp.estimated_wait_minutes() * 3, 5 * i);
    last_wait = resp.estimated_wait_minutes();
  }
  EXPECT_GT(last_wait, 0u);
  // A priority ticket goes ahead of every normal one.
  const auto priority = MustIssue(kFieldA, v1::PRIORITY);
  EXPECT_EQ(priority.position_ahead(), 0u);
  EXPECT_EQ(priority.estimated_wait_minutes(), 0u);
  EXPECT_EQ(MustIssue(kFieldA).position_ahead(), 5u);
  // With one counter open the estimate is the full 5 minutes per ticket ahead.
  MustOpen("1");
  EXPECT_EQ(MustGet("A004").estimated_wait_minutes(), 20u);
}

TEST_F(IntakeServiceTest, GetTicketReportsPositionAndState) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  const auto got = MustGet("A003");
  EXPECT_EQ(got.ticket().number(), "A003");
  EXPECT_EQ(got.ticket().state(), v1::WAITING);
  EXPECT_EQ(got.position_ahead(), 2u);
  EXPECT_GT(got.estimated_wait_minutes(), 0u);

  MustOpen("1");
  EXPECT_EQ(MustCallNext("1"), "A001");
  EXPECT_EQ(MustGet("A003").position_ahead(), 1u);
  const auto called = MustGet("A001");
  EXPECT_EQ(called.ticket().state(), v1::CALLED);
  EXPECT_EQ(called.ticket().counter_id(), "1");
  EXPECT_EQ(called.position_ahead(), 0u);
}

TEST_F(IntakeServiceTest, GetTicketNotFoundAndMalformed) {
  MustIssue(kFieldA);
  v1::GetTicketResponse resp;
  EXPECT_TRUE(HasCode(Get("A002", &resp), StatusCode::NOT_FOUND, "A002"));
  EXPECT_TRUE(HasCode(Get("A999", &resp), StatusCode::NOT_FOUND, "A999"));
  EXPECT_TRUE(HasCode(Get("Z001", &resp), StatusCode::NOT_FOUND, "Z"));
  EXPECT_TRUE(HasCode(Get("A001", &resp, kUnknownCentre), StatusCode::NOT_FOUND, kUnknownCentre));
  for (const std::string bad : {"", "A", "A0x1", "A 01", "A12345678", "AB12"}) {
    EXPECT_TRUE(HasCode(Get(bad, &resp), StatusCode::INVALID_ARGUMENT)) << "\"" << bad << "\"";
  }
  EXPECT_TRUE(HasCode(Get("A001", &resp, "x1"), StatusCode::INVALID_ARGUMENT, "centre_id"));
}

// A number that does not start with a field prefix (one capital letter) is
// malformed, not an unknown ticket.
TEST_F(IntakeServiceTest, GetTicketWithoutALetterPrefixIsInvalidArgument) {
  MustIssue(kFieldA);
  v1::GetTicketResponse resp;
  for (const std::string bad : {"0012", "a001", "#001"}) {
    EXPECT_TRUE(HasCode(Get(bad, &resp), StatusCode::INVALID_ARGUMENT)) << "\"" << bad << "\"";
  }
}

TEST_F(IntakeServiceTest, CancelWaitingTicket) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  clock_.Advance(3 * kMicrosPerMinute);
  v1::TicketResponse resp;
  ASSERT_TRUE(Cancel("A001", &resp, "citizen left").ok());
  EXPECT_EQ(resp.ticket().state(), v1::CANCELLED);
  EXPECT_EQ(resp.ticket().finished_at_us(), TuesdayAt(8, 3));
  EXPECT_EQ(MustGet("A001").ticket().state(), v1::CANCELLED);
  EXPECT_EQ(MustGet("A002").position_ahead(), 0u);
  EXPECT_EQ(FindQueue(Snapshot().snapshot(), kFieldA)->waiting(), 1u);
  // A cancelled ticket is never called.
  MustOpen("1");
  EXPECT_EQ(MustCallNext("1"), "A002");
}

TEST_F(IntakeServiceTest, CancelRefusedOutsideWaitingOrParked) {
  MustIssue(kFieldA);
  MustIssue(kFieldA);
  MustOpen("1");
  ASSERT_EQ(MustCallNext("1"), "A001");
  auto expect_refused = [&](const std::string& number, StatusCode code, const std::string& mentions) {
    const auto before = Snapshot();
    v1::GetTicketResponse ticket_before;
    const bool existed = Get(number, &ticket_before).ok();
    v1::TicketResponse resp;
    EXPECT_TRUE(HasCode(Cancel(number, &resp), code, mentions)) << number;
    EXPECT_TRUE(MessageDifferencer::Equals(before, Snapshot()));
    if (existed) {
      EXPECT_TRUE(MessageDifferencer::Equals(ticket_before.ticket(), MustGet(number).ticket()));
    }
  };
  expect_refused("A001", StatusCode::FAILED_PRECONDITION, "CALLED");
  MustAct(&v1::CounterService::Stub::Complete, "1");
  expect_refused("A001", StatusCode::FAILED_PRECONDITION, "DONE");
  expect_refused("A009", StatusCode::NOT_FOUND, "A009");
  expect_refused("A-1", StatusCode::INVALID_ARGUMENT, "");
  v1::TicketResponse resp;
  EXPECT_TRUE(HasCode(Cancel("A002", &resp, std::string(501, 'x')), StatusCode::INVALID_ARGUMENT, "reason"));
  EXPECT_EQ(MustGet("A002").ticket().state(), v1::WAITING);
  ASSERT_TRUE(Cancel("A002", &resp).ok());
  expect_refused("A002", StatusCode::FAILED_PRECONDITION, "CANCELLED");
}

TEST_F(IntakeServiceTest, CancelParkedTicket) {
  MustIssue(kFieldA);
  MustOpen("1");
  MustCallNext("1");
  EXPECT_EQ(MustAct(&v1::CounterService::Stub::Park, "1").state(), v1::PARKED);
  v1::TicketResponse resp;
  ASSERT_TRUE(Cancel("A001", &resp).ok());
  EXPECT_EQ(resp.ticket().state(), v1::CANCELLED);
}

}  // namespace
}  // namespace qms::service::test

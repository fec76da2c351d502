// What the queue services answer to requests a well-behaved client would not
// send: bytes that are not protobuf, text that is not UTF-8 (issue: both
// were answered UNIMPLEMENTED with no message), control characters in free
// text, and filters longer than any real value.
#include "tests/support/bad_requests.h"

#include "tests/queue_service/queue_service_fixture.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;

class BadRequestsTest : public QueueServiceTest {};

TEST_F(BadRequestsTest, EveryQueueMethodAnswersBadBytesWithInvalidArgument) {
  qms::test::ExpectEveryMethodRefusesBadBytes(
      channel_, {"qms.v1.IntakeService", "qms.v1.CounterService", "qms.v1.WatchService",
                 "qms.v1.DirectoryService", "qms.v1.StatsService"});
  // Nothing was issued by any of them.
  const v1::CentreEvent snapshot = Snapshot();
  for (const auto& q : snapshot.snapshot().queues()) EXPECT_EQ(q.waiting(), 0u) << q.field_id();
}

TEST_F(BadRequestsTest, ARequestThatParsesAfterABadOneIsServed) {
  qms::test::RawReply bad = qms::test::RawCall(channel_, "/qms.v1.IntakeService/IssueTicket",
                                               qms::test::LengthDelimited(2, "\xff\xfe"));
  EXPECT_EQ(bad.status.error_code(), StatusCode::INVALID_ARGUMENT);
  v1::IssueTicketRequest good = IssueRequest(kFieldA, "after-bad");
  std::string wire;
  ASSERT_TRUE(good.SerializeToString(&wire));
  qms::test::RawReply ok = qms::test::RawCall(channel_, "/qms.v1.IntakeService/IssueTicket", wire);
  EXPECT_TRUE(ok.status.ok()) << ok.status.error_message();
  EXPECT_EQ(ok.messages, 1);
  EXPECT_EQ(MustGet("A001").ticket().state(), v1::WAITING);
}

TEST_F(BadRequestsTest, ControlCharactersInAPauseReasonAreRefused) {
  MustOpen("1");
  v1::CounterResponse resp;
  const std::vector<std::pair<std::string, std::string>> bad = {
      {std::string("ăn\0trưa", 9), "U+0000"},
      {"\x1b[31mhọp\x1b[0m", "U+001B"},
      {"họp\ngiao ban", "U+000A"},
      {"x\x7f", "U+007F"},
      {"x\xc2\x9b"
       "31m",
       "U+009B"},  // C1 CSI, a terminal escape in UTF-8
  };
  for (const auto& [reason, code] : bad) {
    EXPECT_TRUE(HasCode(CounterCall(&v1::CounterService::Stub::PauseCounter, "1", &resp, "", reason),
                        StatusCode::INVALID_ARGUMENT, "reason must not hold control characters (" + code))
        << code;
  }
  ASSERT_TRUE(
      CounterCall(&v1::CounterService::Stub::PauseCounter, "1", &resp, "", "Họp giao ban đầu tuần").ok());
  EXPECT_EQ(resp.counter().pause_reason(), "Họp giao ban đầu tuần");
  EXPECT_EQ(resp.counter().state(), v1::PAUSED);
}

TEST_F(BadRequestsTest, ControlCharactersInACancelReasonAreRefused) {
  const std::string number = MustIssue(kFieldA).ticket().number();
  v1::TicketResponse resp;
  EXPECT_TRUE(HasCode(Cancel(number, &resp, "\x1b]0;pwned\x07"), StatusCode::INVALID_ARGUMENT, "U+001B"));
  EXPECT_EQ(MustGet(number).ticket().state(), v1::WAITING);
  EXPECT_TRUE(Cancel(number, &resp, "Công dân về, hẹn hôm khác").ok());
}

TEST_F(BadRequestsTest, AProvinceFilterLongerThanAnyProvinceIsRefused) {
  v1::ListCentresRequest req;
  req.set_province(std::string(1 << 20, 'a'));
  v1::ListCentresResponse resp;
  grpc::ClientContext ctx;
  SetDeadline(&ctx);
  EXPECT_TRUE(HasCode(directory_->ListCentres(&ctx, req, &resp), StatusCode::INVALID_ARGUMENT,
                      "province is longer than 100 bytes"));
  req.set_province("Thành phố Hồ Chí Minh");  // a real name passes, and matches no test centre
  grpc::ClientContext ok_ctx;
  SetDeadline(&ok_ctx);
  ASSERT_TRUE(directory_->ListCentres(&ok_ctx, req, &resp).ok());
  EXPECT_EQ(resp.centres_size(), 0);
}

}  // namespace
}  // namespace qms::service::test

// Boundary tests of the queue services' public API (issue 13, "Bad input"),
// in process through gRPC: every field of every method at and past its
// limit, bytes that are not UTF-8, control characters, unknown enum values,
// negative and overflowing numbers, and a flood from one caller. Each answer
// must be a specific code (tests/support/boundary_sweep.h), never INTERNAL
// or UNKNOWN. The inputs tried are counted and printed ("bad inputs tried").
#include <google/protobuf/dynamic_message.h>

#include <atomic>
#include <cstdio>

#include "tests/queue_service/queue_service_fixture.h"
#include "tests/support/boundary_sweep.h"
#include "tests/support/test_callers.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;
using qms::test::RawCall;
using qms::test::RawReply;

std::atomic<int> bad_inputs_tried{0};

class QueueBoundaryTest : public QueueServiceTest {
 protected:
  static void TearDownTestSuite() {
    std::printf("queue services: bad inputs tried: %d\n", bad_inputs_tried.load());
  }

  // `method` ("IssueTicket") of any queue service.
  static const google::protobuf::MethodDescriptor* Method(const std::string& name) {
    for (const auto* m :
         qms::test::MethodsOf({"qms.v1.IntakeService", "qms.v1.CounterService", "qms.v1.WatchService",
                               "qms.v1.DirectoryService", "qms.v1.StatsService"}))
      if (m->name() == name) return m;
    ADD_FAILURE() << "no method " << name;
    return nullptr;
  }

  // Sends `request` to `method` and counts it as one bad input tried.
  RawReply Send(const std::string& method, const google::protobuf::Message& request,
                const std::string& authorization = "") {
    ++bad_inputs_tried;
    std::string wire;
    request.SerializePartialToString(&wire);
    const auto* m = Method(method);
    return RawCall(channel_, qms::test::PathOf(m), wire, 10, authorization, qms::test::StreamReads(m));
  }
};

const std::map<std::string, std::string> kValid = {
    {"centre_id", kCentre},   {"field_id", kFieldA},  {"request_id", "kiosk-req-1"}, {"counter_id", "1"},
    {"clerk_id", "clerk-1"},  {"number", "A001"},     {"reason", "nghỉ trưa"},       {"province", "Bắc Ninh"},
    {"to_field_id", kFieldB}, {"to_counter_id", "2"}, {"citizen_id", "001099012345"}};

TEST_F(QueueBoundaryTest,
       EveryFieldOfEveryMethodRefusesBadStringsAndUnknownEnumsAndAnswersNumbersSpecifically) {
  MustIssue(kFieldA, v1::NORMAL);  // A001 exists, so a request may get past NOT_FOUND
  int methods = 0;
  for (const auto* m :
       qms::test::MethodsOf({"qms.v1.IntakeService", "qms.v1.CounterService", "qms.v1.WatchService",
                             "qms.v1.DirectoryService", "qms.v1.StatsService"})) {
    ++methods;
    google::protobuf::DynamicMessageFactory factory;
    std::unique_ptr<google::protobuf::Message> base(factory.GetPrototype(m->input_type())->New());
    qms::test::FillByName(base.get(), kValid);
    for (const auto& a : qms::test::SweepFields(channel_, m, *base)) {
      ++bad_inputs_tried;
      SCOPED_TRACE(m->name() + ": " + a.field + " = " + a.input + ": " + a.reply.status.error_message());
      const StatusCode code = a.reply.status.error_code();
      if (a.numeric) {
        // A stream that served (WatchCentre) is cancelled by the client.
        EXPECT_TRUE(qms::test::IsSpecificCode(code) ||
                    (code == StatusCode::CANCELLED && a.reply.messages > 0))
            << code;
      } else {
        EXPECT_EQ(code, StatusCode::INVALID_ARGUMENT);
        EXPECT_EQ(a.reply.messages, 0);
      }
    }
  }
  EXPECT_EQ(methods, 20);
}

// Found by the sweep: CallNext took any reason, 100,000 bytes or a NUL or
// a terminal escape, because it does not use it.
TEST_F(QueueBoundaryTest, CallNextHoldsTheReasonItDoesNotUseToTheCounterActionsRule) {
  MustOpen("1");
  MustIssue(kFieldA, v1::NORMAL);
  v1::CounterRequest call;
  call.set_centre_id(kCentre);
  call.set_counter_id("1");
  for (const std::string& reason :
       {std::string(201, 'r'), std::string("a\0b", 3), std::string("a\x1b[2Jb")}) {
    call.set_reason(reason);
    RawReply r = Send("CallNext", call);
    EXPECT_EQ(r.status.error_code(), StatusCode::INVALID_ARGUMENT) << r.status.error_message();
    EXPECT_THAT(r.status.error_message(), ::testing::HasSubstr("reason"));
  }
  call.set_reason("khách quay lại");
  RawReply served = Send("CallNext", call);
  EXPECT_EQ(served.status.error_code(), StatusCode::OK) << served.status.error_message();
}

struct Limit {
  const char* method;
  const char* field;
  std::string at;      // the longest (or largest) value the field takes
  StatusCode at_code;  // what a request with it gets: past the checks
  std::string past;    // one byte (or one) more
};

TEST_F(QueueBoundaryTest, StringsAtTheirLimitPassTheChecksAndOneBytePastIsInvalidArgument) {
  // The centre without citizen caps, so that only the field under test decides.
  MustIssue(kFieldA, v1::NORMAL, kBulkCentre);  // A001
  MustIssue(kFieldA, v1::NORMAL, kBulkCentre);  // A002
  const std::string vi500 = [] {
    std::string s;
    while (s.size() + 3 <= 500) s += "ệ";  // 3 bytes each: 498 bytes
    return s + "ab";
  }();
  const std::vector<Limit> limits = {
      {"IssueTicket", "request_id", std::string(64, 'r'), StatusCode::OK, std::string(65, 'r')},
      {"IssueTicket", "field_id", std::string(32, 'f'), StatusCode::NOT_FOUND, std::string(33, 'f')},
      {"IssueTicket", "centre_id", "123456789", StatusCode::NOT_FOUND, "1234567890"},
      {"IssueTicket", "citizen_id", "001099012346", StatusCode::OK, "0010990123467"},
      {"GetTicket", "number", "Z9999999", StatusCode::NOT_FOUND, "Z99999999"},
      {"CancelTicket", "reason", vi500, StatusCode::OK, vi500 + "x"},
      {"OpenCounter", "clerk_id", std::string(64, 'c'), StatusCode::OK, std::string(65, 'c')},
      {"PauseCounter", "reason", std::string(200, 'p'), StatusCode::OK, std::string(201, 'p')},
      {"ListCentres", "province", std::string(100, 'p'), StatusCode::OK, std::string(101, 'p')},
  };
  int request = 0;
  for (const Limit& l : limits) {
    SCOPED_TRACE(std::string(l.method) + "." + l.field);
    google::protobuf::DynamicMessageFactory factory;
    std::unique_ptr<google::protobuf::Message> m(factory.GetPrototype(Method(l.method)->input_type())->New());
    auto fields = kValid;
    fields["centre_id"] = kBulkCentre;
    fields["number"] = "A002";
    fields["request_id"] = "limit-" + std::to_string(++request);
    fields[l.field] = l.at;
    qms::test::FillByName(m.get(), fields);
    RawReply at = Send(l.method, *m);
    EXPECT_EQ(at.status.error_code(), l.at_code) << at.status.error_message();
    fields["request_id"] = "limit-" + std::to_string(++request);
    fields[l.field] = l.past;
    qms::test::FillByName(m.get(), fields);
    RawReply past = Send(l.method, *m);
    EXPECT_EQ(past.status.error_code(), StatusCode::INVALID_ARGUMENT) << past.status.error_message();
    EXPECT_THAT(past.status.error_message(), ::testing::HasSubstr(l.field));
  }
  v1::ListCentresRequest list;
  list.set_page_size(1000);
  EXPECT_EQ(Send("ListCentres", list).status.error_code(), StatusCode::OK);
  list.set_page_size(1001);
  EXPECT_EQ(Send("ListCentres", list).status.error_code(), StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueueBoundaryTest, AFloodFromOneKioskIsResourceExhaustedWithARetryHintAndOthersAreStillServed) {
  CloseStack();
  gate_ = qms::test::TestCallerGate(config_, &clock_);
  OpenStack();
  const std::string flooder = "Bearer " + qms::test::TestToken("kiosk-flood", "KIOSK", clock_);
  v1::GetTicketRequest get;
  get.set_centre_id(kCentre);
  get.set_number("A001");
  int exhausted = 0, other = 0;
  for (int i = 0; i < 300; ++i) {  // the clock stands still: the bucket never refills
    RawReply r = Send("GetTicket", get, flooder);
    const StatusCode code = r.status.error_code();
    if (code == StatusCode::RESOURCE_EXHAUSTED) {
      ++exhausted;
      EXPECT_THAT(r.status.error_message(), ::testing::HasSubstr("retry in"));
    } else if (code != StatusCode::NOT_FOUND) {
      ++other;
      ADD_FAILURE() << code << " " << r.status.error_message();
    }
  }
  EXPECT_GT(exhausted, 200);
  EXPECT_EQ(other, 0);
  // Another kiosk is not held back by the first one's flood.
  RawReply calm = Send("GetTicket", get, "Bearer " + qms::test::TestToken("kiosk-calm", "KIOSK", clock_));
  EXPECT_EQ(calm.status.error_code(), StatusCode::NOT_FOUND) << calm.status.error_message();
  std::printf("flood: %d of 300 calls from one kiosk refused with RESOURCE_EXHAUSTED\n", exhausted);
}

}  // namespace
}  // namespace qms::service::test

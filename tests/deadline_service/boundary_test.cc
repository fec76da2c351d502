// Boundary tests of DeadlineService's public API (issue 13, "Bad input"), in
// process through gRPC: every field of every method with strings past every
// limit, bytes that are not UTF-8, control characters, unknown enum values,
// negative and overflowing numbers; dates far in the past and the future.
// Each answer must be a specific code (tests/support/boundary_sweep.h),
// never INTERNAL or UNKNOWN. The inputs tried are counted and printed.
#include <google/protobuf/dynamic_message.h>

#include <atomic>
#include <cstdio>
#include <limits>

#include "tests/deadline_service/deadline_service_fixture.h"
#include "tests/support/boundary_sweep.h"

namespace qms::service::test {
namespace {

using grpc::StatusCode;

std::atomic<int> bad_inputs_tried{0};

class DeadlineBoundaryTest : public DeadlineServiceTest {
 protected:
  static void TearDownTestSuite() {
    std::printf("deadline service: bad inputs tried: %d\n", bad_inputs_tried.load());
  }
};

TEST_F(DeadlineBoundaryTest,
       EveryFieldOfEveryMethodRefusesBadStringsAndUnknownEnumsAndAnswersNumbersSpecifically) {
  const v1::Dossier dossier = MustReceive();
  const std::map<std::string, std::string> valid = {
      {"centre_id", kCentre},     {"procedure_code", kCopy},      {"request_id", "clerk-req-x"},
      {"ticket_number", "A012"},  {"applicant_name", "Lê Văn C"}, {"clerk_id", "clerk-1"},
      {"code", dossier.code()},   {"reason", "thiếu giấy tờ"},    {"apology_letter_no", "12/TB"},
      {"field_id", "chung_thuc"}, {"province", "Bắc Ninh"}};
  int methods = 0;
  for (const auto* m : qms::test::MethodsOf({"qms.v1.DeadlineService"})) {
    ++methods;
    google::protobuf::DynamicMessageFactory factory;
    std::unique_ptr<google::protobuf::Message> base(factory.GetPrototype(m->input_type())->New());
    qms::test::FillByName(base.get(), valid);
    for (const auto& a : qms::test::SweepFields(channel_, m, *base)) {
      ++bad_inputs_tried;
      SCOPED_TRACE(m->name() + ": " + a.field + " = " + a.input + ": " + a.reply.status.error_message());
      const StatusCode code = a.reply.status.error_code();
      if (a.numeric) {
        EXPECT_TRUE(qms::test::IsSpecificCode(code) ||
                    (code == StatusCode::CANCELLED && a.reply.messages > 0))
            << code;
      } else {
        EXPECT_EQ(code, StatusCode::INVALID_ARGUMENT);
        EXPECT_EQ(a.reply.messages, 0);
      }
    }
  }
  EXPECT_EQ(methods, 17);
}

TEST_F(DeadlineBoundaryTest, DatesFarInThePastAndTheFutureGetSpecificCodes) {
  const v1::Dossier dossier = MustReceive();
  auto try_report = [](uint32_t day) {
    ++bad_inputs_tried;
    v1::DailyReportRequest r;
    r.set_centre_id(kCentre);
    r.set_day(day);
    return r;
  };
  for (uint32_t day : {19000101u, 17520914u, 99991231u, 20260230u, 20261301u, 1u, 4294967295u}) {
    SCOPED_TRACE(day);
    v1::DailyReport report;
    grpc::Status s = Report(try_report(day), &report);
    EXPECT_TRUE(qms::test::IsSpecificCode(s.error_code())) << s.error_code() << " " << s.error_message();
    if (day == 20260230u || day == 20261301u || day == 1u || day == 4294967295u)
      EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT) << s.error_message();
  }
  const int64_t year_9999 = At(9999, 12, 31, 8, 0);
  for (int64_t due : {int64_t{1}, int64_t{-1}, At(1900, 1, 1, 8, 0), year_9999,
                      std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()}) {
    SCOPED_TRACE(due);
    ++bad_inputs_tried;
    v1::ExtendDeadlineRequest r;
    r.set_code(dossier.code());
    r.set_clerk_id("clerk-1");
    r.set_reason("chờ xác minh");
    r.set_apology_letter_no("12/TB");
    r.set_new_due_at_us(due);
    v1::ExtendDeadlineResponse resp;
    grpc::Status s = Extend(r, &resp);
    // Before the current due moment, or so far ahead that it is no date.
    EXPECT_TRUE(s.error_code() == StatusCode::INVALID_ARGUMENT ||
                s.error_code() == StatusCode::OUT_OF_RANGE ||
                s.error_code() == StatusCode::FAILED_PRECONDITION)
        << s.error_code() << " " << s.error_message();
  }
  for (int64_t before : {int64_t{1}, At(1900, 1, 1, 8, 0), year_9999, std::numeric_limits<int64_t>::max()}) {
    ++bad_inputs_tried;
    v1::ListDossiersRequest r;
    r.set_centre_id(kCentre);
    r.set_due_before_us(before);
    v1::ListDossiersResponse resp;
    grpc::Status s = List(r, &resp);
    EXPECT_TRUE(qms::test::IsSpecificCode(s.error_code())) << s.error_code() << " " << s.error_message();
  }
}

}  // namespace
}  // namespace qms::service::test

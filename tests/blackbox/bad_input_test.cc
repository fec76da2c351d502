// The real qms-server against mistakes from outside: a second server started
// on its address, and a client sending bytes that are not a valid request.
#include <gmock/gmock.h>

#include <regex>

#include "tests/blackbox/blackbox_fixture.h"
#include "tests/support/raw_grpc_call.h"

namespace qms::blackbox {
namespace {

using ::testing::HasSubstr;

class BadInputTest : public BlackBoxTest {};

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// Issue: with gRPC's default SO_REUSEPORT the second server also started,
// the kernel split the clients between the two databases, and B001-B006
// were each issued twice.
TEST_F(BadInputTest, ASecondServerOnTheSameAddressStopsAndNumbersStayUnique) {
  const std::string address = server_->address();
  CommandResult second = RunCommand(QMS_SERVER_BIN,
                                    {"--config", config_path_, "--data-dir", dir_.path() + "/other-data",
                                     "--listen", address, "--insecure-no-auth"},
                                    std::chrono::seconds(30));
  EXPECT_EQ(second.exit_code, 1) << second.err;
  EXPECT_THAT(second.err, HasSubstr("cannot listen on " + address + ": the address is already in use"));

  std::set<std::string> numbers;
  for (int i = 0; i < 12; ++i) {
    CommandResult r = Qmsctl({"--json", "issue", "--centre", "10001", "--field", "ho_tich"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex("\"number\":\"(B[0-9]+)\""))) << r.out;
    numbers.insert(m[1].str());
  }
  EXPECT_EQ(numbers.size(), 12u);
  EXPECT_EQ(*numbers.begin(), "B001");
  EXPECT_EQ(*numbers.rbegin(), "B012");
}

TEST_F(BadInputTest, TextThatIsNotUtf8IsInvalidArgumentForAUnaryCallAndAStream) {
  auto channel = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  // IssueTicket with field 2 (field_id) holding ff fe.
  const std::string issue = test::LengthDelimited(1, "10001") + test::LengthDelimited(2, "\xff\xfe");
  test::RawReply unary = test::RawCall(channel, "/qms.v1.IntakeService/IssueTicket", issue);
  EXPECT_EQ(unary.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(unary.status.error_message(),
            "request is not valid protobuf: the text field field_id is not UTF-8");

  test::RawReply stream =
      test::RawCall(channel, "/qms.v1.WatchService/WatchCentre", test::LengthDelimited(1, "\xc3\x28"));
  EXPECT_EQ(stream.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(stream.status.error_message(),
            "request is not valid protobuf: the text field centre_id is not UTF-8");
  EXPECT_EQ(stream.messages, 0);

  test::RawReply garbage = test::RawCall(channel, "/qms.v1.DeadlineService/WatchDeadlines", "\x0a\xff\xff");
  EXPECT_EQ(garbage.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(garbage.status.error_message(), HasSubstr("do not parse as WatchDeadlinesRequest"));

  // A method that does not exist is still UNIMPLEMENTED.
  test::RawReply missing = test::RawCall(channel, "/qms.v1.IntakeService/NoSuchMethod", issue);
  EXPECT_EQ(missing.status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(BadInputTest, ALoopOfBadRequestsDoesNotFillTheLog) {
  auto channel = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  const std::string issue = test::LengthDelimited(1, "10001") + test::LengthDelimited(2, "\xff\xfe");
  for (int i = 0; i < 50; ++i) {
    ASSERT_EQ(test::RawCall(channel, "/qms.v1.IntakeService/IssueTicket", issue).status.error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  // The server still serves, and its log holds one line about the 50.
  CommandResult r = Qmsctl({"issue", "--centre", "10001", "--field", "chung_thuc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Count(server_->log(), "invalid UTF-8"), 1u) << server_->log();
}

}  // namespace
}  // namespace qms::blackbox

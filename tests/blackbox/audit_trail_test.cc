// The audit trail of the real qms-server, read with qmsctl audit: a change
// that was acknowledged has its record after a SIGKILL right after the
// reply (the record is in the same fsync'd write as the change), and the
// command's output, options and exit codes.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/blackbox/blackbox_fixture.h"
#include "tests/support/raw_grpc_call.h"

namespace qms::blackbox {
namespace {

using ::testing::HasSubstr;

class AuditTrailTest : public BlackBoxTest {};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_F(AuditTrailTest, AnAcknowledgedChangeHasItsRecordAfterASigkill) {
  ASSERT_EQ(Qmsctl({"open", "--centre", "10001", "--counter", "1", "--clerk", "nv01"}).exit_code, 0);
  ASSERT_EQ(Qmsctl({"issue", "--centre", "10001", "--field", "chung_thuc"}).exit_code, 0);
  ASSERT_EQ(Qmsctl({"call-next", "--centre", "10001", "--counter", "1"}).exit_code, 0);
  CommandResult received = Qmsctl({"dossier", "receive", "--centre", "10001", "--procedure", "2.000815",
                                   "--applicant", "Lê Văn C", "--clerk", "nv01"});
  ASSERT_EQ(received.exit_code, 0) << received.err;
  // The last reply is in; nothing is flushed or closed in an orderly way.
  server_->Kill();
  std::string error;
  ASSERT_TRUE(StartServer(&error)) << error;

  CommandResult r = Qmsctl({"audit", "--centre", "10001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;
  EXPECT_THAT(lines[0],
              HasSubstr(" hàng đợi · anonymous (chưa xác thực / unauthenticated, cán bộ nv01) từ "));
  EXPECT_THAT(lines[0], HasSubstr(" · OpenCounter quầy 1 · OK"));
  EXPECT_THAT(lines[1], HasSubstr(" · IssueTicket → A001 · chung_thuc · OK"));
  EXPECT_THAT(lines[2], HasSubstr(" · CallNext quầy 1 → A001 · OK"));
  EXPECT_THAT(lines[3], HasSubstr(" hồ sơ · anonymous"));
  EXPECT_THAT(lines[3], HasSubstr(" · ReceiveDossier 000.00.01.T01-"));
  EXPECT_THAT(lines[3], HasSubstr(" · 2.000815 · Lê Văn C"));
  EXPECT_EQ(lines[4], "4 bản ghi / records");

  r = Qmsctl({"audit", "--centre", "10001", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json_lines = Lines(r.out);
  ASSERT_EQ(json_lines.size(), 4u) << r.out;
  std::vector<std::string> actions;
  for (const auto& line : json_lines) {
    const auto record = nlohmann::json::parse(line);
    actions.push_back(record["action"]);
    EXPECT_EQ(record["centre_id"], "10001");
    EXPECT_THAT(record["peer"].get<std::string>(), HasSubstr("127.0.0.1"));
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"OpenCounter", "IssueTicket", "CallNext", "ReceiveDossier"}));

  // The trail goes on after the restart, numbered after what was on disk.
  ASSERT_EQ(Qmsctl({"complete", "--centre", "10001", "--counter", "1"}).exit_code, 0);
  r = Qmsctl({"--json", "audit", "--centre", "10001", "--page-size", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto after = Lines(r.out);
  ASSERT_EQ(after.size(), 5u) << r.out;
  EXPECT_EQ(nlohmann::json::parse(after[4])["summary"], "Complete quầy 1 → A001");
  EXPECT_EQ(nlohmann::json::parse(after[4])["seq"], "4");
}

TEST_F(AuditTrailTest, DatesCentresAndBadInput) {
  CommandResult r = Qmsctl({"audit", "--centre", "10001", "--date", "2020-01-01"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "0 bản ghi / records\n");
  r = Qmsctl({"audit", "--centre", "10001", "--date", "01/02/2026"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--date must be YYYY-MM-DD"));
  r = Qmsctl({"audit", "--centre", "99999"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("NOT_FOUND: centre 99999 does not exist"));
  r = Qmsctl({"audit"});
  EXPECT_EQ(r.exit_code, 1);

  // The real server registers AuditService with the lenient request parsing.
  auto channel = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  test::RawReply garbage = test::RawCall(channel, "/qms.v1.AuditService/ListAudit", "\x0a\xff\xff");
  EXPECT_EQ(garbage.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(garbage.status.error_message(), HasSubstr("do not parse as ListAuditRequest"));
}

}  // namespace
}  // namespace qms::blackbox

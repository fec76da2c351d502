// Access control with the real binaries: qmsctl keygen makes the keys file,
// qmsctl token the tokens, qms-server --auth-keys checks them. A kiosk's
// token cannot call the next ticket; the server's log after a run with
// tokens and a citizen ID holds neither, nor the key. Without --auth-keys
// the server does not start unless --insecure-no-auth says so, loudly.
#include <gmock/gmock.h>
#include <sys/stat.h>

#include <ctime>
#include <sstream>

#include "tests/blackbox/blackbox_fixture.h"
#include "tests/support/raw_grpc_call.h"

namespace qms::blackbox {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class AuthBlackBoxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const long local_second = static_cast<long>((std::time(nullptr) + 7 * 3600) % 86400);
    if (local_second > 86400 - 300) GTEST_SKIP() << "within 5 minutes of midnight in Asia/Ho_Chi_Minh";
    config_path_ = dir_.path() + "/centres.yaml";
    keys_path_ = dir_.path() + "/keys.txt";
    WriteFile(config_path_, TwoCentreConfigYaml());
    CommandResult keygen = RunQmsctl("127.0.0.1:1", {"keygen", "--out", keys_path_, "--key-id", "k1"});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
    EXPECT_EQ(keygen.out, "k1\n");
    server_ =
        std::make_unique<ServerProcess>(config_path_, dir_.path() + "/data", dir_.path() + "/server.log",
                                        "127.0.0.1:0", std::vector<std::string>{"--auth-keys", keys_path_});
    std::string error;
    ASSERT_TRUE(server_->Start(std::chrono::seconds(60), &error)) << error;
  }

  // qmsctl token ... with the test's keys file; the token, or "" (a failure).
  std::string Token(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"token", "--key-file", keys_path_};
    all.insert(all.end(), args.begin(), args.end());
    CommandResult r = RunQmsctl("127.0.0.1:1", all);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_THAT(r.out, StartsWith("qms1."));
    if (r.out.empty() || r.out.back() != '\n') return "";
    return r.out.substr(0, r.out.size() - 1);
  }

  CommandResult As(const std::string& token, std::vector<std::string> args) {
    args.insert(args.begin(), {"--token", token});
    return RunQmsctl(server_->address(), args);
  }

  TempDir dir_;
  std::string config_path_;
  std::string keys_path_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(AuthBlackBoxTest, KeygenMakesAPrivateFileAndAppends) {
  struct stat st {};
  ASSERT_EQ(stat(keys_path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  CommandResult again = RunQmsctl("127.0.0.1:1", {"keygen", "--out", keys_path_, "--key-id", "k1"});
  EXPECT_EQ(again.exit_code, 7);
  EXPECT_THAT(again.err, HasSubstr("key id \"k1\" is already in the file"));
  CommandResult second = RunQmsctl("127.0.0.1:1", {"keygen", "--out", keys_path_});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, StartsWith("k"));
  std::istringstream lines(ReadFile(keys_path_));
  std::string line;
  int keys = 0;
  while (std::getline(lines, line)) keys += line.find(" ed25519-secret ") != std::string::npos;
  EXPECT_EQ(keys, 2);
}

TEST_F(AuthBlackBoxTest, TokenCommandRefusesBadRequests) {
  CommandResult r = RunQmsctl(
      "127.0.0.1:1", {"token", "--key-file", keys_path_, "--role", "root", "--all", "--subject", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("kiosk, board, clerk, supervisor, admin"));
  r = RunQmsctl("127.0.0.1:1", {"token", "--key-file", keys_path_, "--role", "clerk", "--subject", "lan"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("exactly one of --centres LIST, --province NAME or --all"));
  r = RunQmsctl("127.0.0.1:1", {"token", "--key-file", keys_path_, "--role", "clerk", "--all", "--subject",
                                "lan", "--ttl", "12x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--ttl \"12x\""));
  r = RunQmsctl("127.0.0.1:1", {"token", "--key-file", dir_.path() + "/none.txt", "--role", "clerk", "--all",
                                "--subject", "lan"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
}

TEST_F(AuthBlackBoxTest, AKioskIssuesAClerkCallsAndAKioskCannotCall) {
  const std::string kiosk =
      Token({"--role", "kiosk", "--centres", "10001", "--subject", "kiosk-10001-1", "--ttl", "1h"});
  const std::string clerk =
      Token({"--role", "clerk", "--province", "Hà Nội", "--subject", "lan", "--ttl", "12h"});
  const std::string other =
      Token({"--role", "clerk", "--centres", "10002", "--subject", "minh", "--ttl", "90m"});

  CommandResult r =
      As(kiosk, {"issue", "--centre", "10001", "--field", "chung_thuc", "--citizen-id", "012345678901"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Số A001"));

  r = As(kiosk, {"call-next", "--centre", "10001", "--counter", "1"});
  EXPECT_EQ(r.exit_code, 9);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("PERMISSION_DENIED: role KIOSK may not call CounterService/CallNext "
                               "(allowed: CLERK, ADMIN)"));

  r = As(other, {"open", "--centre", "10001", "--counter", "1", "--clerk", "minh"});
  EXPECT_EQ(r.exit_code, 9);
  EXPECT_THAT(r.err, HasSubstr("token of minh covers centres 10002, not 10001 (Hà Nội)"));

  r = As(clerk, {"open", "--centre", "10001", "--counter", "1", "--clerk", "lan"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = As(clerk, {"call-next", "--centre", "10001", "--counter", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Số A001"));

  r = RunQmsctl(server_->address(), {"issue", "--centre", "10001", "--field", "chung_thuc"});
  EXPECT_EQ(r.exit_code, 10);
  EXPECT_THAT(r.err, HasSubstr("UNAUTHENTICATED: no token"));
  r = As(kiosk + "x", {"issue", "--centre", "10001", "--field", "chung_thuc"});
  EXPECT_EQ(r.exit_code, 10);
  EXPECT_THAT(r.err, HasSubstr("UNAUTHENTICATED"));

  // Health checking stays open.
  r = RunQmsctl(server_->address(), {"health"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // So does server reflection (what `grpcurl list` asks): list_services (7).
  const auto reflection = test::RawCall(
      grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()),
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", std::string("\x3a\x01*", 3));
  EXPECT_TRUE(reflection.status.ok()) << reflection.status.error_message();
  EXPECT_EQ(reflection.messages, 1);

  // The log: no token (nor any part of one), no key, no citizen ID.
  server_->Kill();
  const std::string log = server_->log();
  EXPECT_THAT(log, HasSubstr("access control on: 1 keys from " + keys_path_ + " (key ids: k1)"));
  const std::string keys = ReadFile(keys_path_);
  const std::string secret = keys.substr(keys.rfind(' ') + 1, 40);
  for (const std::string& token : {kiosk, clerk, other}) {
    EXPECT_THAT(log, Not(HasSubstr(token.substr(5, 24)))) << "a token's claims are in the log";
    EXPECT_THAT(log, Not(HasSubstr(token.substr(token.rfind('.') + 1, 24)))) << "a signature is in the log";
  }
  EXPECT_THAT(log, Not(HasSubstr(secret)));
  EXPECT_THAT(log, Not(HasSubstr("012345678901")));
}

TEST_F(AuthBlackBoxTest, TheServerNeedsKeysOrTheInsecureFlag) {
  const std::string data = dir_.path() + "/other-data";
  CommandResult none =
      RunCommand(QMS_SERVER_BIN, {"--config", config_path_, "--data-dir", data, "--listen", "127.0.0.1:0"},
                 std::chrono::seconds(30));
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("access control needs --auth-keys FILE"));

  CommandResult both = RunCommand(QMS_SERVER_BIN,
                                  {"--config", config_path_, "--data-dir", data, "--listen", "127.0.0.1:0",
                                   "--auth-keys", keys_path_, "--insecure-no-auth"},
                                  std::chrono::seconds(30));
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("exclude each other"));

  WriteFile(dir_.path() + "/bad-keys.txt", "k1 ed25519-secret AAAA\n");
  CommandResult bad = RunCommand(QMS_SERVER_BIN,
                                 {"--config", config_path_, "--data-dir", data, "--listen", "127.0.0.1:0",
                                  "--auth-keys", dir_.path() + "/bad-keys.txt"},
                                 std::chrono::seconds(30));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr(dir_.path() + "/bad-keys.txt:1: an ed25519-secret key is 64 bytes"));

  ServerProcess insecure(config_path_, data, dir_.path() + "/insecure.log");
  std::string error;
  ASSERT_TRUE(insecure.Start(std::chrono::seconds(60), &error)) << error;
  EXPECT_THAT(insecure.log(), HasSubstr("WARNING: --insecure-no-auth: access control is OFF"));
  CommandResult r = RunQmsctl(insecure.address(), {"issue", "--centre", "10001", "--field", "chung_thuc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace qms::blackbox

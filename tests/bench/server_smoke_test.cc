// Black-box smoke test: every qms-bench mode against the real qms-server
// binary on 127.0.0.1 (port 0, read from its log), with a small bench config
// from qms-gen-config's generator. Small rates, a second or two per mode; it
// checks that each mode completes without errors, never how fast. The
// server runs without access control (--insecure-no-auth), except in
// AuthServerSmokeTest, where every mode sends an ADMIN token (--token).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "bench/config_generator.h"
#include "bench/dossier_mode.h"
#include "bench/modes.h"
#include "services/access/token.h"
#include "tests/bench/smoke_results.h"

extern char** environ;

namespace qms::bench {
namespace {

using nlohmann::json;
using smoke::Failed;
using smoke::Ok;
namespace fs = std::filesystem;

class ServerSmokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = smoke::ScratchDirectory("qms_bench_server_");
    ConfigGenOptions config;
    config.centres = 30;
    config.bench = true;
    std::ofstream(directory_ / "bench.yaml") << [&] {
      std::ostringstream out;
      WriteCentreConfig(config, out);
      return out.str();
    }();
    StartServer();
  }

  void TearDown() override {
    StopServer();
    fs::remove_all(directory_);
  }

  void StartServer() {
    const std::string config = (directory_ / "bench.yaml").string();
    const std::string data = (directory_ / "data").string();
    const std::string log = (directory_ / "server.log").string();
    std::vector<std::string> arguments = {QMS_SERVER_PATH, "--config",   config, "--data-dir", data,
                                          "--listen",      "127.0.0.1:0"};
    arguments.insert(arguments.end(), auth_args_.begin(), auth_args_.end());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
    ASSERT_EQ(posix_spawn(&server_pid_, QMS_SERVER_PATH, &files, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&files);
    // Ready once it logs where it listens (bounded: 30 s).
    const std::regex listening("listening on 127\\.0\\.0\\.1:([0-9]+)");
    for (int attempt = 0; attempt < 300 && port_ == 0; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      std::ifstream in(log);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::smatch match;
      if (std::regex_search(text, match, listening)) port_ = std::stoi(match[1]);
      int status = 0;
      ASSERT_EQ(waitpid(server_pid_, &status, WNOHANG), 0) << "qms-server exited early:\n" << text;
    }
    ASSERT_GT(port_, 0) << "qms-server did not say where it listens";
  }

  void StopServer() {
    if (server_pid_ <= 0) return;
    kill(server_pid_, SIGTERM);
    int status = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
      if (waitpid(server_pid_, &status, WNOHANG) == server_pid_) {
        server_pid_ = 0;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(server_pid_, SIGKILL);
    waitpid(server_pid_, &status, 0);
    server_pid_ = 0;
  }

  CommonOptions Options(const std::string& name) const {
    return smoke::ShortRun("127.0.0.1:" + std::to_string(port_), directory_, name);
  }

  static json Run(const CommonOptions& options) { return smoke::ReadResult(options)["runs"][0]; }
  static json Outcome(const CommonOptions& options) { return smoke::ReadResult(options)["outcome"]; }

  fs::path directory_;
  std::vector<std::string> auth_args_ = {"--insecure-no-auth"};
  pid_t server_pid_ = 0;
  int port_ = 0;
};

TEST_F(ServerSmokeTest, EchoAndIssue) {
  CommonOptions echo = Options("echo");
  echo.rate = 200;
  ASSERT_EQ(RunEchoMode(echo, EchoOptions{}), 0);
  EXPECT_EQ(Ok(Run(echo), "operation"), 200u);

  CommonOptions issue = Options("issue");
  issue.rate = 200;
  ASSERT_EQ(RunIssueMode(issue), 0);
  EXPECT_EQ(Ok(Run(issue), "IssueTicket"), 200u);
  EXPECT_EQ(Failed(Run(issue)), 0u);
}

TEST_F(ServerSmokeTest, PrefillThenCall) {
  CommonOptions prefill = Options("prefill");
  prefill.in_flight = 32;
  ASSERT_EQ(RunPrefillMode(prefill, 2000), 0);
  EXPECT_EQ(Outcome(prefill)["tickets_issued"].get<uint64_t>(), 2000u);

  CommonOptions call = Options("call");
  call.rate = 200;
  ASSERT_EQ(RunCallMode(call, CallModeOptions{}), 0);
  const json run = Run(call);
  EXPECT_EQ(Ok(run, "CallNext"), 200u);
  EXPECT_EQ(Ok(run, "Complete"), 200u);
  EXPECT_EQ(Failed(run), 0u);
}

TEST_F(ServerSmokeTest, MixedThenCallRecoversCounters) {
  CommonOptions mixed = Options("mixed");
  mixed.rate = 300;
  ASSERT_EQ(RunMixedMode(mixed, MixedModeOptions{}), 0);
  EXPECT_EQ(Failed(Run(mixed)), 0u);
  EXPECT_GT(Ok(Run(mixed), "StartServing"), 0u);

  CommonOptions call = Options("call_after_mixed");
  call.rate = 100;
  ASSERT_EQ(RunCallMode(call, CallModeOptions{"no-show", 0}), 0);
  EXPECT_EQ(Ok(Run(call), "MarkNoShow"), 100u);
  EXPECT_EQ(Failed(Run(call)), 0u);
}

TEST_F(ServerSmokeTest, WatchSeesCalledEvents) {
  CommonOptions options = Options("watch");
  options.rate = 100;
  WatchModeOptions watch;
  watch.streams = 60;
  ASSERT_EQ(RunWatchMode(options, watch), 0);
  const json outcome = Outcome(options);
  EXPECT_EQ(outcome["streams_opened"].get<uint64_t>(), 60u);
  EXPECT_EQ(outcome["streams_failed"].get<uint64_t>(), 0u);
  EXPECT_GT(Ok(Run(options), "call_to_event"), 0u);
}

TEST_F(ServerSmokeTest, DossierPrefillReceiveAndOverduePage) {
  CommonOptions options = Options("dossier");
  options.rate = 200;
  DossierModeOptions dossier;
  dossier.prefill = 300;
  dossier.overdue_queries = 20;
  ASSERT_EQ(RunDossierMode(options, dossier), 0);
  std::ifstream in(options.json_path);
  const json doc = json::parse(in);
  EXPECT_EQ(doc["outcome"]["prefill_received"].get<uint64_t>(), 300u);
  EXPECT_EQ(Ok(doc["runs"][1], "operation"), 200u);
  EXPECT_EQ(Failed(doc["runs"][1]), 0u);
  EXPECT_EQ(doc["outcome"]["overdue_first_page"]["failed"].get<uint64_t>(), 0u);
}

TEST_F(ServerSmokeTest, SweepAndGolive) {
  CommonOptions sweep_options = Options("sweep");
  SweepOptions sweep;
  sweep.workload = "issue";
  sweep.start_rate = 100;
  sweep.step_factor = 2;
  sweep.max_steps = 2;
  sweep.step_seconds = 0.5;
  sweep.p99_bound_ms = 10000;
  sweep.min_achieved_ratio = 0.5;
  ASSERT_EQ(RunSweepMode(sweep_options, sweep), 0);
  EXPECT_DOUBLE_EQ(Outcome(sweep_options)["knee_rate"].get<double>(), 200);

  CommonOptions golive_options = Options("golive");
  GoliveParameters golive;
  golive.day_minutes = 0.05;
  golive.tickets_per_centre = 20;
  ASSERT_EQ(RunGoliveMode(golive_options, golive), 0);
  const json run = Run(golive_options);
  EXPECT_GT(Ok(run, "IssueTicket"), 0u);
  EXPECT_GT(Ok(run, "CallNext"), 0u);
  EXPECT_EQ(Failed(run), 0u);
}

// Access control on: a keys file made for the run, an ADMIN token for every
// centre (ADMIN has no rate limit by default).
class AuthServerSmokeTest : public ServerSmokeTest {
 protected:
  void SetUp() override {
    keys_directory_ = smoke::ScratchDirectory("qms_bench_keys_");
    auto line = access::NewSecretKeyLine("bench");
    ASSERT_TRUE(line.ok());
    std::ofstream(keys_directory_ / "keys.txt") << *line;
    auto keys = access::KeyRing::Parse(*line, "keys.txt");
    ASSERT_TRUE(keys.ok());
    v1::TokenClaims claims;
    claims.set_role(v1::ROLE_ADMIN);
    claims.set_subject("bench");
    claims.set_all_centres(true);
    const int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    claims.set_issued_at_s(now - 60);
    claims.set_expires_at_s(now + 3600);
    auto token = access::SignToken(claims, keys->keys()[0]);
    ASSERT_TRUE(token.ok());
    token_ = *token;
    auth_args_ = {"--auth-keys", (keys_directory_ / "keys.txt").string()};
    ServerSmokeTest::SetUp();
  }

  void TearDown() override {
    ServerSmokeTest::TearDown();
    fs::remove_all(keys_directory_);
  }

  CommonOptions WithToken(const std::string& name) const {
    CommonOptions options = Options(name);
    options.connection.call.bearer_token = token_;
    return options;
  }

  fs::path keys_directory_;
  std::string token_;
};

TEST_F(AuthServerSmokeTest, WithoutATokenTheBenchIsRefused) {
  CommonOptions issue = Options("issue_without_token");
  issue.rate = 50;
  EXPECT_NE(RunIssueMode(issue), 0);
}

// Every channel of the bench carries the token: the directory, intake and
// counters (mixed), the watch streams, the deadline service (dossier).
TEST_F(AuthServerSmokeTest, EveryModeSendsTheToken) {
  CommonOptions mixed = WithToken("mixed");
  mixed.rate = 200;
  ASSERT_EQ(RunMixedMode(mixed, MixedModeOptions{}), 0);
  EXPECT_EQ(Failed(Run(mixed)), 0u);
  EXPECT_GT(Ok(Run(mixed), "IssueTicket"), 0u);
  EXPECT_GT(Ok(Run(mixed), "CallNext"), 0u);

  CommonOptions watch_options = WithToken("watch");
  watch_options.rate = 100;
  WatchModeOptions watch;
  watch.streams = 20;
  ASSERT_EQ(RunWatchMode(watch_options, watch), 0);
  EXPECT_EQ(Outcome(watch_options)["streams_opened"].get<uint64_t>(), 20u);
  EXPECT_EQ(Outcome(watch_options)["streams_failed"].get<uint64_t>(), 0u);

  CommonOptions dossier_options = WithToken("dossier");
  dossier_options.rate = 100;
  DossierModeOptions dossier;
  dossier.prefill = 50;
  dossier.overdue_queries = 5;
  ASSERT_EQ(RunDossierMode(dossier_options, dossier), 0);
  const json doc = smoke::ReadResult(dossier_options);
  EXPECT_EQ(doc["outcome"]["prefill_received"].get<uint64_t>(), 50u);
  EXPECT_EQ(Failed(doc["runs"][1]), 0u);
  EXPECT_EQ(doc["outcome"]["overdue_first_page"]["failed"].get<uint64_t>(), 0u);
}

}  // namespace
}  // namespace qms::bench

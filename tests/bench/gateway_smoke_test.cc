// Black-box smoke test of the gateway modes: the real qms-server and
// qms-gateway binaries as child processes on 127.0.0.1 (ports the kernel
// picks, read from their logs), each mode for about a second. It checks
// what the JSON says happened (requests made, no errors, latencies
// recorded, every page got every call in seq order), never how fast.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "bench/modes.h"
#include "tests/bench/smoke_results.h"
#include "tests/blackbox/child_process.h"

namespace qms::bench {
namespace {

using nlohmann::json;
using smoke::Ok;

// qms-gateway as a child that dies with the test (PR_SET_PDEATHSIG) and is
// killed by the destructor. Start() waits (bounded) for its "listening on"
// line.
class GatewayProcess {
 public:
  ~GatewayProcess() { Kill(); }

  bool Start(const std::string& server, const std::string& centres, const std::string& log_path,
             std::string* error) {
    log_path_ = log_path;
    std::vector<std::string> words = {QMS_GATEWAY_BIN, "--server", server,        "--centres",
                                      centres,         "--listen", "127.0.0.1:0", "--no-voice"};
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(126);
      const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd < 0) _exit(125);
      dup2(fd, 1);
      dup2(fd, 2);
      execv(argv[0], argv.data());
      _exit(127);
    }
    if (pid_ < 0) return *error = "fork failed", false;
    const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
    for (int i = 0; i < 1500; ++i) {  // 30 s at most
      std::smatch m;
      const std::string text = blackbox::ReadFile(log_path_);
      if (std::regex_search(text, m, listening)) {
        url_ = "http://127.0.0.1:" + m[1].str();
        return true;
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return *error = "qms-gateway exited:\n" + text, false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return *error = "qms-gateway did not say where it listens", false;
  }

  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  const std::string& url() const { return url_; }
  pid_t pid() const { return pid_; }
  std::string log() const { return blackbox::ReadFile(log_path_); }

 private:
  pid_t pid_ = -1;
  std::string url_;
  std::string log_path_;
};

class GatewaySmokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    blackbox::WriteFile(dir_.path() + "/centres.yaml", blackbox::TwoCentreConfigYaml());
    server_ = std::make_unique<blackbox::ServerProcess>(dir_.path() + "/centres.yaml", dir_.path() + "/data",
                                                        dir_.path() + "/server.log");
    std::string error;
    ASSERT_TRUE(server_->Start(std::chrono::seconds(30), &error)) << error;
    ASSERT_TRUE(gateway_.Start(server_->address(), "10001,10002", dir_.path() + "/gateway.log", &error))
        << error;
  }

  CommonOptions Options(const std::string& name) const {
    CommonOptions options = smoke::ShortRun("unused", dir_.path(), name);
    options.threads = 2;
    options.drain_seconds = 10;
    return options;
  }

  static json Document(const CommonOptions& options) { return smoke::ReadResult(options); }

  blackbox::TempDir dir_;
  std::unique_ptr<blackbox::ServerProcess> server_;
  GatewayProcess gateway_;
};

TEST_F(GatewaySmokeTest, KioskOpenLoopTakesEveryScheduledTap) {
  CommonOptions options = Options("kiosk_open");
  GatewayKioskOptions kiosk;
  kiosk.gateway.gateway = gateway_.url();
  kiosk.gateway.centre = "10001,10002";
  kiosk.gateway.cpu_pids = {"gateway=" + std::to_string(gateway_.pid())};
  kiosk.kiosks = 10;
  kiosk.tap_interval_ms = 100;  // 10 taps a second per kiosk, at a phase in [0, 100 ms)
  ASSERT_EQ(RunGatewayKioskMode(options, kiosk), 0) << gateway_.log();
  const json document = Document(options);
  const json& run = document["runs"][0];
  EXPECT_EQ(document["mode"], "gateway-kiosk");
  EXPECT_EQ(run["loop"], "open");
  EXPECT_EQ(Ok(run, "tap_to_ticket"), 100u);  // 10 kiosks x 10 due moments in 1 s
  EXPECT_EQ(run["metrics"]["tap_to_ticket"]["failed"], 0);
  EXPECT_GT(run["metrics"]["tap_to_ticket"]["latency_us"]["p50"].get<uint64_t>(), 0u);
  EXPECT_GE(run["metrics"]["tap_to_ticket"]["latency_us"]["max"].get<uint64_t>(),
            run["metrics"]["tap_to_ticket"]["latency_us"]["p99"].get<uint64_t>());
  EXPECT_EQ(Ok(run, "send_lag"), 100u);
  EXPECT_EQ(Ok(run, "exchange"), 100u);
  EXPECT_TRUE(document["outcome"]["cpu"]["gateway"].contains("us_per_request"));
  EXPECT_EQ(document["outcome"]["tickets_shown"], 100);
}

TEST_F(GatewaySmokeTest, KioskClosedLoop) {
  CommonOptions options = Options("kiosk_closed");
  GatewayKioskOptions kiosk;
  kiosk.gateway.gateway = gateway_.url();
  kiosk.gateway.centre = "10002";
  kiosk.kiosks = 4;
  ASSERT_EQ(RunGatewayKioskMode(options, kiosk), 0) << gateway_.log();
  const json document = Document(options);
  const json& run = document["runs"][0];
  EXPECT_EQ(run["loop"], "closed");
  EXPECT_GT(Ok(run, "tap_to_ticket"), 4u);
  EXPECT_EQ(run["metrics"]["tap_to_ticket"]["failed"], 0);
  EXPECT_GT(run["metrics"]["tap_to_ticket"]["latency_us"]["p99"].get<uint64_t>(), 0u);
}

TEST_F(GatewaySmokeTest, PagesGetEveryCallInOrder) {
  CommonOptions options = Options("pages");
  GatewayPagesOptions pages;
  pages.gateway.gateway = gateway_.url();
  pages.gateway.centre = "10001";
  pages.gateway.cpu_pids = {"gateway=" + std::to_string(gateway_.pid())};
  pages.pages = 20;
  pages.calls_per_second = 10;
  ASSERT_EQ(RunGatewayPagesMode(options, pages), 0) << gateway_.log();
  const json document = Document(options);
  const json& run = document["runs"][0];
  const json& outcome = document["outcome"];
  EXPECT_EQ(outcome["calls"]["sent"], 10);  // calls due at 0, 100, ..., 900 ms
  EXPECT_EQ(outcome["calls"]["answered"], 10);
  EXPECT_EQ(outcome["calls"]["reached_every_page"], 10);
  EXPECT_EQ(outcome["calls"]["unmatched_called_frames"], 0);
  EXPECT_EQ(Ok(run, "call_to_page"), 200u);  // one sample per page per call
  EXPECT_EQ(run["metrics"]["call_to_page"]["failed"], 0);
  EXPECT_GT(run["metrics"]["call_to_page"]["latency_us"]["p50"].get<uint64_t>(), 0u);
  EXPECT_EQ(Ok(run, "call_to_all_pages"), 10u);
  EXPECT_EQ(Ok(run, "complete"), 10u);
  EXPECT_EQ(Ok(run, "stream_open"), 20u);
  EXPECT_EQ(outcome["streams"]["events_missed"], 0);
  EXPECT_EQ(outcome["streams"]["events_repeated"], 0);
  EXPECT_EQ(outcome["streams"]["pages_dropped"], 0);
  EXPECT_EQ(outcome["streams"]["calls_missed_total"], 0);
  EXPECT_GE(outcome["streams"]["frames_delivered"].get<uint64_t>(), 200u);
  EXPECT_EQ(outcome["every_page_got_every_call_in_order"], true);
  EXPECT_TRUE(outcome["cpu"]["gateway"].contains("us_per_call"));
  EXPECT_TRUE(outcome["cpu"]["gateway"].contains("us_per_frame"));
}

TEST_F(GatewaySmokeTest, RefusesAGatewayThatIsNotLoopback) {
  CommonOptions options = Options("remote");
  GatewayKioskOptions kiosk;
  kiosk.gateway.gateway = "http://192.0.2.1:8080";  // TEST-NET-1: never reached
  EXPECT_EQ(RunGatewayKioskMode(options, kiosk), 1);
  GatewayPagesOptions pages;
  pages.gateway.gateway = "http://192.0.2.1:8080";
  EXPECT_EQ(RunGatewayPagesMode(options, pages), 1);
}

}  // namespace
}  // namespace qms::bench

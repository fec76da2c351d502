#include "tests/blackbox/child_process.h"

#include <gtest/gtest.h>

#include <regex>
#include <thread>

namespace qms::blackbox {

using Clock = std::chrono::steady_clock;
using process::Exited;
using process::KillAndReap;
using process::Spawn;
using process::WaitForLogLine;

ServerProcess::ServerProcess(std::string config_path, std::string data_dir, std::string log_path,
                             std::string listen, std::vector<std::string> auth_args)
    : process::ServerProcess(QMS_SERVER_BIN, std::move(config_path), std::move(data_dir), std::move(log_path),
                             std::move(listen), std::move(auth_args)) {}

// ---------------------------------------------------------------- gateway

#ifdef QMS_GATEWAY_BIN
GatewayProcess::GatewayProcess(std::vector<std::string> args, std::string log_path)
    : args_(std::move(args)), log_path_(std::move(log_path)) {}

GatewayProcess::~GatewayProcess() { Kill(); }

bool GatewayProcess::Start(std::chrono::seconds ready_within, std::string* error) {
  std::vector<std::string> args = args_;
  args.push_back("--listen");
  args.push_back("127.0.0.1:" + std::to_string(port_));
  pid_ = Spawn(QMS_GATEWAY_BIN, args, "", log_path_);
  static const std::regex kListening("listening on https?://127\\.0\\.0\\.1:([0-9]+)");
  std::string port;
  if (WaitForLogLine(&pid_, log_path_, kListening, "qms-gateway", Clock::now() + ready_within, &port,
                     error)) {
    port_ = std::stoi(port);
    return true;
  }
  *error += ":\n" + log();
  Kill();
  return false;
}

void GatewayProcess::Kill() {
  KillAndReap(pid_);
  pid_ = -1;
}
#endif

// ---------------------------------------------------------------- commands

std::string DemoConfigAnyHour(const std::string& dir) {
  const std::string on = "stop_when_wait_past_closing: true";
  std::string demo = ReadFile(std::string(QMS_SOURCE_DIR) + "/config/demo.yaml");
  const size_t at = demo.find(on);
  EXPECT_NE(at, std::string::npos) << "config/demo.yaml no longer says " << on;
  if (at != std::string::npos) demo.replace(at, on.size(), "stop_when_wait_past_closing: false");
  const std::string path = dir + "/demo.yaml";
  WriteFile(path, demo);
  return path;
}

CommandResult RunCommand(const std::string& binary, const std::vector<std::string>& args,
                         std::chrono::milliseconds limit) {
  TempDir dir;
  const std::string out_path = dir.path() + "/stdout";
  const std::string err_path = dir.path() + "/stderr";
  CommandResult result;
  const pid_t pid = Spawn(binary, args, out_path, err_path);
  if (pid < 0) return result;
  const auto until = Clock::now() + limit;
  bool exited = false;
  while (!(exited = Exited(pid, &result.exit_code)) && Clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!exited) {
    KillAndReap(pid);
    result.exit_code = -1;
  }
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

CommandResult RunQmsctl(const std::string& server, const std::vector<std::string>& args) {
  std::vector<std::string> all = {"--server", server};
  all.insert(all.end(), args.begin(), args.end());
  return RunCommand(QMSCTL_BIN, all, std::chrono::seconds(30));
}

}  // namespace qms::blackbox

#include "tests/blackbox/child_process.h"

#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "qms/v1/queue.grpc.pb.h"

namespace qms::blackbox {

namespace {

using Clock = std::chrono::steady_clock;

// fork + exec with stdout/stderr sent to files ("" keeps the parent's). Only
// async-signal-safe calls happen between fork and exec: the test process has
// gRPC threads.
pid_t Spawn(const std::string& binary, const std::vector<std::string>& args, const std::string& out_path,
            const std::string& err_path) {
  std::vector<std::string> words;
  words.push_back(binary);
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid != 0) return pid;  // parent (or -1)
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(126);  // the parent died before prctl took effect
  const int null_in = open("/dev/null", O_RDONLY);
  if (null_in >= 0) dup2(null_in, 0);
  if (!out_path.empty()) {
    const int fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) _exit(125);
    dup2(fd, 1);
  }
  if (!err_path.empty()) {
    const int fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) _exit(125);
    dup2(fd, 2);
  }
  execv(binary.c_str(), argv.data());
  _exit(127);
}

bool Exited(pid_t pid, int* exit_code);

// Polls the log at `log_path` of the child *pid until `line` matches (its
// first group goes to *group) or `until`; false with the reason when the
// child exits first (*pid is then -1) or time runs out.
bool WaitForLogLine(pid_t* pid, const std::string& log_path, const std::regex& line, const std::string& name,
                    Clock::time_point until, std::string* group, std::string* error) {
  for (int i = 0; i < 3000 && Clock::now() < until; ++i) {
    int code = 0;
    if (Exited(*pid, &code)) {
      *pid = -1;
      *error = name + " exited with " + std::to_string(code) + " before listening";
      return false;
    }
    std::smatch m;
    const std::string text = ReadFile(log_path);
    if (std::regex_search(text, m, line)) {
      *group = m[1].str();
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  *error = "no \"listening on\" line from " + name + " in time";
  return false;
}

// Reaps `pid` if it has exited; returns true then, with its exit code.
bool Exited(pid_t pid, int* exit_code) {
  int status = 0;
  const pid_t r = waitpid(pid, &status, WNOHANG);
  if (r != pid) return false;
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return true;
}

}  // namespace

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string TwoCentreConfigYaml() {
  return R"(# Black-box test configuration: runs at any hour.
policy:
  number_start: 1
  priority_ratio: 3
  max_wait_minutes: 1440
  auto_no_show_minutes: 0
  citizen_daily_cap: 0
  citizen_field_cap: 0
  stop_when_wait_past_closing: false
  accept_outside_hours: true
  default_service_minutes: 5
hours:
  weekdays: ["07:30-11:30", "13:30-17:00"]
  saturday: []
  sunday: []
templates:
  test_ward:
    fields:
      - {id: chung_thuc, prefix: A, name_vi: "Chứng thực", name_en: "Certification", daily_cap: 0}
      - {id: ho_tich, prefix: B, name_vi: "Hộ tịch", name_en: "Civil status", daily_cap: 0}
    counters:
      - {id: "1", name: "Quầy 1", fields: {chung_thuc: 1.0}}
      - {id: "2", name: "Quầy 2", fields: {ho_tich: 1.0}}
      - {id: "3", name: "Quầy 3", fields: {chung_thuc: 1.0, ho_tich: 1.0}}
centres:
  - id: "10001"
    name_vi: "Phường Thử Nghiệm Một"
    name_en: "Test Ward One"
    province: "Hà Nội"
    agency_code: "000.00.01.T01"
    template: test_ward
  - id: "10002"
    name_vi: "Xã Thử Nghiệm Hai"
    name_en: "Test Commune Two"
    province: "Hải Phòng"
    agency_code: "000.00.02.T02"
    template: test_ward
)";
}

// ---------------------------------------------------------------- server

ServerProcess::ServerProcess(std::string config_path, std::string data_dir, std::string log_path,
                             std::string listen, std::vector<std::string> auth_args)
    : config_path_(std::move(config_path)),
      data_dir_(std::move(data_dir)),
      log_path_(std::move(log_path)),
      listen_(std::move(listen)),
      auth_args_(std::move(auth_args)) {}

ServerProcess::~ServerProcess() { Kill(); }

bool ServerProcess::Start(std::chrono::seconds ready_within, std::string* error) {
  if (running()) {
    *error = "already running";
    return false;
  }
  std::vector<std::string> args = {"--config", config_path_, "--data-dir", data_dir_, "--listen", listen_};
  args.insert(args.end(), auth_args_.begin(), auth_args_.end());
  args.insert(args.end(), args_.begin(), args_.end());
  pid_ = Spawn(QMS_SERVER_BIN, args, "", log_path_);
  if (pid_ < 0) {
    *error = "fork failed";
    return false;
  }
  const auto until = Clock::now() + ready_within;
  if (WaitForPort(until, error) && WaitForAnswer(until, error)) {
    listen_ = address_;  // a restart takes the same address
    return true;
  }
  *error += "\nserver log:\n" + log();
  Kill();
  return false;
}

bool ServerProcess::WaitForPort(Clock::time_point until, std::string* error) {
  static const std::regex kListening("listening on 127\\.0\\.0\\.1:([0-9]+)");
  std::string port;
  if (!WaitForLogLine(&pid_, log_path_, kListening, "qms-server", until, &port, error)) return false;
  address_ = "127.0.0.1:" + port;
  return true;
}

bool ServerProcess::WaitForAnswer(Clock::time_point until, std::string* error) {
  auto channel = proto::CreateClientChannel(address_, client_tls_);
  if (!channel.ok()) {
    *error = channel.status().message();
    return false;
  }
  auto stub = v1::DirectoryService::NewStub(*channel);
  grpc::Status last;
  for (int i = 0; i < 200 && Clock::now() < until; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
    v1::ListCentresRequest request;
    v1::ListCentresResponse response;
    last = stub->ListCentres(&ctx, request, &response);
    if (last.ok() || last.error_code() == grpc::StatusCode::UNAUTHENTICATED) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  *error = "ListCentres never answered: " + last.error_message();
  return false;
}

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
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}
#endif

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);  // SIGKILL cannot be caught: this returns
  pid_ = -1;
}

int ServerProcess::Terminate(std::chrono::seconds within) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const auto until = Clock::now() + within;
  int code = -1;
  for (int i = 0; i < 6000 && Clock::now() < until; ++i) {
    if (Exited(pid_, &code)) {
      pid_ = -1;
      return code;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Kill();
  return -1;
}

// ---------------------------------------------------------------- commands

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
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
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

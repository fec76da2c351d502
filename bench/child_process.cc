#include "bench/child_process.h"

#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "qms/v1/queue.grpc.pb.h"

namespace qms::process {

using Clock = std::chrono::steady_clock;

void WriteTextFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string ReadTextFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

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

bool Exited(pid_t pid, int* exit_code) {
  int status = 0;
  const pid_t r = waitpid(pid, &status, WNOHANG);
  if (r != pid) return false;
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return true;
}

void KillAndReap(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);  // SIGKILL cannot be caught: this returns
}

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
    const std::string text = ReadTextFile(log_path);
    if (std::regex_search(text, m, line)) {
      *group = m[1].str();
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  *error = "no \"listening on\" line from " + name + " in time";
  return false;
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

ServerProcess::ServerProcess(std::string binary, std::string config_path, std::string data_dir,
                             std::string log_path, std::string listen, std::vector<std::string> extra_args)
    : binary_(std::move(binary)),
      config_path_(std::move(config_path)),
      data_dir_(std::move(data_dir)),
      log_path_(std::move(log_path)),
      listen_(std::move(listen)),
      args_(std::move(extra_args)) {}

ServerProcess::~ServerProcess() { Kill(); }

bool ServerProcess::Start(std::chrono::seconds ready_within, std::string* error) {
  if (running()) {
    *error = "already running";
    return false;
  }
  std::vector<std::string> args = {"--config", config_path_, "--data-dir", data_dir_, "--listen", listen_};
  args.insert(args.end(), args_.begin(), args_.end());
  // Empty the log before the child starts: a "listening on" line of the
  // last life must not pass for this one's.
  WriteTextFile(log_path_, "");
  pid_ = Spawn(binary_, args, "", log_path_);
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
  // A channel of its own, with short reconnect backoff: a subchannel shared
  // with the last life's channel, or one that tried too early, would wait
  // out gRPC's default backoff (1 s, growing) and make a restart look slow.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  auto channel = proto::CreateClientChannel(address_, client_tls_, args);
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

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  KillAndReap(pid_);
  pid_ = -1;
}

int ServerProcess::Terminate(std::chrono::seconds within) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const auto until = std::chrono::steady_clock::now() + within;
  int code = -1;
  for (int i = 0; i < 6000 && std::chrono::steady_clock::now() < until; ++i) {
    if (Exited(pid_, &code)) {
      pid_ = -1;
      return code;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Kill();
  return -1;
}

}  // namespace qms::process

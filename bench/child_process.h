// Child processes of the bench and of the black-box tests: start a real
// qms-server (or any binary) on loopback, wait until it answers, SIGKILL it
// and start it again on the same data. One copy, shared by qms-bench's
// crashloop mode and tests/blackbox (child_process.h there wraps it).
//
// Every wait here is bounded in count and time. Each child is started with
// PR_SET_PDEATHSIG, so even a crashed parent takes its children along, and
// ServerProcess's destructor SIGKILLs its child.
//
// Thread safety: none; one thread owns a ServerProcess.
#ifndef QMS_BENCH_CHILD_PROCESS_H_
#define QMS_BENCH_CHILD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

#include "qms/client_credentials.h"

namespace qms::process {

void WriteTextFile(const std::string& path, const std::string& text);
// The whole file; "" when it cannot be read.
std::string ReadTextFile(const std::string& path);

// fork + exec of `binary args...`, stdin from /dev/null, stdout and stderr
// to the files given ("" keeps the parent's). Only async-signal-safe calls
// happen between fork and exec (the parent has gRPC threads). -1 when fork
// fails; a child whose exec fails exits 127.
pid_t Spawn(const std::string& binary, const std::vector<std::string>& args, const std::string& out_path,
            const std::string& err_path);
// Reaps `pid` if it has exited: true then, with its exit code (-1 when it
// did not exit normally).
bool Exited(pid_t pid, int* exit_code);
// SIGKILL, then reap; nothing when pid <= 0.
void KillAndReap(pid_t pid);

// Polls `log_path` of the child *pid until `line` matches (its first group
// goes to *group) or `until`; false with the reason when the child exits
// first (*pid is then -1) or time runs out.
bool WaitForLogLine(pid_t* pid, const std::string& log_path, const std::regex& line, const std::string& name,
                    std::chrono::steady_clock::time_point until, std::string* group, std::string* error);

// Two centres ("10001", "10002"), fields chung_thuc (A) and ho_tich (B),
// counters "1" (chung_thuc), "2" (ho_tich), "3" (both). Issuing is allowed at
// any hour, without caps, demand stops or automatic no-shows, so a run goes
// the same at any time of day.
std::string TwoCentreConfigYaml();

// One qms-server (`binary`) on `listen` ("127.0.0.1:0": the kernel picks the
// port), with `extra_args` (--insecure-no-auth, --auth-keys FILE, ...). A
// restart after Kill takes the same address again.
class ServerProcess {
 public:
  ServerProcess(std::string binary, std::string config_path, std::string data_dir, std::string log_path,
                std::string listen, std::vector<std::string> extra_args);
  ~ServerProcess();  // kills the child if it still runs
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Before Start: more flags, and how the readiness check reaches it.
  void AddArgs(const std::vector<std::string>& args) { args_.insert(args_.end(), args.begin(), args.end()); }
  void set_client_tls(proto::ClientTlsOptions tls) { client_tls_ = std::move(tls); }
  // Where the next Start writes the server's stderr (the log truncates).
  void set_log_path(std::string path) { log_path_ = std::move(path); }

  // Starts the server, reads its port from the "listening on" log line and
  // polls ListCentres until it answers (UNAUTHENTICATED is an answer): at
  // most `ready_within`. On failure returns false with the reason (and the
  // server log) in *error, and no child runs.
  bool Start(std::chrono::seconds ready_within, std::string* error);
  // SIGKILL, then reap. Does nothing when no child runs.
  void Kill();
  // SIGTERM, then waits at most `within` for the exit: the exit code, or -1
  // when it did not exit normally in time (it is then SIGKILLed).
  int Terminate(std::chrono::seconds within);
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // "127.0.0.1:PORT" once started.
  const std::string& address() const { return address_; }
  std::string log() const { return ReadTextFile(log_path_); }

 private:
  bool WaitForPort(std::chrono::steady_clock::time_point until, std::string* error);
  bool WaitForAnswer(std::chrono::steady_clock::time_point until, std::string* error);

  const std::string binary_;
  const std::string config_path_;
  const std::string data_dir_;
  std::string log_path_;
  std::string listen_;
  std::vector<std::string> args_;
  proto::ClientTlsOptions client_tls_;
  pid_t pid_ = -1;
  std::string address_;
};

}  // namespace qms::process

#endif  // QMS_BENCH_CHILD_PROCESS_H_

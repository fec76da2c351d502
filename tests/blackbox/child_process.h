// Black-box test helpers: the real binaries as child processes.
//
// Every wait here is bounded in count and time, and a child never outlives
// the test: ServerProcess's destructor SIGKILLs it, and each child is started
// with PR_SET_PDEATHSIG so that even a crashed test takes its server along.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "qms/client_credentials.h"
#include "tests/support/temp_dir.h"

namespace qms::blackbox {

using TempDir = test::TempDir;

void WriteFile(const std::string& path, const std::string& text);
std::string ReadFile(const std::string& path);

// Two centres ("10001", "10002"), fields chung_thuc (A) and ho_tich (B),
// counters "1" (chung_thuc), "2" (ho_tich), "3" (both). Issuing is allowed at
// any hour, without caps, demand stops or automatic no-shows, so the test
// runs the same at any time of day.
std::string TwoCentreConfigYaml();

// Flags of a test server without access control: the tests that are not
// about access run as before it existed (docs/access.md).
inline const std::vector<std::string> kInsecureNoAuth = {"--insecure-no-auth"};

// One qms-server on 127.0.0.1 with a port the kernel picks (or `listen`),
// with `auth_args` (--auth-keys FILE, or --insecure-no-auth). A restart
// after Kill takes the same address again.
class ServerProcess {
 public:
  ServerProcess(std::string config_path, std::string data_dir, std::string log_path,
                std::string listen = "127.0.0.1:0", std::vector<std::string> auth_args = kInsecureNoAuth);
  ~ServerProcess();  // kills the child if it still runs
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Before Start: more qms-server flags (e.g. --tls-cert ...), and how the
  // readiness check reaches it (over TLS when it serves TLS).
  void AddArgs(const std::vector<std::string>& args) { args_.insert(args_.end(), args.begin(), args.end()); }
  void set_client_tls(proto::ClientTlsOptions tls) { client_tls_ = std::move(tls); }

  // Starts the server, reads its port from the "listening on" log line and
  // polls ListCentres until it answers (UNAUTHENTICATED is an answer): at
  // most `ready_within`. On failure
  // returns false with the reason (and the server log) in *error.
  bool Start(std::chrono::seconds ready_within, std::string* error);
  // SIGKILL, then reap. Does nothing when no child runs.
  void Kill();
  // SIGTERM, then waits at most `within` for the exit: the exit code, or -1
  // when it did not exit normally in time (it is then SIGKILLed).
  int Terminate(std::chrono::seconds within);
  bool running() const { return pid_ > 0; }
  // "127.0.0.1:PORT" once started.
  const std::string& address() const { return address_; }
  std::string log() const { return ReadFile(log_path_); }

 private:
  bool WaitForPort(std::chrono::steady_clock::time_point until, std::string* error);
  bool WaitForAnswer(std::chrono::steady_clock::time_point until, std::string* error);

  const std::string config_path_;
  const std::string data_dir_;
  const std::string log_path_;
  std::string listen_;
  const std::vector<std::string> auth_args_;
  std::vector<std::string> args_;
  proto::ClientTlsOptions client_tls_;
  pid_t pid_ = -1;
  std::string address_;
};

// One qms-gateway (`args` without --listen) on 127.0.0.1 with a port the
// kernel picks; a restart takes the same port. HTTP or HTTPS.
class GatewayProcess {
 public:
  GatewayProcess(std::vector<std::string> args, std::string log_path);
  ~GatewayProcess();  // kills the child if it still runs
  GatewayProcess(const GatewayProcess&) = delete;
  GatewayProcess& operator=(const GatewayProcess&) = delete;

  // Starts it and reads its port from the "listening on" line, within
  // `ready_within`; false with the reason and the log otherwise.
  bool Start(std::chrono::seconds ready_within, std::string* error);
  void Kill();
  int port() const { return port_; }
  std::string log() const { return ReadFile(log_path_); }

 private:
  const std::vector<std::string> args_;
  const std::string log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
};

struct CommandResult {
  int exit_code = -1;  // -1: killed at the time limit or did not exit normally
  std::string out;
  std::string err;
};

// Runs `binary args...` with stdout and stderr captured; kills it after
// `limit`.
CommandResult RunCommand(const std::string& binary, const std::vector<std::string>& args,
                         std::chrono::milliseconds limit);
// qmsctl --server `server` args..., limited to 30 s.
CommandResult RunQmsctl(const std::string& server, const std::vector<std::string>& args);

}  // namespace qms::blackbox

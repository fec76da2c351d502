// Black-box test helpers: the real binaries as child processes, on the
// shared process library (bench/child_process.h, qms_bench_process).
//
// Every wait here is bounded in count and time, and a child never outlives
// the test: ServerProcess's destructor SIGKILLs it, and each child is started
// with PR_SET_PDEATHSIG so that even a crashed test takes its server along.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "bench/child_process.h"
#include "tests/support/temp_dir.h"

namespace qms::blackbox {

using TempDir = test::TempDir;

inline void WriteFile(const std::string& path, const std::string& text) {
  process::WriteTextFile(path, text);
}
inline std::string ReadFile(const std::string& path) { return process::ReadTextFile(path); }
using process::TwoCentreConfigYaml;

// config/demo.yaml, written to `dir`/demo.yaml as a test's server takes it:
// the same except that no field stops taking tickets when its wait would
// run past closing time, so that what a test is issued does not depend on
// the hour the suite runs at (the demo closes at 17:00, 10:00 UTC). Returns
// the path; fails the test when the demo no longer has that line.
std::string DemoConfigAnyHour(const std::string& dir);

// Flags of a test server without access control: the tests that are not
// about access run as before it existed (docs/access.md).
inline const std::vector<std::string> kInsecureNoAuth = {"--insecure-no-auth"};

// One qms-server (QMS_SERVER_BIN) on 127.0.0.1 with a port the kernel picks
// (or `listen`), with `auth_args` (--auth-keys FILE, or --insecure-no-auth).
// A restart after Kill takes the same address again. See
// bench/child_process.h for the rest of its contract.
class ServerProcess : public process::ServerProcess {
 public:
  ServerProcess(std::string config_path, std::string data_dir, std::string log_path,
                std::string listen = "127.0.0.1:0", std::vector<std::string> auth_args = kInsecureNoAuth);
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

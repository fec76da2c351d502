// qms-bench crashloop (bench/README.md, "Crash loop"): starts its own
// qms-server (--insecure-no-auth, on loopback, on a data dir it owns), and
// for each round restarts it, runs issue, call/serve/done, rating and
// dossier traffic at full speed, and SIGKILLs it at a random moment (seeded,
// between --min-load-ms and --max-load-ms after it answered). After the
// last round it restarts the server once more, lets every actor settle what
// it had on the wire, and runs the checks of crash_checks.h.
//
// Exit code: 0 when nothing was lost and no rule broke, 1 otherwise (or when
// the server could not be started), with the counts printed either way.
#ifndef QMS_BENCH_CRASH_LOOP_H_
#define QMS_BENCH_CRASH_LOOP_H_

#include <cstdint>
#include <string>

namespace qms::bench {

struct CrashLoopOptions {
  int rounds = 10;
  std::string server_bin;              // default: qms-server beside qms-bench in the build tree
  std::string data_dir;                // default: a fresh temp dir, removed after a clean run
  std::string listen = "127.0.0.1:0";  // a fixed loopback port for bench runs
  int kiosks = 4;
  int dossier_clerks = 2;
  int min_load_ms = 200;
  int max_load_ms = 1500;
  int check_threads = 4;
  uint64_t seed = 1;
  std::string json_path;
  bool quiet = false;
};

int RunCrashLoopMode(const CrashLoopOptions& options);

}  // namespace qms::bench

#endif  // QMS_BENCH_CRASH_LOOP_H_

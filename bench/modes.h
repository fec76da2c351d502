#ifndef QMS_BENCH_MODES_H_
#define QMS_BENCH_MODES_H_

#include <cstdint>

#include "bench/bench_options.h"
#include "bench/gateway_options.h"
#include "bench/golive_model.h"

namespace qms::bench {

// Each mode runs to completion, prints its summary, writes --json and the
// plot files when asked, and returns the process exit code: 0 when the run
// completed, 1 when it could not be set up or prepared.

int RunEchoMode(const CommonOptions& common, const EchoOptions& echo);
int RunIssueMode(const CommonOptions& common, const FloodOptions& flood = {});
int RunPrefillMode(const CommonOptions& common, uint64_t tickets);  // duration default 1 hour
int RunCallMode(const CommonOptions& common, const CallModeOptions& call);
int RunMixedMode(const CommonOptions& common, const MixedModeOptions& mixed);
int RunWatchMode(const CommonOptions& common, const WatchModeOptions& watch);
int RunSweepMode(const CommonOptions& common, const SweepOptions& sweep);
int RunGoliveMode(const CommonOptions& common, const GoliveParameters& golive);

// The gateway's HTTP API (bench/README.md, "Gateway"): kiosks taking
// tickets (tap to ticket shown), and pages on the event stream while clerks
// call (call to page).
int RunGatewayKioskMode(const CommonOptions& common, const GatewayKioskOptions& kiosk);
int RunGatewayPagesMode(const CommonOptions& common, const GatewayPagesOptions& pages);

// The crash loop (bench/README.md, "Crash loop"): RunCrashLoopMode in
// bench/crash_loop.h, which starts its own server.

}  // namespace qms::bench

#endif  // QMS_BENCH_MODES_H_

#ifndef QMS_BENCH_GATEWAY_OPTIONS_H_
#define QMS_BENCH_GATEWAY_OPTIONS_H_

#include <string>
#include <vector>

namespace qms::bench {

// Flags of the modes that load qms-gateway's HTTP API (bench/README.md,
// "Gateway"). The common flags they use: --threads, --duration, --drain,
// --prepare-timeout, --rpc-timeout-ms (each HTTP exchange), --arrival,
// --seed, --json, --plot, --quiet, --allow-remote.
struct GatewayOptions {
  std::string gateway = "http://127.0.0.1:8080";
  std::string centre = "09187";
  // NAME=PID of processes whose CPU time the run reports per request
  // (from /proc/PID/stat, over the measured phase), e.g. gateway=1234.
  std::vector<std::string> cpu_pids;
};

struct GatewayKioskOptions {
  GatewayOptions gateway;
  int kiosks = 100;
  // Each kiosk taps every N ms (open loop, latency from the scheduled
  // moment); 0: each taps again as soon as its ticket is shown (closed loop).
  double tap_interval_ms = 0;
  double priority_share = 0.08;  // taps that ask for a PRIORITY ticket
};

struct GatewayPagesOptions {
  GatewayOptions gateway;
  int pages = 200;
  double calls_per_second = 2;
  // Tickets issued per counter before the run (0: enough for the planned
  // calls and a half more).
  int tickets_per_counter = 0;
  // Parallel requests while filling the queues.
  int fill_connections = 16;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_GATEWAY_OPTIONS_H_

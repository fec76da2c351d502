// qms-bench: load generator for qms-server. Flags -> options -> one mode.
// See bench/README.md for every mode and what its figures mean.
#include <absl/synchronization/mutex.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "bench/crash_loop.h"
#include "bench/dossier_mode.h"
#include "bench/modes.h"
#include "bench/runner.h"
#include "qms/client_tls_flags.h"

namespace {

using qms::bench::CommonOptions;

void AddCommonFlags(CLI::App& app, CommonOptions& common) {
  app.add_option("--target", common.connection.target, "server address (loopback only)")
      ->capture_default_str();
  app.add_option("--threads", common.threads, "client threads, each with its own CompletionQueue")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--channels", common.connection.channels, "TCP connections, shared round-robin by threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--duration", common.duration_seconds, "seconds of measured load")
      ->check(CLI::Range(0.1, 86400.0))
      ->capture_default_str();
  app.add_option("--rate", common.rate, "offered operations per second (open loop); 0: closed loop")
      ->check(CLI::Range(0.0, 1e8))
      ->capture_default_str();
  app.add_option("--arrival", common.arrival, "open-loop arrivals")
      ->check(CLI::IsMember({"constant", "poisson"}))
      ->capture_default_str();
  app.add_option("--in-flight", common.in_flight, "closed loop: operations kept outstanding")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--max-ops", common.max_units, "stop after this many operations (0: time only)");
  app.add_option("--drain", common.drain_seconds, "seconds to wait for answers after the load stops")
      ->check(CLI::Range(0.0, 600.0))
      ->capture_default_str();
  app.add_option("--prepare-timeout", common.prepare_timeout_seconds, "seconds allowed for preparation")
      ->check(CLI::Range(1.0, 86400.0))
      ->capture_default_str();
  app.add_option("--rpc-timeout-ms", common.connection.call.timeout_ms, "deadline of each RPC")
      ->check(CLI::Range(1, 3600000))
      ->capture_default_str();
  app.add_option("--token", common.connection.call.bearer_token,
                 "access token (qmsctl token), sent as \"authorization: Bearer TOKEN\" with every call")
      ->envname("QMS_TOKEN");
  app.add_option("--centres", common.centres, "use only the first N centres (0: all)");
  app.add_option("--json", common.json_path, "write the result as JSON to FILE");
  app.add_option("--plot", common.plot_prefix, "write PREFIX.dat and PREFIX.gp (default: beside --json)");
  app.add_option("--seed", common.seed, "random seed")->capture_default_str();
  app.add_flag("--quiet", common.quiet, "no progress lines");
  app.add_flag("--allow-remote", common.connection.allow_remote, "allow a non-loopback target");
  qms::proto::AddClientTlsFlags(&app, &common.connection.tls);
}

void AddGoliveFlags(CLI::App& mode, qms::bench::GoliveParameters& golive) {
  mode.add_option("--day-minutes", golive.day_minutes, "real minutes for the 07:30-17:00 day")
      ->check(CLI::Range(0.1, 1440.0))
      ->capture_default_str();
  mode.add_option("--scale", golive.scale, "x arrivals and clerk speed (1, 10)")
      ->check(CLI::Range(0.01, 1000.0))
      ->capture_default_str();
  mode.add_option("--tickets-per-centre", golive.tickets_per_centre, "tickets per centre per day at scale 1")
      ->check(CLI::Range(1.0, 1e6))
      ->capture_default_str();
  mode.add_option("--certification-min", golive.certification_min, "lowest certification share")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  mode.add_option("--certification-max", golive.certification_max, "highest certification share")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  mode.add_option("--priority-share", golive.priority_share, "PRIORITY tickets")->capture_default_str();
  mode.add_option("--appointment-share", golive.appointment_share, "APPOINTMENT tickets")
      ->capture_default_str();
  mode.add_option("--no-show-share", golive.no_show_share, "called tickets nobody answers")
      ->capture_default_str();
  mode.add_option("--transfer-share", golive.transfer_share, "served tickets sent to another field")
      ->capture_default_str();
}

void AddSweepFlags(CLI::App& mode, qms::bench::SweepOptions& sweep) {
  mode.add_option("--workload", sweep.workload, "what each step runs")
      ->check(CLI::IsMember({"echo", "issue", "call"}))
      ->capture_default_str();
  mode.add_option("--start-rate", sweep.start_rate, "offered rate of the first step")
      ->check(CLI::Range(1.0, 1e8))
      ->capture_default_str();
  mode.add_option("--step-factor", sweep.step_factor, "next rate = rate x factor + step-rate")
      ->check(CLI::Range(1.0, 100.0))
      ->capture_default_str();
  mode.add_option("--step-rate", sweep.step_rate, "added to the rate each step")->capture_default_str();
  mode.add_option("--max-steps", sweep.max_steps, "at most this many steps")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  mode.add_option("--step-seconds", sweep.step_seconds, "measured seconds per step")
      ->check(CLI::Range(0.5, 3600.0))
      ->capture_default_str();
  mode.add_option("--p99-bound-ms", sweep.p99_bound_ms, "p99 above this breaks")->capture_default_str();
  mode.add_option("--error-bound", sweep.error_bound, "failed share above this breaks")
      ->capture_default_str();
  mode.add_option("--min-achieved", sweep.min_achieved_ratio, "achieved/offered below this breaks")
      ->capture_default_str();
  mode.add_option("--finish", sweep.call.finish, "call workload: how a called ticket ends")
      ->check(CLI::IsMember({"serve", "complete", "no-show"}))
      ->capture_default_str();
}

void AddGatewayFlags(CLI::App& mode, qms::bench::GatewayOptions& gateway) {
  mode.add_option("--gateway", gateway.gateway, "qms-gateway's address, http://HOST:PORT (loopback only)")
      ->capture_default_str();
  mode.add_option("--centre", gateway.centre,
                  "the centre whose pages are played (kiosk: ids, comma-separated)")
      ->capture_default_str();
  mode.add_option("--cpu-pid", gateway.cpu_pids,
                  "NAME=PID: report that process's CPU time per request (repeatable), e.g. gateway=1234");
}

void AddCrashLoopFlags(CLI::App& mode, qms::bench::CrashLoopOptions& crash) {
  mode.add_option("--rounds", crash.rounds, "SIGKILLs")->check(CLI::Range(1, 100000))->capture_default_str();
  mode.add_option("--server-bin", crash.server_bin,
                  "qms-server to run (default: the one of this build tree)");
  mode.add_option("--data-dir", crash.data_dir,
                  "the server's data (default: a temp dir, removed after a clean run)");
  mode.add_option("--listen", crash.listen, "the server's loopback address")->capture_default_str();
  mode.add_option("--kiosks", crash.kiosks, "threads issuing tickets")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  mode.add_option("--dossier-clerks", crash.dossier_clerks, "threads receiving dossiers")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  mode.add_option("--min-load-ms", crash.min_load_ms, "earliest kill after the server answers")
      ->check(CLI::Range(1, 3600000))
      ->capture_default_str();
  mode.add_option("--max-load-ms", crash.max_load_ms, "latest kill after the server answers")
      ->check(CLI::Range(1, 3600000))
      ->capture_default_str();
  mode.add_option("--check-threads", crash.check_threads, "threads of the final checks")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  // As in qms-server: Debian's Abseil keeps absl::Mutex deadlock detection
  // on, a global lock graph updated inside gRPC's every lock. The bench
  // shares the cores with the server, so it must not waste them.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CLI::App app{"qms-bench: load generator for qms-server (loopback only unless --allow-remote)"};
  app.require_subcommand(1);
  // Before the subcommands exist, so they inherit it: common flags may come
  // after the mode name too.
  app.fallthrough();
  CommonOptions common;
  AddCommonFlags(app, common);
  qms::bench::EchoOptions echo;
  qms::bench::CallModeOptions call;
  qms::bench::MixedModeOptions mixed;
  qms::bench::WatchModeOptions watch;
  qms::bench::SweepOptions sweep;
  qms::bench::GoliveParameters golive;
  uint64_t prefill_tickets = 0;

  CLI::App* echo_mode = app.add_subcommand("echo", "EchoService.Echo: the ceiling of this machine");
  echo_mode->add_option("--payload-bytes", echo.payload_bytes, "bytes per request")->capture_default_str();
  CLI::App* issue_mode = app.add_subcommand("issue", "IntakeService.IssueTicket over every centre and field");
  qms::bench::FloodOptions flood;
  issue_mode
      ->add_option("--flood-share", flood.share,
                   "this share of the issues goes to one centre (the first), the rest to the others")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  issue_mode->add_option("--flood-channels", flood.channels, "the flooding centre's own connections")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  CLI::App* call_mode = app.add_subcommand("call", "CallNext -> finish per counter, over every centre");
  call_mode
      ->add_option("--finish", call.finish, "serve: StartServing+Complete; complete; no-show: MarkNoShow")
      ->check(CLI::IsMember({"serve", "complete", "no-show"}))
      ->capture_default_str();
  call_mode->add_option("--tickets-per-counter", call.tickets_per_counter,
                        "queue fill (0: enough for the run)");
  CLI::App* mixed_mode =
      app.add_subcommand("mixed", "issue, call, start, complete, no-show in a day's proportions");
  mixed_mode->add_option("--issue-share", mixed.issue_share, "share of operations that issue")
      ->capture_default_str();
  mixed_mode->add_option("--no-show-share", mixed.no_show_share, "called tickets marked no-show")
      ->capture_default_str();
  mixed_mode->add_option("--tickets-per-counter", mixed.tickets_per_counter, "queue fill")
      ->capture_default_str();
  CLI::App* watch_mode = app.add_subcommand("watch", "WatchCentre streams open while calls happen");
  watch_mode->add_option("--streams", watch.streams, "streams to keep open")->capture_default_str();
  watch_mode->add_option("--tickets-per-counter", watch.call.tickets_per_counter, "queue fill (0: enough)");
  CLI::App* sweep_mode =
      app.add_subcommand("sweep", "raise the offered rate until a bound breaks; print the knee");
  AddSweepFlags(*sweep_mode, sweep);
  CLI::App* golive_mode = app.add_subcommand("golive", "the go-live day: every centre, surge, field mix");
  AddGoliveFlags(*golive_mode, golive);
  CLI::App* prefill_mode = app.add_subcommand("prefill", "fill the store with N tickets (closed loop)");
  prefill_mode->add_option("tickets", prefill_tickets, "tickets to issue, e.g. 3300000")->required();

  qms::bench::DossierModeOptions dossier;
  CLI::App* dossier_mode = app.add_subcommand(
      "dossier", "ReceiveDossier rate and latency, then the first page of overdue dossiers");
  dossier_mode->add_option("--prefill", dossier.prefill,
                           "dossiers to receive first (closed loop), e.g. 10000000");
  dossier_mode->add_option("--procedure", dossier.procedure,
                           "only this procedure (default: the catalogue in turn)");
  dossier_mode->add_option("--overdue-queries", dossier.overdue_queries, "first overdue pages to time")
      ->capture_default_str();
  dossier_mode->add_option("--page-size", dossier.page_size, "dossiers per overdue page")
      ->capture_default_str();

  qms::bench::GatewayKioskOptions gateway_kiosk;
  CLI::App* gateway_kiosk_mode =
      app.add_subcommand("gateway-kiosk", "kiosks taking tickets through qms-gateway: tap to ticket shown");
  AddGatewayFlags(*gateway_kiosk_mode, gateway_kiosk.gateway);
  gateway_kiosk_mode->add_option("--kiosks", gateway_kiosk.kiosks, "kiosks, one keep-alive connection each")
      ->check(CLI::Range(1, 4000))
      ->capture_default_str();
  gateway_kiosk_mode
      ->add_option(
          "--tap-interval-ms", gateway_kiosk.tap_interval_ms,
          "each kiosk taps every N ms (open loop); 0: again as soon as its ticket shows (closed loop)")
      ->check(CLI::Range(0.0, 3600000.0))
      ->capture_default_str();
  gateway_kiosk_mode
      ->add_option("--priority-share", gateway_kiosk.priority_share, "taps for a PRIORITY ticket")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  qms::bench::GatewayPagesOptions gateway_pages;
  CLI::App* gateway_pages_mode = app.add_subcommand(
      "gateway-pages", "pages on qms-gateway's event stream while clerks call: call to page");
  AddGatewayFlags(*gateway_pages_mode, gateway_pages.gateway);
  gateway_pages_mode->add_option("--pages", gateway_pages.pages, "event streams (board and console pages)")
      ->check(CLI::Range(1, 4000))
      ->capture_default_str();
  gateway_pages_mode->add_option("--calls-per-second", gateway_pages.calls_per_second, "call-next rate")
      ->check(CLI::Range(0.01, 10000.0))
      ->capture_default_str();
  gateway_pages_mode
      ->add_option("--tickets-per-counter", gateway_pages.tickets_per_counter,
                   "tickets issued per counter first (0: enough for the run)")
      ->check(CLI::Range(0, 100000));

  qms::bench::CrashLoopOptions crashloop;
  CLI::App* crashloop_mode = app.add_subcommand(
      "crashloop", "start qms-server, SIGKILL it under load N times, check nothing acknowledged was lost");
  AddCrashLoopFlags(*crashloop_mode, crashloop);

  CLI11_PARSE(app, argc, argv);
  common.duration_given = app.count("--duration") > 0;
  qms::bench::InstallInterruptHandler();
  if (*echo_mode) return qms::bench::RunEchoMode(common, echo);
  if (*issue_mode) return qms::bench::RunIssueMode(common, flood);
  if (*call_mode) return qms::bench::RunCallMode(common, call);
  if (*mixed_mode) return qms::bench::RunMixedMode(common, mixed);
  if (*watch_mode) return qms::bench::RunWatchMode(common, watch);
  if (*sweep_mode) return qms::bench::RunSweepMode(common, sweep);
  if (*golive_mode) return qms::bench::RunGoliveMode(common, golive);
  if (*prefill_mode) return qms::bench::RunPrefillMode(common, prefill_tickets);
  if (*dossier_mode) return qms::bench::RunDossierMode(common, dossier);
  if (*gateway_kiosk_mode) return qms::bench::RunGatewayKioskMode(common, gateway_kiosk);
  if (*gateway_pages_mode) return qms::bench::RunGatewayPagesMode(common, gateway_pages);
  if (*crashloop_mode) {
    crashloop.seed = common.seed;
    crashloop.json_path = common.json_path;
    crashloop.quiet = common.quiet;
    return qms::bench::RunCrashLoopMode(crashloop);
  }
  return 2;
}

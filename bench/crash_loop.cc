#include "bench/crash_loop.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "bench/child_process.h"
#include "bench/crash_checks.h"
#include "bench/crash_ledger.h"
#include "bench/crash_traffic.h"

namespace qms::bench {

namespace {

using crash::Actor;
using crash::CrashLedger;
using crash::LedgerCounts;
using crash::RoundSignals;
using crash::ServerStubs;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kServerReady = std::chrono::seconds(120);
constexpr uint64_t kMaxStepsPerRound = 10'000'000;
constexpr int kMaxSettleSteps = 100;

// qms-server of the same build tree: BUILD/bench/qms-bench ->
// BUILD/services/server/qms-server.
std::string DefaultServerBin() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "qms-server";
  return (self.parent_path().parent_path() / "services" / "server" / "qms-server").string();
}

// The data dir, and whether the run made it (and so removes it).
std::pair<std::string, bool> DataDir(const CrashLoopOptions& options) {
  if (!options.data_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.data_dir, ec);
    return {ec ? "" : options.data_dir, false};
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "qms-crashloop-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return {"", false};
  return {pattern, true};
}

std::vector<std::string> ListProcedures(const ServerStubs& stubs) {
  v1::ListProceduresResponse response;
  const grpc::Status s =
      stubs.deadline->ListProcedures(crash::CallContext().get(), v1::ListProceduresRequest(), &response);
  std::vector<std::string> codes;
  if (!s.ok()) return codes;
  for (const auto& p : response.procedures()) {
    if (p.limit_kind() != v1::SAME_DAY) codes.push_back(p.code());  // due moments that move with the calendar
  }
  if (codes.empty()) {
    for (const auto& p : response.procedures()) codes.push_back(p.code());
  }
  return codes;
}

std::vector<std::unique_ptr<Actor>> MakeActors(const CrashLoopOptions& options,
                                               const std::vector<std::string>& procedures) {
  std::vector<std::unique_ptr<Actor>> actors;
  const std::string prefix = "cl" + std::to_string(options.seed) + "-" + std::to_string(getpid());
  for (int k = 0; k < options.kiosks; ++k) actors.push_back(crash::MakeKiosk(k, prefix));
  for (size_t line = 0; line < crash::Lines().size(); ++line) {
    actors.push_back(crash::MakeClerk(static_cast<int>(line), options.seed * 31 + line));
  }
  for (int d = 0; d < options.dossier_clerks; ++d)
    actors.push_back(crash::MakeDossierClerk(d, prefix, procedures));
  return actors;
}

// One round: every actor on its thread until the SIGKILL, `load` after the
// server answered.
void RunRound(process::ServerProcess* server, std::vector<std::unique_ptr<Actor>>* actors,
              CrashLedger* ledger, std::chrono::milliseconds load) {
  ServerStubs stubs(server->address());
  RoundSignals signals;
  std::vector<std::thread> threads;
  for (auto& actor : *actors) {
    threads.emplace_back([&, a = actor.get()] { a->RunRound(stubs, signals, ledger, kMaxStepsPerRound); });
  }
  std::this_thread::sleep_for(load);
  signals.killed = true;
  server->Kill();
  signals.stop = true;
  for (auto& t : threads) t.join();
}

// After the last kill: settle every actor and bring each to rest.
void SettleAll(const ServerStubs& stubs, std::vector<std::unique_ptr<Actor>>* actors, CrashLedger* ledger) {
  RoundSignals signals;
  for (auto& actor : *actors) {
    if (!actor->Settle(stubs, signals, ledger)) continue;
    for (int i = 0; i < kMaxSettleSteps && !actor->Idle(); ++i) {
      if (!actor->Step(stubs, signals, ledger)) break;
    }
  }
}

long long MsBetween(SteadyClock::time_point from, SteadyClock::time_point to) {
  return static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count());
}

// Every round: (re)start, load for a random time, SIGKILL. False when the
// server would not start (the reason printed).
bool RunRounds(const CrashLoopOptions& options, process::ServerProcess* server,
               std::vector<std::unique_ptr<Actor>>* actors, CrashLedger* ledger) {
  std::mt19937_64 rng(options.seed);
  std::uniform_int_distribution<int> load_ms(options.min_load_ms,
                                             std::max(options.min_load_ms, options.max_load_ms));
  std::string error;
  for (int round = 0; round < options.rounds; ++round) {
    const auto round_start = SteadyClock::now();
    if (!server->running() && !server->Start(kServerReady, &error)) {
      std::fprintf(stderr, "crashloop: round %d: %s\n", round + 1, error.c_str());
      return false;
    }
    const int ms = load_ms(rng);
    const auto answered = SteadyClock::now();
    RunRound(server, actors, ledger, std::chrono::milliseconds(ms));
    if (options.quiet) continue;
    const LedgerCounts c = ledger->counts();
    std::printf(
        "round %d/%d: answered in %lld ms, killed after %d ms, round %lld ms; %llu tickets, %llu changes, "
        "%llu dossiers so far\n",
        round + 1, options.rounds, MsBetween(round_start, answered), ms,
        MsBetween(round_start, SteadyClock::now()), static_cast<unsigned long long>(c.tickets),
        static_cast<unsigned long long>(c.ticket_changes), static_cast<unsigned long long>(c.dossiers));
    std::fflush(stdout);
  }
  return true;
}

// The last start, the settling and the checks of crash_checks.h, each
// timed. False when the server would not start.
bool FinalChecks(const CrashLoopOptions& options, process::ServerProcess* server,
                 std::vector<std::unique_ptr<Actor>>* actors, CrashLedger* ledger) {
  std::string error;
  if (!server->Start(kServerReady, &error)) {
    std::fprintf(stderr, "crashloop: final start: %s\n", error.c_str());
    return false;
  }
  ServerStubs stubs(server->address());
  const auto phase = [&](const char* name, const std::function<void()>& run) {
    const auto from = SteadyClock::now();
    run();
    if (!options.quiet) {
      std::printf("%s: %.1f s\n", name, std::chrono::duration<double>(SteadyClock::now() - from).count());
      std::fflush(stdout);
    }
  };
  phase("settle what was on the wire", [&] { SettleAll(stubs, actors, ledger); });
  phase("check records", [&] { crash::CheckRecords(stubs, options.check_threads, ledger); });
  phase("check retries", [&] { crash::CheckRetries(stubs, options.check_threads, ledger); });
  phase("check numbering", [&] { crash::CheckNumbering(stubs, ledger); });
  phase("check waiting order", [&] { crash::CheckWaitingOrder(stubs, ledger); });
  return true;
}

void PrintCounts(const LedgerCounts& c, int rounds, double seconds) {
  std::printf("crashloop: %d rounds in %.1f s (SIGKILL each round)\n", rounds, seconds);
  std::printf(
      "  acknowledged: %llu tickets, %llu ticket changes, %llu ratings, %llu dossiers, %llu dossier "
      "changes\n",
      static_cast<unsigned long long>(c.tickets), static_cast<unsigned long long>(c.ticket_changes),
      static_cast<unsigned long long>(c.ratings), static_cast<unsigned long long>(c.dossiers),
      static_cast<unsigned long long>(c.dossier_changes));
  std::printf(
      "  checked: %llu records against the server, %llu idempotent retries, %llu calls in issue order\n",
      static_cast<unsigned long long>(c.observed), static_cast<unsigned long long>(c.retries),
      static_cast<unsigned long long>(c.order_checks));
  std::printf("  in flight at a kill and found applied: %llu\n",
              static_cast<unsigned long long>(c.unknown_explained));
  std::printf("  losses: %llu, violations: %llu, unexpected errors: %llu\n",
              static_cast<unsigned long long>(c.losses), static_cast<unsigned long long>(c.violations),
              static_cast<unsigned long long>(c.unexpected_errors));
}

void WriteJson(const std::string& path, const LedgerCounts& c, int rounds, double seconds, uint64_t seed) {
  nlohmann::json j = {{"mode", "crashloop"},
                      {"rounds", rounds},
                      {"seconds", seconds},
                      {"seed", seed},
                      {"tickets", c.tickets},
                      {"ticket_changes", c.ticket_changes},
                      {"ratings", c.ratings},
                      {"dossiers", c.dossiers},
                      {"dossier_changes", c.dossier_changes},
                      {"records_checked", c.observed},
                      {"retries_checked", c.retries},
                      {"order_checks", c.order_checks},
                      {"found_applied", c.unknown_explained},
                      {"losses", c.losses},
                      {"violations", c.violations},
                      {"unexpected_errors", c.unexpected_errors}};
  std::ofstream(path) << j.dump(2) << "\n";
}

}  // namespace

int RunCrashLoopMode(const CrashLoopOptions& options) {
  const auto [data_dir, owned] = DataDir(options);
  if (data_dir.empty()) return std::fprintf(stderr, "crashloop: no data dir\n"), 1;
  const std::string config = data_dir + "/centres.yaml";
  process::WriteTextFile(config, process::TwoCentreConfigYaml());
  const std::string bin = options.server_bin.empty() ? DefaultServerBin() : options.server_bin;
  process::ServerProcess server(bin, config, data_dir + "/db", data_dir + "/server.log", options.listen,
                                {"--insecure-no-auth"});
  std::string error;
  if (!server.Start(kServerReady, &error)) return std::fprintf(stderr, "crashloop: %s\n", error.c_str()), 1;
  const std::vector<std::string> procedures = ListProcedures(ServerStubs(server.address()));
  if (procedures.empty()) return std::fprintf(stderr, "crashloop: ListProcedures gave nothing\n"), 1;
  auto actors = MakeActors(options, procedures);
  CrashLedger ledger;
  const auto started = SteadyClock::now();
  if (!RunRounds(options, &server, &actors, &ledger) || !FinalChecks(options, &server, &actors, &ledger))
    return 1;
  server.Kill();
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
  const LedgerCounts c = ledger.counts();
  PrintCounts(c, options.rounds, seconds);
  for (const std::string& p : ledger.problems()) std::printf("  %s\n", p.c_str());
  if (!options.json_path.empty()) WriteJson(options.json_path, c, options.rounds, seconds, options.seed);
  const bool clean = c.losses == 0 && c.violations == 0 && c.unexpected_errors == 0;
  if (owned && clean) std::filesystem::remove_all(data_dir);
  if (!clean) std::printf("crashloop: FAILED (data dir kept: %s)\n", data_dir.c_str());
  return clean ? 0 : 1;
}

}  // namespace qms::bench

// qms-fill-history: fills a queue store (DATA/queue) with days of history
// through the real queue engine, for the retention and backup benches
// (bench/retention-bench.sh): for every centre of the config and every day
// of [end - days, end), each centre opens its first counter, issues
// `--tickets` tickets for that counter's first field, calls, starts and
// completes each; the day then rolls as in the server (expiry, counters
// closed). Every change writes its ticket, events and audit records exactly
// as qms-server does; only the fsync is skipped (the writer's sync=false),
// so a year is written in minutes. Not for production data dirs.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "services/config/config_loader.h"
#include "services/queue/queue_engine.h"
#include "storage/group_commit_writer.h"
#include "storage/store.h"

namespace {

using namespace qms;

struct Options {
  std::string config;
  std::string data_dir;
  int days = 365;
  int tickets = 10;
  std::string end;  // YYYY-MM-DD local; default today
};

// One counter's day at one centre: open, then issue/call/start/complete.
void WorkDay(queue::QueueEngine* engine, ManualClock* clock, const config::CentreConfig& c, uint32_t day,
             int tickets) {
  if (c.counters.empty() || c.counters[0].field_weights.empty()) return;
  const std::string counter = c.counters[0].id;
  const std::string field = c.counters[0].field_weights[0].first;
  const Actor actor{};
  // Each centre's day starts at 07:30; times only need to grow per centre.
  clock->Set(LocalMoment(LocalDate::FromYyyymmdd(day), 7 * 60 + 30));
  auto act = [&](const char* name,
                 Status (queue::Centre::*op)(const queue::CounterAction&, MicrosUtc, queue::Change*)) {
    engine->Execute(
        c.id, queue::AuditNote{name, actor, counter, ""},
        [op, counter](queue::Centre& centre, MicrosUtc now, queue::Change* ch) {
          return (centre.*op)({counter, "nv01", "", ""}, now, ch);
        },
        [](const Status&, const queue::OpResult&) {});
  };
  act("OpenCounter", &queue::Centre::OpenCounter);
  for (int i = 0; i < tickets; ++i) {
    clock->Advance(20 * kMicrosPerSecond);
    const std::string request_id = "h" + std::to_string(day) + "-" + std::to_string(i);
    engine->Execute(
        c.id, queue::AuditNote{"IssueTicket", actor, "", ""},
        [&](queue::Centre& centre, MicrosUtc now, queue::Change* ch) {
          return centre.Issue({field, v1::NORMAL, v1::KIOSK, request_id, ""}, now, ch);
        },
        [](const Status&, const queue::OpResult&) {});
    act("CallNext", &queue::Centre::CallNext);
    act("StartServing", &queue::Centre::StartServing);
    act("Complete", &queue::Centre::Complete);
  }
}

int Run(const Options& o) {
  auto config = config::LoadSystemConfig(o.config);
  if (!config.ok()) {
    std::cerr << config.status().message() << std::endl;
    return 2;
  }
  LocalDate end = LocalDateOf(SystemClock().Now());
  if (!o.end.empty() && std::sscanf(o.end.c_str(), "%d-%d-%d", &end.year, &end.month, &end.day) != 3) {
    std::cerr << "--end must be YYYY-MM-DD" << std::endl;
    return 2;
  }
  storage::StoreOptions so;
  so.path = o.data_dir + "/queue";
  auto store = storage::Store::Open(so);
  if (!store.ok()) {
    std::cerr << store.status().ToString() << std::endl;
    return 1;
  }
  const int64_t first = DaysFromCivil(end) - o.days;
  ManualClock clock(LocalMoment(CivilFromDays(first), 7 * 60));
  const auto started = std::chrono::steady_clock::now();
  {
    storage::GroupCommitWriter writer(store->get(), /*sync=*/false);
    queue::QueueEngine engine(&*config, store->get(), &writer, &clock);
    if (auto r = engine.Recover(); !r.ok()) {
      std::cerr << r.status().ToString() << std::endl;
      return 1;
    }
    for (int64_t d = first; d < first + o.days; ++d) {
      const uint32_t day = CivilFromDays(d).ToYyyymmdd();
      clock.Set(LocalMoment(CivilFromDays(d), 7 * 60 + 30));
      engine.Tick();  // the day before ends as in the server
      for (const auto& c : config->centres) WorkDay(&engine, &clock, c, day, o.tickets);
      if (Status s = writer.Flush(); !s.ok()) {
        std::cerr << s.ToString() << std::endl;
        return 1;
      }
      if ((d - first) % 30 == 29) std::cerr << "day " << day << " written" << std::endl;
    }
    // The last day ends too, so every history day is closed.
    clock.Set(LocalMoment(end, 0) + kMicrosPerSecond);
    engine.Tick();
    if (Status s = writer.Flush(); !s.ok()) return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const uint64_t tickets = static_cast<uint64_t>(o.days) * config->centres.size() * o.tickets;
  std::printf("filled %s: %d days x %zu centres x %d tickets = %llu tickets (4 changes each) in %.1f s\n",
              so.path.c_str(), o.days, config->centres.size(), o.tickets,
              static_cast<unsigned long long>(tickets), seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"qms-fill-history: a queue store with days of history, for benches"};
  Options o;
  app.add_option("--config", o.config, "centre configuration (the server's)")->required();
  app.add_option("--data-dir", o.data_dir, "the server's data dir; DIR/queue is written")->required();
  app.add_option("--days", o.days, "days of history before --end (default 365)")->check(CLI::Range(1, 3660));
  app.add_option("--tickets", o.tickets, "tickets per centre and day (default 10)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--end", o.end, "YYYY-MM-DD: the first day NOT filled (default today, local)");
  CLI11_PARSE(app, argc, argv);
  return Run(o);
}

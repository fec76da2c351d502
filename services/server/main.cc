// qms-server: flags -> config -> storage -> engines -> services -> wait.
#include <absl/synchronization/mutex.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "qms/request_parsing.h"
#include "services/access/access_gate.h"
#include "services/admin_service/admin_service.h"
#include "services/audit_service/audit_service.h"
#include "services/base/periodic_timer.h"
#include "services/base/retention_thread.h"
#include "services/calendar/calendar_overrides.h"
#include "services/config/config_loader.h"
#include "services/deadline/dossier_retention.h"
#include "services/deadline_service/deadline_stack.h"
#include "services/echo_service/async_echo_service.h"
#include "services/echo_service/echo_service.h"
#include "services/queue/retention.h"
#include "services/queue_service/queue_stack.h"
#include "services/server/listen_address.h"
#include "services/server/protobuf_log.h"
#include "services/server/server_tls.h"
#include "services/server/store_tuning.h"

namespace {

struct Flags {
  std::string config = "config/demo.yaml";
  std::string data_dir = "data";
  std::string listen = "127.0.0.1:50051";
  std::string services = "queue,deadline";
  std::string procedures = "config/procedures.csv";
  std::string calendar_overrides = "services/calendar/calendar_overrides.yaml";
  std::string clock_start;                 // empty: the wall clock
  std::string echo_api = "callback";       // or "async": the completion-queue EchoService
  qms::server::ServerTlsOptions tls;       // none given: plaintext
  std::string auth_keys;                   // keys file: access control on
  bool insecure_no_auth = false;           // access control off (load tests only)
  std::string recovery = "while-serving";  // or "before-serving" (docs/architecture.md, "Restart")
};

void Log(const std::string& line) { std::cerr << "qms-server: " << line << std::endl; }

std::set<std::string> SplitServices(const std::string& list) {
  std::set<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.insert(item);
  }
  return out;
}

// The wall clock shifted by a fixed offset: a demo or a bench run "as if" at
// another moment, running at real speed.
class OffsetClock final : public qms::Clock {
 public:
  explicit OffsetClock(int64_t offset) : offset_(offset) {}
  qms::MicrosUtc Now() const override { return wall_.Now() + offset_; }

 private:
  qms::SystemClock wall_;
  int64_t offset_;
};

// "YYYY-MM-DDTHH:MM" local time, or empty for the wall clock.
std::unique_ptr<qms::Clock> MakeClock(const std::string& start, std::string* error) {
  if (start.empty()) return std::make_unique<qms::SystemClock>();
  qms::LocalDate date;
  int hour = -1, minute = -1;
  char tail = 0;
  if (start.size() != 16 || start[10] != 'T' || !qms::deadline::ParseIsoDate(start.substr(0, 10), &date) ||
      std::sscanf(start.c_str() + 11, "%2d:%2d%c", &hour, &minute, &tail) != 2 || hour > 23 || minute > 59 ||
      hour < 0 || minute < 0) {
    *error = "--clock-start: \"" + start + "\" is not YYYY-MM-DDTHH:MM (local time)";
    return nullptr;
  }
  const qms::MicrosUtc wanted = qms::LocalMoment(date, hour * 60 + minute);
  return std::make_unique<OffsetClock>(wanted - qms::SystemClock().Now());
}

// The access gate (docs/access.md): tokens checked with the keys of
// --auth-keys; or, with --insecure-no-auth only, every caller admitted as
// ADMIN, said loudly at every start. Neither: nullptr (logged), no start.
// Tokens expire by the wall clock, never by --clock-start's.
std::unique_ptr<qms::access::AccessGate> MakeGate(const Flags& flags, const qms::config::SystemConfig& config,
                                                  const qms::Clock* wall_clock) {
  using qms::access::AccessGate;
  if (!flags.auth_keys.empty() && flags.insecure_no_auth) {
    Log("--auth-keys and --insecure-no-auth exclude each other: give one");
    return nullptr;
  }
  if (flags.insecure_no_auth) {
    Log("WARNING: --insecure-no-auth: access control is OFF. Every caller is admitted as ADMIN, without a "
        "token and without a rate limit. For load tests on a closed machine only, never on a centre's "
        "network.");
    return AccessGate::InsecureNoAuth();
  }
  if (flags.auth_keys.empty()) {
    Log("access control needs --auth-keys FILE (qmsctl keygen --out FILE makes one; docs/access.md); "
        "--insecure-no-auth runs without it, for load tests only");
    return nullptr;
  }
  auto keys = qms::access::KeyRing::Load(flags.auth_keys);
  if (!keys.ok()) {
    Log(keys.status().message());
    return nullptr;
  }
  if (keys->keys().empty()) {
    Log(flags.auth_keys + ": no key in the file (qmsctl keygen --out " + flags.auth_keys + " adds one)");
    return nullptr;
  }
  std::string ids;
  for (const auto& key : keys->keys()) ids += (ids.empty() ? "" : ", ") + key.id;
  Log("access control on: " + std::to_string(keys->keys().size()) + " keys from " + flags.auth_keys +
      " (key ids: " + ids + ")");
  return AccessGate::WithAuth(std::move(*keys), config, wall_clock);
}

std::unique_ptr<qms::service::DeadlineStack> OpenDeadline(const Flags& flags,
                                                          const qms::config::SystemConfig& config,
                                                          const qms::Clock* clock,
                                                          boost::asio::io_context* io,
                                                          const qms::access::AccessGate* gate) {
  auto inputs = qms::service::LoadDeadlineInputs(flags.procedures, flags.calendar_overrides, config);
  if (!inputs.ok()) {
    Log(inputs.status().message());
    return nullptr;
  }
  const size_t procedures = inputs->procedures.all().size();
  const size_t calendars = inputs->calendars->size();
  auto opened =
      qms::service::DeadlineStack::Open(&config, std::move(*inputs), flags.data_dir + "/deadline", clock, io,
                                        gate, qms::server::StoreOptionsOf(config.storage));
  if (!opened.ok()) {
    Log(opened.status().ToString());
    return nullptr;
  }
  const auto& r = (*opened)->recovery();
  Log("deadline: " + std::to_string(r.centres) + " centres, " + std::to_string(procedures) + " procedures, " +
      std::to_string(calendars) + " working calendars, " + std::to_string(r.request_ids) +
      " request ids of today recovered in " + std::to_string(r.micros / 1000) + " ms");
  return std::move(*opened);
}

std::string DescribeQueueRecovery(const qms::queue::RecoveryStats& r) {
  return "queue: " + std::to_string(r.centres) + " centres, " + std::to_string(r.tickets) +
         " tickets of today recovered in " + std::to_string(r.micros / 1000) + " ms";
}

std::unique_ptr<qms::service::QueueStack> OpenQueue(const Flags& flags,
                                                    const qms::config::SystemConfig& config,
                                                    const qms::Clock* clock,
                                                    const qms::access::AccessGate* gate) {
  qms::service::QueueStackOptions options;
  options.store = qms::server::StoreOptionsOf(config.storage);
  options.recover_while_serving = flags.recovery == "while-serving";
  options.on_recovered = [](const qms::StatusOr<qms::queue::RecoveryStats>& totals) {
    if (!totals.ok()) {
      Log("queue: recovery while serving stopped: " + totals.status().ToString());
      return;
    }
    Log(DescribeQueueRecovery(*totals) + ", while serving");
  };
  auto opened =
      qms::service::QueueStack::Open(&config, flags.data_dir + "/queue", clock, gate, std::move(options));
  if (!opened.ok()) {
    Log(opened.status().ToString());
    return nullptr;
  }
  const auto& open = (*opened)->store_open();
  Log("queue: store opened in " + std::to_string(open.micros / 1000) + " ms, WAL to replay: " +
      std::to_string(open.wal_bytes) + " bytes in " + std::to_string(open.wal_files) + " files");
  if (flags.recovery == "before-serving") Log(DescribeQueueRecovery((*opened)->recovery()));
  return std::move(*opened);
}

// What the group commit did over the run, for load tests (bench/README.md).
void LogCommitStats(const std::string& name, const qms::storage::GroupCommitStats& s) {
  const uint64_t groups = s.groups ? s.groups : 1;
  Log(name + ": " + std::to_string(s.operations) + " operations in " + std::to_string(s.groups) +
      " fsync'd groups (mean " + std::to_string(s.operations / groups) + ", largest " +
      std::to_string(s.max_group) + "), mean write " + std::to_string(s.write_micros / groups) + " us");
}

// The retention passes of the stores this process runs (docs/retention.md).
std::vector<qms::RetentionThread::Pass> RetentionPasses(const qms::config::SystemConfig& config,
                                                        qms::service::QueueStack* queue,
                                                        qms::service::DeadlineStack* deadline) {
  std::vector<qms::RetentionThread::Pass> passes;
  if (queue) {
    passes.push_back([&config, store = queue->store()](uint32_t today) -> qms::StatusOr<std::string> {
      auto r = qms::queue::RemoveOldServiceDays(config, store, today);
      if (!r.ok()) return r.status();
      return "queue retention: days before " + std::to_string(r->cutoff_day) + " over " +
             std::to_string(r->centres) + " centres: " + std::to_string(r->days_summarised) +
             " closed days summarised, " + std::to_string(r->ranges_deleted) + " ranges deleted, " +
             std::to_string(r->compactions) + " column families compacted in " +
             std::to_string(r->micros / 1000) + " ms";
    });
  }
  if (deadline) {
    passes.push_back([&config, deadline](uint32_t today) -> qms::StatusOr<std::string> {
      auto r = qms::deadline::RemoveOldDossiers(deadline->engine()->centres(), deadline->store(),
                                                deadline->writer(), today, config.retention.dossier_years,
                                                uint64_t{config.retention.compaction_mb_per_second} << 20);
      if (!r.ok()) return r.status();
      return "deadline retention: closed dossiers before " + std::to_string(r->cutoff_day) + " over " +
             std::to_string(r->centres) + " centres: " + std::to_string(r->dossiers_removed) +
             " dossiers removed, " + std::to_string(r->days_closed) + " days closed, " +
             std::to_string(r->ranges_deleted) + " ranges deleted, " + std::to_string(r->compactions) +
             " column families compacted in " + std::to_string(r->micros / 1000) + " ms";
    });
  }
  return passes;
}

// A default file missing from the working directory is taken from the
// source tree the binary was built from (development runs, ctest); a path
// given on the command line is used as given.
std::string ResolveDefault(const std::string& path, bool given) {
  if (given || std::filesystem::exists(path)) return path;
#ifdef QMS_SOURCE_DIR
  const std::string fallback = std::string(QMS_SOURCE_DIR) + "/" + path;
  if (std::filesystem::exists(fallback)) return fallback;
#endif
  return path;
}

// Builds and starts the gRPC server with the services opened, health
// checking and reflection; nullptr (logged) when it cannot listen.
std::unique_ptr<grpc::Server> StartServer(const Flags& flags, const qms::config::LoadConfig& load,
                                          const std::shared_ptr<grpc::ServerCredentials>& credentials,
                                          qms::EchoServiceImpl* echo, qms::AsyncEchoService* async_echo,
                                          qms::service::QueueStack* queue,
                                          qms::service::DeadlineStack* deadline,
                                          qms::service::AuditServiceImpl* audit,
                                          qms::service::AdminServiceImpl* admin) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // The port is this server's alone (listen_address.h).
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // Overload (docs/config.md): calls past this many on one connection wait
  // at the client, so the server's backlog stays bounded.
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, load.max_streams_per_connection);
  int port = 0;
  builder.AddListeningPort(flags.listen, credentials, &port);
  if (async_echo) {
    async_echo->Attach(&builder);
  } else {
    builder.RegisterService(echo);
  }
  if (queue) queue->RegisterServices(&builder);
  if (deadline) deadline->RegisterServices(&builder);
  builder.RegisterService(audit);
  builder.RegisterService(admin);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    Log("cannot listen on " + flags.listen + ": the address is in use or not available on this machine");
    return nullptr;
  }
  if (async_echo) async_echo->Start();
  server->GetHealthCheckService()->SetServingStatus(true);
  const std::string host = flags.listen.substr(0, flags.listen.rfind(':'));
  Log("listening on " + host + ":" + std::to_string(port) + " (" + qms::server::DescribeServerTls(flags.tls) +
      "; services: " + flags.services + ", echo on the " + flags.echo_api + " API)");
  return server;
}

int Run(const Flags& flags) {
  const auto wanted = SplitServices(flags.services);
  for (const auto& s : wanted) {
    if (s != "queue" && s != "deadline") {
      Log("--services: unknown service \"" + s + "\" (known: queue, deadline)");
      return 2;
    }
  }
  std::string error;
  const std::unique_ptr<qms::Clock> clock = MakeClock(flags.clock_start, &error);
  if (!clock) {
    Log(error);
    return 2;
  }
  auto config = qms::config::LoadSystemConfig(flags.config);
  if (!config.ok()) {
    Log(config.status().message());
    return 2;
  }
  // The certificate files are read and checked before anything opens.
  auto credentials = qms::server::MakeServerCredentials(flags.tls);
  if (!credentials.ok()) {
    Log(credentials.status().message());
    return 2;
  }
  // Declared before the stacks and the server: it outlives both.
  const qms::SystemClock wall_clock;
  const std::unique_ptr<qms::access::AccessGate> gate = MakeGate(flags, *config, &wall_clock);
  if (!gate) return 2;
  // Before the stores open: a second server on a busy address stops here.
  if (qms::Status free = qms::server::CheckAddressFree(flags.listen); !free.ok()) {
    Log(free.message());
    return 1;
  }
  // Declared before the stacks: it outlives them, and they are destroyed
  // only after it stopped running handlers.
  boost::asio::io_context io;
  std::unique_ptr<qms::service::QueueStack> queue;
  if (wanted.count("queue") && !(queue = OpenQueue(flags, *config, clock.get(), gate.get()))) return 1;
  std::unique_ptr<qms::service::DeadlineStack> deadline;
  if (wanted.count("deadline") && !(deadline = OpenDeadline(flags, *config, clock.get(), &io, gate.get())))
    return 1;

  // The audit trail of whichever stores this process runs; destroyed before
  // the stacks whose stores it reads.
  std::map<std::string, uint32_t> centre_keys;
  for (const auto& c : config->centres) centre_keys.emplace(c.id, c.key);
  qms::service::AuditServiceImpl audit(
      std::move(centre_keys), {queue ? queue->store() : nullptr, deadline ? deadline->store() : nullptr},
      clock.get(), gate.get());
  qms::service::AdminServiceImpl admin(
      {queue ? queue->store() : nullptr, deadline ? deadline->store() : nullptr}, gate.get());

  qms::EchoServiceImpl echo;
  std::unique_ptr<qms::AsyncEchoService> async_echo;
  if (flags.echo_api == "async") async_echo = std::make_unique<qms::AsyncEchoService>(/*threads=*/2);
  std::unique_ptr<grpc::Server> server =
      StartServer(flags, config->load, *credentials, &echo, async_echo.get(), queue.get(), deadline.get(),
                  &audit, &admin);
  if (!server) return 1;

  // Automatic no-shows and day-end expiry, checked every second.
  std::unique_ptr<qms::PeriodicTimer> timers;
  if (queue) {
    timers = std::make_unique<qms::PeriodicTimer>(io, std::chrono::seconds(1),
                                                  [engine = queue->engine()] { engine->Tick(); });
    timers->Start();
  }
  if (deadline) deadline->StartTimers();
  // Watch streams whose client stopped reading, checked every second.
  qms::PeriodicTimer stall_sweep(
      io, std::chrono::seconds(1),
      [&queue, &deadline, limit = std::chrono::milliseconds(config->load.watch_stall_ms)] {
        size_t ended = 0;
        if (queue) ended += queue->EndStalledStreams(limit);
        if (deadline) ended += deadline->EndStalledStreams(limit);
        if (ended > 0) Log(std::to_string(ended) + " stalled watch streams ended");
      });
  stall_sweep.Start();
  // Declared after the stacks: stopped before their stores close.
  qms::RetentionThread retention(clock.get(), RetentionPasses(*config, queue.get(), deadline.get()), Log);
  retention.Start();
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int sig) {
    Log("signal " + std::to_string(sig) + ": shutting down");
    if (timers) timers->Stop();
    stall_sweep.Stop();
    if (deadline) deadline->Stop();
    server->GetHealthCheckService()->SetServingStatus(false);
    // Watch streams never end by themselves: each ends now with a status
    // that tells its board to reconnect, instead of being cut at the
    // deadline below. Unary calls in flight finish within it (their
    // replies wait only for the group commit's fsync).
    if (queue) {
      queue->EndStreams(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                     "server shutting down; reconnect with resume_after_seq"));
    }
    if (deadline) {
      deadline->EndStreams(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                        "server shutting down; reconnect and list overdue dossiers again"));
    }
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  });
  io.run();
  server->Wait();
  if (async_echo) async_echo->Stop();
  if (queue) LogCommitStats("queue", queue->writer()->stats());
  Log(std::to_string(qms::proto::UnparsableRequests()) + " requests refused because they did not parse");
  Log("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"qms-server: queue and deadline services for public service centres"};
  Flags flags;
  app.add_option("--config", flags.config, "centre configuration file (YAML, see docs/config.md)");
  app.add_option("--data-dir", flags.data_dir, "folder for the service databases (DIR/queue, DIR/deadline)");
  app.add_option("--listen", flags.listen, "HOST:PORT to serve gRPC on (port 0 picks a free one)");
  app.add_option("--services", flags.services, "comma-separated: queue, deadline (default both)");
  app.add_option("--procedures", flags.procedures, "procedure catalogue (CSV, see docs/deadline.md)");
  app.add_option("--calendar-overrides", flags.calendar_overrides,
                 "official days off and working days (YAML, see docs/calendar.md)");
  app.add_option("--clock-start", flags.clock_start,
                 "run the clock as if it were YYYY-MM-DDTHH:MM local time now (demos, bench)");
  app.add_option("--echo-api", flags.echo_api,
                 "server API of the built-in EchoService, for qms-bench echo: callback (default) or async")
      ->check(CLI::IsMember({"callback", "async"}));
  // Transport security (docs/tls.md); none of them: plaintext.
  app.add_option("--tls-cert", flags.tls.cert_file, "serve gRPC over TLS with this PEM certificate chain");
  app.add_option("--tls-key", flags.tls.key_file, "the PEM private key of --tls-cert");
  app.add_option("--tls-client-ca", flags.tls.client_ca_file,
                 "require client certificates signed by this PEM CA (mutual TLS, for gateways)");
  app.add_option("--auth-keys", flags.auth_keys,
                 "keys file that verifies tokens (docs/access.md); access control is on with it");
  app.add_option("--recovery", flags.recovery,
                 "while-serving (default): serve at once, each centre recovered before its first RPC; "
                 "before-serving: recover every centre, then listen")
      ->check(CLI::IsMember({"while-serving", "before-serving"}));
  app.add_flag("--insecure-no-auth", flags.insecure_no_auth,
               "run without access control: every caller is ADMIN (load tests only; logged at start)");
  CLI11_PARSE(app, argc, argv);
  // Debian builds Abseil without NDEBUG, which leaves absl::Mutex deadlock
  // detection on: every lock inside gRPC then updates one global lock graph.
  // Measured as the largest lock cost of the server under load; the
  // project's own code does not use absl::Mutex.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  qms::server::LimitProtobufLog([](const std::string& line) { Log(line); });
  flags.procedures = ResolveDefault(flags.procedures, app.count("--procedures") > 0);
  flags.calendar_overrides = ResolveDefault(flags.calendar_overrides, app.count("--calendar-overrides") > 0);
  return Run(flags);
}

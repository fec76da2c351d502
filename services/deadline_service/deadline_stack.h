// DeadlineStack: the deadline service assembled from its parts, in
// dependency order: its own RocksDB store (DATA/deadline), the group-commit
// writer, the dossier engine (recovered from the store), the WatchDeadlines
// driver and the day timer on the given io_context, and the gRPC service.
// Used by qms-server and by the in-process service tests, so both run the
// same wiring.
//
// Shutdown: call Stop() on the io thread, stop the gRPC server, let the
// io_context stop running handlers, then destroy the stack.
#pragma once

#include <grpcpp/server_builder.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>

#include "services/access/access_gate.h"
#include "services/base/periodic_timer.h"
#include "services/calendar/province_calendars.h"
#include "services/config/system_config.h"
#include "services/deadline/deadline_watch.h"
#include "services/deadline/dossier_engine.h"
#include "services/deadline_service/deadline_service.h"
#include "storage/group_commit_writer.h"
#include "storage/store.h"

namespace qms::service {

// What the deadline rules are computed from, loaded once at start.
struct DeadlineInputs {
  deadline::ProcedureCatalogue procedures;
  // One calendar per distinct provincial working week (config.provinces).
  std::unique_ptr<deadline::ProvinceCalendars> calendars;
};

// Reads the procedure catalogue (CSV) and the calendar overrides (YAML), and
// builds the calendars of the provinces' working weeks of `config`; errors
// name the file and line.
[[nodiscard]] StatusOr<DeadlineInputs> LoadDeadlineInputs(const std::string& procedures_csv,
                                                          const std::string& calendar_overrides_yaml,
                                                          const config::SystemConfig& config);

class DeadlineStack {
 public:
  // Opens (creating if needed) the store in `data_dir` and recovers. The
  // centres are those of `config` (id, name_vi, province, agency_code), each
  // with the calendar of its province from `inputs`. Every RPC passes
  // `gate` first. `config`, `clock`, `io` and `gate` must outlive the stack.
  // `store` tunes the store and may give it an Env (tests inject disk
  // faults); its path is ignored: the store is in `data_dir`.
  [[nodiscard]] static StatusOr<std::unique_ptr<DeadlineStack>> Open(
      const config::SystemConfig* config, DeadlineInputs inputs, const std::string& data_dir,
      const Clock* clock, boost::asio::io_context* io, const access::AccessGate* gate,
      storage::StoreOptions store = {});
  ~DeadlineStack();

  void RegisterServices(grpc::ServerBuilder* builder);
  // The day timer (day roll-over and closing figures). Call on the io thread.
  void StartTimers();
  // Stops the timer and the watch. Call on the io thread.
  void Stop();
  // Ends every open WatchDeadlines stream with `status` (shutdown).
  void EndStreams(const grpc::Status& status) { service_->EndStreams(status); }
  // Ends the WatchDeadlines streams stalled for `limit` (load.watch_stall_ms).
  size_t EndStalledStreams(std::chrono::milliseconds limit) { return service_->EndStalledStreams(limit); }

  deadline::DossierEngine* engine() { return engine_.get(); }
  storage::Store* store() { return store_.get(); }
  deadline::DeadlineWatch* watch() { return watch_.get(); }
  storage::GroupCommitWriter* writer() { return writer_.get(); }
  const deadline::DossierRecoveryStats& recovery() const { return recovery_; }

 private:
  DeadlineStack() = default;
  DeadlineInputs inputs_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<storage::GroupCommitWriter> writer_;
  std::unique_ptr<deadline::DossierEngine> engine_;
  std::unique_ptr<deadline::DeadlineWatch> watch_;
  std::unique_ptr<PeriodicTimer> timers_;  // DossierEngine::Tick every 5 s
  std::unique_ptr<DeadlineServiceImpl> service_;
  deadline::DossierRecoveryStats recovery_;
};

}  // namespace qms::service

// QueueStack: the queue service assembled from its parts, in dependency
// order: its own RocksDB store, the group-commit writer, the engine
// (recovered from the store) and the gRPC services. Used by qms-server and
// by the in-process service tests, so both run the same wiring.
#pragma once

#include <grpcpp/server_builder.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "services/access/access_gate.h"
#include "services/queue/queue_engine.h"
#include "services/queue_service/queue_services.h"
#include "storage/group_commit_writer.h"
#include "storage/store.h"

namespace qms::service {

struct QueueStackOptions {
  // Tunes the store and may give it an Env (tests inject disk faults); its
  // path is ignored: the store is in the stack's `data_dir`.
  storage::StoreOptions store;
  // false: Open returns once every centre is recovered. true: Open returns
  // once the store is open, and the centres are recovered on background
  // threads while the services answer; an RPC for a centre not yet
  // recovered waits for that centre alone (QueueEngine::PrepareRecovery).
  bool recover_while_serving = false;
  // With recover_while_serving: called once, on the background thread, with
  // the totals or the first failure. May be empty.
  std::function<void(const StatusOr<queue::RecoveryStats>&)> on_recovered;
};

class QueueStack {
 public:
  // Opens (creating if needed) the store in `data_dir` and recovers today's
  // queues. Every RPC passes `gate` first. `config`, `clock` and `gate`
  // must outlive the stack. `store` tunes the store and may give it an Env
  // (tests inject disk faults); its path is ignored: the store is in
  // `data_dir`.
  [[nodiscard]] static StatusOr<std::unique_ptr<QueueStack>> Open(const config::SystemConfig* config,
                                                                  const std::string& data_dir,
                                                                  const Clock* clock,
                                                                  const access::AccessGate* gate,
                                                                  storage::StoreOptions store = {});
  [[nodiscard]] static StatusOr<std::unique_ptr<QueueStack>> Open(const config::SystemConfig* config,
                                                                  const std::string& data_dir,
                                                                  const Clock* clock,
                                                                  const access::AccessGate* gate,
                                                                  QueueStackOptions options);
  // Stops a background recovery (between two centres) and waits for it.
  ~QueueStack();

  // Ends every open WatchCentre stream with `status`, and every one opened
  // later: a shutdown's first step, before the server stops taking calls.
  void EndStreams(const grpc::Status& status);
  // Ends the WatchCentre streams whose client stopped reading: one write in
  // flight for `limit` or longer (load.watch_stall_ms; qms-server calls it
  // every second). Returns how many it ended.
  size_t EndStalledStreams(std::chrono::milliseconds limit) { return watch_->EndStalledStreams(limit); }
  // WatchCentre streams open now.
  size_t open_streams() { return watch_->open_streams(); }

  void RegisterServices(grpc::ServerBuilder* builder);
  queue::QueueEngine* engine() { return engine_.get(); }
  storage::Store* store() { return store_.get(); }
  storage::GroupCommitWriter* writer() { return writer_.get(); }
  // The totals of a recovery before serving; empty while serving.
  const queue::RecoveryStats& recovery() const { return recovery_; }
  const storage::StoreOpenStats& store_open() const { return store_->open_stats(); }

 private:
  QueueStack() = default;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<storage::GroupCommitWriter> writer_;
  std::unique_ptr<queue::QueueEngine> engine_;
  std::unique_ptr<IntakeServiceImpl> intake_;
  std::unique_ptr<CounterServiceImpl> counters_;
  std::unique_ptr<WatchServiceImpl> watch_;
  std::unique_ptr<DirectoryServiceImpl> directory_;
  std::unique_ptr<StatsServiceImpl> stats_;
  queue::RecoveryStats recovery_;
  std::atomic<bool> stop_recovery_{false};
  std::thread background_recovery_;
};

}  // namespace qms::service

// QueueStack: the queue service assembled from its parts, in dependency
// order: its own RocksDB store, the group-commit writer, the engine
// (recovered from the store) and the gRPC services. Used by qms-server and
// by the in-process service tests, so both run the same wiring.
#pragma once

#include <grpcpp/server_builder.h>

#include <memory>
#include <string>

#include "services/access/access_gate.h"
#include "services/queue/queue_engine.h"
#include "services/queue_service/queue_services.h"
#include "storage/group_commit_writer.h"
#include "storage/store.h"

namespace qms::service {

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
  ~QueueStack();

  void RegisterServices(grpc::ServerBuilder* builder);
  queue::QueueEngine* engine() { return engine_.get(); }
  storage::Store* store() { return store_.get(); }
  storage::GroupCommitWriter* writer() { return writer_.get(); }
  const queue::RecoveryStats& recovery() const { return recovery_; }

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
};

}  // namespace qms::service

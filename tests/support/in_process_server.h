// The whole of qms-server in process, assembled as services/server/main.cc
// does: the queue and deadline stacks over one data folder (DIR/queue,
// DIR/deadline), the audit and admin services over both stores, one gRPC server with
// an in-process channel, and an io thread for the deadline's timers and
// watch. The deadline inputs are the source tree's files.
//
// Stop() (and the destructor) shuts down in qms-server's order: the
// deadline's timer and watch on the io thread, then serving, then the io
// thread, then the audit service and the stacks. Tests that restart call
// Stop() and Start() again on the same folder.
#pragma once

#include <grpcpp/grpcpp.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <thread>

#include "services/access/access_gate.h"
#include "services/admin_service/admin_service.h"
#include "services/audit_service/audit_service.h"
#include "services/deadline_service/deadline_stack.h"
#include "services/queue_service/queue_stack.h"

namespace qms::test {

// The procedure catalogue and calendar overrides of the source tree, for
// `config`.
StatusOr<service::DeadlineInputs> SourceTreeDeadlineInputs(const config::SystemConfig& config);

// The stores' options (each stack sets its store's path): a fault test
// gives one of them a failing disk (tests/storage/failing_env.h).
struct InProcessStores {
  storage::StoreOptions queue;
  storage::StoreOptions deadline;
};

class InProcessServer {
 public:
  InProcessServer() = default;
  ~InProcessServer() { Stop(); }
  InProcessServer(const InProcessServer&) = delete;
  InProcessServer& operator=(const InProcessServer&) = delete;

  // `config`, `clock` and `gate` must outlive the server (until Stop()).
  [[nodiscard]] Status Start(const config::SystemConfig* config, const std::string& dir, const Clock* clock,
                             const access::AccessGate* gate, InProcessStores stores = {});
  void Stop();

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  service::QueueStack* queue() const { return queue_.get(); }
  service::DeadlineStack* deadline() const { return deadline_.get(); }

 private:
  std::unique_ptr<boost::asio::io_context> io_;
  std::unique_ptr<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::thread io_thread_;
  std::unique_ptr<service::QueueStack> queue_;
  std::unique_ptr<service::DeadlineStack> deadline_;
  std::unique_ptr<service::AuditServiceImpl> audit_;  // reads both stacks' stores
  std::unique_ptr<service::AdminServiceImpl> admin_;  // backs both stacks' stores up
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace qms::test

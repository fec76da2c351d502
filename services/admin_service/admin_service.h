// AdminService: the server's own operations, for its operators (ADMIN only,
// services/access/rpc_table.cc). Backup: a RocksDB checkpoint of each store
// this server runs (storage::Store::Checkpoint) into TO_DIR/queue and
// TO_DIR/deadline; the restore is a documented procedure (docs/backup.md),
// not an RPC: the server must be stopped to replace its data dir.
//
// A backup runs on the service's own thread, never on a gRPC thread; a
// second backup asked meanwhile waits for the first.
//
// Codes: INVALID_ARGUMENT (to_dir empty, relative, longer than 4096 bytes,
// or not UTF-8; the gate's parse check), FAILED_PRECONDITION (to_dir exists
// and is not an empty folder), UNAVAILABLE (a checkpoint failed, or
// stopping).
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <string>

#include "qms/v1/admin.grpc.pb.h"
#include "services/access/access_gate.h"
#include "storage/store.h"

namespace qms::service {

struct AdminStores {
  storage::Store* queue = nullptr;     // nullptr: this server runs no queue
  storage::Store* deadline = nullptr;  // nullptr: this server runs no deadline service
};

// The checkpoints of `stores` into `to_dir`/queue and `to_dir`/deadline, as
// AdminService.Backup does it; blocks. The same codes as the RPC.
[[nodiscard]] Status BackupStores(const AdminStores& stores, const std::string& to_dir,
                                  v1::BackupResponse* out);

class AdminServiceImpl final : public v1::AdminService::CallbackService {
 public:
  // The stores and `gate` must outlive the service.
  AdminServiceImpl(AdminStores stores, const access::AccessGate* gate) : stores_(stores), gate_(gate) {}
  ~AdminServiceImpl() override;  // finishes the backup under way

  grpc::ServerUnaryReactor* Backup(grpc::CallbackServerContext* ctx, const v1::BackupRequest* req,
                                   v1::BackupResponse* resp) override;

 private:
  const AdminStores stores_;
  const access::AccessGate* gate_;
  boost::asio::thread_pool work_{1};
};

}  // namespace qms::service

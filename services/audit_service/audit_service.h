// AuditService: reads the audit trail (storage/audit_trail.h) of the stores
// this server runs, the queue's and the deadline's, and merges a centre's
// day of both in time order. Only reads: the records are written by the
// engines, in the same batch as each change.
//
// Reads run on the service's own thread, never on a gRPC thread; each page
// is at most two bounded range scans of page_size records. A page token
// keeps, per store, the last record returned, so paging is exact even while
// the day goes on; it names its centre and day, and a token of another is
// refused.
//
// Codes: INVALID_ARGUMENT (centre id, day, page size, page token; the gate's
// parse check), NOT_FOUND (a centre not in the configuration), DATA_LOSS (an
// unreadable record), UNAVAILABLE (stopping).
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <map>
#include <string>

#include "qms/v1/audit.grpc.pb.h"
#include "services/access/access_gate.h"
#include "services/base/clock.h"
#include "storage/store.h"

namespace qms::service {

struct AuditStores {
  storage::Store* queue = nullptr;     // nullptr: this server runs no queue
  storage::Store* deadline = nullptr;  // nullptr: this server runs no deadline service
};

class AuditServiceImpl final : public v1::AuditService::CallbackService {
 public:
  static constexpr uint32_t kDefaultPageSize = 100;
  static constexpr uint32_t kMaxPageSize = 1000;

  // `centre_keys`: every configured centre id and its storage key. The
  // stores, `clock` and `gate` must outlive the service.
  AuditServiceImpl(std::map<std::string, uint32_t> centre_keys, AuditStores stores, const Clock* clock,
                   const access::AccessGate* gate);
  // Finishes the reads under way.
  ~AuditServiceImpl() override;

  grpc::ServerUnaryReactor* ListAudit(grpc::CallbackServerContext* ctx, const v1::ListAuditRequest* req,
                                      v1::ListAuditResponse* resp) override;

 private:
  const std::map<std::string, uint32_t> centre_keys_;
  const AuditStores stores_;
  const Clock* clock_;
  const access::AccessGate* gate_;
  boost::asio::thread_pool reads_{1};
};

}  // namespace qms::service

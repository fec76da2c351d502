// How the queue describes its changes in the audit trail (qms.v1.AuditRecord,
// storage/audit_trail.h). Pure functions: QueueEngine calls them under the
// centre's lock and writes their records in the same batch as the change.
// Only the who and the what are filled here; the engine sets the when, the
// centre, the day and the sequence number.
#pragma once

#include <string>

#include "qms/v1/audit.pb.h"
#include "qms/v1/queue.pb.h"
#include "services/base/actor.h"
#include "services/base/status.h"

namespace qms::queue {

// What the audit trail records of an operation a caller asked for.
struct AuditNote {
  std::string action;  // the RPC, e.g. "CallNext"
  Actor actor;
  std::string counter_id;  // the counter the request names, if any
  std::string number;      // the ticket the request names, if any
};

// A change made for `note`, described by the first event of the change:
// "CallNext quầy 5 → B023".
void DescribeChange(const AuditNote& note, const v1::CentreEvent& event, v1::AuditRecord* record);
// An operation the engine refused because of who asked (PERMISSION_DENIED):
// nothing changed, but the attempt is on record.
void DescribeRefusal(const AuditNote& note, const Status& refusal, v1::AuditRecord* record);
// The server's automatic no-show of one ticket (a MARKED_NO_SHOW event).
void DescribeAutoNoShow(const v1::CentreEvent& event, v1::AuditRecord* record);
// The day-end expiry: `expired` tickets and `closed` counters.
void DescribeDayEnd(size_t expired, size_t closed, v1::AuditRecord* record);

}  // namespace qms::queue

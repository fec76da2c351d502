// How the deadline engine describes its changes in the audit trail
// (qms.v1.AuditRecord, storage/audit_trail.h). Pure functions: DossierEngine
// calls them under the centre's lock and writes their record in the same
// batch as the change. Only the who and the what are filled here; the engine
// sets the when, the centre, the day and the sequence number. The applicant's
// name may appear (it is part of the dossier); nothing else about them does.
#pragma once

#include <string>

#include "qms/v1/audit.pb.h"
#include "qms/v1/deadline.pb.h"
#include "services/base/actor.h"

namespace qms::deadline {

// What the audit trail records of a change a caller asked for.
struct ChangeNote {
  std::string action;  // the RPC, e.g. "RequestSupplement"
  Actor actor;
  // The clerk recorded on the change (Dossier.last_clerk_id): the caller's
  // subject when authenticated, else the clerk the request names.
  std::string clerk_id;
  std::string reason;  // the reason the request gives, if any
};

// The clerk a change records: `actor`'s subject when authenticated, else
// `requested` (the request's clerk_id, possibly empty).
std::string ClerkOf(const Actor& actor, const std::string& requested);

// "ReceiveDossier 000.17.22.H56-260302-0001 · 2.000815 · Nguyễn Văn A → hẹn trả 17:00 02/03/2026".
void DescribeReceive(const ChangeNote& note, const v1::Dossier& dossier, v1::AuditRecord* record);
// "RequestSupplement 000.17.22.H56-260302-0001 → SUPPLEMENT_REQUESTED (5) (lý do: ...)",
// "ExtendDeadline 000.17.22.H56-261201-0001 → 17:00 05/12/2026 (lý do: ...)".
void DescribeAction(const ChangeNote& note, const v1::Dossier& after, v1::AuditRecord* record);

}  // namespace qms::deadline

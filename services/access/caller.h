// CallerOf: the one place that turns the gate's verdict on a call
// (access::CallContext) into the caller the engines see (qms::Actor,
// services/base/actor.h). Every handler that changes state passes the
// result to its engine: the engines record the caller in the audit trail
// and, when it is authenticated, as the clerk of the change, and apply the
// counter holder rules (docs/queue.md, docs/access.md).
//
// With auth off (qms-server --insecure-no-auth) no caller is authenticated:
// the engines keep the behaviour from before access control (the clerk the
// request names is recorded, no holder is checked) and the audit trail
// names the caller "anonymous". The token itself never reaches the engines:
// a token is a secret and the audit trail is read by supervisors.
#pragma once

#include "services/access/access_gate.h"
#include "services/access/token.h"
#include "services/base/actor.h"

namespace qms::access {

inline Actor CallerOf(const CallContext& call) {
  Actor a;
  a.peer = call.peer;
  a.authenticated = call.authenticated;
  if (!call.authenticated) return a;  // "anonymous", no role
  a.subject = call.subject;
  a.role = RoleName(call.role);
  a.supervisor = call.role == v1::ROLE_SUPERVISOR;
  a.admin = call.role == v1::ROLE_ADMIN;
  return a;
}

}  // namespace qms::access

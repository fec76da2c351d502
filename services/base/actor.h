// Actor: who asks an engine for a change, as the engines see it (no gRPC
// here). The service layer makes one from the access gate's verdict
// (services/access/caller.h); the server's own timers act as System().
//
// `authenticated` is true only when a verified token named the caller. Then
// the engines record `subject` as the clerk of a change and apply the
// ownership rules (docs/queue.md, "Who may act on a counter"); when false
// (auth off) they keep the behaviour from before access control: the clerk
// the request names is recorded and no ownership is checked.
#pragma once

#include <string>

namespace qms {

struct Actor {
  std::string subject = "anonymous";  // token subject, "anonymous", or "system"
  std::string role;                   // "CLERK", "SUPERVISOR", ...; empty when unknown
  std::string peer;                   // gRPC peer; empty for the system
  bool authenticated = false;
  bool supervisor = false;  // role SUPERVISOR (of the centre: the gate checked the scope)
  bool admin = false;       // role ADMIN

  // The server itself (timers): automatic no-show, day-end expiry.
  static Actor System() {
    Actor a;
    a.subject = "system";
    return a;
  }
};

}  // namespace qms

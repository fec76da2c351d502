// Authenticated callers for the in-process service tests, before the gate
// verifies tokens: a test sends "authorization: Bearer test-caller:lan:CLERK"
// (ActAs) and TestCallerMapping, installed by ScopedTestCallers through
// access::SetCallerMappingForTesting, makes that an authenticated "lan" of
// role CLERK (the gate keeps the bearer text in CallContext::caller). Any
// other call is what CallerOf makes of it: not authenticated.
//
// Once the gate verifies signed tokens, ActAs is the one place to change:
// it mints a token for the subject and role instead.
#pragma once

#include <grpcpp/grpcpp.h>

#include <string>

#include "services/access/caller.h"

namespace qms::test {

inline void ActAs(grpc::ClientContext* ctx, const std::string& subject, const std::string& role) {
  ctx->AddMetadata("authorization", "Bearer test-caller:" + subject + ":" + role);
}

inline Actor TestCallerMapping(const access::CallContext& call) {
  static const std::string kPrefix = "test-caller:";
  Actor a;
  a.peer = call.peer;
  if (call.caller.compare(0, kPrefix.size(), kPrefix) != 0) return a;
  const std::string rest = call.caller.substr(kPrefix.size());
  const size_t colon = rest.find(':');
  a.subject = rest.substr(0, colon);
  a.role = colon == std::string::npos ? "" : rest.substr(colon + 1);
  a.authenticated = true;
  a.supervisor = a.role == "SUPERVISOR";
  a.admin = a.role == "ADMIN";
  return a;
}

class ScopedTestCallers {
 public:
  ScopedTestCallers() { access::SetCallerMappingForTesting(&TestCallerMapping); }
  ~ScopedTestCallers() { access::SetCallerMappingForTesting(nullptr); }
  ScopedTestCallers(const ScopedTestCallers&) = delete;
  ScopedTestCallers& operator=(const ScopedTestCallers&) = delete;
};

}  // namespace qms::test

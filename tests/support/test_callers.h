// Authenticated callers for the in-process service tests: a signing key made
// afresh for the test process (no key is in the repository), a gate with
// auth on that verifies it (TestCallerGate), and ActAs, which sends a token
// for every centre signed with it: "authorization: Bearer <token>" naming
// `subject` and `role` ("CLERK", "SUPERVISOR", ...). The engines then see
// the caller as access::CallerOf makes it from the verified token.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "services/access/access_gate.h"
#include "services/access/token.h"
#include "services/base/clock.h"

namespace qms::test {

inline const access::KeyRing& TestCallerKeys() {
  static const access::KeyRing keys = [] {
    auto line = access::NewSecretKeyLine("test-callers");
    EXPECT_TRUE(line.ok());
    auto ring = access::KeyRing::Parse(line.ok() ? *line : "", "test-callers-keys");
    EXPECT_TRUE(ring.ok()) << ring.status().ToString();
    return ring.ok() ? std::move(*ring) : access::KeyRing();
  }();
  return keys;
}

// A gate with auth on, verifying ActAs's tokens; `clock` checks expiry.
inline std::unique_ptr<access::AccessGate> TestCallerGate(const config::SystemConfig& config,
                                                          const Clock* clock) {
  return access::AccessGate::WithAuth(TestCallerKeys(), config, clock);
}

// A token of `role` for `subject`, every centre, valid an hour around `clock`.
inline std::string TestToken(const std::string& subject, const std::string& role, const Clock& clock) {
  auto parsed = access::RoleFromName(role);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  v1::TokenClaims claims;
  claims.set_role(parsed.ok() ? *parsed : v1::ROLE_UNSPECIFIED);
  claims.set_subject(subject);
  claims.set_all_centres(true);
  const int64_t now = clock.Now() / kMicrosPerSecond;
  claims.set_issued_at_s(now - 60);
  claims.set_expires_at_s(now + 3600);
  auto token = access::SignToken(claims, TestCallerKeys().keys().at(0));
  EXPECT_TRUE(token.ok()) << token.status().ToString();
  return token.ok() ? *token : "";
}

inline void ActAs(grpc::ClientContext* ctx, const std::string& subject, const std::string& role,
                  const Clock& clock) {
  ctx->AddMetadata("authorization", "Bearer " + TestToken(subject, role, clock));
}

}  // namespace qms::test

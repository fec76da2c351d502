// AccessGate: the one place every RPC passes through before it touches an
// engine (docs/access.md). Each handler calls Admit first, with its row of
// the role table (rpc_table.h) and the centre the call is about. The gate
// answers, in this order:
//   1. INVALID_ARGUMENT when the request did not parse (qms/request_parsing.h);
//   2. UNAUTHENTICATED when the call carries no token ("authorization:
//      Bearer <token>"), a malformed one, one signed by a key id the keys
//      file does not have, one whose signature does not verify, or one that
//      has expired;
//   3. PERMISSION_DENIED when the token's role may not call the RPC, naming
//      the role, the RPC and the roles that may;
//   4. PERMISSION_DENIED when the call is about a centre the token does not
//      cover (its list of centres, its province by the config's
//      centre -> province, or all), naming the subject, its scope and the
//      centre;
//   5. RESOURCE_EXHAUSTED when the caller is over its role's rate limit
//      (rate_limiter.h), with the time to wait.
// Refusal messages never contain the token.
//
// A token's signature is verified once: the verified claims are cached by
// the token's text (at most 4,096 tokens, in 16 stripes with a lock each),
// and the expiry is still checked on every call. A cached call costs a hash,
// a lock and a few comparisons.
//
// With auth off (qms-server --insecure-no-auth) only step 1 remains, and
// the refusal of `authorization` metadata that is not "Bearer ...": every
// other call is admitted as subject "anonymous", role ADMIN,
// authenticated=false, without a rate limit, whatever token it carries; the
// engines then record the clerk the request names.
//
// Thread-safe; Admit never blocks on I/O.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "services/access/rate_limiter.h"
#include "services/access/rpc_table.h"
#include "services/access/token.h"
#include "services/base/clock.h"
#include "services/base/status.h"
#include "services/config/system_config.h"

namespace qms::access {

// Who is calling, as the gate admitted them.
struct CallContext {
  std::string subject;  // the token's subject; "anonymous" with auth off or on an open RPC
  Role role = v1::ROLE_UNSPECIFIED;
  std::string peer;       // gRPC's peer string, e.g. "ipv4:127.0.0.1:51234"
  std::string centre_id;  // the centre the call is about, "" if none
  bool authenticated = false;
};

class AccessGate {
 public:
  // Auth off: see the comment at the top. For load tests only.
  static std::unique_ptr<AccessGate> InsecureNoAuth();
  // Auth on: tokens verified with `keys` (REQUIRES: at least one key);
  // provinces of centres and rate limits per role from `config`; expiry
  // and rate limits by `clock`, which must outlive the gate.
  static std::unique_ptr<AccessGate> WithAuth(KeyRing keys, const config::SystemConfig& config,
                                              const Clock* clock);
  ~AccessGate();
  AccessGate(const AccessGate&) = delete;
  AccessGate& operator=(const AccessGate&) = delete;

  bool auth_on() const { return auth_on_; }

  // The call to `rpc` about `centre_id` ("" for an RPC that is not about a
  // centre, or when the centre could not be found: then only a token for
  // all centres covers it). On success fills `out`.
  [[nodiscard]] Status Admit(const grpc::CallbackServerContext* ctx, const google::protobuf::Message& request,
                             Rpc rpc, const std::string& centre_id, CallContext* out) const;
  // As Admit, for a call about a whole province (GetDailyReport's roll-up):
  // only a token for that province or for all centres covers it.
  [[nodiscard]] Status AdmitProvince(const grpc::CallbackServerContext* ctx,
                                     const google::protobuf::Message& request, Rpc rpc,
                                     const std::string& province, CallContext* out) const;

  // Steps 2-5 for the value of the `authorization` metadata (empty when the
  // call has none): what Admit does after the parse check. The seam of the
  // tests and of the cost measurement.
  [[nodiscard]] Status Check(std::string_view authorization, Rpc rpc, const std::string& centre_id,
                             CallContext* out) const;
  [[nodiscard]] Status CheckProvince(std::string_view authorization, Rpc rpc, const std::string& province,
                                     CallContext* out) const;

 private:
  struct VerifiedToken;
  struct Target;
  struct CacheStripe;
  static constexpr size_t kCacheStripes = 16;
  static constexpr size_t kCachePerStripe = 256;  // 4,096 tokens in all

  AccessGate();
  Status CheckTarget(std::string_view authorization, Rpc rpc, const Target& target, CallContext* out) const;
  StatusOr<std::shared_ptr<const VerifiedToken>> Verified(std::string_view token) const;
  Status CheckScope(const VerifiedToken& token, const Target& target) const;
  Status CheckRate(const VerifiedToken& token) const;
  const std::string* ProvinceOf(const std::string& centre_id) const;

  bool auth_on_ = false;
  KeyRing keys_;
  const Clock* clock_ = nullptr;
  std::unordered_map<std::string, std::string> province_of_;  // by centre id without leading zeros
  std::array<RateLimit, 6> limits_{};                         // by Role
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<std::array<CacheStripe, kCacheStripes>> cache_;
};

}  // namespace qms::access

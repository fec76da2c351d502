#include "services/access/access_gate.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "qms/request_parsing.h"

namespace qms::access {

namespace {

constexpr std::string_view kBearer = "Bearer ";

// Centre ids compare by number: "09187" and "9187" are one centre, as in
// the store (config_loader.h).
std::string CentreKey(const std::string& id) {
  const size_t first = id.find_first_not_of('0');
  if (first == std::string::npos) return id.empty() ? id : "0";
  return id.substr(first);
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string Seconds(int64_t micros) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>((micros + 9999) / 10000) / 100.0);
  return text;
}

RateLimit FromConfig(const config::RateLimitConfig& c) { return {c.per_second, c.burst}; }

// The value of the call's `authorization` metadata, empty when it has none.
// A view into the call's metadata: valid while the call runs.
std::string_view AuthorizationOf(const grpc::CallbackServerContext* ctx) {
  const auto& metadata = ctx->client_metadata();
  auto it = metadata.find("authorization");
  return it == metadata.end() ? std::string_view() : std::string_view(it->second.data(), it->second.size());
}

}  // namespace

// A token whose signature verified, as the checks need it.
struct AccessGate::VerifiedToken {
  Role role = v1::ROLE_UNSPECIFIED;
  std::string subject;
  std::vector<std::string> centre_keys;  // sorted, CentreKey form
  std::vector<std::string> centres;      // as written, for messages
  std::string province;
  bool all_centres = false;
  int64_t expires_at_s = 0;
  std::string bucket;  // the rate limiter's key: role and subject
};

// What a call is about: a centre (maybe "") or a province.
struct AccessGate::Target {
  const std::string& id;
  bool is_province;
};

struct AccessGate::CacheStripe {
  std::mutex mu;
  std::unordered_map<std::string, std::shared_ptr<const VerifiedToken>> tokens;
};

AccessGate::AccessGate() = default;
AccessGate::~AccessGate() = default;

std::unique_ptr<AccessGate> AccessGate::InsecureNoAuth() {
  return std::unique_ptr<AccessGate>(new AccessGate());
}

std::unique_ptr<AccessGate> AccessGate::WithAuth(KeyRing keys, const config::SystemConfig& config,
                                                 const Clock* clock) {
  std::unique_ptr<AccessGate> gate(new AccessGate());
  gate->auth_on_ = true;
  gate->keys_ = std::move(keys);
  gate->clock_ = clock;
  for (const auto& centre : config.centres) gate->province_of_[CentreKey(centre.id)] = centre.province;
  const config::AccessConfig& a = config.access;
  gate->limits_[v1::ROLE_KIOSK] = FromConfig(a.kiosk);
  gate->limits_[v1::ROLE_BOARD] = FromConfig(a.board);
  gate->limits_[v1::ROLE_CLERK] = FromConfig(a.clerk);
  gate->limits_[v1::ROLE_SUPERVISOR] = FromConfig(a.supervisor);
  gate->limits_[v1::ROLE_ADMIN] = FromConfig(a.admin);
  gate->limiter_ = std::make_unique<RateLimiter>(clock);
  gate->cache_ = std::make_unique<std::array<CacheStripe, kCacheStripes>>();
  return gate;
}

Status AccessGate::Admit(const grpc::CallbackServerContext* ctx, const google::protobuf::Message& request,
                         Rpc rpc, const std::string& centre_id, CallContext* out) const {
  if (std::string error = proto::RequestParseError(request); !error.empty()) return InvalidArgument(error);
  out->peer = ctx->peer();
  return CheckTarget(AuthorizationOf(ctx), rpc, Target{centre_id, false}, out);
}

Status AccessGate::AdmitProvince(const grpc::CallbackServerContext* ctx,
                                 const google::protobuf::Message& request, Rpc rpc,
                                 const std::string& province, CallContext* out) const {
  if (std::string error = proto::RequestParseError(request); !error.empty()) return InvalidArgument(error);
  out->peer = ctx->peer();
  return CheckTarget(AuthorizationOf(ctx), rpc, Target{province, true}, out);
}

Status AccessGate::Check(std::string_view authorization, Rpc rpc, const std::string& centre_id,
                         CallContext* out) const {
  return CheckTarget(authorization, rpc, Target{centre_id, false}, out);
}

Status AccessGate::CheckProvince(std::string_view authorization, Rpc rpc, const std::string& province,
                                 CallContext* out) const {
  return CheckTarget(authorization, rpc, Target{province, true}, out);
}

Status AccessGate::CheckTarget(std::string_view authorization, Rpc rpc, const Target& target,
                               CallContext* out) const {
  const RpcRule& rule = RuleOf(rpc);
  out->centre_id = target.is_province ? std::string() : target.id;
  const bool bearer = authorization.substr(0, kBearer.size()) == kBearer;
  // Even with auth off, metadata that is not a bearer token is a client's
  // mistake worth naming (as before access control existed).
  if (!authorization.empty() && !bearer && rule.scope != Scope::kOpen) {
    return Unauthenticated("authorization metadata must be \"Bearer <token>\"");
  }
  if (!auth_on_ || rule.scope == Scope::kOpen) {
    out->subject = "anonymous";
    out->role = auth_on_ ? v1::ROLE_UNSPECIFIED : v1::ROLE_ADMIN;
    out->authenticated = false;
    return Status::Ok();
  }
  if (authorization.empty()) {
    return Unauthenticated(
        "no token: send the metadata \"authorization: Bearer <token>\" (qmsctl token makes one)");
  }
  auto verified = Verified(authorization.substr(kBearer.size()));
  if (!verified.ok()) return verified.status();
  const VerifiedToken& token = **verified;
  if (clock_->Now() / kMicrosPerSecond >= token.expires_at_s) {
    return Unauthenticated("token expired at " + FormatUtcSeconds(token.expires_at_s));
  }
  if ((rule.roles & RoleBit(token.role)) == 0) {
    return PermissionDenied(std::string("role ") + RoleName(token.role) + " may not call " + ShortName(rule) +
                            " (allowed: " + RoleList(rule.roles) + ")");
  }
  if (rule.scope == Scope::kCentre) {
    if (Status s = CheckScope(token, target); !s.ok()) return s;
  }
  if (Status s = CheckRate(token); !s.ok()) return s;
  out->subject = token.subject;
  out->role = token.role;
  out->authenticated = true;
  return Status::Ok();
}

StatusOr<std::shared_ptr<const AccessGate::VerifiedToken>> AccessGate::Verified(std::string_view text) const {
  if (text.size() > kMaxTokenLength) return VerifyToken(text, keys_).status();  // refused, not cached
  std::string key(text);
  CacheStripe& stripe = (*cache_)[std::hash<std::string>()(key) % kCacheStripes];
  {
    std::lock_guard<std::mutex> lock(stripe.mu);
    auto it = stripe.tokens.find(key);
    if (it != stripe.tokens.end()) return it->second;
  }
  // Verified outside the lock: a signature check takes tens of microseconds.
  auto claims = VerifyToken(text, keys_);
  if (!claims.ok()) return claims.status();
  auto token = std::make_shared<VerifiedToken>();
  token->role = claims->role();
  token->subject = claims->subject();
  for (const auto& c : claims->centres()) {
    token->centres.push_back(c);
    token->centre_keys.push_back(CentreKey(c));
  }
  std::sort(token->centre_keys.begin(), token->centre_keys.end());
  token->province = claims->province();
  token->all_centres = claims->all_centres();
  token->expires_at_s = claims->expires_at_s();
  token->bucket = std::string(RoleName(token->role)) + "/" + token->subject;
  std::lock_guard<std::mutex> lock(stripe.mu);
  // Full: forget one entry. Its token is verified again at its next use.
  if (stripe.tokens.size() >= kCachePerStripe) stripe.tokens.erase(stripe.tokens.begin());
  stripe.tokens.emplace(std::move(key), token);
  return std::shared_ptr<const VerifiedToken>(std::move(token));
}

const std::string* AccessGate::ProvinceOf(const std::string& centre_id) const {
  auto it = province_of_.find(CentreKey(centre_id));
  return it == province_of_.end() ? nullptr : &it->second;
}

Status AccessGate::CheckScope(const VerifiedToken& token, const Target& target) const {
  if (token.all_centres) return Status::Ok();
  std::string what;  // what the call is about, for the message
  if (target.is_province) {
    if (!token.province.empty() && token.province == target.id) return Status::Ok();
    what = "province " + target.id;
  } else if (target.id.empty()) {
    what = "the centre of this call (none given or found)";
  } else {
    const std::string key = CentreKey(target.id);
    if (std::binary_search(token.centre_keys.begin(), token.centre_keys.end(), key)) return Status::Ok();
    const std::string* province = ProvinceOf(target.id);
    if (!token.province.empty() && province && *province == token.province) return Status::Ok();
    what = target.id + (province ? " (" + *province + ")" : "");
  }
  const std::string scope =
      token.province.empty() ? "centres " + Join(token.centres) : "province " + token.province;
  return PermissionDenied("token of " + token.subject + " covers " + scope + ", not " + what);
}

Status AccessGate::CheckRate(const VerifiedToken& token) const {
  const RateLimit& limit = limits_[token.role];
  const int64_t wait = limiter_->Take(token.bucket, limit);
  if (wait == 0) return Status::Ok();
  return ResourceExhausted("too many calls from " + token.subject + " (" + RoleName(token.role) +
                           "): at most " + std::to_string(limit.per_second) + " a second, " +
                           std::to_string(limit.burst) + " at once; retry in " + Seconds(wait) + " s");
}

}  // namespace qms::access

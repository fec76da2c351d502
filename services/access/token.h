// Access tokens and the keys that sign them (docs/access.md).
//
// Token format, the whole contract between qmsctl (which writes tokens) and
// qms-server (which reads them):
//
//   qms1.<claims>.<signature>
//
//   claims     the binary serialization of qms.v1.TokenClaims
//              (proto/qms/v1/access.proto), base64url without padding
//   signature  the 64-byte Ed25519 signature (libsodium
//              crypto_sign_detached) over the ASCII bytes "qms1.<claims>"
//              exactly as they appear in the token, base64url without padding
//
// The key that signed is named inside the claims (key_id); a verifier looks
// it up in its keys file, then checks the signature. Nothing else is in a
// token: no header to trust, no algorithm to choose.
//
// Keys file (qms-server --auth-keys, qmsctl token --key-file), one key a line:
//
//   KEY_ID ed25519-secret BASE64   libsodium's 64-byte secret key (signs and verifies)
//   KEY_ID ed25519-public BASE64   a 32-byte public key (verifies only)
//
// BASE64 is standard base64 with padding. Blank lines and lines starting
// with '#' are ignored. KEY_ID is [A-Za-z0-9._-]{1,64} and unique in the
// file. Rotation: add a key, sign new tokens with it, remove the old key
// once its tokens have expired.
//
// Thread safety: KeyRing is immutable after Load/Parse; every function here
// may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qms/v1/access.pb.h"
#include "services/base/status.h"

namespace qms::access {

using Role = v1::Role;

inline constexpr char kTokenPrefix[] = "qms1.";
// Longer tokens are refused before any decoding.
inline constexpr size_t kMaxTokenLength = 4096;
inline constexpr size_t kMaxSubjectLength = 100;

// "KIOSK", "BOARD", ... ("ROLE_UNSPECIFIED" for 0).
const char* RoleName(Role role);
// "kiosk" or "KIOSK" -> KIOSK; INVALID_ARGUMENT naming the roles otherwise.
[[nodiscard]] StatusOr<Role> RoleFromName(std::string_view name);

// Whether `id` may name a key: [A-Za-z0-9._-]{1,64}.
bool IsValidKeyId(std::string_view id);

struct TokenKey {
  std::string id;
  std::array<unsigned char, 32> public_key{};
  std::string secret_key;  // 64 bytes, or empty for a public-only key
  bool can_sign() const { return !secret_key.empty(); }
};

class KeyRing {
 public:
  // NOT_FOUND when the file cannot be read; INVALID_ARGUMENT
  // "FILE:LINE: what is wrong" for a bad line. The key itself never
  // appears in a message.
  [[nodiscard]] static StatusOr<KeyRing> Load(const std::string& path);
  // As Load, for text; `origin` names it in messages.
  [[nodiscard]] static StatusOr<KeyRing> Parse(const std::string& text, const std::string& origin);

  // The key with this id, or nullptr.
  const TokenKey* Find(std::string_view id) const;
  // The key to sign with: the one named `id`, or (id empty) the last
  // secret key of the file, the newest one `qmsctl keygen` appended.
  // NOT_FOUND / FAILED_PRECONDITION (a public-only key) otherwise.
  [[nodiscard]] StatusOr<const TokenKey*> SigningKey(const std::string& id) const;
  const std::vector<TokenKey>& keys() const { return keys_; }

 private:
  std::vector<TokenKey> keys_;
};

// A fresh Ed25519 key as one line of a keys file, "ID ed25519-secret BASE64\n".
// INVALID_ARGUMENT for an id IsValidKeyId refuses.
[[nodiscard]] StatusOr<std::string> NewSecretKeyLine(const std::string& key_id);

// "ID ed25519-public BASE64\n": the line that lets a server verify, and
// never sign, with `key`.
std::string PublicKeyLine(const TokenKey& key);

// The rules every token's claims follow: a role, a subject of 1-100 bytes
// without control characters, exactly one scope (centres of 1-9 digits, a
// province, or all), expires_at_s > issued_at_s > 0, a valid key id.
// INVALID_ARGUMENT naming the rule.
[[nodiscard]] Status CheckClaims(const v1::TokenClaims& claims);

// Signs `claims` with `key` (claims.key_id is set to key.id first).
// INVALID_ARGUMENT when the claims break CheckClaims; FAILED_PRECONDITION
// when the key is public-only.
[[nodiscard]] StatusOr<std::string> SignToken(v1::TokenClaims claims, const TokenKey& key);

// Decodes a token's claims WITHOUT checking its signature: for tools that
// show what a token says, never to admit a call. UNAUTHENTICATED
// "token is malformed: ..." when the text is not a token.
[[nodiscard]] StatusOr<v1::TokenClaims> ParseToken(std::string_view token);

// The claims of a token whose signature verifies with the key its claims
// name. UNAUTHENTICATED for a malformed token, "unknown key id", a
// signature that does not verify, or claims that break CheckClaims.
// Expiry is NOT checked here: the caller compares expires_at_s with its
// own clock (the gate does on every call, also for a cached token).
[[nodiscard]] StatusOr<v1::TokenClaims> VerifyToken(std::string_view token, const KeyRing& keys);

// "2026-12-01T10:00:00Z" for Unix seconds.
std::string FormatUtcSeconds(int64_t seconds);

}  // namespace qms::access

#include "services/access/token.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

namespace qms::access {

namespace {

constexpr char kSecretType[] = "ed25519-secret";
constexpr char kPublicType[] = "ed25519-public";
constexpr size_t kMaxProvinceLength = 100;

// libsodium must be initialised once before use; sodium_init is safe to
// call from several threads and again.
bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string EncodeBase64(const unsigned char* data, size_t size, int variant) {
  std::string out(sodium_base64_ENCODED_LEN(size, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// False when `text` is not exactly base64 of the variant.
bool DecodeBase64(std::string_view text, int variant, std::string* out) {
  out->assign(text.size(), '\0');
  size_t size = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out->data()), out->size(), text.data(), text.size(),
                        nullptr, &size, &end, variant) != 0 ||
      end != text.data() + text.size()) {
    return false;
  }
  out->resize(size);
  return true;
}

const unsigned char* Bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 9;
    if (extra == 9 || i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

// Text a person reads in messages and logs: UTF-8 without control characters.
bool IsPlainText(std::string_view s) {
  if (!IsUtf8(s)) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7F;
  });
}

bool IsCentreId(const std::string& id) {
  return !id.empty() && id.size() <= 9 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status Malformed(const std::string& why) { return Unauthenticated("token is malformed: " + why); }

// The parts of a token: the signed text "qms1.<claims>", the decoded
// claims and the decoded signature.
struct TokenParts {
  std::string_view signed_text;
  v1::TokenClaims claims;
  std::string signature;
};

Status SplitToken(std::string_view token, TokenParts* parts) {
  if (token.empty()) return Malformed("it is empty");
  if (token.size() > kMaxTokenLength) {
    return Malformed("it is longer than " + std::to_string(kMaxTokenLength) + " characters");
  }
  const std::string_view prefix = kTokenPrefix;
  if (token.substr(0, prefix.size()) != prefix) return Malformed("it does not start with \"qms1.\"");
  const size_t dot = token.find('.', prefix.size());
  if (dot == std::string_view::npos || token.find('.', dot + 1) != std::string_view::npos) {
    return Malformed("it is not qms1.<claims>.<signature>");
  }
  parts->signed_text = token.substr(0, dot);
  std::string claims;
  if (!DecodeBase64(token.substr(prefix.size(), dot - prefix.size()),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING, &claims)) {
    return Malformed("its claims are not base64url");
  }
  if (!parts->claims.ParseFromString(claims)) return Malformed("its claims do not parse");
  if (!DecodeBase64(token.substr(dot + 1), sodium_base64_VARIANT_URLSAFE_NO_PADDING, &parts->signature) ||
      parts->signature.size() != crypto_sign_BYTES) {
    return Malformed("its signature is not 64 bytes of base64url");
  }
  return Status::Ok();
}

Status CheckScope(const v1::TokenClaims& c) {
  const int scopes = (c.centres_size() > 0) + !c.province().empty() + c.all_centres();
  if (scopes != 1) {
    return InvalidArgument("a token covers exactly one of: a list of centres, a province, or all centres");
  }
  for (const auto& centre : c.centres()) {
    if (!IsCentreId(centre)) return InvalidArgument("centre \"" + centre + "\" is not 1-9 digits");
  }
  if (c.province().size() > kMaxProvinceLength || !IsPlainText(c.province())) {
    return InvalidArgument("province must be 1-100 bytes of text without control characters");
  }
  return Status::Ok();
}

// Reads one line of a keys file into `key`; `what` explains a refusal.
bool ParseKeyLine(const std::string& line, TokenKey* key, std::string* what) {
  std::istringstream in(line);
  std::string id, type, encoded, extra;
  if (!(in >> id >> type >> encoded) || (in >> extra)) {
    *what = "expected \"KEY_ID ed25519-secret BASE64\" or \"KEY_ID ed25519-public BASE64\"";
    return false;
  }
  if (!IsValidKeyId(id)) {
    *what = "key id must be [A-Za-z0-9._-]{1,64}";
    return false;
  }
  const bool secret = type == kSecretType;
  if (!secret && type != kPublicType) {
    *what = "key type must be ed25519-secret or ed25519-public";
    return false;
  }
  std::string bytes;
  const size_t wanted = secret ? crypto_sign_SECRETKEYBYTES : crypto_sign_PUBLICKEYBYTES;
  if (!DecodeBase64(encoded, sodium_base64_VARIANT_ORIGINAL, &bytes) || bytes.size() != wanted) {
    *what = std::string("an ") + type + " key is " + std::to_string(wanted) + " bytes of base64";
    return false;
  }
  key->id = id;
  if (!secret) {
    std::memcpy(key->public_key.data(), bytes.data(), bytes.size());
    return true;
  }
  // A libsodium secret key is the seed then the public key: check that
  // they belong together, so a damaged line fails here, not at signing.
  unsigned char seed[crypto_sign_SEEDBYTES];
  unsigned char derived_secret[crypto_sign_SECRETKEYBYTES];
  crypto_sign_ed25519_sk_to_seed(seed, Bytes(bytes));
  crypto_sign_seed_keypair(key->public_key.data(), derived_secret, seed);
  sodium_memzero(seed, sizeof seed);
  const bool same = sodium_memcmp(derived_secret, Bytes(bytes), sizeof derived_secret) == 0;
  sodium_memzero(derived_secret, sizeof derived_secret);
  if (!same) {
    *what = "the secret key's public half does not match its seed (a damaged key?)";
    return false;
  }
  key->secret_key = std::move(bytes);
  return true;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case v1::ROLE_KIOSK: return "KIOSK";
    case v1::ROLE_BOARD: return "BOARD";
    case v1::ROLE_CLERK: return "CLERK";
    case v1::ROLE_SUPERVISOR: return "SUPERVISOR";
    case v1::ROLE_ADMIN: return "ADMIN";
    default: return "ROLE_UNSPECIFIED";
  }
}

StatusOr<Role> RoleFromName(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; });
  for (Role r : {v1::ROLE_KIOSK, v1::ROLE_BOARD, v1::ROLE_CLERK, v1::ROLE_SUPERVISOR, v1::ROLE_ADMIN}) {
    if (upper == RoleName(r)) return r;
  }
  return InvalidArgument("role \"" + std::string(name) +
                         "\" is not one of kiosk, board, clerk, supervisor, admin");
}

bool IsValidKeyId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

StatusOr<KeyRing> KeyRing::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the keys file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return NotFound(path + ": cannot read the keys file");
  return Parse(text.str(), path);
}

StatusOr<KeyRing> KeyRing::Parse(const std::string& text, const std::string& origin) {
  if (!SodiumReady()) return Internal("libsodium failed to initialise");
  KeyRing ring;
  std::vector<int> lines;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    TokenKey key;
    std::string what;
    const std::string where = origin + ":" + std::to_string(number) + ": ";
    if (!ParseKeyLine(line, &key, &what)) return InvalidArgument(where + what);
    for (size_t i = 0; i < ring.keys_.size(); ++i) {
      if (ring.keys_[i].id == key.id) {
        return InvalidArgument(where + "key id \"" + key.id + "\" is also on line " +
                               std::to_string(lines[i]));
      }
    }
    ring.keys_.push_back(std::move(key));
    lines.push_back(number);
  }
  return ring;
}

const TokenKey* KeyRing::Find(std::string_view id) const {
  for (const TokenKey& key : keys_) {
    if (key.id == id) return &key;
  }
  return nullptr;
}

StatusOr<const TokenKey*> KeyRing::SigningKey(const std::string& id) const {
  if (!id.empty()) {
    const TokenKey* key = Find(id);
    if (key == nullptr) return NotFound("no key with id \"" + id + "\" in the keys file");
    if (!key->can_sign()) return FailedPrecondition("key \"" + id + "\" is public only: it cannot sign");
    return key;
  }
  for (auto it = keys_.rbegin(); it != keys_.rend(); ++it) {
    if (it->can_sign()) return &*it;
  }
  return NotFound("the keys file has no secret key (qmsctl keygen --out FILE makes one)");
}

StatusOr<std::string> NewSecretKeyLine(const std::string& key_id) {
  if (!IsValidKeyId(key_id)) return InvalidArgument("key id must be [A-Za-z0-9._-]{1,64}");
  if (!SodiumReady()) return Internal("libsodium failed to initialise");
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(public_key, secret_key);
  std::string line = key_id + " " + kSecretType + " " +
                     EncodeBase64(secret_key, sizeof secret_key, sodium_base64_VARIANT_ORIGINAL) + "\n";
  sodium_memzero(secret_key, sizeof secret_key);
  return line;
}

std::string PublicKeyLine(const TokenKey& key) {
  return key.id + " " + kPublicType + " " +
         EncodeBase64(key.public_key.data(), key.public_key.size(), sodium_base64_VARIANT_ORIGINAL) + "\n";
}

Status CheckClaims(const v1::TokenClaims& c) {
  if (c.role() == v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(c.role())) {
    return InvalidArgument("role must be KIOSK, BOARD, CLERK, SUPERVISOR or ADMIN");
  }
  if (c.subject().empty() || c.subject().size() > kMaxSubjectLength || !IsPlainText(c.subject())) {
    return InvalidArgument("subject must be 1-100 bytes of text without control characters");
  }
  if (Status s = CheckScope(c); !s.ok()) return s;
  if (c.issued_at_s() <= 0 || c.expires_at_s() <= c.issued_at_s()) {
    return InvalidArgument("expires_at_s must come after issued_at_s, both Unix seconds");
  }
  if (!IsValidKeyId(c.key_id())) return InvalidArgument("key id must be [A-Za-z0-9._-]{1,64}");
  return Status::Ok();
}

StatusOr<std::string> SignToken(v1::TokenClaims claims, const TokenKey& key) {
  if (!key.can_sign()) return FailedPrecondition("key \"" + key.id + "\" is public only: it cannot sign");
  if (!SodiumReady()) return Internal("libsodium failed to initialise");
  claims.set_key_id(key.id);
  if (Status s = CheckClaims(claims); !s.ok()) return s;
  std::string bytes;
  if (!claims.SerializeToString(&bytes)) return Internal("the claims did not serialize");
  std::string token =
      kTokenPrefix + EncodeBase64(Bytes(bytes), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, Bytes(token), token.size(), Bytes(key.secret_key));
  token += "." + EncodeBase64(signature, sizeof signature, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  if (token.size() > kMaxTokenLength) {
    return InvalidArgument("the token would be longer than " + std::to_string(kMaxTokenLength) +
                           " characters: name fewer centres, or a province");
  }
  return token;
}

StatusOr<v1::TokenClaims> ParseToken(std::string_view token) {
  if (!SodiumReady()) return Internal("libsodium failed to initialise");
  TokenParts parts;
  if (Status s = SplitToken(token, &parts); !s.ok()) return s;
  return std::move(parts.claims);
}

StatusOr<v1::TokenClaims> VerifyToken(std::string_view token, const KeyRing& keys) {
  if (!SodiumReady()) return Internal("libsodium failed to initialise");
  TokenParts parts;
  if (Status s = SplitToken(token, &parts); !s.ok()) return s;
  if (!IsValidKeyId(parts.claims.key_id())) return Malformed("its key id is not [A-Za-z0-9._-]{1,64}");
  const TokenKey* key = keys.Find(parts.claims.key_id());
  if (key == nullptr) return Unauthenticated("unknown key id \"" + parts.claims.key_id() + "\"");
  if (crypto_sign_verify_detached(Bytes(parts.signature),
                                  reinterpret_cast<const unsigned char*>(parts.signed_text.data()),
                                  parts.signed_text.size(), key->public_key.data()) != 0) {
    return Unauthenticated("token signature does not verify with key \"" + key->id + "\"");
  }
  if (Status s = CheckClaims(parts.claims); !s.ok()) {
    return Unauthenticated("token claims are not valid: " + s.message());
  }
  return std::move(parts.claims);
}

std::string FormatUtcSeconds(int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace qms::access

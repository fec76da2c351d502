// libFuzzer target: the token parser and verifier (services/access/token.h)
// and the keys-file parser, on any bytes. A token that verifies must carry
// claims that CheckClaims accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "services/access/token.h"

namespace {

// The key the seed tokens of corpus/fuzz_token are signed with
// (docs/testing.md says how to make more). A test key, never a real one.
const char kKeys[] =
    "fuzz ed25519-secret "
    "ZEyJSwGvGOiADJ1YfFc4DiunvC3anNvAHF0oVeNKoLmodkwyj6BEyHs7B8/fwN8LIInyTF4SiiIKlldTCUzoNg==";

const qms::access::KeyRing& Ring() {
  static const qms::access::KeyRing* ring = [] {
    auto parsed = qms::access::KeyRing::Parse(kKeys, "fuzz keys");
    if (!parsed.ok()) std::abort();
    return new qms::access::KeyRing(std::move(*parsed));
  }();
  return *ring;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qms::access;
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)ParseToken(text);
  auto claims = VerifyToken(text, Ring());
  if (claims.ok() && !CheckClaims(*claims).ok()) std::abort();
  (void)IsValidKeyId(text);
  (void)KeyRing::Parse(text, "fuzz");
  return 0;
}

// Keys for the access tests, made afresh by each test process: no key is in
// the repository (docs/access.md).
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "services/access/token.h"

namespace qms::access::test {

struct KeyText {
  std::string secret;      // base64 of the 64-byte secret key
  std::string public_key;  // base64 of the 32-byte public key
};

inline KeyText NewKeyText() {
  KeyText text;
  auto line = NewSecretKeyLine("x");
  EXPECT_TRUE(line.ok());
  std::istringstream(*line) >> text.secret >> text.secret >> text.secret;
  auto ring = KeyRing::Parse(*line, "new");
  EXPECT_TRUE(ring.ok());
  std::istringstream(PublicKeyLine(ring->keys()[0])) >> text.public_key >> text.public_key >> text.public_key;
  return text;
}

inline const KeyText& K1() {
  static const KeyText k = NewKeyText();
  return k;
}
inline const KeyText& K2() {
  static const KeyText k = NewKeyText();
  return k;
}
// Another key, for a keys file that names it "k1" too.
inline const KeyText& OtherK1() {
  static const KeyText k = NewKeyText();
  return k;
}

inline std::string KeyLine(const std::string& id, const std::string& base64,
                           const std::string& type = "ed25519-secret") {
  return id + " " + type + " " + base64 + "\n";
}

// k1 then k2, both secret.
inline std::string TwoKeysFile() { return KeyLine("k1", K1().secret) + KeyLine("k2", K2().secret); }
inline std::string OtherK1File() { return KeyLine("k1", OtherK1().secret); }

}  // namespace qms::access::test

// The token codec and the keys file (services/access/token.h): round trips,
// every way a token is refused, and every bad line of a keys file named by
// file and line, without the key in the message.
#include "services/access/token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/access/test_keys.h"

namespace qms::access {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::TokenClaims Claims(Role role = v1::ROLE_CLERK, const std::string& subject = "lan") {
  v1::TokenClaims c;
  c.set_role(role);
  c.set_subject(subject);
  c.add_centres("09187");
  c.set_issued_at_s(1'800'000'000);
  c.set_expires_at_s(1'800'043'200);
  return c;
}

// The base64url text of the claims part of `token`.
std::string ClaimsPart(const std::string& token) {
  const size_t first = token.find('.');
  return token.substr(first + 1, token.rfind('.') - first - 1);
}

class TokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ring = KeyRing::Parse(test::TwoKeysFile(), "keys.txt");
    ASSERT_TRUE(ring.ok()) << ring.status().ToString();
    ring_ = std::move(*ring);
  }
  std::string Sign(const v1::TokenClaims& claims, const std::string& key_id = "k1") {
    auto token = SignToken(claims, *ring_.Find(key_id));
    EXPECT_TRUE(token.ok()) << token.status().ToString();
    return token.ok() ? *token : "";
  }
  KeyRing ring_;
};

TEST_F(TokenTest, SignedClaimsVerifyUnchanged) {
  v1::TokenClaims claims = Claims();
  claims.add_centres("07696");
  const std::string token = Sign(claims);
  EXPECT_EQ(token.rfind("qms1.", 0), 0u);
  auto verified = VerifyToken(token, ring_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  claims.set_key_id("k1");
  EXPECT_EQ(verified->SerializeAsString(), claims.SerializeAsString());
  // ParseToken reads the same claims without any key.
  auto parsed = ParseToken(token);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->subject(), "lan");
  EXPECT_EQ(parsed->key_id(), "k1");
}

TEST_F(TokenTest, EachKeyVerifiesItsOwnTokens) {
  auto by_k2 = VerifyToken(Sign(Claims(), "k2"), ring_);
  ASSERT_TRUE(by_k2.ok()) << by_k2.status().ToString();
  EXPECT_EQ(by_k2->key_id(), "k2");
}

TEST_F(TokenTest, MalformedTokensAreUnauthenticated) {
  const std::string good = Sign(Claims());
  const std::string signature = good.substr(good.rfind('.') + 1);
  const struct {
    std::string token;
    std::string why;
  } cases[] = {
      {"", "it is empty"},
      {"qms2." + good.substr(5), "does not start with \"qms1.\""},
      {"Bearer " + good, "does not start with"},
      {good.substr(0, good.rfind('.')), "not qms1.<claims>.<signature>"},
      {good + ".x", "not qms1.<claims>.<signature>"},
      {"qms1.@@@." + signature, "claims are not base64url"},
      {"qms1.AAAA." + signature, "its claims do not parse"},
      {good.substr(0, good.size() - 4), "its signature is not 64 bytes"},
      {good + std::string(kMaxTokenLength, 'A'), "longer than 4096"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.token.substr(0, 40));
    auto verified = VerifyToken(c.token, ring_);
    ASSERT_FALSE(verified.ok());
    EXPECT_EQ(verified.status().code(), StatusCode::kUnauthenticated);
    EXPECT_THAT(verified.status().message(), HasSubstr("token is malformed: "));
    EXPECT_THAT(verified.status().message(), HasSubstr(c.why));
  }
}

TEST_F(TokenTest, TamperedClaimsDoNotVerify) {
  const std::string good = Sign(Claims(v1::ROLE_KIOSK, "kiosk-1"));
  // The same claims made ADMIN, with the original signature.
  auto forged = Sign(Claims(v1::ROLE_ADMIN, "kiosk-1"));
  const std::string tampered = "qms1." + ClaimsPart(forged) + good.substr(good.rfind('.'));
  auto verified = VerifyToken(tampered, ring_);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(verified.status().message(), "token signature does not verify with key \"k1\"");
}

TEST_F(TokenTest, TamperedSignatureDoesNotVerify) {
  std::string token = Sign(Claims());
  char& c = token[token.rfind('.') + 10];
  c = c == 'A' ? 'B' : 'A';
  auto verified = VerifyToken(token, ring_);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthenticated);
  EXPECT_THAT(verified.status().message(), HasSubstr("signature does not verify"));
}

TEST_F(TokenTest, AnotherKeyWithTheSameIdDoesNotVerify) {
  auto other = KeyRing::Parse(test::OtherK1File(), "other.txt");
  ASSERT_TRUE(other.ok());
  auto verified = VerifyToken(Sign(Claims()), *other);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthenticated);
  EXPECT_THAT(verified.status().message(), HasSubstr("signature does not verify"));
}

TEST_F(TokenTest, UnknownKeyIdIsNamed) {
  auto only_k2 = KeyRing::Parse(test::KeyLine("k2", test::K2().secret), "k2.txt");
  ASSERT_TRUE(only_k2.ok());
  auto verified = VerifyToken(Sign(Claims(), "k1"), *only_k2);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(verified.status().message(), "unknown key id \"k1\"");
}

TEST_F(TokenTest, PublicKeysVerifyButCannotSign) {
  auto ring = KeyRing::Parse(test::KeyLine("k1", test::K1().public_key, "ed25519-public"), "pub.txt");
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  EXPECT_TRUE(VerifyToken(Sign(Claims()), *ring).ok());
  auto signed_by_public = SignToken(Claims(), *ring->Find("k1"));
  ASSERT_FALSE(signed_by_public.ok());
  EXPECT_EQ(signed_by_public.status().code(), StatusCode::kFailedPrecondition);
  auto signing = ring->SigningKey("");
  ASSERT_FALSE(signing.ok());
  EXPECT_EQ(signing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ring->SigningKey("k1").status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(TokenTest, SigningKeyIsNamedOrTheLastSecretKey) {
  auto last = ring_.SigningKey("");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ((*last)->id, "k2");
  auto named = ring_.SigningKey("k1");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ((*named)->id, "k1");
  EXPECT_EQ(ring_.SigningKey("k9").status().code(), StatusCode::kNotFound);
}

TEST_F(TokenTest, ClaimsBreakingTheRulesAreNotSigned) {
  const struct {
    std::function<void(v1::TokenClaims*)> change;
    std::string why;
  } cases[] = {
      {[](v1::TokenClaims* c) { c->set_role(v1::ROLE_UNSPECIFIED); }, "role must be"},
      {[](v1::TokenClaims* c) { c->set_subject(""); }, "subject must be"},
      {[](v1::TokenClaims* c) { c->set_subject("lan\n"); }, "subject must be"},
      {[](v1::TokenClaims* c) { c->set_subject(std::string(101, 'x')); }, "subject must be"},
      {[](v1::TokenClaims* c) { c->clear_centres(); }, "exactly one of"},
      {[](v1::TokenClaims* c) { c->set_province("Bắc Ninh"); }, "exactly one of"},
      {[](v1::TokenClaims* c) { c->set_all_centres(true); }, "exactly one of"},
      {[](v1::TokenClaims* c) { c->add_centres("12ab"); }, "centre \"12ab\" is not 1-9 digits"},
      {[](v1::TokenClaims* c) { c->set_expires_at_s(c->issued_at_s()); }, "expires_at_s must come after"},
      {[](v1::TokenClaims* c) { c->set_issued_at_s(0); }, "expires_at_s must come after"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.why);
    v1::TokenClaims claims = Claims();
    c.change(&claims);
    auto token = SignToken(claims, *ring_.Find("k1"));
    ASSERT_FALSE(token.ok());
    EXPECT_EQ(token.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(token.status().message(), HasSubstr(c.why));
  }
  // Province and all-centre tokens are fine on their own.
  v1::TokenClaims province = Claims();
  province.clear_centres();
  province.set_province("Bắc Ninh");
  EXPECT_TRUE(VerifyToken(Sign(province), ring_).ok());
}

TEST(KeysFileTest, CommentsAndBlankLinesAreSkipped) {
  const std::string text = "# keys of the demo\n\n   \n" + test::KeyLine("k1", test::K1().secret) +
                           "  # an indented comment\r\n" +
                           test::KeyLine("k1.pub", test::K1().public_key, "ed25519-public");
  auto ring = KeyRing::Parse(text, "keys.txt");
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  ASSERT_EQ(ring->keys().size(), 2u);
  EXPECT_TRUE(ring->Find("k1")->can_sign());
  EXPECT_FALSE(ring->Find("k1.pub")->can_sign());
  // A secret key's public half is the public key.
  EXPECT_EQ(ring->Find("k1")->public_key, ring->Find("k1.pub")->public_key);
}

TEST(KeysFileTest, BadLinesAreNamedByFileAndLineWithoutTheKey) {
  const std::string secret = test::K1().secret;
  std::string damaged = secret;  // the public half no longer matches the seed
  damaged[60] = damaged[60] == 'A' ? 'B' : 'A';
  const struct {
    std::string line;
    std::string what;
  } cases[] = {
      {"k1 ed25519-secret", "expected \"KEY_ID ed25519-secret BASE64\""},
      {"k1 ed25519-secret " + secret + " extra", "expected \"KEY_ID"},
      {"k/1 ed25519-secret " + secret, "key id must be [A-Za-z0-9._-]{1,64}"},
      {"k1 rsa-secret " + secret, "key type must be ed25519-secret or ed25519-public"},
      {"k1 ed25519-secret not*base64", "an ed25519-secret key is 64 bytes of base64"},
      {"k1 ed25519-public " + secret, "an ed25519-public key is 32 bytes of base64"},
      {"k1 ed25519-secret " + damaged, "the secret key's public half does not match its seed"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    auto ring =
        KeyRing::Parse("# first\n" + test::KeyLine("k0", test::K2().secret) + c.line + "\n", "keys.txt");
    ASSERT_FALSE(ring.ok());
    EXPECT_EQ(ring.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(ring.status().message(), HasSubstr("keys.txt:3: " + c.what));
    EXPECT_THAT(ring.status().message(), Not(HasSubstr(secret.substr(0, 20))));
  }
}

TEST(KeysFileTest, DuplicateIdNamesBothLines) {
  auto ring = KeyRing::Parse(
      test::KeyLine("k1", test::K1().secret) + "\n" + test::KeyLine("k1", test::K2().secret), "keys.txt");
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.status().message(), "keys.txt:3: key id \"k1\" is also on line 1");
}

TEST(KeysFileTest, MissingFileIsNotFound) {
  auto ring = KeyRing::Load("/nonexistent/keys.txt");
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(ring.status().message(), HasSubstr("/nonexistent/keys.txt"));
}

TEST(KeysFileTest, NewKeyLinesParseAndDiffer) {
  auto a = NewSecretKeyLine("a");
  auto b = NewSecretKeyLine("b");
  ASSERT_TRUE(a.ok() && b.ok());
  auto ring = KeyRing::Parse(*a + *b, "new.txt");
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  EXPECT_NE(ring->Find("a")->public_key, ring->Find("b")->public_key);
  EXPECT_EQ(NewSecretKeyLine("bad id").status().code(), StatusCode::kInvalidArgument);
}

TEST(RoleNamesTest, NamesReadEitherCase) {
  EXPECT_EQ(*RoleFromName("clerk"), v1::ROLE_CLERK);
  EXPECT_EQ(*RoleFromName("SUPERVISOR"), v1::ROLE_SUPERVISOR);
  EXPECT_STREQ(RoleName(v1::ROLE_BOARD), "BOARD");
  auto bad = RoleFromName("root");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("kiosk, board, clerk, supervisor, admin"));
}

TEST(FormatUtcSecondsTest, IsoUtc) { EXPECT_EQ(FormatUtcSeconds(1'796'119'200), "2026-12-01T10:00:00Z"); }

}  // namespace
}  // namespace qms::access

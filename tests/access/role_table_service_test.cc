// Every RPC the server hosts, in process with access control on: each role
// passes the gate or is refused as the issue says (tests/access/
// expected_roles.h), every centre-scoped RPC refuses a centre out of the
// token's scope, and every RPC refuses each kind of bad token. A refused
// stream ends before its first message.
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <memory>

#include "tests/access/auth_fixture.h"
#include "tests/access/expected_roles.h"
#include "tests/access/test_keys.h"

namespace qms::access::test {
namespace {

using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// The methods the fixture's server hosts: every service but EchoService
// (qms-server hosts that one itself; it needs no token: access_gate_test).
std::vector<const MethodDescriptor*> HostedMethods() {
  std::vector<const MethodDescriptor*> out;
  for (const char* name : kServices) {
    if (std::string(name) == "qms.v1.EchoService") continue;
    const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    for (int i = 0; i < service->method_count(); ++i) out.push_back(service->method(i));
  }
  return out;
}

std::string FullName(const MethodDescriptor* m) { return m->service()->full_name() + "/" + m->name(); }
std::string PathOf(const MethodDescriptor* m) { return "/" + FullName(m); }
std::string ShortNameOf(const MethodDescriptor* m) { return m->service()->name() + "/" + m->name(); }

// A request of `m` about `centre`: its centre_id, or its dossier code. Any
// watch window is out of range, so an admitted WatchDeadlines ends at once
// (INVALID_ARGUMENT) instead of waiting for crossings.
std::unique_ptr<Message> RequestFor(const MethodDescriptor* m, const std::string& centre,
                                    const std::string& code) {
  std::unique_ptr<Message> request(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(m->input_type())->New());
  const auto* reflection = request->GetReflection();
  if (const auto* f = m->input_type()->FindFieldByName("centre_id"))
    reflection->SetString(request.get(), f, centre);
  if (const auto* f = m->input_type()->FindFieldByName("code")) reflection->SetString(request.get(), f, code);
  if (const auto* f = m->input_type()->FindFieldByName("due_soon_working_hours")) {
    reflection->SetUInt32(request.get(), f, 5000);
  }
  return request;
}

bool AboutACentre(const MethodDescriptor* m) {
  const std::string name = FullName(m);
  return name != "qms.v1.DirectoryService/ListCentres" && name != "qms.v1.DeadlineService/ListProcedures" &&
         name != "qms.v1.AdminService/Backup";
}

std::string RoleNames(const std::string& letters) {
  std::string out;
  for (Role role : kRoles) {
    if (Allows(letters, role)) out += (out.empty() ? "" : ", ") + std::string(RoleName(role));
  }
  return out;
}

using RoleTableTest = AuthServiceTest;

// Tokens for every centre, on a centre the server does not have: an
// admitted call ends with the service's own answer (NOT_FOUND, or
// INVALID_ARGUMENT for a request that names nothing else).
TEST_F(RoleTableTest, EachRolePassesOrIsRefusedAsTheIssueSays) {
  const auto expected = ExpectedRoles();
  for (Role role : kRoles) {
    const std::string bearer = Bearer(role, std::string(RoleName(role)) + "-table", AllCentres());
    for (const MethodDescriptor* m : HostedMethods()) {
      SCOPED_TRACE(FullName(m) + " as " + RoleName(role));
      const std::string& letters = expected.at(FullName(m));
      const auto reply = Call(PathOf(m), *RequestFor(m, kUnknown, kCodeOf101), bearer);
      if (Allows(letters, role)) {
        EXPECT_TRUE(PassedTheGate(reply));
      } else {
        EXPECT_TRUE(Refused(reply, grpc::StatusCode::PERMISSION_DENIED,
                            std::string("role ") + RoleName(role) + " may not call " + ShortNameOf(m) +
                                " (allowed: " + RoleNames(letters) + ")"));
      }
    }
  }
}

// ADMIN may call everything, so only the scope can refuse here.
TEST_F(RoleTableTest, EveryCentreRpcRefusesACentreOutOfScope) {
  const std::string list = Bearer(v1::ROLE_ADMIN, "lan", Centres({kBacNinh1}));
  const std::string province = Bearer(v1::ROLE_ADMIN, "tinh", Province("Bắc Ninh"));
  const std::string all = Bearer(v1::ROLE_ADMIN, "ops", AllCentres());
  for (const MethodDescriptor* m : HostedMethods()) {
    if (!AboutACentre(m)) continue;
    SCOPED_TRACE(FullName(m));
    const auto outside = RequestFor(m, kHaiPhong, kCodeOf202);
    EXPECT_TRUE(Refused(Call(PathOf(m), *outside, list), grpc::StatusCode::PERMISSION_DENIED,
                        "token of lan covers centres 101, not 202 (Hải Phòng)"));
    EXPECT_TRUE(Refused(Call(PathOf(m), *outside, province), grpc::StatusCode::PERMISSION_DENIED,
                        "token of tinh covers province Bắc Ninh, not 202 (Hải Phòng)"));
    EXPECT_TRUE(PassedTheGate(Call(PathOf(m), *outside, all)));
    const auto inside = RequestFor(m, kBacNinh1, kCodeOf101);
    EXPECT_TRUE(PassedTheGate(Call(PathOf(m), *inside, list)));
    EXPECT_TRUE(PassedTheGate(Call(PathOf(m), *inside, province)));
  }
}

TEST_F(RoleTableTest, RpcsNotAboutACentreNeedNoScope) {
  const std::string list = Bearer(v1::ROLE_SUPERVISOR, "giam-sat", Centres({kBacNinh1}));
  const auto expected = ExpectedRoles();
  for (const MethodDescriptor* m : HostedMethods()) {
    // ADMIN-only RPCs (AdminService) are about no centre and refuse a supervisor.
    if (AboutACentre(m) || !Allows(expected.at(FullName(m)), v1::ROLE_SUPERVISOR)) continue;
    SCOPED_TRACE(FullName(m));
    const auto reply = Call(PathOf(m), *RequestFor(m, "", ""), list);
    EXPECT_TRUE(reply.status.ok()) << reply.status.error_message();
  }
}

TEST_F(RoleTableTest, EveryRpcRefusesEachKindOfBadToken) {
  const std::string good = Token(v1::ROLE_ADMIN, "ops", AllCentres());
  const std::string dot = good.substr(0, good.rfind('.'));
  std::string bad_signature = good;
  char& c = bad_signature[good.rfind('.') + 10];
  c = c == 'A' ? 'B' : 'A';
  // Claims of a KIOSK token under the ADMIN token's signature.
  const std::string kiosk = Token(v1::ROLE_KIOSK, "ops", AllCentres());
  const std::string bad_claims = kiosk.substr(0, kiosk.rfind('.')) + good.substr(good.rfind('.'));
  auto other = KeyRing::Parse(OtherK1File() + KeyLine("k9", K2().secret), "other.txt");
  ASSERT_TRUE(other.ok());
  v1::TokenClaims claims;
  claims.set_role(v1::ROLE_ADMIN);
  claims.set_subject("ops");
  claims.set_all_centres(true);
  claims.set_issued_at_s(clock_.Now() / kMicrosPerSecond - 60);
  claims.set_expires_at_s(clock_.Now() / kMicrosPerSecond + 3600);
  const std::string wrong_key = *SignToken(claims, *other->Find("k1"));
  const std::string unknown_key = *SignToken(claims, *other->Find("k9"));
  const std::string expired = Token(v1::ROLE_ADMIN, "ops", AllCentres(), "k1", /*ttl_s=*/-1);
  const struct {
    std::string authorization;
    std::string message;
  } cases[] = {
      {"", "no token"},
      {"Basic b3BzOnB3", "authorization metadata must be \"Bearer <token>\""},
      {"Bearer x", "token is malformed: it does not start with \"qms1.\""},
      {"Bearer " + dot, "token is malformed"},
      {"Bearer qms1.AAAA.AAAA", "token is malformed"},
      {"Bearer " + bad_claims, "token signature does not verify with key \"k1\""},
      {"Bearer " + bad_signature, "token signature does not verify with key \"k1\""},
      {"Bearer " + wrong_key, "token signature does not verify with key \"k1\""},
      {"Bearer " + unknown_key, "unknown key id \"k9\""},
      {"Bearer " + expired, "token expired at " + FormatUtcSeconds(clock_.Now() / kMicrosPerSecond - 1)},
  };
  for (const MethodDescriptor* m : HostedMethods()) {
    for (const auto& bad : cases) {
      SCOPED_TRACE(FullName(m) + " with " + bad.message);
      EXPECT_TRUE(Refused(Call(PathOf(m), *RequestFor(m, kBacNinh1, kCodeOf101), bad.authorization),
                          grpc::StatusCode::UNAUTHENTICATED, bad.message));
    }
  }
}

// The request's own parse error still comes first: before the token.
TEST_F(RoleTableTest, AnUnparsableRequestIsInvalidBeforeAnyToken) {
  for (const MethodDescriptor* m : HostedMethods()) {
    SCOPED_TRACE(FullName(m));
    const auto reply = qms::test::RawCall(channel_, PathOf(m), std::string("\xff\xff\xff\xff", 4));
    EXPECT_EQ(reply.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << reply.status.error_message();
  }
}

}  // namespace
}  // namespace qms::access::test

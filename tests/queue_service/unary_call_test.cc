// The shared start of a unary call (access/unary_call.h): the gate's
// refusal comes first and the input is then not even looked at; an input
// refusal comes next, unchanged; only an admitted, well-formed call names
// its caller.
#include "services/access/unary_call.h"

#include <gtest/gtest.h>

namespace qms::access {
namespace {

CallContext Lan() {
  CallContext call;
  call.subject = "lan";
  call.role = v1::ROLE_CLERK;
  call.peer = "ipv4:127.0.0.1:5000";
  call.authenticated = true;
  return call;
}

TEST(UnaryCallTest, TheGatesRefusalComesFirstAndSkipsTheInputCheck) {
  int checks = 0;
  Actor caller;
  caller.subject = "untouched";
  const Status s = CheckAdmitted(
      PermissionDenied("role CLERK may not call ListAudit"), Lan(),
      [&] {
        ++checks;
        return InvalidArgument("centre_id is required");
      },
      &caller);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(), "role CLERK may not call ListAudit");
  EXPECT_EQ(checks, 0);
  EXPECT_EQ(caller.subject, "untouched");
}

TEST(UnaryCallTest, AnInputRefusalPassesThroughUnchanged) {
  Actor caller;
  caller.subject = "untouched";
  const Status s = CheckAdmitted(
      Status::Ok(), Lan(), [] { return InvalidArgument("number is longer than 8 bytes"); }, &caller);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "number is longer than 8 bytes");
  EXPECT_EQ(caller.subject, "untouched");
}

TEST(UnaryCallTest, AnAdmittedCallNamesItsCaller) {
  Actor caller;
  ASSERT_TRUE(CheckAdmitted(Status::Ok(), Lan(), NoInputCheck, &caller).ok());
  EXPECT_TRUE(caller.authenticated);
  EXPECT_EQ(caller.subject, "lan");
  EXPECT_EQ(caller.peer, "ipv4:127.0.0.1:5000");
  EXPECT_TRUE(CheckAdmitted(Status::Ok(), Lan(), NoInputCheck, nullptr).ok());
}

}  // namespace
}  // namespace qms::access

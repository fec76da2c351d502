// The role table (services/access/rpc_table.h) against the services the
// server hosts and against the issue's roles, written out here a second
// time so that a change of the table is a change of this test too.
#include "services/access/rpc_table.h"

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "qms/v1/admin.pb.h"
#include "qms/v1/audit.pb.h"
#include "qms/v1/deadline.pb.h"
#include "qms/v1/echo.pb.h"
#include "qms/v1/queue.pb.h"
#include "tests/access/expected_roles.h"

namespace qms::access {
namespace {

TEST(RpcTableTest, EveryMethodOfEveryServiceHasExactlyOneRow) {
  // Links the generated files in, so that the pool knows their services.
  ASSERT_NE(v1::IssueTicketRequest::descriptor(), nullptr);
  ASSERT_NE(v1::ReceiveDossierRequest::descriptor(), nullptr);
  ASSERT_NE(v1::EchoRequest::descriptor(), nullptr);
  ASSERT_NE(v1::ListAuditRequest::descriptor(), nullptr);
  ASSERT_NE(v1::BackupRequest::descriptor(), nullptr);
  std::map<std::string, int> rows;
  for (const RpcRule& rule : AllRpcRules()) ++rows[rule.full_name];
  std::set<std::string> methods;
  for (const char* service : test::kServices) {
    const auto* descriptor = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
    ASSERT_NE(descriptor, nullptr) << service;
    for (int i = 0; i < descriptor->method_count(); ++i) {
      const std::string name = descriptor->full_name() + "/" + descriptor->method(i)->name();
      methods.insert(name);
      EXPECT_EQ(rows[name], 1) << name;
    }
  }
  // And no row names a method that does not exist.
  for (const auto& [name, count] : rows) EXPECT_EQ(methods.count(name), 1u) << name;
  EXPECT_EQ(AllRpcRules().size(), kRpcCount);
}

TEST(RpcTableTest, RowsAreInRpcOrder) {
  for (size_t i = 0; i < kRpcCount; ++i) {
    EXPECT_EQ(static_cast<size_t>(RuleOf(static_cast<Rpc>(i)).rpc), i);
  }
}

TEST(RpcTableTest, RolesAreThoseOfTheIssue) {
  const auto expected = test::ExpectedRoles();
  ASSERT_EQ(expected.size(), kRpcCount);
  for (const RpcRule& rule : AllRpcRules()) {
    SCOPED_TRACE(rule.full_name);
    auto it = expected.find(rule.full_name);
    ASSERT_NE(it, expected.end());
    for (Role role : test::kRoles) {
      EXPECT_EQ((rule.roles & RoleBit(role)) != 0, test::Allows(it->second, role)) << RoleName(role);
    }
  }
}

TEST(RpcTableTest, OnlyTheDirectoryListTheCatalogueAndTheBackupAreNotAboutACentre) {
  for (const RpcRule& rule : AllRpcRules()) {
    const std::string name = rule.full_name;
    const Scope expected = name == "qms.v1.EchoService/Echo" ? Scope::kOpen
                           : name == "qms.v1.DirectoryService/ListCentres" ||
                                   name == "qms.v1.DeadlineService/ListProcedures" ||
                                   name == "qms.v1.AdminService/Backup"
                               ? Scope::kNone
                               : Scope::kCentre;
    EXPECT_EQ(rule.scope, expected) << name;
  }
}

TEST(RpcTableTest, NamesForMessages) {
  EXPECT_STREQ(ShortName(RuleOf(Rpc::kCallNext)), "CounterService/CallNext");
  EXPECT_STREQ(MethodName(Rpc::kCallNext), "CallNext");
  EXPECT_STREQ(MethodName(Rpc::kListAudit), "ListAudit");
  EXPECT_EQ(RoleList(RuleOf(Rpc::kCallNext).roles), "CLERK, ADMIN");
  EXPECT_EQ(RoleList(RuleOf(Rpc::kPauseCounter).roles), "CLERK, SUPERVISOR, ADMIN");
}

}  // namespace
}  // namespace qms::access

// The one table of who may call what (docs/access.md): one row per RPC of
// every service qms-server hosts, with the roles allowed and whether the
// call is about a centre (the token's centres are then checked against it).
// AccessGate reads it; nothing else decides access. A test checks that
// every method of every service descriptor has exactly one row.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/access/token.h"

namespace qms::access {

enum class Rpc : uint8_t {
  // IntakeService
  kIssueTicket,
  kGetTicket,
  kCancelTicket,
  // CounterService
  kOpenCounter,
  kPauseCounter,
  kCloseCounter,
  kCallNext,
  kCallTicket,
  kRecall,
  kStartServing,
  kComplete,
  kMarkNoShow,
  kPark,
  kResume,
  kTransfer,
  kRateService,
  // WatchService
  kWatchCentre,
  // DirectoryService
  kListCentres,
  kGetCentre,
  // StatsService
  kGetDayStats,
  // DeadlineService
  kReceiveDossier,
  kGetDossier,
  kAccept,
  kStartProcessing,
  kRequestSupplement,
  kRequestFinancialObligation,
  kResumeProcessing,
  kExtendDeadline,
  kResolve,
  kReturnResult,
  kReject,
  kWithdraw,
  kStop,
  kListDossiers,
  kWatchDeadlines,
  kGetDailyReport,
  kListProcedures,
  // AuditService
  kListAudit,
  // AdminService
  kBackup,
  // EchoService
  kEcho,
};
inline constexpr size_t kRpcCount = static_cast<size_t>(Rpc::kEcho) + 1;

// A set of roles: bit (1 << role).
using RoleSet = uint32_t;
constexpr RoleSet RoleBit(Role role) { return RoleSet{1} << static_cast<int>(role); }

enum class Scope : uint8_t {
  kCentre,  // about one centre (or a province's roll-up): the token must cover it
  kNone,    // not about a centre (the directory's list, the procedure catalogue)
  kOpen,    // no token at all: EchoService, the ceiling qms-bench measures
};

struct RpcRule {
  Rpc rpc;
  const char* full_name;  // "qms.v1.IntakeService/IssueTicket"
  RoleSet roles;          // ADMIN is always among them
  Scope scope;
};

// The row of `rpc`.
const RpcRule& RuleOf(Rpc rpc);
// Every row, in the order of Rpc.
const std::vector<RpcRule>& AllRpcRules();

// "IntakeService/IssueTicket": the full name without the package.
const char* ShortName(const RpcRule& rule);
// "CallNext": the method alone, as the audit trail names an action.
const char* MethodName(Rpc rpc);
// "CLERK, SUPERVISOR, ADMIN": the roles of `roles`, in Role order.
std::string RoleList(RoleSet roles);

}  // namespace qms::access

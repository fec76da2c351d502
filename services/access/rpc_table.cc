#include "services/access/rpc_table.h"

#include <cstdlib>
#include <cstring>

namespace qms::access {

namespace {

constexpr RoleSet K = RoleBit(v1::ROLE_KIOSK);
constexpr RoleSet B = RoleBit(v1::ROLE_BOARD);
constexpr RoleSet C = RoleBit(v1::ROLE_CLERK);
constexpr RoleSet S = RoleBit(v1::ROLE_SUPERVISOR);
constexpr RoleSet A = RoleBit(v1::ROLE_ADMIN);

// THE table. The reasons for each row are in docs/access.md; change both
// together. Rows are in the order of Rpc (checked when the table is built).
std::vector<RpcRule> BuildTable() {
  constexpr Scope kCentre = Scope::kCentre;
  return {
      {Rpc::kIssueTicket, "qms.v1.IntakeService/IssueTicket", K | A, kCentre},
      {Rpc::kGetTicket, "qms.v1.IntakeService/GetTicket", K | B | C | S | A, kCentre},
      {Rpc::kCancelTicket, "qms.v1.IntakeService/CancelTicket", K | A, kCentre},

      {Rpc::kOpenCounter, "qms.v1.CounterService/OpenCounter", C | A, kCentre},
      {Rpc::kPauseCounter, "qms.v1.CounterService/PauseCounter", C | S | A, kCentre},
      {Rpc::kCloseCounter, "qms.v1.CounterService/CloseCounter", C | S | A, kCentre},
      {Rpc::kCallNext, "qms.v1.CounterService/CallNext", C | A, kCentre},
      {Rpc::kCallTicket, "qms.v1.CounterService/CallTicket", C | A, kCentre},
      {Rpc::kRecall, "qms.v1.CounterService/Recall", C | A, kCentre},
      {Rpc::kStartServing, "qms.v1.CounterService/StartServing", C | A, kCentre},
      {Rpc::kComplete, "qms.v1.CounterService/Complete", C | A, kCentre},
      {Rpc::kMarkNoShow, "qms.v1.CounterService/MarkNoShow", C | A, kCentre},
      {Rpc::kPark, "qms.v1.CounterService/Park", C | A, kCentre},
      {Rpc::kResume, "qms.v1.CounterService/Resume", C | A, kCentre},
      {Rpc::kTransfer, "qms.v1.CounterService/Transfer", C | A, kCentre},
      {Rpc::kRateService, "qms.v1.CounterService/RateService", C | A, kCentre},

      {Rpc::kWatchCentre, "qms.v1.WatchService/WatchCentre", B | C | S | A, kCentre},

      {Rpc::kListCentres, "qms.v1.DirectoryService/ListCentres", K | S | A, Scope::kNone},
      {Rpc::kGetCentre, "qms.v1.DirectoryService/GetCentre", K | B | C | S | A, kCentre},

      {Rpc::kGetDayStats, "qms.v1.StatsService/GetDayStats", S | A, kCentre},

      {Rpc::kReceiveDossier, "qms.v1.DeadlineService/ReceiveDossier", C | A, kCentre},
      {Rpc::kGetDossier, "qms.v1.DeadlineService/GetDossier", C | S | A, kCentre},
      {Rpc::kAccept, "qms.v1.DeadlineService/Accept", C | A, kCentre},
      {Rpc::kStartProcessing, "qms.v1.DeadlineService/StartProcessing", C | A, kCentre},
      {Rpc::kRequestSupplement, "qms.v1.DeadlineService/RequestSupplement", C | A, kCentre},
      {Rpc::kRequestFinancialObligation, "qms.v1.DeadlineService/RequestFinancialObligation", C | A, kCentre},
      {Rpc::kResumeProcessing, "qms.v1.DeadlineService/ResumeProcessing", C | A, kCentre},
      {Rpc::kExtendDeadline, "qms.v1.DeadlineService/ExtendDeadline", C | A, kCentre},
      {Rpc::kResolve, "qms.v1.DeadlineService/Resolve", C | A, kCentre},
      {Rpc::kReturnResult, "qms.v1.DeadlineService/ReturnResult", C | A, kCentre},
      {Rpc::kReject, "qms.v1.DeadlineService/Reject", C | A, kCentre},
      {Rpc::kWithdraw, "qms.v1.DeadlineService/Withdraw", C | A, kCentre},
      {Rpc::kStop, "qms.v1.DeadlineService/Stop", C | A, kCentre},
      {Rpc::kListDossiers, "qms.v1.DeadlineService/ListDossiers", C | S | A, kCentre},
      {Rpc::kWatchDeadlines, "qms.v1.DeadlineService/WatchDeadlines", S | A, kCentre},
      {Rpc::kGetDailyReport, "qms.v1.DeadlineService/GetDailyReport", S | A, kCentre},
      {Rpc::kListProcedures, "qms.v1.DeadlineService/ListProcedures", K | C | S | A, Scope::kNone},

      // Who did what: the centre's supervisors.
      {Rpc::kListAudit, "qms.v1.AuditService/ListAudit", S | A, kCentre},

      // The server's own operations: its operators only.
      {Rpc::kBackup, "qms.v1.AdminService/Backup", A, Scope::kNone},

      // Admitted without a token: the empty call is the ceiling qms-bench
      // compares every RPC against, and it touches no data.
      {Rpc::kEcho, "qms.v1.EchoService/Echo", K | B | C | S | A, Scope::kOpen},
  };
}

const std::vector<RpcRule>& Table() {
  static const std::vector<RpcRule> table = [] {
    std::vector<RpcRule> rows = BuildTable();
    // A row out of place would give an RPC another's rule: fail loudly at
    // the first use rather than admit the wrong callers.
    if (rows.size() != kRpcCount) std::abort();
    for (size_t i = 0; i < rows.size(); ++i) {
      if (static_cast<size_t>(rows[i].rpc) != i || (rows[i].roles & A) == 0) std::abort();
    }
    return rows;
  }();
  return table;
}

}  // namespace

const RpcRule& RuleOf(Rpc rpc) { return Table()[static_cast<size_t>(rpc)]; }

const std::vector<RpcRule>& AllRpcRules() { return Table(); }

const char* ShortName(const RpcRule& rule) {
  const char* dot = std::strchr(rule.full_name, '.');
  const char* second = dot ? std::strchr(dot + 1, '.') : nullptr;
  return second ? second + 1 : rule.full_name;
}

const char* MethodName(Rpc rpc) {
  const char* full = RuleOf(rpc).full_name;
  const char* slash = std::strchr(full, '/');
  return slash ? slash + 1 : full;
}

std::string RoleList(RoleSet roles) {
  std::string out;
  for (Role r : {v1::ROLE_KIOSK, v1::ROLE_BOARD, v1::ROLE_CLERK, v1::ROLE_SUPERVISOR, v1::ROLE_ADMIN}) {
    if ((roles & RoleBit(r)) == 0) continue;
    if (!out.empty()) out += ", ";
    out += RoleName(r);
  }
  return out;
}

}  // namespace qms::access

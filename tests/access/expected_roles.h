// The roles of the issue (docs/access.md), written out independently of
// services/access/rpc_table.cc: the table test and the in-process tests
// check the server against this, not against the table itself.
#pragma once

#include <map>
#include <string>

#include "services/access/token.h"

namespace qms::access::test {

inline constexpr const char* kServices[] = {
    "qms.v1.IntakeService",    "qms.v1.CounterService", "qms.v1.WatchService",
    "qms.v1.DirectoryService", "qms.v1.StatsService",   "qms.v1.DeadlineService",
    "qms.v1.AuditService",     "qms.v1.AdminService",   "qms.v1.EchoService",
};

inline constexpr Role kRoles[] = {v1::ROLE_KIOSK, v1::ROLE_BOARD, v1::ROLE_CLERK, v1::ROLE_SUPERVISOR,
                                  v1::ROLE_ADMIN};

// Letters: K kiosk, B board, C clerk, S supervisor, A admin; "open" for no
// token at all.
inline std::map<std::string, std::string> ExpectedRoles() {
  const std::string counter = "CA";  // a clerk's counter actions
  const std::string dossier = "CA";  // a clerk's dossier actions
  return {
      {"qms.v1.IntakeService/IssueTicket", "KA"},
      {"qms.v1.IntakeService/GetTicket", "KBCSA"},
      {"qms.v1.IntakeService/CancelTicket", "KA"},
      {"qms.v1.CounterService/OpenCounter", counter},
      {"qms.v1.CounterService/PauseCounter", "CSA"},  // a supervisor may pause
      {"qms.v1.CounterService/CloseCounter", "CSA"},  // and close any counter
      {"qms.v1.CounterService/CallNext", counter},
      {"qms.v1.CounterService/CallTicket", counter},
      {"qms.v1.CounterService/Recall", counter},
      {"qms.v1.CounterService/StartServing", counter},
      {"qms.v1.CounterService/Complete", counter},
      {"qms.v1.CounterService/MarkNoShow", counter},
      {"qms.v1.CounterService/Park", counter},
      {"qms.v1.CounterService/Resume", counter},
      {"qms.v1.CounterService/Transfer", counter},
      {"qms.v1.CounterService/RateService", counter},
      {"qms.v1.WatchService/WatchCentre", "BCSA"},
      {"qms.v1.DirectoryService/ListCentres", "KSA"},
      {"qms.v1.DirectoryService/GetCentre", "KBCSA"},
      {"qms.v1.StatsService/GetDayStats", "SA"},
      {"qms.v1.DeadlineService/ReceiveDossier", dossier},
      {"qms.v1.DeadlineService/GetDossier", "CSA"},
      {"qms.v1.DeadlineService/Accept", dossier},
      {"qms.v1.DeadlineService/StartProcessing", dossier},
      {"qms.v1.DeadlineService/RequestSupplement", dossier},
      {"qms.v1.DeadlineService/RequestFinancialObligation", dossier},
      {"qms.v1.DeadlineService/ResumeProcessing", dossier},
      {"qms.v1.DeadlineService/ExtendDeadline", dossier},
      {"qms.v1.DeadlineService/Resolve", dossier},
      {"qms.v1.DeadlineService/ReturnResult", dossier},
      {"qms.v1.DeadlineService/Reject", dossier},
      {"qms.v1.DeadlineService/Withdraw", dossier},
      {"qms.v1.DeadlineService/Stop", dossier},
      {"qms.v1.DeadlineService/ListDossiers", "CSA"},
      {"qms.v1.DeadlineService/WatchDeadlines", "SA"},
      {"qms.v1.DeadlineService/GetDailyReport", "SA"},
      {"qms.v1.DeadlineService/ListProcedures", "KCSA"},
      {"qms.v1.AuditService/ListAudit", "SA"},
      {"qms.v1.AdminService/Backup", "A"},
      {"qms.v1.EchoService/Echo", "open"},
  };
}

inline bool Allows(const std::string& letters, Role role) {
  if (letters == "open") return true;
  const char letter = role == v1::ROLE_KIOSK        ? 'K'
                      : role == v1::ROLE_BOARD      ? 'B'
                      : role == v1::ROLE_CLERK      ? 'C'
                      : role == v1::ROLE_SUPERVISOR ? 'S'
                                                    : 'A';
  return letters.find(letter) != std::string::npos;
}

}  // namespace qms::access::test

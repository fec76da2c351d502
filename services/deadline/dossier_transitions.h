// Dossier transitions: the status machine of a dossier with the national
// status codes, as pure functions on a qms.v1.Dossier. No storage, no
// threads; every function is thread-safe. A function either fails and leaves
// the dossier exactly as it was, or succeeds and applies the whole change.
//
//   action                      from        to   effect
//   Accept                      1           2    the clock starts (online)
//   StartProcessing             2           4
//   RequestSupplement           2, 4        5    the clock stops (D3); reason
//   RequestFinancialObligation  2, 4        6    the clock stops (D3)
//   ResumeProcessing            5, 6        4    the due moment moves (D3)
//   Resolve                     2, 4        9    timeliness against the original due
//   ReturnResult                9           10
//   Reject                      1, 2        3    reason
//   Withdraw                    1, 2, 4-6   7    reason
//   Stop                        2, 4-6      8    reason
//   ExtendDeadline              2, 4-6      =    once (D4)
//
// Open statuses (listed, in the due index): 1, 2, 4, 5, 6. Closed: 3, 7-10.
#pragma once

#include <string>

#include "qms/v1/deadline.pb.h"
#include "services/base/status.h"
#include "services/calendar/working_calendar.h"
#include "services/deadline/due_rules.h"
#include "services/deadline/procedure_catalogue.h"

namespace qms::deadline {

enum class DossierAction {
  kAccept,
  kStartProcessing,
  kRequestSupplement,
  kRequestFinancialObligation,
  kResume,
  kResolve,
  kReturnResult,
  kReject,
  kWithdraw,
  kStop,
};
inline constexpr DossierAction kAllActions[] = {
    DossierAction::kAccept,
    DossierAction::kStartProcessing,
    DossierAction::kRequestSupplement,
    DossierAction::kRequestFinancialObligation,
    DossierAction::kResume,
    DossierAction::kResolve,
    DossierAction::kReturnResult,
    DossierAction::kReject,
    DossierAction::kWithdraw,
    DossierAction::kStop,
};

// The RPC name, e.g. "RequestSupplement".
const char* ActionName(DossierAction action);
// Whether the action needs a non-empty reason (INVALID_ARGUMENT without one).
bool ReasonRequired(DossierAction action);
// Whether `action` is legal from `status`.
bool ActionAllowed(DossierAction action, v1::DossierStatus status);
// The status an allowed action leads to.
v1::DossierStatus StatusAfter(DossierAction action);

bool IsOpen(v1::DossierStatus status);
bool IsPaused(v1::DossierStatus status);
bool ExtensionAllowed(v1::DossierStatus status);
// "SUPPLEMENT_REQUESTED (5)".
std::string StatusLabel(v1::DossierStatus status);

// The moment a dossier sorts by in lists: its due moment, or its
// registration moment while it has none (REGISTERED).
MicrosUtc SortMoment(const v1::Dossier& d);

// Everything a rule needs besides the dossier.
struct RuleContext {
  const WorkingCalendar* calendar = nullptr;
  DueRulesConfig rules;
};

struct NewDossierInput {
  std::string code;
  std::string centre_id;
  const Procedure* procedure = nullptr;
  std::string ticket_number;
  std::string applicant_name;
  std::string clerk_id;
  bool online = false;
};

// A new dossier received at `now`: REGISTERED without a due moment when
// online, else ACCEPTED with its due moment (D1/D2/hours).
v1::Dossier NewDossier(const NewDossierInput& input, MicrosUtc now, const RuleContext& ctx);

// Applies `action` at `now`. FAILED_PRECONDITION when the status does not
// allow it; INVALID_ARGUMENT when a required reason is missing.
[[nodiscard]] Status ApplyAction(DossierAction action, const std::string& reason, MicrosUtc now,
                                 const Procedure& procedure, const RuleContext& ctx, v1::Dossier* d);

struct ExtensionInput {
  MicrosUtc new_due = 0;
  std::string reason;
  std::string letter_no;  // empty: "<dossier code>/XL"
};

// D4. FAILED_PRECONDITION unless the status is 2, 4, 5 or 6; ALREADY_EXISTS
// for a second extension; INVALID_ARGUMENT when the reason is missing or the
// new due moment is not after the current one or more than 366 days after it.
[[nodiscard]] Status ApplyExtension(const ExtensionInput& input, MicrosUtc now, const RuleContext& ctx,
                                    v1::Dossier* d);

}  // namespace qms::deadline

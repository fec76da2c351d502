#include "services/deadline/dossier_transitions.h"

namespace qms::deadline {

namespace {

using v1::DossierStatus;

// Bit (1 << status) for each status an action is allowed from.
constexpr uint32_t Bits(std::initializer_list<DossierStatus> statuses) {
  uint32_t bits = 0;
  for (DossierStatus s : statuses) bits |= 1u << s;
  return bits;
}

uint32_t AllowedFrom(DossierAction action) {
  switch (action) {
    case DossierAction::kAccept: return Bits({v1::REGISTERED});
    case DossierAction::kStartProcessing: return Bits({v1::ACCEPTED});
    case DossierAction::kRequestSupplement:
    case DossierAction::kRequestFinancialObligation:
    case DossierAction::kResolve: return Bits({v1::ACCEPTED, v1::PROCESSING});
    case DossierAction::kResume: return Bits({v1::SUPPLEMENT_REQUESTED, v1::FINANCIAL_OBLIGATION});
    case DossierAction::kReturnResult: return Bits({v1::RESOLVED});
    case DossierAction::kReject: return Bits({v1::REGISTERED, v1::ACCEPTED});
    case DossierAction::kWithdraw:
      return Bits(
          {v1::REGISTERED, v1::ACCEPTED, v1::PROCESSING, v1::SUPPLEMENT_REQUESTED, v1::FINANCIAL_OBLIGATION});
    case DossierAction::kStop:
      return Bits({v1::ACCEPTED, v1::PROCESSING, v1::SUPPLEMENT_REQUESTED, v1::FINANCIAL_OBLIGATION});
  }
  return 0;
}

std::string AllowedList(uint32_t bits) {
  std::string out;
  for (int s = 1; s <= v1::RESULT_RETURNED; ++s) {
    if (!(bits & (1u << s))) continue;
    if (!out.empty()) out += " or ";
    out += StatusLabel(static_cast<DossierStatus>(s));
  }
  return out;
}

v1::Timeliness ToProto(Timeliness t) {
  switch (t) {
    case Timeliness::kEarly: return v1::EARLY;
    case Timeliness::kOnTime: return v1::ON_TIME;
    case Timeliness::kLate: return v1::LATE;
  }
  return v1::TIMELINESS_UNSPECIFIED;
}

void StartClock(MicrosUtc now, const Procedure& procedure, const RuleContext& ctx, v1::Dossier* d) {
  const DueMoment due = ComputeDue(now, procedure.limit, *ctx.calendar, ctx.rules);
  d->set_accepted_at_us(now);
  d->set_receipt_day(due.receipt_day.ToYyyymmdd());
  d->set_due_at_us(due.due);
  d->set_original_due_at_us(due.due);
}

// Ends a pause at `now`: D3 moves both due moments later by the working
// time paused.
void EndPause(MicrosUtc now, const RuleContext& ctx, v1::Dossier* d) {
  int64_t paused = 0;
  d->set_due_at_us(MoveDueAfterPause(d->due_at_us(), d->paused_since_us(), now, *ctx.calendar, &paused));
  d->set_original_due_at_us(ctx.calendar->AddWorkingMicros(d->original_due_at_us(), paused));
  d->set_paused_working_us(d->paused_working_us() + paused);
  d->set_paused_since_us(0);
}

// Closing a paused dossier keeps the paused time for the record; its due
// moments no longer matter.
void CloseWhilePaused(MicrosUtc now, const RuleContext& ctx, v1::Dossier* d) {
  d->set_paused_working_us(d->paused_working_us() +
                           PausedWorkingTime(d->paused_since_us(), now, *ctx.calendar));
  d->set_paused_since_us(0);
}

}  // namespace

const char* ActionName(DossierAction action) {
  switch (action) {
    case DossierAction::kAccept: return "Accept";
    case DossierAction::kStartProcessing: return "StartProcessing";
    case DossierAction::kRequestSupplement: return "RequestSupplement";
    case DossierAction::kRequestFinancialObligation: return "RequestFinancialObligation";
    case DossierAction::kResume: return "ResumeProcessing";
    case DossierAction::kResolve: return "Resolve";
    case DossierAction::kReturnResult: return "ReturnResult";
    case DossierAction::kReject: return "Reject";
    case DossierAction::kWithdraw: return "Withdraw";
    case DossierAction::kStop: return "Stop";
  }
  return "?";
}

bool ReasonRequired(DossierAction action) {
  return action == DossierAction::kReject || action == DossierAction::kRequestSupplement ||
         action == DossierAction::kWithdraw || action == DossierAction::kStop;
}

bool ActionAllowed(DossierAction action, DossierStatus status) {
  return status > 0 && status <= v1::RESULT_RETURNED && (AllowedFrom(action) & (1u << status)) != 0;
}

DossierStatus StatusAfter(DossierAction action) {
  switch (action) {
    case DossierAction::kAccept: return v1::ACCEPTED;
    case DossierAction::kStartProcessing:
    case DossierAction::kResume: return v1::PROCESSING;
    case DossierAction::kRequestSupplement: return v1::SUPPLEMENT_REQUESTED;
    case DossierAction::kRequestFinancialObligation: return v1::FINANCIAL_OBLIGATION;
    case DossierAction::kResolve: return v1::RESOLVED;
    case DossierAction::kReturnResult: return v1::RESULT_RETURNED;
    case DossierAction::kReject: return v1::NOT_ACCEPTED;
    case DossierAction::kWithdraw: return v1::WITHDRAWN;
    case DossierAction::kStop: return v1::STOPPED;
  }
  return v1::DOSSIER_STATUS_UNSPECIFIED;
}

bool IsOpen(DossierStatus s) {
  return s == v1::REGISTERED || s == v1::ACCEPTED || s == v1::PROCESSING || IsPaused(s);
}
bool IsPaused(DossierStatus s) { return s == v1::SUPPLEMENT_REQUESTED || s == v1::FINANCIAL_OBLIGATION; }
bool ExtensionAllowed(DossierStatus s) { return IsOpen(s) && s != v1::REGISTERED; }

std::string StatusLabel(DossierStatus status) {
  return v1::DossierStatus_Name(status) + " (" + std::to_string(static_cast<int>(status)) + ")";
}

MicrosUtc SortMoment(const v1::Dossier& d) { return d.due_at_us() != 0 ? d.due_at_us() : d.received_at_us(); }

v1::Dossier NewDossier(const NewDossierInput& in, MicrosUtc now, const RuleContext& ctx) {
  v1::Dossier d;
  d.set_code(in.code);
  d.set_centre_id(in.centre_id);
  d.set_procedure_code(in.procedure->code);
  d.set_field_id(in.procedure->field_id);
  d.set_received_at_us(now);
  d.set_ticket_number(in.ticket_number);
  d.set_applicant_name(in.applicant_name);
  d.set_clerk_id(in.clerk_id);
  d.set_updated_at_us(now);
  if (in.online) {
    d.set_status(v1::REGISTERED);
  } else {
    d.set_status(v1::ACCEPTED);
    StartClock(now, *in.procedure, ctx, &d);
  }
  return d;
}

Status ApplyAction(DossierAction action, const std::string& reason, MicrosUtc now, const Procedure& procedure,
                   const RuleContext& ctx, v1::Dossier* d) {
  if (ReasonRequired(action) && reason.empty()) {
    return InvalidArgument(std::string(ActionName(action)) + " needs a reason (it is shown to the citizen)");
  }
  if (!ActionAllowed(action, d->status())) {
    return FailedPrecondition("dossier " + d->code() + " is " + StatusLabel(d->status()) + "; " +
                              ActionName(action) + " needs " + AllowedList(AllowedFrom(action)));
  }
  const DossierStatus before = d->status();
  switch (action) {
    case DossierAction::kAccept: StartClock(now, procedure, ctx, d); break;
    case DossierAction::kRequestSupplement:
    case DossierAction::kRequestFinancialObligation: d->set_paused_since_us(now); break;
    case DossierAction::kResume: EndPause(now, ctx, d); break;
    case DossierAction::kResolve:
      d->set_resolved_at_us(now);
      d->set_timeliness(ToProto(TimelinessOf(now, d->original_due_at_us())));
      break;
    case DossierAction::kReturnResult: d->set_returned_at_us(now); break;
    case DossierAction::kWithdraw:
    case DossierAction::kStop:
      if (IsPaused(before)) CloseWhilePaused(now, ctx, d);
      break;
    case DossierAction::kStartProcessing:
    case DossierAction::kReject: break;
  }
  if (!reason.empty()) d->set_reason(reason);
  d->set_status(StatusAfter(action));
  d->set_updated_at_us(now);
  return Status::Ok();
}

Status ApplyExtension(const ExtensionInput& in, MicrosUtc now, const RuleContext& ctx, v1::Dossier* d) {
  if (in.reason.empty())
    return InvalidArgument("ExtendDeadline needs a reason (it goes in the apology letter)");
  if (!ExtensionAllowed(d->status())) {
    return FailedPrecondition("dossier " + d->code() + " is " + StatusLabel(d->status()) +
                              "; only an accepted, open dossier (2, 4, 5 or 6) can be extended");
  }
  if (d->has_extension()) {
    return AlreadyExists("dossier " + d->code() + " was already extended once (letter " +
                         d->extension().apology_letter_no() + "); only one extension is allowed");
  }
  if (in.new_due <= d->due_at_us()) {
    return InvalidArgument("new_due_at_us must be after the current due moment of dossier " + d->code());
  }
  if (in.new_due - d->due_at_us() > 366 * kMicrosPerDay) {
    return InvalidArgument("new_due_at_us is more than 366 days after the current due moment");
  }
  v1::Extension* e = d->mutable_extension();
  e->set_requested_at_us(now);
  e->set_new_due_at_us(in.new_due);
  e->set_reason(in.reason);
  e->set_apology_letter_no(in.letter_no.empty() ? d->code() + "/XL" : in.letter_no);
  e->set_late_request(now > LatestUnflaggedExtensionRequest(d->due_at_us(), *ctx.calendar));
  d->set_due_at_us(in.new_due);
  d->set_updated_at_us(now);
  return Status::Ok();
}

}  // namespace qms::deadline

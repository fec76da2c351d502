// DeadlineService: unary RPCs (WatchDeadlines is in deadline_watch_service.cc).
#include "services/deadline_service/deadline_service.h"

#include <algorithm>

#include "services/access/input_checks.h"
#include "services/access/unary_call.h"
#include "services/deadline/dossier_code.h"

namespace qms::service {

namespace {

using access::AdmitCall;
using access::AdmitProvinceCall;
using access::AnswerWhenDone;
using access::FinishNow;
using deadline::DossierAction;

// The engine asks this when a call that waited for one of its read threads
// gets one (deadline::StillWanted). The context lives until the call is
// finished, which is after the engine's answer.
deadline::StillWanted WantedBy(const grpc::CallbackServerContext* ctx) {
  return [ctx] { return access::StillWanted(ctx); };
}

constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxLetterNoLength = 64;
constexpr uint32_t kMaxWorkingHours = 2000;

Status CheckCode(const std::string& code) {
  if (Status s = access::CheckId(code, "code", true); !s.ok()) return s;
  std::string_view agency;
  uint32_t day = 0, number = 0;
  if (!deadline::ParseDossierCode(code, &agency, &day, &number)) {
    return InvalidArgument("code must look like {agency}-{yyMMdd}-{NNNN}, e.g. 000.17.22.H56-210531-0001");
  }
  return Status::Ok();
}

Status CheckReceive(const v1::ReceiveDossierRequest& r) {
  if (Status s = access::CheckCentreId(r.centre_id()); !s.ok()) return s;
  if (Status s = access::CheckId(r.procedure_code(), "procedure_code", true, 32); !s.ok()) return s;
  if (Status s = access::CheckId(r.request_id(), "request_id", true); !s.ok()) return s;
  if (Status s = access::CheckId(r.ticket_number(), "ticket_number", false, 8); !s.ok()) return s;
  if (Status s = access::CheckText(r.applicant_name(), "applicant_name", kMaxNameLength); !s.ok()) return s;
  return access::CheckId(r.clerk_id(), "clerk_id", false);
}

Status CheckAction(const v1::DossierActionRequest& r, DossierAction action) {
  if (Status s = CheckCode(r.code()); !s.ok()) return s;
  if (Status s = access::CheckId(r.clerk_id(), "clerk_id", false); !s.ok()) return s;
  if (Status s = access::CheckText(r.reason(), "reason"); !s.ok()) return s;
  if (deadline::ReasonRequired(action) && r.reason().empty()) {
    return InvalidArgument(std::string("reason is required for ") + deadline::ActionName(action) +
                           " (it is shown to the citizen)");
  }
  return Status::Ok();
}

Status CheckExtend(const v1::ExtendDeadlineRequest& r) {
  if (Status s = CheckCode(r.code()); !s.ok()) return s;
  if (Status s = access::CheckId(r.clerk_id(), "clerk_id", false); !s.ok()) return s;
  if (r.reason().empty())
    return InvalidArgument("reason is required (it goes in the apology letter, Form 04)");
  if (Status s = access::CheckText(r.reason(), "reason"); !s.ok()) return s;
  if (Status s = access::CheckText(r.apology_letter_no(), "apology_letter_no", kMaxLetterNoLength); !s.ok())
    return s;
  if (r.new_due_at_us() <= 0) return InvalidArgument("new_due_at_us is required (Unix microseconds)");
  return Status::Ok();
}

Status CheckList(const v1::ListDossiersRequest& r) {
  if (Status s = access::CheckCentreId(r.centre_id()); !s.ok()) return s;
  for (int status : r.statuses()) {
    if (status <= 0 || status > v1::RESULT_RETURNED) {
      return InvalidArgument("statuses: " + std::to_string(status) + " is not a status code 1-10");
    }
  }
  if (Status s = access::CheckId(r.field_id(), "field_id", false, 32); !s.ok()) return s;
  if (r.due_before_us() < 0) return InvalidArgument("due_before_us must not be negative");
  if (r.due_within_working_hours() > kMaxWorkingHours) {
    return InvalidArgument("due_within_working_hours must be at most 2000");
  }
  if (r.overdue_only() && r.due_within_working_hours() > 0) {
    return InvalidArgument("overdue_only and due_within_working_hours exclude each other; ask one at a time");
  }
  return access::CheckText(r.page_token(), "page_token", 512);
}

Status CheckReport(const v1::DailyReportRequest& r) {
  if (r.centre_id().empty() == r.province().empty()) {
    return InvalidArgument("give exactly one of centre_id (one centre) or province (the roll-up)");
  }
  if (!r.centre_id().empty()) {
    if (Status s = access::CheckCentreId(r.centre_id()); !s.ok()) return s;
  }
  if (Status s = access::CheckText(r.province(), "province", access::kMaxProvinceLength); !s.ok()) return s;
  if (r.day() != 0) {
    const LocalDate d = LocalDate::FromYyyymmdd(r.day());
    if (d.year < 2000 || d.year > 2199 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 ||
        CivilFromDays(DaysFromCivil(d)) != d) {
      return InvalidArgument("day must be a date yyyymmdd, e.g. 20260302, or 0 for today");
    }
  }
  if (!v1::DailyReportRequest::Format_IsValid(r.format()))
    return InvalidArgument("format must be JSON or CSV");
  return Status::Ok();
}

void ToProto(const deadline::Procedure& p, v1::Procedure* out) {
  out->set_code(p.code);
  out->set_field_id(p.field_id);
  out->set_name_vi(p.name_vi);
  out->set_name_en(p.name_en);
  switch (p.limit.kind) {
    case deadline::LimitKind::kSameDay: out->set_limit_kind(v1::SAME_DAY); break;
    case deadline::LimitKind::kWorkingDays: out->set_limit_kind(v1::WORKING_DAYS); break;
    case deadline::LimitKind::kWorkingHours: out->set_limit_kind(v1::WORKING_HOURS); break;
  }
  out->set_limit_value(p.limit.value);
  out->set_fee_vnd(p.fee_vnd);
}

// Moves a result into a DossierResponse.
void Fill(deadline::DossierResult* r, v1::DossierResponse* resp) {
  resp->mutable_dossier()->Swap(&r->dossier);
  if (r->has_receipt) resp->mutable_receipt()->Swap(&r->receipt);
}

}  // namespace

Status DeadlineServiceImpl::AdmitReport(Ctx* ctx, const v1::DailyReportRequest& req) const {
  auto check = [&req] { return CheckReport(req); };
  // The province roll-up is about a province, not a centre.
  if (req.centre_id().empty() && !req.province().empty())
    return AdmitProvinceCall(*gate_, ctx, req, access::Rpc::kGetDailyReport, req.province(), check);
  return AdmitCall(*gate_, ctx, req, access::Rpc::kGetDailyReport, req.centre_id(), check);
}

bool DeadlineServiceImpl::AnyCentreHasField(const std::string& field_id) const {
  for (const auto& c : engine_->centres()) {
    if (std::find(c.field_ids.begin(), c.field_ids.end(), field_id) != c.field_ids.end()) return true;
  }
  return false;
}

std::string DeadlineServiceImpl::CentreOf(const std::string& code) const {
  const deadline::DossierCentre* c = engine_->CentreOfCode(code);
  return c ? c->id : "";
}

grpc::ServerUnaryReactor* DeadlineServiceImpl::ReceiveDossier(Ctx* ctx, const v1::ReceiveDossierRequest* req,
                                                              v1::ReceiveDossierResponse* resp) {
  Actor caller;
  if (Status s = AdmitCall(
          *gate_, ctx, *req, access::Rpc::kReceiveDossier, req->centre_id(),
          [req] { return CheckReceive(*req); }, &caller);
      !s.ok())
    return FinishNow(ctx, s);
  deadline::ReceiveRequest r{req->centre_id(),     req->procedure_code(), req->request_id(),
                             req->ticket_number(), req->applicant_name(), req->clerk_id(),
                             req->online(),        std::move(caller)};
  auto* reactor = ctx->DefaultReactor();
  engine_->Receive(r,
                   AnswerWhenDone<deadline::DossierResult*>(reactor, [resp](deadline::DossierResult* result) {
                     resp->mutable_dossier()->Swap(&result->dossier);
                     resp->mutable_receipt()->Swap(&result->receipt);
                     resp->set_replayed(result->replayed);
                   }));
  return reactor;
}

grpc::ServerUnaryReactor* DeadlineServiceImpl::GetDossier(Ctx* ctx, const v1::GetDossierRequest* req,
                                                          v1::DossierResponse* resp) {
  if (Status s = AdmitCall(*gate_, ctx, *req, access::Rpc::kGetDossier, CentreOf(req->code()),
                           [req] { return CheckCode(req->code()); });
      !s.ok())
    return FinishNow(ctx, s);
  auto* reactor = ctx->DefaultReactor();
  engine_->Get(req->code(),
               AnswerWhenDone<deadline::DossierResult*>(
                   reactor, [resp](deadline::DossierResult* result) { Fill(result, resp); }),
               WantedBy(ctx));
  return reactor;
}

grpc::ServerUnaryReactor* DeadlineServiceImpl::RunAction(Ctx* ctx, const Action* req,
                                                         v1::DossierResponse* resp, access::Rpc rpc,
                                                         DossierAction action) {
  Actor caller;
  if (Status s = AdmitCall(
          *gate_, ctx, *req, rpc, CentreOf(req->code()), [&] { return CheckAction(*req, action); }, &caller);
      !s.ok())
    return FinishNow(ctx, s);
  auto* reactor = ctx->DefaultReactor();
  engine_->Act(action, {req->code(), req->clerk_id(), req->reason(), std::move(caller), WantedBy(ctx)},
               AnswerWhenDone<deadline::DossierResult*>(
                   reactor, [resp](deadline::DossierResult* result) { Fill(result, resp); }));
  return reactor;
}

grpc::ServerUnaryReactor* DeadlineServiceImpl::Accept(Ctx* ctx, const Action* req,
                                                      v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kAccept, DossierAction::kAccept);
}
grpc::ServerUnaryReactor* DeadlineServiceImpl::StartProcessing(Ctx* ctx, const Action* req,
                                                               v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kStartProcessing, DossierAction::kStartProcessing);
}
grpc::ServerUnaryReactor* DeadlineServiceImpl::RequestSupplement(Ctx* ctx, const Action* req,
                                                                 v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kRequestSupplement, DossierAction::kRequestSupplement);
}
grpc::ServerUnaryReactor* DeadlineServiceImpl::RequestFinancialObligation(Ctx* ctx, const Action* req,
                                                                          v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kRequestFinancialObligation,
                   DossierAction::kRequestFinancialObligation);
}
grpc::ServerUnaryReactor* DeadlineServiceImpl::ResumeProcessing(Ctx* ctx, const Action* req,
                                                                v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kResumeProcessing, DossierAction::kResume);
}
grpc::ServerUnaryReactor* DeadlineServiceImpl::Resolve(Ctx* ctx, const Action* req,
                                                       v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kResolve, DossierAction::kResolve);
}
grpc::ServerUnaryReactor* DeadlineServiceImpl::ReturnResult(Ctx* ctx, const Action* req,
                                                            v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kReturnResult, DossierAction::kReturnResult);
}
grpc::ServerUnaryReactor* DeadlineServiceImpl::Reject(Ctx* ctx, const Action* req,
                                                      v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kReject, DossierAction::kReject);
}
grpc::ServerUnaryReactor* DeadlineServiceImpl::Withdraw(Ctx* ctx, const Action* req,
                                                        v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kWithdraw, DossierAction::kWithdraw);
}
grpc::ServerUnaryReactor* DeadlineServiceImpl::Stop(Ctx* ctx, const Action* req, v1::DossierResponse* resp) {
  return RunAction(ctx, req, resp, access::Rpc::kStop, DossierAction::kStop);
}

grpc::ServerUnaryReactor* DeadlineServiceImpl::ExtendDeadline(Ctx* ctx, const v1::ExtendDeadlineRequest* req,
                                                              v1::ExtendDeadlineResponse* resp) {
  Actor caller;
  if (Status s = AdmitCall(
          *gate_, ctx, *req, access::Rpc::kExtendDeadline, CentreOf(req->code()),
          [req] { return CheckExtend(*req); }, &caller);
      !s.ok())
    return FinishNow(ctx, s);
  deadline::ExtendRequest r;
  r.actor = std::move(caller);
  r.code = req->code();
  r.clerk_id = req->clerk_id();
  r.extension = {req->new_due_at_us(), req->reason(), req->apology_letter_no()};
  r.still_wanted = WantedBy(ctx);
  auto* reactor = ctx->DefaultReactor();
  engine_->Extend(r,
                  AnswerWhenDone<deadline::DossierResult*>(reactor, [resp](deadline::DossierResult* result) {
                    resp->mutable_dossier()->Swap(&result->dossier);
                    resp->mutable_letter()->Swap(&result->letter);
                  }));
  return reactor;
}

grpc::ServerUnaryReactor* DeadlineServiceImpl::ListDossiers(Ctx* ctx, const v1::ListDossiersRequest* req,
                                                            v1::ListDossiersResponse* resp) {
  if (Status s = AdmitCall(*gate_, ctx, *req, access::Rpc::kListDossiers, req->centre_id(),
                           [req] { return CheckList(*req); });
      !s.ok())
    return FinishNow(ctx, s);
  deadline::ListQuery q;
  q.centre_id = req->centre_id();
  for (int status : req->statuses()) q.statuses.push_back(static_cast<v1::DossierStatus>(status));
  q.field_id = req->field_id();
  q.due_before = req->due_before_us();
  q.overdue_only = req->overdue_only();
  q.due_within_working_hours = req->due_within_working_hours();
  q.page_size = req->page_size();
  q.page_token = req->page_token();
  q.still_wanted = WantedBy(ctx);
  auto* reactor = ctx->DefaultReactor();
  engine_->List(q, AnswerWhenDone<deadline::ListResult*>(reactor, [resp](deadline::ListResult* result) {
                  resp->mutable_dossiers()->Reserve(static_cast<int>(result->dossiers.size()));
                  for (auto& d : result->dossiers) resp->add_dossiers()->Swap(&d);
                  resp->set_next_page_token(std::move(result->next_page_token));
                }));
  return reactor;
}

grpc::ServerUnaryReactor* DeadlineServiceImpl::GetDailyReport(Ctx* ctx, const v1::DailyReportRequest* req,
                                                              v1::DailyReport* resp) {
  if (Status s = AdmitReport(ctx, *req); !s.ok()) return FinishNow(ctx, s);
  auto* reactor = ctx->DefaultReactor();
  engine_->Report(
      {req->centre_id(), req->province(), req->day(), req->format()},
      AnswerWhenDone<v1::DailyReport*>(reactor, [resp](v1::DailyReport* report) { resp->Swap(report); }));
  return reactor;
}

grpc::ServerUnaryReactor* DeadlineServiceImpl::ListProcedures(Ctx* ctx, const v1::ListProceduresRequest* req,
                                                              v1::ListProceduresResponse* resp) {
  if (Status s = AdmitCall(*gate_, ctx, *req, access::Rpc::kListProcedures, "",
                           [req] { return access::CheckId(req->field_id(), "field_id", false, 32); });
      !s.ok())
    return FinishNow(ctx, s);
  for (const auto& p : engine_->procedures().all()) {
    if (req->field_id().empty() || p.field_id == req->field_id()) ToProto(p, resp->add_procedures());
  }
  if (resp->procedures().empty() && !req->field_id().empty() && !AnyCentreHasField(req->field_id())) {
    return FinishNow(ctx, NotFound("field " + req->field_id() + " does not exist"));
  }
  return FinishNow(ctx, Status::Ok());
}

}  // namespace qms::service

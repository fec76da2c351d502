// Routes of dossiers: procedures, receiving a dossier from a served ticket,
// the lists the console and the dashboard show (open, due soon, overdue),
// one dossier with its receipt slip, its actions, and the daily report.
#include <map>

#include "kiosk/gateway/gateway_parts.h"
#include "kiosk/gateway/request_checks.h"

namespace qms::gateway {

namespace {

using DossierCall =
    ServerLink::Method<v1::DeadlineService::Stub, v1::DossierActionRequest, v1::DossierResponse>;

const std::map<std::string, DossierCall>& DossierActions() {
  using A = v1::DeadlineService::Stub::async_interface;
  static const std::map<std::string, DossierCall> actions = {{"accept", &A::Accept},
                                                             {"start", &A::StartProcessing},
                                                             {"supplement", &A::RequestSupplement},
                                                             {"financial", &A::RequestFinancialObligation},
                                                             {"resume", &A::ResumeProcessing},
                                                             {"resolve", &A::Resolve},
                                                             {"return", &A::ReturnResult},
                                                             {"reject", &A::Reject},
                                                             {"withdraw", &A::Withdraw},
                                                             {"stop", &A::Stop}};
  return actions;
}

// The {code} of the address when it is a dossier of the centre; else answers
// 400 or 404 and returns empty. A code of another agency is not this
// centre's (when the centre's agency is known).
std::string DossierCode(const GatewayParts& parts, const std::string& centre, const PathParams& p,
                        const ExchangePtr& ex) {
  const std::string& code = p.at("code");
  if (!Accept(CheckIdentifier(code, "code", true), ex)) return "";
  if (auto info = parts.centres->Find(centre)) {
    const std::string& agency = info->agency_code();
    if (!agency.empty() && code.compare(0, agency.size() + 1, agency + "-") != 0) {
      ex->Reply(ErrorReply(404, "NOT_FOUND", "Hồ sơ này không thuộc trung tâm.",
                           "This dossier does not belong to this centre.", code));
      return "";
    }
  }
  return code;
}

Status CheckReceive(const v1::ReceiveDossierRequest& r) {
  if (Status s = CheckIdentifier(r.procedure_code(), "procedure_code", true, 32); !s.ok()) return s;
  if (Status s = CheckIdentifier(r.request_id(), "request_id", true); !s.ok()) return s;
  if (!r.ticket_number().empty()) {
    if (Status s = CheckTicketNumber(r.ticket_number()); !s.ok()) return s;
  }
  if (Status s = CheckFreeText(r.applicant_name(), "applicant_name", 200); !s.ok()) return s;
  return CheckIdentifier(r.clerk_id(), "clerk_id", false);
}

StatusOr<v1::ListDossiersRequest> ListRequestOf(const std::string& centre, const HttpRequest& r) {
  v1::ListDossiersRequest list;
  list.set_centre_id(centre);
  auto param = [&r](const char* name) {
    auto it = r.query.find(name);
    return it == r.query.end() ? std::string() : it->second;
  };
  const std::string view = param("view");
  if (view == "overdue") {
    list.set_overdue_only(true);
  } else if (view == "due_soon") {
    const std::string hours = param("hours");
    auto n = ParseQueryNumber(hours.empty() ? "4" : hours, "hours", 1, 2000);
    if (!n.ok()) return n.status();
    list.set_due_within_working_hours(static_cast<uint32_t>(*n));
  } else if (!view.empty() && view != "open") {
    return InvalidArgument("view must be open, due_soon or overdue");
  }
  if (Status s = CheckIdentifier(param("field_id"), "field_id", false, 32); !s.ok()) return s;
  list.set_field_id(param("field_id"));
  if (const std::string size = param("page_size"); !size.empty()) {
    auto n = ParseQueryNumber(size, "page_size", 1, 500);
    if (!n.ok()) return n.status();
    list.set_page_size(static_cast<uint32_t>(*n));
  }
  if (Status s = CheckIdentifier(param("page_token"), "page_token", false, 512); !s.ok()) return s;
  list.set_page_token(param("page_token"));
  return list;
}

void RunExtend(GatewayParts* parts, const std::string& centre, const std::string& code, const HttpRequest& r,
               const ExchangePtr& ex) {
  v1::ExtendDeadlineRequest request;
  if (!ParseBody(r, &request, ex) || !SamePathValue(request.mutable_code(), code, "code", ex) ||
      !Accept(CheckIdentifier(request.clerk_id(), "clerk_id", false), ex) ||
      !Accept(CheckFreeText(request.reason(), "reason", 500), ex) ||
      !Accept(CheckFreeText(request.apology_letter_no(), "apology_letter_no", 64), ex))
    return;
  parts->link->Call(PageRole::kCounter, centre, parts->link->deadline(),
                    &v1::DeadlineService::Stub::async_interface::ExtendDeadline, std::move(request),
                    ReplyWith<v1::ExtendDeadlineResponse>(ex), r.bearer);
}

}  // namespace

void AddDossierRoutes(Router* router, GatewayParts* parts) {
  router->Add("GET", "/api/c/{centre}/procedures",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                if (centre.empty()) return;
                v1::ListProceduresRequest request;
                if (auto it = r.query.find("field_id"); it != r.query.end()) request.set_field_id(it->second);
                if (!Accept(CheckIdentifier(request.field_id(), "field_id", false, 32), ex)) return;
                parts->link->Call(PageRole::kCounter, centre, parts->link->deadline(),
                                  &v1::DeadlineService::Stub::async_interface::ListProcedures,
                                  std::move(request), ReplyWith<v1::ListProceduresResponse>(ex), r.bearer);
              });

  router->Add("POST", "/api/c/{centre}/dossiers",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                v1::ReceiveDossierRequest request;
                if (centre.empty() || !ParseBody(r, &request, ex) ||
                    !SamePathValue(request.mutable_centre_id(), centre, "centre_id", ex) ||
                    !Accept(CheckReceive(request), ex))
                  return;
                parts->link->Call(PageRole::kCounter, centre, parts->link->deadline(),
                                  &v1::DeadlineService::Stub::async_interface::ReceiveDossier,
                                  std::move(request), ReplyWith<v1::ReceiveDossierResponse>(ex), r.bearer);
              });

  router->Add("GET", "/api/c/{centre}/dossiers",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                if (centre.empty()) return;
                auto request = ListRequestOf(centre, r);
                if (!Accept(request.status(), ex)) return;
                parts->link->Call(PageRole::kCounter, centre, parts->link->deadline(),
                                  &v1::DeadlineService::Stub::async_interface::ListDossiers,
                                  std::move(*request), ReplyWith<v1::ListDossiersResponse>(ex), r.bearer);
              });

  router->Add("GET", "/api/c/{centre}/dossiers/{code}",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                const std::string code = centre.empty() ? "" : DossierCode(*parts, centre, p, ex);
                if (code.empty()) return;
                v1::GetDossierRequest request;
                request.set_code(code);
                parts->link->Call(PageRole::kCounter, centre, parts->link->deadline(),
                                  &v1::DeadlineService::Stub::async_interface::GetDossier, std::move(request),
                                  ReplyWith<v1::DossierResponse>(ex), r.bearer);
              });

  router->Add("POST", "/api/c/{centre}/dossiers/{code}/{action}",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                const std::string code = centre.empty() ? "" : DossierCode(*parts, centre, p, ex);
                if (code.empty()) return;
                const std::string& action = p.at("action");
                if (action == "extend") return RunExtend(parts, centre, code, r, ex);
                auto it = DossierActions().find(action);
                if (it == DossierActions().end()) {
                  return ex->Reply(ErrorReply(404, "NOT_FOUND", "Không có thao tác này.",
                                              "There is no such dossier action.", action.substr(0, 32)));
                }
                v1::DossierActionRequest request;
                if (!ParseBody(r, &request, ex) || !SamePathValue(request.mutable_code(), code, "code", ex) ||
                    !Accept(CheckIdentifier(request.clerk_id(), "clerk_id", false), ex) ||
                    !Accept(CheckFreeText(request.reason(), "reason", 500), ex))
                  return;
                const DossierCall call = it->second;
                parts->link->Call(PageRole::kCounter, centre, parts->link->deadline(), call,
                                  std::move(request), ReplyWith<v1::DossierResponse>(ex), r.bearer);
              });

  router->Add("GET", "/api/c/{centre}/daily-report",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                if (centre.empty()) return;
                v1::DailyReportRequest request;
                request.set_centre_id(centre);
                if (auto it = r.query.find("day"); it != r.query.end() && !it->second.empty()) {
                  auto day = ParseQueryNumber(it->second, "day", 20000101, 21991231);
                  if (!Accept(day.status(), ex)) return;
                  request.set_day(static_cast<uint32_t>(*day));
                }
                const bool csv = r.query.count("format") && r.query.at("format") == "csv";
                if (csv) request.set_format(v1::DailyReportRequest::CSV);
                parts->link->Call(
                    PageRole::kSupervisor, centre, parts->link->deadline(),
                    &v1::DeadlineService::Stub::async_interface::GetDailyReport, std::move(request),
                    [ex, csv](const grpc::Status& s, v1::DailyReport* report) {
                      if (!s.ok()) return ex->Reply(GrpcErrorReply(s));
                      if (!csv) return ex->Reply(JsonReply(*report));
                      ex->Reply({200,
                                 "text/csv; charset=utf-8",
                                 report->rendered(),
                                 {{"Content-Disposition", "attachment; filename=\"dossiers-" +
                                                              std::to_string(report->day()) + ".csv\""}}});
                    },
                    r.bearer);
              });
}

}  // namespace qms::gateway

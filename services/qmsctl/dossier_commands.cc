// dossier receive|status|accept|start|supplement|resume|extend|resolve|
// return|reject|withdraw|stop|list-overdue|report: the clerk's and the
// supervisor's DeadlineService calls.
// Times are read and shown in local time (Asia/Ho_Chi_Minh, UTC+7).
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include "qms/v1/deadline.grpc.pb.h"
#include "services/qmsctl/commands.h"

namespace qms::ctl {

namespace {

using Stub = v1::DeadlineService::Stub;

constexpr int64_t kOffsetMicros = 7LL * 3600 * 1000000;

// "17:00 02/03/2026" local time; "-" for 0.
std::string LocalMoment(int64_t micros_utc) {
  if (micros_utc == 0) return "-";
  const std::time_t seconds = static_cast<std::time_t>((micros_utc + kOffsetMicros) / 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%H:%M %d/%m/%Y", &tm);
  return buf;
}

// "2026-03-09T17:00" local time to Unix microseconds; false if malformed.
bool ParseLocalMoment(const std::string& text, int64_t* out) {
  std::tm tm{};
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tail) != 5) {
    return false;
  }
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59) {
    return false;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  *out = static_cast<int64_t>(timegm(&tm)) * 1000000 - kOffsetMicros;
  return true;
}

std::string StatusLabel(v1::DossierStatus s) {
  switch (s) {
    case v1::REGISTERED: return "mới đăng ký (1)";
    case v1::ACCEPTED: return "đã tiếp nhận (2)";
    case v1::NOT_ACCEPTED: return "không tiếp nhận (3)";
    case v1::PROCESSING: return "đang xử lý (4)";
    case v1::SUPPLEMENT_REQUESTED: return "chờ bổ sung (5)";
    case v1::FINANCIAL_OBLIGATION: return "chờ nghĩa vụ tài chính (6)";
    case v1::WITHDRAWN: return "rút hồ sơ (7)";
    case v1::STOPPED: return "dừng xử lý (8)";
    case v1::RESOLVED: return "đã giải quyết (9)";
    case v1::RESULT_RETURNED: return "đã trả kết quả (10)";
    default: return "?";
  }
}

std::string TimelinessLabel(v1::Timeliness t) {
  switch (t) {
    case v1::EARLY: return "trước hạn";
    case v1::ON_TIME: return "đúng hạn";
    case v1::LATE: return "quá hạn";
    default: return "";
  }
}

// "000.17.22.H56-260302-0001 · 2.000815 · đang xử lý (4) · hẹn trả 17:00 02/03/2026"
std::string DossierLine(const v1::Dossier& d) {
  std::string out = d.code() + " · " + d.procedure_code() + " · " + StatusLabel(d.status());
  if (d.due_at_us() != 0) out += " · hẹn trả " + LocalMoment(d.due_at_us());
  if (d.has_extension()) {
    out += " (gia hạn" + std::string(d.extension().late_request() ? ", xin muộn" : "") + ")";
  }
  if (d.timeliness() != v1::TIMELINESS_UNSPECIFIED) out += " · " + TimelinessLabel(d.timeliness());
  if (!d.reason().empty()) out += " · lý do: " + d.reason();
  return out;
}

int ShowDossier(Session& session, const google::protobuf::Message& response, const v1::Dossier& d) {
  return session.Show(response, [&] { std::cout << DossierLine(d) << std::endl; });
}

struct ReceiveOptions {
  std::string centre, procedure, request_id, ticket, applicant, clerk;
  bool online = false;
};

int RunReceive(Session& session, const ReceiveOptions& o) {
  v1::ReceiveDossierRequest request;
  request.set_centre_id(o.centre);
  request.set_procedure_code(o.procedure);
  request.set_request_id(o.request_id.empty() ? RandomRequestId() : o.request_id);
  request.set_ticket_number(o.ticket);
  request.set_applicant_name(o.applicant);
  request.set_clerk_id(o.clerk);
  request.set_online(o.online);
  v1::ReceiveDossierResponse response;
  if (int rc = session.Call(session.deadlines(), &Stub::ReceiveDossier, request, &response); rc != kExitOk)
    return rc;
  return session.Show(response, [&] {
    std::cout << DossierLine(response.dossier());
    if (response.replayed()) std::cout << " · (đã nhận trước đó / replayed)";
    std::cout << "\nMã yêu cầu / request id: " << request.request_id() << "\n\n"
              << response.receipt().text_vi() << std::flush;
  });
}

struct ActionOptions {
  std::string code, clerk, reason;
  bool slip = false;
};

using ActionMethod = grpc::Status (v1::DeadlineService::Stub::*)(grpc::ClientContext*,
                                                                 const v1::DossierActionRequest&,
                                                                 v1::DossierResponse*);

int RunAction(Session& session, const ActionOptions& o, ActionMethod method) {
  v1::DossierActionRequest request;
  request.set_code(o.code);
  request.set_clerk_id(o.clerk);
  request.set_reason(o.reason);
  v1::DossierResponse response;
  if (int rc = session.Call(session.deadlines(), method, request, &response); rc != kExitOk) return rc;
  return ShowDossier(session, response, response.dossier());
}

int RunStatus(Session& session, const ActionOptions& o) {
  v1::GetDossierRequest request;
  request.set_code(o.code);
  v1::DossierResponse response;
  if (int rc = session.Call(session.deadlines(), &Stub::GetDossier, request, &response); rc != kExitOk)
    return rc;
  ShowDossier(session, response, response.dossier());
  if (o.slip && !session.json()) std::cout << "\n" << response.receipt().text_vi() << std::flush;
  return kExitOk;
}

struct ExtendOptions {
  std::string code, clerk, reason, until, letter_no;
};

int RunExtend(Session& session, const ExtendOptions& o) {
  int64_t new_due = 0;
  if (!ParseLocalMoment(o.until, &new_due)) {
    std::cerr << "qmsctl: --until must be YYYY-MM-DDTHH:MM (local time), got \"" << o.until << "\""
              << std::endl;
    return kExitUsage;
  }
  v1::ExtendDeadlineRequest request;
  request.set_code(o.code);
  request.set_clerk_id(o.clerk);
  request.set_reason(o.reason);
  request.set_new_due_at_us(new_due);
  request.set_apology_letter_no(o.letter_no);
  v1::ExtendDeadlineResponse response;
  if (int rc = session.Call(session.deadlines(), &Stub::ExtendDeadline, request, &response); rc != kExitOk)
    return rc;
  return session.Show(response, [&] {
    std::cout << DossierLine(response.dossier()) << "\n\n" << response.letter().text_vi() << std::flush;
  });
}

struct ListOptions {
  std::string centre, field;
  uint32_t within_hours = 0, page_size = 50;
  bool all_pages = false;
};

int RunListOverdue(Session& session, const ListOptions& o) {
  v1::ListDossiersRequest request;
  request.set_centre_id(o.centre);
  request.set_field_id(o.field);
  request.set_page_size(o.page_size);
  if (o.within_hours > 0) {
    request.set_due_within_working_hours(o.within_hours);
  } else {
    request.set_overdue_only(true);
  }
  for (int page = 0; page < 100000; ++page) {
    v1::ListDossiersResponse response;
    if (int rc = session.Call(session.deadlines(), &Stub::ListDossiers, request, &response); rc != kExitOk)
      return rc;
    session.Show(response, [&] {
      for (const auto& d : response.dossiers()) std::cout << DossierLine(d) << "\n";
    });
    if (!o.all_pages || response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  std::cout << std::flush;
  return kExitOk;
}

struct ReportOptions {
  std::string centre, province, format = "csv";
  uint32_t day = 0;
};

int RunReport(Session& session, const ReportOptions& o) {
  v1::DailyReportRequest request;
  request.set_centre_id(o.centre);
  request.set_province(o.province);
  request.set_day(o.day);
  request.set_format(o.format == "json" ? v1::DailyReportRequest::JSON : v1::DailyReportRequest::CSV);
  v1::DailyReport response;
  if (int rc = session.Call(session.deadlines(), &Stub::GetDailyReport, request, &response); rc != kExitOk)
    return rc;
  return session.Show(response, [&] { std::cout << response.rendered() << std::flush; });
}

void AddActionCommand(CLI::App* dossier, Action* selected, const char* name, const char* help,
                      ActionMethod method, bool reason_required) {
  auto o = std::make_shared<ActionOptions>();
  CLI::App* cmd = dossier->add_subcommand(name, help);
  cmd->add_option("code", o->code, "dossier code, e.g. 000.17.22.H56-260302-0001")->required();
  cmd->add_option("--clerk", o->clerk, "clerk id");
  auto* reason = cmd->add_option("--reason", o->reason, "why (shown to the citizen)");
  if (reason_required) reason->required();
  cmd->callback(
      [o, selected, method] { *selected = [o, method](Session& s) { return RunAction(s, *o, method); }; });
}

void AddReceiveCommand(CLI::App* dossier, Action* selected) {
  auto o = std::make_shared<ReceiveOptions>();
  CLI::App* cmd =
      dossier->add_subcommand("receive", "Receive a dossier and print its receipt slip (ReceiveDossier)");
  cmd->add_option("--centre", o->centre, "centre id")->required();
  cmd->add_option("--procedure", o->procedure, "procedure code, e.g. 2.000815")->required();
  cmd->add_option("--request-id", o->request_id, "idempotency key (default: random); reuse it to retry");
  cmd->add_option("--ticket", o->ticket, "the queue ticket it came from, e.g. A012");
  cmd->add_option("--applicant", o->applicant, "applicant's name");
  cmd->add_option("--clerk", o->clerk, "receiving clerk id");
  cmd->add_flag("--online", o->online, "an online registration: REGISTERED until accepted");
  cmd->callback([o, selected] { *selected = [o](Session& s) { return RunReceive(s, *o); }; });
}

void AddViewCommands(CLI::App* dossier, Action* selected) {
  auto status = std::make_shared<ActionOptions>();
  CLI::App* cmd = dossier->add_subcommand("status", "Show one dossier (GetDossier)");
  cmd->add_option("code", status->code, "dossier code")->required();
  cmd->add_flag("--slip", status->slip, "also print the receipt slip (Form 01)");
  cmd->callback([status, selected] { *selected = [status](Session& s) { return RunStatus(s, *status); }; });

  auto list = std::make_shared<ListOptions>();
  cmd =
      dossier->add_subcommand("list-overdue", "Overdue dossiers of a centre, or due within N working hours");
  cmd->add_option("--centre", list->centre, "centre id")->required();
  cmd->add_option("--within-hours", list->within_hours, "instead: due within this many working hours");
  cmd->add_option("--field", list->field, "only this field");
  cmd->add_option("--page-size", list->page_size, "dossiers per page (at most 500)");
  cmd->add_flag("--all", list->all_pages, "follow next_page_token through every page");
  cmd->callback([list, selected] { *selected = [list](Session& s) { return RunListOverdue(s, *list); }; });

  auto report = std::make_shared<ReportOptions>();
  cmd = dossier->add_subcommand("report", "Daily report of a centre or a province (GetDailyReport)");
  auto* centre = cmd->add_option("--centre", report->centre, "centre id");
  cmd->add_option("--province", report->province, "province name: roll-up of its centres")->excludes(centre);
  cmd->add_option("--day", report->day, "YYYYMMDD (default today)");
  cmd->add_option("--format", report->format, "csv|json")->check(CLI::IsMember({"csv", "json"}));
  cmd->callback([report, selected] { *selected = [report](Session& s) { return RunReport(s, *report); }; });
}

}  // namespace

void AddDossierCommands(CLI::App& app, Action* selected) {
  CLI::App* dossier = app.add_subcommand("dossier", "Dossiers and deadlines (DeadlineService)");
  dossier->require_subcommand(1);
  AddReceiveCommand(dossier, selected);
  AddViewCommands(dossier, selected);
  AddActionCommand(dossier, selected, "accept", "Accept an online dossier: its clock starts (Accept)",
                   &Stub::Accept, false);
  AddActionCommand(dossier, selected, "start", "Start processing (StartProcessing)", &Stub::StartProcessing,
                   false);
  AddActionCommand(dossier, selected, "supplement",
                   "Ask for a supplement: the clock stops (RequestSupplement)", &Stub::RequestSupplement,
                   true);
  AddActionCommand(dossier, selected, "resume", "Resume after a supplement or payment (ResumeProcessing)",
                   &Stub::ResumeProcessing, false);
  AddActionCommand(dossier, selected, "resolve", "Mark resolved (Resolve)", &Stub::Resolve, false);
  AddActionCommand(dossier, selected, "return", "Hand the result back (ReturnResult)", &Stub::ReturnResult,
                   false);
  AddActionCommand(dossier, selected, "reject", "Refuse to accept (Reject)", &Stub::Reject, true);
  AddActionCommand(dossier, selected, "withdraw", "The citizen withdraws it (Withdraw)", &Stub::Withdraw,
                   true);
  AddActionCommand(dossier, selected, "stop", "Stop processing (Stop)", &Stub::Stop, true);

  auto extend = std::make_shared<ExtendOptions>();
  CLI::App* cmd = dossier->add_subcommand("extend", "Extend once, with an apology letter (ExtendDeadline)");
  cmd->add_option("code", extend->code, "dossier code")->required();
  cmd->add_option("--until", extend->until, "new due moment YYYY-MM-DDTHH:MM (local)")->required();
  cmd->add_option("--reason", extend->reason, "why (goes in the letter, Form 04)")->required();
  cmd->add_option("--letter-no", extend->letter_no, "apology letter number");
  cmd->add_option("--clerk", extend->clerk, "clerk id");
  cmd->callback([extend, selected] { *selected = [extend](Session& s) { return RunExtend(s, *extend); }; });
}

}  // namespace qms::ctl

// issue, ticket, cancel: the kiosk's calls, for operators and scripts.
#include <iostream>
#include <map>
#include <memory>

#include "services/qmsctl/commands.h"
#include "services/qmsctl/labels.h"

namespace qms::ctl {

namespace {

using Stub = v1::IntakeService::Stub;

const std::map<std::string, v1::PriorityClass> kPriorities = {
    {"normal", v1::NORMAL}, {"priority", v1::PRIORITY}, {"appointment", v1::APPOINTMENT}};
const std::map<std::string, v1::Channel> kChannels = {
    {"kiosk", v1::KIOSK}, {"counter", v1::COUNTER}, {"online", v1::ONLINE}};

struct IssueOptions {
  std::string centre, field, priority = "normal", channel = "kiosk", request_id, citizen_id;
};

int RunIssue(Session& session, const IssueOptions& o) {
  v1::IssueTicketRequest request;
  request.set_centre_id(o.centre);
  request.set_field_id(o.field);
  request.set_priority(kPriorities.at(o.priority));
  request.set_channel(kChannels.at(o.channel));
  request.set_request_id(o.request_id.empty() ? RandomRequestId() : o.request_id);
  request.set_citizen_id(o.citizen_id);
  v1::IssueTicketResponse response;
  if (int rc = session.Call(session.intake(), &Stub::IssueTicket, request, &response); rc != kExitOk)
    return rc;
  return session.Show(response, [&] {
    CentreNames names;
    names.Load(session, o.centre);
    std::cout << TicketLine(response.ticket(), names, response.position_ahead(),
                            response.estimated_wait_minutes());
    if (response.replayed()) std::cout << " · (đã cấp trước đó / replayed)";
    std::cout << "\nMã yêu cầu / request id: " << request.request_id() << std::endl;
  });
}

struct TicketOptions {
  std::string centre, number, reason;
};

int RunGetTicket(Session& session, const TicketOptions& o) {
  v1::GetTicketRequest request;
  request.set_centre_id(o.centre);
  request.set_number(o.number);
  v1::GetTicketResponse response;
  if (int rc = session.Call(session.intake(), &Stub::GetTicket, request, &response); rc != kExitOk) return rc;
  return ShowTicket(session, o.centre, response, response.ticket(), response.position_ahead(),
                    response.estimated_wait_minutes());
}

int RunCancel(Session& session, const TicketOptions& o) {
  v1::CancelTicketRequest request;
  request.set_centre_id(o.centre);
  request.set_number(o.number);
  request.set_reason(o.reason);
  v1::TicketResponse response;
  if (int rc = session.Call(session.intake(), &Stub::CancelTicket, request, &response); rc != kExitOk)
    return rc;
  return ShowTicket(session, o.centre, response, response.ticket());
}

}  // namespace

void AddIntakeCommands(CLI::App& app, Action* selected) {
  auto issue = std::make_shared<IssueOptions>();
  CLI::App* cmd = app.add_subcommand("issue", "Issue a ticket (IssueTicket)");
  cmd->add_option("--centre", issue->centre, "centre id (administrative unit code)")->required();
  cmd->add_option("--field", issue->field, "field id, e.g. chung_thuc")->required();
  cmd->add_option("--priority", issue->priority, "normal|priority|appointment")
      ->check(CLI::IsMember({"normal", "priority", "appointment"}));
  cmd->add_option("--channel", issue->channel, "kiosk|counter|online")
      ->check(CLI::IsMember({"kiosk", "counter", "online"}));
  cmd->add_option("--request-id", issue->request_id, "idempotency key (default: random); reuse it to retry");
  cmd->add_option("--citizen-id", issue->citizen_id, "CCCD/CMND number, only for the per-citizen cap");
  cmd->callback([issue, selected] { *selected = [issue](Session& s) { return RunIssue(s, *issue); }; });

  auto get = std::make_shared<TicketOptions>();
  cmd = app.add_subcommand("ticket", "Show one ticket (GetTicket)");
  cmd->add_option("--centre", get->centre, "centre id")->required();
  cmd->add_option("number", get->number, "ticket number, e.g. B023")->required();
  cmd->callback([get, selected] { *selected = [get](Session& s) { return RunGetTicket(s, *get); }; });

  auto cancel = std::make_shared<TicketOptions>();
  cmd = app.add_subcommand("cancel", "Cancel a WAITING or PARKED ticket (CancelTicket)");
  cmd->add_option("--centre", cancel->centre, "centre id")->required();
  cmd->add_option("number", cancel->number, "ticket number")->required();
  cmd->add_option("--reason", cancel->reason, "why, for the event log");
  cmd->callback([cancel, selected] { *selected = [cancel](Session& s) { return RunCancel(s, *cancel); }; });
}

}  // namespace qms::ctl

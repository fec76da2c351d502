// Counter commands: what a clerk does at a counter (CounterService).
#include <iostream>
#include <map>
#include <memory>

#include "services/qmsctl/commands.h"
#include "services/qmsctl/labels.h"

namespace qms::ctl {

namespace {

using Stub = v1::CounterService::Stub;
using CounterCall = grpc::Status (Stub::*)(grpc::ClientContext*, const v1::CounterRequest&,
                                           v1::CounterResponse*);
using TicketCall = grpc::Status (Stub::*)(grpc::ClientContext*, const v1::TicketActionRequest&,
                                          v1::TicketResponse*);

struct ActionOptions {
  std::string centre, counter, clerk, number, reason;
  std::string to_field, to_counter;
  bool requeue_at_end = false;
  std::string rating;  // a key of kRatings
};

// --rating's words: short, and free of diacritics so any terminal types them.
const std::map<std::string, v1::Rating> kRatings = {
    {"very", v1::VERY_SATISFIED}, {"ok", v1::SATISFIED}, {"bad", v1::DISSATISFIED}};

int RunCounter(Session& session, CounterCall call, const ActionOptions& o) {
  v1::CounterRequest request;
  request.set_centre_id(o.centre);
  request.set_counter_id(o.counter);
  request.set_clerk_id(o.clerk);
  request.set_reason(o.reason);
  v1::CounterResponse response;
  if (int rc = session.Call(session.counters(), call, request, &response); rc != kExitOk) return rc;
  return session.Show(response, [&] { std::cout << CounterLine(response.counter()) << std::endl; });
}

int RunCallNext(Session& session, const ActionOptions& o) {
  v1::CounterRequest request;
  request.set_centre_id(o.centre);
  request.set_counter_id(o.counter);
  request.set_clerk_id(o.clerk);
  v1::TicketResponse response;
  if (int rc = session.Call(session.counters(), &Stub::CallNext, request, &response); rc != kExitOk)
    return rc;
  return ShowTicket(session, o.centre, response, response.ticket());
}

int RunTicketAction(Session& session, TicketCall call, const ActionOptions& o) {
  v1::TicketActionRequest request;
  request.set_centre_id(o.centre);
  request.set_counter_id(o.counter);
  request.set_clerk_id(o.clerk);
  request.set_number(o.number);
  v1::TicketResponse response;
  if (int rc = session.Call(session.counters(), call, request, &response); rc != kExitOk) return rc;
  return ShowTicket(session, o.centre, response, response.ticket());
}

int RunTransfer(Session& session, const ActionOptions& o) {
  v1::TransferRequest request;
  request.set_centre_id(o.centre);
  request.set_counter_id(o.counter);
  request.set_clerk_id(o.clerk);
  request.set_number(o.number);
  request.set_to_field_id(o.to_field);
  request.set_to_counter_id(o.to_counter);
  request.set_requeue_at_end(o.requeue_at_end);
  v1::TicketResponse response;
  if (int rc = session.Call(session.counters(), &Stub::Transfer, request, &response); rc != kExitOk)
    return rc;
  return ShowTicket(session, o.centre, response, response.ticket());
}

int RunRate(Session& session, const ActionOptions& o) {
  v1::RateServiceRequest request;
  request.set_centre_id(o.centre);
  request.set_counter_id(o.counter);
  request.set_clerk_id(o.clerk);
  request.set_number(o.number);
  request.set_rating(kRatings.at(o.rating));  // CLI11 checked the word
  v1::TicketResponse response;
  if (int rc = session.Call(session.counters(), &Stub::RateService, request, &response); rc != kExitOk)
    return rc;
  return ShowTicket(session, o.centre, response, response.ticket());
}

// The options every counter command takes; returns the shared option block.
std::shared_ptr<ActionOptions> AddCommon(CLI::App* cmd, bool counter_required) {
  auto o = std::make_shared<ActionOptions>();
  cmd->add_option("--centre", o->centre, "centre id")->required();
  auto* counter = cmd->add_option("--counter", o->counter, "counter id");
  if (counter_required) counter->required();
  return o;
}

void AddCounterStateCommand(CLI::App& app, Action* selected, const char* name, const char* help,
                            CounterCall call) {
  CLI::App* cmd = app.add_subcommand(name, help);
  auto o = AddCommon(cmd, true);
  cmd->add_option("--clerk", o->clerk, "clerk id")->required();
  cmd->add_option("--reason", o->reason, "why (pause: lunch, meeting, system down)");
  cmd->callback(
      [o, call, selected] { *selected = [o, call](Session& s) { return RunCounter(s, call, *o); }; });
}

void AddTicketCommand(CLI::App& app, Action* selected, const char* name, const char* help, TicketCall call,
                      bool number_required) {
  CLI::App* cmd = app.add_subcommand(name, help);
  auto o = AddCommon(cmd, true);
  cmd->add_option("--clerk", o->clerk, "clerk id (default: the counter's clerk)");
  auto* number = cmd->add_option("number", o->number, "ticket number (default: the ticket at the counter)");
  if (number_required) number->required();
  cmd->callback(
      [o, call, selected] { *selected = [o, call](Session& s) { return RunTicketAction(s, call, *o); }; });
}

}  // namespace

void AddCounterCommands(CLI::App& app, Action* selected) {
  AddCounterStateCommand(app, selected, "open", "Open a counter for a clerk (OpenCounter)",
                         &Stub::OpenCounter);
  AddCounterStateCommand(app, selected, "pause", "Pause a free counter (PauseCounter)", &Stub::PauseCounter);
  AddCounterStateCommand(app, selected, "close", "Close a free counter (CloseCounter)", &Stub::CloseCounter);

  CLI::App* cmd = app.add_subcommand("call-next", "Call the next ticket to a counter (CallNext)");
  auto next = AddCommon(cmd, true);
  cmd->add_option("--clerk", next->clerk, "clerk id (default: the counter's clerk)");
  cmd->callback([next, selected] { *selected = [next](Session& s) { return RunCallNext(s, *next); }; });

  AddTicketCommand(app, selected, "call", "Call a specific ticket (CallTicket)", &Stub::CallTicket, true);
  AddTicketCommand(app, selected, "recall", "Call the ticket again (Recall)", &Stub::Recall, false);
  AddTicketCommand(app, selected, "start", "Start serving (StartServing)", &Stub::StartServing, false);
  AddTicketCommand(app, selected, "complete", "Finish serving (Complete)", &Stub::Complete, false);
  AddTicketCommand(app, selected, "no-show", "Mark the citizen absent (MarkNoShow)", &Stub::MarkNoShow,
                   false);
  AddTicketCommand(app, selected, "park", "Set the ticket aside (Park)", &Stub::Park, false);

  cmd = app.add_subcommand("resume", "Resume a parked ticket (Resume)");
  auto resume = AddCommon(cmd, false);
  cmd->add_option("--clerk", resume->clerk, "clerk id");
  cmd->add_option("number", resume->number, "the parked ticket")->required();
  cmd->callback([resume, selected] {
    *selected = [resume](Session& s) { return RunTicketAction(s, &Stub::Resume, *resume); };
  });

  cmd = app.add_subcommand("transfer", "Hand a ticket to another field or counter (Transfer)");
  auto transfer = AddCommon(cmd, true);
  cmd->add_option("--clerk", transfer->clerk, "clerk id");
  cmd->add_option("number", transfer->number, "ticket number (default: the ticket at the counter)");
  cmd->add_option("--to-field", transfer->to_field, "field it waits in next");
  cmd->add_option("--to-counter", transfer->to_counter, "only this counter may call it");
  cmd->add_flag("--requeue-at-end", transfer->requeue_at_end, "queue from now instead of the issue time");
  cmd->callback(
      [transfer, selected] { *selected = [transfer](Session& s) { return RunTransfer(s, *transfer); }; });

  cmd = app.add_subcommand("rate", "The citizen's rating of a finished ticket (RateService)");
  auto rate = AddCommon(cmd, true);
  cmd->add_option("--clerk", rate->clerk, "clerk id (checked against the clerk who served it)");
  cmd->add_option("number", rate->number, "the DONE ticket")->required();
  cmd->add_option("--rating", rate->rating, "very: Rất hài lòng, ok: Hài lòng, bad: Không hài lòng")
      ->required()
      ->check(CLI::IsMember({"very", "ok", "bad"}));
  cmd->callback([rate, selected] { *selected = [rate](Session& s) { return RunRate(s, *rate); }; });
}

}  // namespace qms::ctl

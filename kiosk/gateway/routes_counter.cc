// Routes of the counter console: POST /api/c/{centre}/counters/{counter}/{action}
// with the action's request as the body (the centre and the counter come
// from the address). Two clerks can never take the same ticket: the server
// decides, and its refusal (FAILED_PRECONDITION) reaches the page as is.
#include <map>

#include "kiosk/gateway/gateway_parts.h"
#include "kiosk/gateway/request_checks.h"

namespace qms::gateway {

namespace {

using CounterCall = ServerLink::Method<v1::CounterService::Stub, v1::CounterRequest, v1::CounterResponse>;
using TicketCall = ServerLink::Method<v1::CounterService::Stub, v1::TicketActionRequest, v1::TicketResponse>;

const std::map<std::string, CounterCall>& CounterActions() {
  using A = v1::CounterService::Stub::async_interface;
  static const std::map<std::string, CounterCall> actions = {
      {"open", &A::OpenCounter}, {"pause", &A::PauseCounter}, {"close", &A::CloseCounter}};
  return actions;
}

const std::map<std::string, TicketCall>& TicketActions() {
  using A = v1::CounterService::Stub::async_interface;
  static const std::map<std::string, TicketCall> actions = {
      {"call", &A::CallTicket},   {"recall", &A::Recall},      {"start", &A::StartServing},
      {"complete", &A::Complete}, {"no-show", &A::MarkNoShow}, {"park", &A::Park},
      {"resume", &A::Resume}};
  return actions;
}

Status CheckClerkAndNumber(const std::string& clerk, const std::string& number, bool number_required) {
  if (Status s = CheckIdentifier(clerk, "clerk_id", false); !s.ok()) return s;
  if (number.empty() && !number_required) return Status::Ok();
  return CheckTicketNumber(number);
}

struct Target {
  std::string centre;
  std::string counter;
};

// The centre and counter of the address, checked; empty centre when refused.
Target TargetOf(const GatewayParts& parts, const PathParams& p, const ExchangePtr& ex) {
  Target t{ServedCentre(parts, p, ex), p.at("counter")};
  if (!t.centre.empty() && !Accept(CheckIdentifier(t.counter, "counter", true), ex)) t.centre.clear();
  return t;
}

void RunCounterAction(GatewayParts* parts, const Target& t, const std::string& action, const HttpRequest& r,
                      const ExchangePtr& ex) {
  v1::CounterRequest request;
  if (!ParseBody(r, &request, ex) || !SamePathValue(request.mutable_centre_id(), t.centre, "centre_id", ex) ||
      !SamePathValue(request.mutable_counter_id(), t.counter, "counter_id", ex) ||
      !Accept(CheckIdentifier(request.clerk_id(), "clerk_id", false), ex) ||
      !Accept(CheckFreeText(request.reason(), "reason", 200), ex))
    return;
  if (action == "call-next") {
    parts->link->Call(PageRole::kCounter, t.centre, parts->link->counters(),
                      &v1::CounterService::Stub::async_interface::CallNext, std::move(request),
                      ReplyWith<v1::TicketResponse>(ex), r.bearer);
    return;
  }
  const CounterCall call = CounterActions().at(action);
  parts->link->Call(PageRole::kCounter, t.centre, parts->link->counters(), call, std::move(request),
                    ReplyWith<v1::CounterResponse>(ex), r.bearer);
}

void RunTicketAction(GatewayParts* parts, const Target& t, TicketCall call, bool number_required,
                     const HttpRequest& r, const ExchangePtr& ex) {
  v1::TicketActionRequest request;
  if (!ParseBody(r, &request, ex) || !SamePathValue(request.mutable_centre_id(), t.centre, "centre_id", ex) ||
      !SamePathValue(request.mutable_counter_id(), t.counter, "counter_id", ex) ||
      !Accept(CheckClerkAndNumber(request.clerk_id(), request.number(), number_required), ex))
    return;
  parts->link->Call(PageRole::kCounter, t.centre, parts->link->counters(), call, std::move(request),
                    ReplyWith<v1::TicketResponse>(ex), r.bearer);
}

void RunTransfer(GatewayParts* parts, const Target& t, const HttpRequest& r, const ExchangePtr& ex) {
  v1::TransferRequest request;
  if (!ParseBody(r, &request, ex) || !SamePathValue(request.mutable_centre_id(), t.centre, "centre_id", ex) ||
      !SamePathValue(request.mutable_counter_id(), t.counter, "counter_id", ex) ||
      !Accept(CheckClerkAndNumber(request.clerk_id(), request.number(), false), ex) ||
      !Accept(CheckIdentifier(request.to_field_id(), "to_field_id", false, 32), ex) ||
      !Accept(CheckIdentifier(request.to_counter_id(), "to_counter_id", false), ex))
    return;
  if (request.to_field_id().empty() && request.to_counter_id().empty())
    return ex->Reply(BadRequest(InvalidArgument("give to_field_id, to_counter_id or both")));
  parts->link->Call(PageRole::kCounter, t.centre, parts->link->counters(),
                    &v1::CounterService::Stub::async_interface::Transfer, std::move(request),
                    ReplyWith<v1::TicketResponse>(ex), r.bearer);
}

}  // namespace

void AddCounterRoutes(Router* router, GatewayParts* parts) {
  router->Add("POST", "/api/c/{centre}/counters/{counter}/{action}",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string& action = p.at("action");
                const Target t = TargetOf(*parts, p, ex);
                if (t.centre.empty()) return;
                if (action == "call-next" || CounterActions().count(action)) {
                  return RunCounterAction(parts, t, action, r, ex);
                }
                if (auto it = TicketActions().find(action); it != TicketActions().end()) {
                  // Calling a chosen ticket and resuming a parked one need its number.
                  const bool number_required = action == "call" || action == "resume";
                  return RunTicketAction(parts, t, it->second, number_required, r, ex);
                }
                if (action == "transfer") return RunTransfer(parts, t, r, ex);
                ex->Reply(ErrorReply(404, "NOT_FOUND", "Không có thao tác này.",
                                     "There is no such counter action.", action.substr(0, 32)));
              });
}

}  // namespace qms::gateway

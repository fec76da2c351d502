// Routes of the kiosk and the phone's ticket page: the centre, issuing,
// reading, cancelling and reprinting a ticket, its preview and QR code.
#include <algorithm>

#include "kiosk/gateway/gateway_parts.h"
#include "kiosk/gateway/request_checks.h"
#include "kiosk/print/qr_code.h"

namespace qms::gateway {

namespace {

Status CheckIssue(const v1::IssueTicketRequest& r) {
  if (Status s = CheckIdentifier(r.field_id(), "field_id", true, 32); !s.ok()) return s;
  if (Status s = CheckIdentifier(r.request_id(), "request_id", true); !s.ok()) return s;
  const std::string& id = r.citizen_id();
  if (!id.empty() && ((id.size() != 12 && id.size() != 9) ||
                      !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })))
    return InvalidArgument("citizen_id must be 12 digits (CCCD) or 9 digits (CMND)");
  return Status::Ok();
}

// The {number} of the path when it is a ticket number; else answers 400.
std::string TicketNumber(const PathParams& params, const ExchangePtr& exchange) {
  const std::string& number = params.at("number");
  return Accept(CheckTicketNumber(number), exchange) ? number : "";
}

void CentrePageReply(GatewayParts* parts, const std::string& centre, const ExchangePtr& exchange) {
  auto info = parts->centres->Find(centre);
  if (!info) {
    exchange->Reply(ErrorReply(503, "UNAVAILABLE", "Chưa lấy được thông tin trung tâm từ máy chủ.",
                               "The centre's details could not be read from the server yet.", ""));
    return;
  }
  CentrePage page;
  *page.mutable_centre() = *info;
  page.set_public_url(parts->public_url);
  page.set_printer(parts->printing->HasPrinter(centre));
  page.set_recorded_voice(parts->voice != nullptr && parts->voice->clips() != nullptr);
  exchange->Reply(JsonReply(page));
}

void GetTicket(GatewayParts* parts, const std::string& centre, const std::string& number,
               std::function<void(const grpc::Status&, v1::GetTicketResponse*)> done) {
  v1::GetTicketRequest request;
  request.set_centre_id(centre);
  request.set_number(number);
  parts->link->Call(PageRole::kKiosk, centre, parts->link->intake(),
                    &v1::IntakeService::Stub::async_interface::GetTicket, std::move(request),
                    std::move(done));
}

}  // namespace

void AddKioskRoutes(Router* router, GatewayParts* parts) {
  router->Add("GET", "/api/centres", [parts](const HttpRequest&, const PathParams&, ExchangePtr ex) {
    CentreList list;
    for (const auto& id : parts->centres->served()) {
      if (auto info = parts->centres->Find(id)) {
        *list.add_centres() = *info;
      } else {
        list.add_missing(id);
      }
    }
    ex->Reply(JsonReply(list));
  });

  router->Add("GET", "/api/c/{centre}", [parts](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
    const std::string centre = ServedCentre(*parts, p, ex);
    if (centre.empty()) return;
    if (parts->centres->Find(centre)) return CentrePageReply(parts, centre, ex);
    parts->centres->Refresh(centre, [parts, centre, ex](const grpc::Status& s) {
      if (!s.ok()) return ex->Reply(GrpcErrorReply(s));
      CentrePageReply(parts, centre, ex);
    });
  });

  router->Add("POST", "/api/c/{centre}/tickets",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                v1::IssueTicketRequest request;
                if (centre.empty() || !ParseBody(r, &request, ex) ||
                    !SamePathValue(request.mutable_centre_id(), centre, "centre_id", ex) ||
                    !Accept(CheckIssue(request), ex))
                  return;
                parts->link->Call(
                    PageRole::kKiosk, centre, parts->link->intake(),
                    &v1::IntakeService::Stub::async_interface::IssueTicket, std::move(request),
                    [parts, centre, ex](const grpc::Status& status, v1::IssueTicketResponse* resp) {
                      if (!status.ok()) return ex->Reply(GrpcErrorReply(status));
                      IssuedTicket issued;
                      *issued.mutable_print() = parts->printing->Print(centre, *resp, /*reprint=*/false);
                      issued.set_status_url(parts->printing->StatusUrl(centre, resp->ticket().number()));
                      issued.mutable_issued()->Swap(resp);
                      ex->Reply(JsonReply(issued));
                    });
              });

  router->Add("GET", "/api/c/{centre}/tickets/{number}",
              [parts](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                const std::string number = centre.empty() ? "" : TicketNumber(p, ex);
                if (number.empty()) return;
                GetTicket(parts, centre, number, ReplyWith<v1::GetTicketResponse>(ex));
              });

  router->Add("POST", "/api/c/{centre}/tickets/{number}/cancel",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                const std::string number = centre.empty() ? "" : TicketNumber(p, ex);
                v1::CancelTicketRequest request;
                if (number.empty() || !ParseBody(r, &request, ex) ||
                    !SamePathValue(request.mutable_centre_id(), centre, "centre_id", ex) ||
                    !SamePathValue(request.mutable_number(), number, "number", ex) ||
                    !Accept(CheckFreeText(request.reason(), "reason", 500), ex))
                  return;
                parts->link->Call(PageRole::kKiosk, centre, parts->link->intake(),
                                  &v1::IntakeService::Stub::async_interface::CancelTicket, std::move(request),
                                  ReplyWith<v1::TicketResponse>(ex));
              });

  router->Add("POST", "/api/c/{centre}/tickets/{number}/print",
              [parts](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                const std::string number = centre.empty() ? "" : TicketNumber(p, ex);
                if (number.empty()) return;
                GetTicket(parts, centre, number,
                          [parts, centre, ex](const grpc::Status& s, v1::GetTicketResponse* t) {
                            if (!s.ok()) return ex->Reply(GrpcErrorReply(s));
                            v1::IssueTicketResponse issued;
                            *issued.mutable_ticket() = t->ticket();
                            issued.set_position_ahead(t->position_ahead());
                            issued.set_estimated_wait_minutes(t->estimated_wait_minutes());
                            ex->Reply(JsonReply(parts->printing->Print(centre, issued, /*reprint=*/true)));
                          });
              });

  router->Add("GET", "/api/c/{centre}/tickets/{number}/print",
              [parts](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                const std::string number = centre.empty() ? "" : TicketNumber(p, ex);
                if (!number.empty()) ex->Reply(JsonReply(parts->printing->LastOutcome(centre, number)));
              });

  router->Add(
      "GET", "/c/{centre}/t/{number}/ticket.png",
      [parts](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
        const std::string centre = ServedCentre(*parts, p, ex);
        const std::string number = centre.empty() ? "" : TicketNumber(p, ex);
        if (number.empty()) return;
        GetTicket(
            parts, centre, number, [parts, centre, ex](const grpc::Status& s, v1::GetTicketResponse* t) {
              if (!s.ok()) return ex->Reply(GrpcErrorReply(s));
              parts->printing->Preview(centre, *t, [ex](StatusOr<std::string> png) {
                if (!png.ok()) {
                  return ex->Reply(ErrorReply(500, "INTERNAL", "Không vẽ được vé.",
                                              "The ticket could not be drawn.", png.status().message()));
                }
                ex->Reply({200, "image/png", std::move(*png), {{"Cache-Control", "no-store"}}});
              });
            });
      });

  router->Add("GET", "/c/{centre}/t/{number}/qr.svg",
              [parts](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                const std::string number = centre.empty() ? "" : TicketNumber(p, ex);
                if (number.empty()) return;
                ex->Reply({200,
                           "image/svg+xml",
                           print::QrSvg(parts->printing->StatusUrl(centre, number)),
                           {{"Cache-Control", "max-age=86400"}}});
              });
}

}  // namespace qms::gateway

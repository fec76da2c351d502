// What the gateway's routes share: the link to the server, the live feeds,
// the centres, printing, voice and the worker pool, plus the helpers every
// route uses to check its input and answer. Each routes_*.cc adds one
// family of routes (docs/gateway.md lists them all).
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <string>

#include "kiosk/gateway/centre_directory.h"
#include "kiosk/gateway/feed_hub.h"
#include "kiosk/gateway/json_mapping.h"
#include "kiosk/gateway/router.h"
#include "kiosk/gateway/server_link.h"
#include "kiosk/gateway/ticket_printing.h"
#include "kiosk/voice/voice.h"

namespace qms::gateway {

struct GatewayParts {
  const ServerLink* link = nullptr;
  FeedHub* hub = nullptr;
  CentreDirectory* centres = nullptr;
  TicketPrinting* printing = nullptr;
  voice::Voice* voice = nullptr;  // null: no voice (the board shows calls only)
  boost::asio::thread_pool* pool = nullptr;
  std::string web_dir;     // the built pages
  std::string public_url;  // how phones reach the gateway
  std::string listen;      // the address it listens on
  std::function<size_t()> open_connections;
};

void AddPageRoutes(Router* router, GatewayParts* parts);
void AddKioskRoutes(Router* router, GatewayParts* parts);
void AddCounterRoutes(Router* router, GatewayParts* parts);
void AddDossierRoutes(Router* router, GatewayParts* parts);
void AddBoardRoutes(Router* router, GatewayParts* parts);
void AddDashboardRoutes(Router* router, GatewayParts* parts);

// ---------------------------------------------------------------- helpers

// The {centre} of the path when the gateway serves it; else answers 404 and
// returns empty.
std::string ServedCentre(const GatewayParts& parts, const PathParams& params, const ExchangePtr& exchange);

// Parses the body into `out`; answers 400 and returns false when it cannot.
bool ParseBody(const HttpRequest& request, google::protobuf::Message* out, const ExchangePtr& exchange);

// Answers 400 and returns false when `status` is not OK.
bool Accept(const Status& status, const ExchangePtr& exchange);

// The callback of a call whose response is the reply.
template <class Response>
std::function<void(const grpc::Status&, Response*)> ReplyWith(ExchangePtr exchange) {
  return [exchange = std::move(exchange)](const grpc::Status& status, Response* response) {
    exchange->Reply(status.ok() ? JsonReply(*response) : GrpcErrorReply(status));
  };
}

// A body field that must match the path (or be left empty, then set).
bool SamePathValue(std::string* body_value, const std::string& path_value, const char* name,
                   const ExchangePtr& exchange);

}  // namespace qms::gateway

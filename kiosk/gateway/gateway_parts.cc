#include "kiosk/gateway/gateway_parts.h"

namespace qms::gateway {

std::string ServedCentre(const GatewayParts& parts, const PathParams& params, const ExchangePtr& exchange) {
  auto it = params.find("centre");
  const std::string centre = it == params.end() ? "" : it->second;
  if (!centre.empty() && parts.centres->Serves(centre)) return centre;
  exchange->Reply(ErrorReply(404, "NOT_FOUND",
                             "Cổng này không phục vụ trung tâm " + centre.substr(0, 16) + ".",
                             "This gateway does not serve centre " + centre.substr(0, 16) + ".", ""));
  return "";
}

bool ParseBody(const HttpRequest& request, google::protobuf::Message* out, const ExchangePtr& exchange) {
  if (!request.body.empty() && request.content_type.find("json") == std::string::npos) {
    exchange->Reply(ErrorReply(415, "INVALID_ARGUMENT", "Yêu cầu không hợp lệ.", "The body must be JSON.",
                               "Content-Type: application/json"));
    return false;
  }
  return Accept(FromJson(request.body, out), exchange);
}

bool Accept(const Status& status, const ExchangePtr& exchange) {
  if (status.ok()) return true;
  exchange->Reply(BadRequest(status));
  return false;
}

bool SamePathValue(std::string* body_value, const std::string& path_value, const char* name,
                   const ExchangePtr& exchange) {
  if (body_value->empty() || *body_value == path_value) {
    *body_value = path_value;
    return true;
  }
  return Accept(InvalidArgument(std::string(name) + " in the body differs from the one in the address"),
                exchange);
}

}  // namespace qms::gateway

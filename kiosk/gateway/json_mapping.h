// JSON at the gateway's edge. Protobuf messages go to and from JSON only
// through protobuf's own JSON utilities (field names as in the .proto,
// enums by name, int64 as strings, every field printed). Errors are one
// envelope for every failure, in Vietnamese and English:
//   {"error": {"code": "RESOURCE_EXHAUSTED", "http": 429,
//              "message_vi": "...", "message_en": "...", "detail": "..."}}
// where `detail` is the server's own message when there is one.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include <string>

#include "kiosk/gateway/http_types.h"
#include "services/base/status.h"

namespace qms::gateway {

// The message as JSON.
std::string ToJson(const google::protobuf::Message& message);
// Parses `json` into `out`. INVALID_ARGUMENT saying what is wrong (not JSON,
// an unknown field, a wrong type) when it cannot.
[[nodiscard]] Status FromJson(const std::string& json, google::protobuf::Message* out);

HttpReply JsonReply(const google::protobuf::Message& message);
HttpReply ErrorReply(int http_status, const std::string& code, const std::string& message_vi,
                     const std::string& message_en, const std::string& detail);
// A refusal of the gateway's own input checks (400, INVALID_ARGUMENT).
HttpReply BadRequest(const Status& status);
// The server's answer as the envelope, with the HTTP status that matches
// its code and a plain explanation of what it means for the user.
HttpReply GrpcErrorReply(const grpc::Status& status);
int HttpStatusOf(grpc::StatusCode code);

}  // namespace qms::gateway

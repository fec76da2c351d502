#include "services/access/access_gate.h"

#include "qms/request_parsing.h"

namespace qms::access {

Status AccessGate::Admit(const grpc::CallbackServerContext* ctx, const google::protobuf::Message& request,
                         const std::string& centre_id, Role needed, CallContext* out) const {
  if (std::string error = proto::RequestParseError(request); !error.empty()) return InvalidArgument(error);
  out->centre_id = centre_id;
  out->needed = needed;
  out->peer = ctx->peer();
  out->caller = "anonymous";
  const auto& metadata = ctx->client_metadata();
  auto it = metadata.find("authorization");
  if (it != metadata.end()) {
    const std::string value(it->second.data(), it->second.size());
    const std::string bearer = "Bearer ";
    if (value.compare(0, bearer.size(), bearer) != 0) {
      return Unauthenticated("authorization metadata must be \"Bearer <token>\"");
    }
    out->caller = value.substr(bearer.size());
  }
  return Status::Ok();
}

}  // namespace qms::access

#include "services/echo_service/echo_service.h"

#include "qms/request_parsing.h"

namespace qms {

grpc::ServerUnaryReactor* EchoServiceImpl::Echo(grpc::CallbackServerContext* context,
                                                const qms::v1::EchoRequest* request,
                                                qms::v1::EchoReply* reply) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (std::string error = proto::RequestParseError(*request); !error.empty()) {
    reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, error));
    return reactor;
  }
  reply->set_payload(request->payload());
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace qms

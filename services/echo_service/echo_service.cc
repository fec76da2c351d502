#include "services/echo_service/echo_service.h"

namespace qms {

grpc::ServerUnaryReactor* EchoServiceImpl::Echo(grpc::CallbackServerContext* context,
                                                const qms::v1::EchoRequest* request,
                                                qms::v1::EchoReply* reply) {
  reply->set_payload(request->payload());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace qms

#ifndef QMS_SERVICES_ECHO_SERVICE_ECHO_SERVICE_H_
#define QMS_SERVICES_ECHO_SERVICE_ECHO_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include "qms/v1/echo.grpc.pb.h"

namespace qms {

// qms.v1.EchoService on the gRPC callback API: answers every Echo with the
// request's payload and does nothing else, so that qms-bench measures what
// the transport costs on this machine (the ceiling for every other service).
//
// Thread safety: stateless; one instance may serve any number of calls.
class EchoServiceImpl final : public qms::v1::EchoService::CallbackService {
 public:
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context, const qms::v1::EchoRequest* request,
                                 qms::v1::EchoReply* reply) override;
};

}  // namespace qms

#endif  // QMS_SERVICES_ECHO_SERVICE_ECHO_SERVICE_H_

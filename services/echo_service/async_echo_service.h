// AsyncEchoService: the same EchoService on gRPC's asynchronous
// completion-queue API, with one polling thread per queue. qms-server runs
// it instead of the callback one with `--echo-api async`, so qms-bench can
// compare the two server APIs on this machine (DESIGN.md section 5).
//
// Lifecycle: Attach() before the server is built; Start() after; Stop()
// after Server::Shutdown() and before the server is destroyed.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <thread>
#include <vector>

#include "qms/v1/echo.grpc.pb.h"

namespace qms {

class AsyncEchoService {
 public:
  explicit AsyncEchoService(int threads) : threads_(threads) {}
  ~AsyncEchoService() { Stop(); }

  void Attach(grpc::ServerBuilder* builder);
  void Start();
  void Stop();

 private:
  void Poll(grpc::ServerCompletionQueue* cq);

  int threads_;
  v1::EchoService::AsyncService service_;
  std::vector<std::unique_ptr<grpc::ServerCompletionQueue>> queues_;
  std::vector<std::thread> pollers_;
};

}  // namespace qms

#ifndef QMS_TESTS_BENCH_FAKE_QUEUE_SERVER_H_
#define QMS_TESTS_BENCH_FAKE_QUEUE_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace qms::bench::testing {

// An in-memory stand-in for qms-server's queue services (Directory, Intake,
// Counter, Watch) plus EchoService, on 127.0.0.1 with an ephemeral port, so
// that every qms-bench mode can be smoke-tested without the real server. It
// follows the contract's rules that the bench depends on: idempotent issue,
// CallNext NOT_FOUND on an empty queue and FAILED_PRECONDITION while the
// counter holds a ticket, Complete from CALLED or SERVING, MarkNoShow from
// CALLED, a snapshot first on every watch stream. Nothing is durable.
//
// Centres are "10001".."1000N", fields chung_thuc (A) and ho_tich (B);
// counter "1" serves both, counter "2" serves chung_thuc only.
class FakeQueueServer {
 public:
  explicit FakeQueueServer(int centres);
  ~FakeQueueServer();

  // "127.0.0.1:PORT"
  std::string target() const;

 private:
  class State;
  class Services;
  std::unique_ptr<State> state_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace qms::bench::testing

#endif  // QMS_TESTS_BENCH_FAKE_QUEUE_SERVER_H_

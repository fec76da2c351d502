// ServerLink: the gateway's one gRPC channel to qms-server, its stubs, and
// the call context every call starts from: a deadline and the bearer token
// of the page role and centre it serves. gRPC reconnects the channel by
// itself, with backoff; the link only reports its state.
//
// Unary calls are asynchronous (the callback API): `Call` returns at once
// and `done` runs on a gRPC thread with the status and the response.
// Thread-safe.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "kiosk/gateway/token_book.h"
#include "qms/client_credentials.h"
#include "qms/v1/deadline.grpc.pb.h"
#include "qms/v1/queue.grpc.pb.h"
#include "services/base/status.h"

namespace qms::gateway {

// Keeps a template parameter out of deduction (std::type_identity, C++20).
template <class T>
struct TypeIdentity {
  using type = T;
};
template <class T>
using NotDeduced = typename TypeIdentity<T>::type;

class ServerLink {
 public:
  // The channel to `target` with the link's reconnect settings, over
  // plaintext, TLS or mutual TLS as `tls` says. INVALID_ARGUMENT as
  // proto::MakeChannelCredentials (a missing or wrong file, named).
  [[nodiscard]] static StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(
      const std::string& target, const proto::ClientTlsOptions& tls);
  // `channel`: to `target`, from OpenChannel.
  ServerLink(const std::string& target, std::shared_ptr<grpc::Channel> channel, TokenBook tokens,
             std::chrono::milliseconds deadline);

  // A context with the deadline and the role's token for `centre`, or
  // `page_token` instead when a page sent its own (a clerk's token).
  std::unique_ptr<grpc::ClientContext> Context(PageRole role, const std::string& centre,
                                               const std::string& page_token = {}) const;
  // As Context, without a deadline: for streams that live as long as the page.
  std::unique_ptr<grpc::ClientContext> StreamContext(PageRole role, const std::string& centre,
                                                     const std::string& page_token = {}) const;

  // A unary method of a stub's callback API, e.g.
  // &v1::IntakeService::Stub::async_interface::GetTicket.
  template <class Stub, class Request, class Response>
  using Method = void (Stub::async_interface::*)(grpc::ClientContext*, const Request*, Response*,
                                                 std::function<void(grpc::Status)>);

  // Runs one unary call of `stub` with the role's context (or `page_token`,
  // as Context) and returns at once; `done` gets the status and the
  // response (meaningful when OK) on a gRPC thread.
  template <class Stub, class Request, class Response>
  void Call(PageRole role, const std::string& centre, Stub* stub, Method<Stub, Request, Response> method,
            Request request, std::function<void(const grpc::Status&, NotDeduced<Response>*)> done,
            const std::string& page_token = {}) const {
    struct State {
      std::unique_ptr<grpc::ClientContext> ctx;
      Request request;
      Response response;
    };
    auto state = std::make_shared<State>();
    state->ctx = Context(role, centre, page_token);
    state->request = std::move(request);
    (stub->async()->*method)(
        state->ctx.get(), &state->request, &state->response,
        [state, done = std::move(done)](grpc::Status status) { done(status, &state->response); });
  }

  v1::IntakeService::Stub* intake() const { return intake_.get(); }
  v1::CounterService::Stub* counters() const { return counters_.get(); }
  v1::WatchService::Stub* watch() const { return watch_.get(); }
  v1::DirectoryService::Stub* directory() const { return directory_.get(); }
  v1::DeadlineService::Stub* deadline() const { return deadline_.get(); }
  v1::StatsService::Stub* stats() const { return stats_.get(); }

  // "READY", "CONNECTING", "TRANSIENT_FAILURE", "IDLE" or "SHUTDOWN".
  std::string ChannelState() const;
  const std::string& target() const { return target_; }

 private:
  const std::string target_;
  const TokenBook tokens_;
  const std::chrono::milliseconds call_timeout_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
  std::unique_ptr<v1::CounterService::Stub> counters_;
  std::unique_ptr<v1::WatchService::Stub> watch_;
  std::unique_ptr<v1::DirectoryService::Stub> directory_;
  std::unique_ptr<v1::DeadlineService::Stub> deadline_;
  std::unique_ptr<v1::StatsService::Stub> stats_;
};

}  // namespace qms::gateway

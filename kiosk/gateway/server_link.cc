#include "kiosk/gateway/server_link.h"

namespace qms::gateway {

StatusOr<std::shared_ptr<grpc::Channel>> ServerLink::OpenChannel(const std::string& target,
                                                                 const proto::ClientTlsOptions& tls) {
  grpc::ChannelArguments args;
  // Reconnect quickly after the server comes back: the pages show the link
  // state, and a centre waits for it.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 250);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 250);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  return proto::CreateClientChannel(target, tls, std::move(args));
}

ServerLink::ServerLink(const std::string& target, std::shared_ptr<grpc::Channel> channel, TokenBook tokens,
                       std::chrono::milliseconds deadline)
    : target_(target), tokens_(std::move(tokens)), call_timeout_(deadline), channel_(std::move(channel)) {
  intake_ = v1::IntakeService::NewStub(channel_);
  counters_ = v1::CounterService::NewStub(channel_);
  watch_ = v1::WatchService::NewStub(channel_);
  directory_ = v1::DirectoryService::NewStub(channel_);
  deadline_ = v1::DeadlineService::NewStub(channel_);
  stats_ = v1::StatsService::NewStub(channel_);
}

std::unique_ptr<grpc::ClientContext> ServerLink::StreamContext(PageRole role,
                                                               const std::string& centre) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  const std::string& token = tokens_.TokenFor(role, centre);
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  return ctx;
}

std::unique_ptr<grpc::ClientContext> ServerLink::Context(PageRole role, const std::string& centre) const {
  auto ctx = StreamContext(role, centre);
  ctx->set_deadline(std::chrono::system_clock::now() + call_timeout_);
  return ctx;
}

std::string ServerLink::ChannelState() const {
  switch (channel_->GetState(/*try_to_connect=*/true)) {
    case GRPC_CHANNEL_IDLE: return "IDLE";
    case GRPC_CHANNEL_CONNECTING: return "CONNECTING";
    case GRPC_CHANNEL_READY: return "READY";
    case GRPC_CHANNEL_TRANSIENT_FAILURE: return "TRANSIENT_FAILURE";
    case GRPC_CHANNEL_SHUTDOWN: return "SHUTDOWN";
  }
  return "UNKNOWN";
}

}  // namespace qms::gateway

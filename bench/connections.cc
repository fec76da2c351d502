#include "bench/connections.h"

#include <grpc/grpc.h>

#include <algorithm>

namespace qms::bench {
namespace {

std::string StripScheme(std::string target) {
  for (const char* scheme : {"dns:///", "dns:", "ipv4:", "ipv6:"}) {
    const std::string prefix(scheme);
    if (target.compare(0, prefix.size(), prefix) == 0) return target.substr(prefix.size());
  }
  return target;
}

std::string HostOf(const std::string& address) {
  if (!address.empty() && address.front() == '[') {
    const size_t close = address.find(']');
    return close == std::string::npos ? address : address.substr(1, close - 1);
  }
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) return address;
  // More than one colon without brackets: a bare IPv6 address, no port.
  if (address.find(':') != colon) return address;
  return address.substr(0, colon);
}

}  // namespace

bool IsLoopbackTarget(const std::string& target) {
  if (target.compare(0, 5, "unix:") == 0) return true;
  const std::string host = HostOf(StripScheme(target));
  if (host == "localhost" || host == "::1") return true;
  return host.compare(0, 4, "127.") == 0 && host.find_first_not_of("0123456789.") == std::string::npos;
}

grpc::Status Connections::Open(const ConnectionOptions& options, std::unique_ptr<Connections>* out) {
  if (!options.allow_remote && !IsLoopbackTarget(options.target)) {
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        "target " + options.target + " is not loopback; pass --allow-remote to load a remote server");
  }
  auto credentials = proto::MakeChannelCredentials(options.tls);
  if (!credentials.ok())
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, credentials.status().message());
  std::unique_ptr<Connections> connections(new Connections(options));
  const int count = std::max(1, options.channels);
  const auto deadline =
      std::chrono::system_clock::now() +
      std::chrono::milliseconds(static_cast<int64_t>(options.connect_timeout_seconds * 1000));
  for (int i = 0; i < count; ++i) {
    grpc::ChannelArguments arguments;
    arguments.SetInt("qms.bench.channel_index", i);
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
    proto::AddTlsChannelArguments(options.tls, &arguments);
    auto channel = grpc::CreateCustomChannel(options.target, *credentials, arguments);
    if (!channel->WaitForConnected(deadline)) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                          "cannot connect to " + options.target + " (" + proto::Describe(options.tls) +
                              "); is the server running, and over the same transport?");
    }
    connections->channels_.push_back(std::move(channel));
  }
  *out = std::move(connections);
  return grpc::Status::OK;
}

}  // namespace qms::bench

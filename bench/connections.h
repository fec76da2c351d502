#ifndef QMS_BENCH_CONNECTIONS_H_
#define QMS_BENCH_CONNECTIONS_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "bench/unary_call.h"
#include "qms/client_credentials.h"

namespace qms::bench {

struct ConnectionOptions {
  std::string target = "127.0.0.1:50051";
  int channels = 2;  // separate TCP connections, shared round-robin by workers
  CallSettings call;
  double connect_timeout_seconds = 10;
  // The bench refuses anything but loopback unless told otherwise: a load
  // test pointed at a shared server by mistake is an outage.
  bool allow_remote = false;
  proto::ClientTlsOptions tls;  // --tls-*: plaintext unless --tls-ca
};

// True for 127.0.0.0/8, ::1, localhost and unix sockets, with or without a
// gRPC scheme prefix ("ipv4:", "ipv6:", "dns:///").
bool IsLoopbackTarget(const std::string& target);

// The channels of one run. Each channel is its own connection (a unique
// channel argument stops gRPC from sharing subchannels).
// Thread safety: immutable after Open(); channels are thread-safe.
class Connections {
 public:
  // Fails with INVALID_ARGUMENT for a non-loopback target (unless allowed)
  // or TLS options that do not hold (a missing file, a key that is not the
  // certificate's), and UNAVAILABLE when the server does not accept
  // connections in time (over TLS: also when the handshake fails).
  [[nodiscard]] static grpc::Status Open(const ConnectionOptions& options, std::unique_ptr<Connections>* out);

  std::shared_ptr<grpc::Channel> ForWorker(int worker_index) const {
    return channels_[static_cast<size_t>(worker_index) % channels_.size()];
  }
  const CallSettings& call_settings() const { return options_.call; }
  const ConnectionOptions& options() const { return options_; }

 private:
  explicit Connections(ConnectionOptions options) : options_(std::move(options)) {}

  ConnectionOptions options_;
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_CONNECTIONS_H_

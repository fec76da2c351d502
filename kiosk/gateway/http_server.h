// HttpServer: HTTP/1.1 on Boost.Beast for the gateway's pages and API,
// over plain TCP or, after ServeHttps, over TLS (HTTPS); everything below
// holds for both.
// Every connection runs on the one io_context given (the gateway runs it on
// one thread); handlers may answer from any thread. Limits keep a broken or
// hostile client from holding memory or connections: a request's header and
// body are bounded (431 and 413), an idle connection is closed, and past
// `max_connections` new ones are closed at once.
//
// The listener binds with SO_REUSEADDR only, never SO_REUSEPORT: a second
// gateway on a busy address fails to start (see Listen).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "kiosk/gateway/router.h"
#include "services/base/status.h"

namespace qms::gateway {

struct HttpLimits {
  size_t header_bytes = 8 * 1024;
  size_t body_bytes = 16 * 1024;
  std::chrono::seconds idle = std::chrono::seconds(60);
  size_t max_connections = 4096;
  // An event stream that has this many frames or bytes waiting is dropped
  // (the browser reconnects and resumes from its last event id).
  size_t stream_frames = 512;
  size_t stream_bytes = 4 * 1024 * 1024;
  std::chrono::seconds stream_heartbeat = std::chrono::seconds(15);
  // An event stream whose one write has not finished after this long is
  // dropped: its client stopped reading and TCP holds the write. So a
  // stalled page is gone, its queue and connection freed, within this time
  // of its write stopping, even on a quiet centre whose queue never fills
  // (docs/gateway.md, "The centre and the live stream").
  std::chrono::milliseconds stream_write_stall = std::chrono::seconds(30);
  // SO_SNDBUF of an event stream's socket. Without it Linux lets a socket
  // whose reader stopped hold up to net.ipv4.tcp_wmem's maximum (4 MB) of
  // kernel memory, and a stalled page's write stalls only once that is full:
  // a thousand stalled pages could hold 4 GB outside the gateway's RSS.
  // A stream that is closed is reset (SO_LINGER 0), so the kernel frees its
  // unsent bytes at once.
  int stream_send_buffer = 64 * 1024;
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context* io, const Router* router, HttpLimits limits);
  ~HttpServer();

  // Serves HTTPS with this PEM certificate chain and private key (TLS 1.2
  // or later) instead of HTTP; plain HTTP on the port then gets a 400 that
  // says to use https, and is closed. INVALID_ARGUMENT naming --https-cert
  // or --https-key and the file when one is missing, unreadable, not PEM,
  // expired, or the key is not the certificate's. Call before Start.
  [[nodiscard]] Status ServeHttps(const std::string& cert_file, const std::string& key_file);
  bool https() const;

  // Binds and listens on "HOST:PORT" (port 0: any free one). FAILED_PRECONDITION
  // naming the address when it is in use; INVALID_ARGUMENT when it does not
  // parse or resolve.
  [[nodiscard]] Status Listen(const std::string& host_port);
  // The address actually bound, e.g. "127.0.0.1:8080".
  std::string address() const;
  uint16_t port() const;
  // Starts accepting; connections are served on the io_context.
  void Start();
  // Stops accepting and closes every connection. Call on the io thread or
  // before the io_context runs.
  void Stop();

  size_t open_connections() const;

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace qms::gateway

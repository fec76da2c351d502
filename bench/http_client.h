#ifndef QMS_BENCH_HTTP_CLIENT_H_
#define QMS_BENCH_HTTP_CLIENT_H_

// The bench's asynchronous HTTP/1.1 client for qms-gateway, on Boost.Asio
// and Beast's tcp_stream (its timeouts): keep-alive connections carrying
// one request at a time, as a page's fetch() does, and event streams as an
// EventSource reads them. Every wait is bounded: connecting and each
// exchange by the request timeout, an open event stream by an idle timeout
// longer than the gateway's 15 s heartbeat.

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench/bench_clock.h"
#include "bench/http_response_parser.h"
#include "bench/sse_parser.h"

namespace qms::bench {

// The gateway's address, from --gateway http://HOST:PORT, resolved once.
struct GatewayAddress {
  std::string host;
  uint16_t port = 80;
  std::string host_header;  // "HOST:PORT"
  std::vector<boost::asio::ip::tcp::endpoint> endpoints;
};

// Parses and resolves `url` ("http://127.0.0.1:8080", a trailing '/'
// allowed). Refuses https, a path, and, unless `allow_remote`, a host that
// is not loopback by name or resolves to an address that is not loopback:
// a load test pointed at a centre's real gateway by mistake is an outage.
bool ResolveGatewayUrl(const std::string& url, bool allow_remote, GatewayAddress* out, std::string* error);

// The outcome of one exchange.
struct HttpReply {
  // Empty when a whole HTTP response arrived, else why not: "CONNECT",
  // "TIMEOUT", "CLOSED" (the gateway closed the connection first),
  // "BAD_RESPONSE" (not HTTP the parser understands).
  std::string failure;
  int status = 0;
  std::string body;
  std::string detail;  // the socket's or parser's message

  bool ok() const { return failure.empty() && status >= 200 && status < 300; }
  // "HTTP_503" for an HTTP error, else the failure; "" when ok().
  std::string ErrorName() const;
};

// One keep-alive connection. Connects on the first request and again after
// the gateway closed it.
// Thread safety: every call, and every callback, on the io_context's one
// thread. Owned by shared_ptr: pending operations hold it.
class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  using Callback = std::function<void(HttpReply)>;

  HttpConnection(boost::asio::io_context* io, const GatewayAddress* address,
                 std::chrono::milliseconds timeout);

  // Sends one request (`json_body` as application/json when not empty) and
  // calls `done` with the reply: always exactly once, within the timeout
  // (twice the timeout at most when a stale keep-alive connection is
  // retried: the gateway closed an idle connection before reading the
  // request, so it was never handled). REQUIRES: !busy().
  void Send(std::string_view method, std::string path, std::string json_body, Callback done);
  // Closes the connection; a request in flight ends with "CLOSED".
  void Close();

  bool busy() const { return static_cast<bool>(done_); }
  uint64_t connects() const { return connects_; }

 private:
  void Connect();
  void Write();
  void Read();
  void OnRead(size_t bytes);
  void Finish(HttpReply reply);
  void Fail(const std::string& failure, const std::string& detail);

  boost::asio::io_context* io_;
  const GatewayAddress* address_;
  std::chrono::milliseconds timeout_;
  boost::beast::tcp_stream stream_;
  bool connected_ = false;
  bool reused_ = false;  // the request went out on a connection used before
  bool retried_ = false;
  std::string request_;
  Callback done_;
  HttpResponseParser parser_;
  std::array<char, 16 * 1024> buffer_{};
  uint64_t connects_ = 0;
};

// One event stream, read as an EventSource would: GET with
// Accept: text/event-stream (and Last-Event-ID when resuming), then events
// until the gateway or Stop() ends it. Each event comes with the moment its
// bytes were read. Reconnecting is the owner's choice: Start again.
// Thread safety: as HttpConnection.
class EventStreamClient : public std::enable_shared_from_this<EventStreamClient> {
 public:
  struct Callbacks {
    // The response headers arrived: 200 with text/event-stream, or not
    // (then on_end follows).
    std::function<void(int status)> on_open;
    std::function<void(const SseEvent& event, TimePoint received)> on_event;
    // The stream ended by itself (never after Stop): "CONNECT", "TIMEOUT",
    // "CLOSED", "HTTP_404", "BAD_RESPONSE", "NOT_EVENT_STREAM"...
    std::function<void(const std::string& why, const std::string& detail)> on_end;
  };

  EventStreamClient(boost::asio::io_context* io, const GatewayAddress* address,
                    std::chrono::milliseconds open_timeout, std::chrono::milliseconds idle_timeout,
                    Callbacks callbacks);

  // REQUIRES: not running (never started, ended, or stopped).
  void Start(const std::string& path, const std::string& last_event_id);
  void Stop();

  bool running() const { return running_; }
  const SseParser* parser() const { return parser_.get(); }

 private:
  // One connection of the stream. Handlers hold it, so an attempt that
  // Stop() abandoned keeps its socket and buffer until its last handler
  // has run (and seen that it is no longer current).
  struct Attempt {
    explicit Attempt(boost::asio::io_context* io) : stream(*io) {}
    boost::beast::tcp_stream stream;
    std::array<char, 16 * 1024> buffer{};
  };

  void Read(const std::shared_ptr<Attempt>& attempt);
  void OnBody(std::string_view bytes);
  bool CheckOpen();
  void End(const std::string& why, const std::string& detail);

  boost::asio::io_context* io_;
  const GatewayAddress* address_;
  std::chrono::milliseconds open_timeout_;
  std::chrono::milliseconds idle_timeout_;
  Callbacks callbacks_;
  std::shared_ptr<Attempt> attempt_;
  std::string request_;
  HttpResponseParser response_;
  std::unique_ptr<SseParser> parser_;
  bool running_ = false;
  bool opened_ = false;
  bool body_failed_ = false;
  TimePoint read_at_;
};

}  // namespace qms::bench

#endif  // QMS_BENCH_HTTP_CLIENT_H_

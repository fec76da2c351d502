// One HTTP connection of HttpServer, and the event stream it may become.
// Internal to http_server.cc; everything here runs on the server's
// io_context unless a comment says otherwise.
//
// A connection is plain TCP or TLS (HTTPS). Both take the same code path:
// every read and write goes through HttpSession::WithStream, which hands
// the operation the connection's stream of either kind; only the start
// (the TLS handshake) differs.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <variant>
#include <vector>

#include "kiosk/gateway/http_server.h"

namespace qms::gateway::internal {

class SessionRegistry;

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  // `tls`: the server's TLS context for HTTPS (outlives the session), or
  // null for plain HTTP.
  HttpSession(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls, const Router* router,
              const HttpLimits* limits, SessionRegistry* registry);
  ~HttpSession();
  // HTTP: reads the first request. HTTPS: the TLS handshake first; a client
  // speaking plain HTTP gets a 400 saying to use https, and is closed.
  void Start();
  void Close();
  // Writes `reply` and then reads the next request (or closes).
  void SendReply(HttpReply reply);
  // Runs `op(stream)` with the connection's stream, PlainStream& or
  // TlsStream&: `op` is written once for both.
  template <class Op>
  void WithStream(Op&& op) {
    std::visit(std::forward<Op>(op), stream_);
  }
  // The TCP layer under either: its timeouts and its socket.
  boost::beast::tcp_stream& tcp();
  // The connection's strand; every operation on it runs there.
  boost::asio::any_io_executor executor() { return tcp().get_executor(); }
  const HttpLimits& limits() const { return *limits_; }

 private:
  void OnDetected(boost::beast::error_code ec, bool tls);
  void RefusePlainHttp();
  void ReadRequest();
  void OnRead(boost::beast::error_code ec);
  HttpRequest Convert();

  std::variant<PlainStream, TlsStream> stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  const Router* router_;
  const HttpLimits* limits_;
  SessionRegistry* registry_;
  std::string peer_;
  bool keep_alive_ = false;
  bool closed_ = false;
};

// The sessions a server has open, so Stop can close them. Thread-safe.
class SessionRegistry {
 public:
  void Add(const std::shared_ptr<HttpSession>& s);
  void Remove(HttpSession* s);
  size_t size() const;
  // Closes each open session on its own executor.
  void CloseAll();

 private:
  mutable std::mutex mu_;
  std::unordered_map<HttpSession*, std::weak_ptr<HttpSession>> sessions_;
};

// Server-sent events on a session's connection. Push and Close may be
// called from any thread.
class SseStream : public EventStream, public std::enable_shared_from_this<SseStream> {
 public:
  explicit SseStream(std::shared_ptr<HttpSession> session);
  // Sends the headers and starts the heartbeat and the close watch.
  void Begin();
  bool Push(std::shared_ptr<const std::string> frame) override;
  void Close() override;
  bool closed() const override;
  void OnClose(std::function<void()> done) override;

 private:
  void WriteNext();
  void Heartbeat();
  void WatchForClose();

  // Drops the stream when the write `generation` is still in flight after
  // limits().stream_write_stall.
  void WatchWrite(uint64_t generation);

  std::shared_ptr<HttpSession> session_;
  boost::asio::steady_timer heartbeat_;
  boost::asio::steady_timer write_stall_;  // io thread only
  uint64_t writes_started_ = 0;            // under mu_
  mutable std::mutex mu_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  size_t queued_bytes_ = 0;
  bool began_ = false;
  bool writing_ = false;
  bool closed_ = false;
  std::vector<std::function<void()>> on_close_;
  char probe_[1];
};

}  // namespace qms::gateway::internal

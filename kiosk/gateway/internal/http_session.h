// One HTTP connection of HttpServer, and the event stream it may become.
// Internal to http_server.cc; everything here runs on the server's
// io_context unless a comment says otherwise.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "kiosk/gateway/http_server.h"

namespace qms::gateway::internal {

class SessionRegistry;

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, const Router* router, const HttpLimits* limits,
              SessionRegistry* registry);
  ~HttpSession();
  void Start();
  void Close();
  // Writes `reply` and then reads the next request (or closes).
  void SendReply(HttpReply reply);
  boost::beast::tcp_stream& stream() { return stream_; }
  const HttpLimits& limits() const { return *limits_; }

 private:
  void ReadRequest();
  void OnRead(boost::beast::error_code ec);
  HttpRequest Convert();

  boost::beast::tcp_stream stream_;
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

  std::shared_ptr<HttpSession> session_;
  boost::asio::steady_timer heartbeat_;
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

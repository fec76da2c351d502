#include "kiosk/gateway/internal/http_session.h"

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/detect_ssl.hpp>

#include "kiosk/gateway/internal/http_request.h"
#include "kiosk/gateway/json_mapping.h"

namespace qms::gateway::internal {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

// A read that ended because the client went away (or its TLS broke): the
// connection closes without an answer.
bool ClientGone(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
         ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::eof ||
         ec == net::ssl::error::stream_truncated || ec.category() == net::error::get_ssl_category();
}

std::shared_ptr<http::response<http::string_body>> Response(HttpReply reply, bool keep_alive) {
  auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(reply.status), 11);
  res->set(http::field::server, "qms-gateway");
  res->set(http::field::content_type, reply.content_type);
  for (const auto& [name, value] : reply.headers) res->set(name, value);
  res->body() = std::move(reply.body);
  res->keep_alive(keep_alive);
  res->prepare_payload();
  return res;
}

std::variant<PlainStream, TlsStream> MakeStream(net::ip::tcp::socket socket, net::ssl::context* tls) {
  if (tls == nullptr)
    return std::variant<PlainStream, TlsStream>(std::in_place_type<PlainStream>, std::move(socket));
  return std::variant<PlainStream, TlsStream>(std::in_place_type<TlsStream>, std::move(socket), *tls);
}

// Answers a request for which no handler has answered.
class SessionExchange final : public Exchange {
 public:
  explicit SessionExchange(std::shared_ptr<HttpSession> session) : session_(std::move(session)) {}
  ~SessionExchange() override {
    if (!answered_.exchange(true)) {
      Post(ErrorReply(500, "INTERNAL", "Lỗi hệ thống.", "The gateway did not answer this request.", ""));
    }
  }
  void Reply(HttpReply reply) override {
    if (answered_.exchange(true)) return;
    Post(std::move(reply));
  }
  std::shared_ptr<EventStream> StartEventStream() override {
    answered_ = true;
    auto stream = std::make_shared<SseStream>(session_);
    net::post(session_->executor(), [stream] { stream->Begin(); });
    return stream;
  }

 private:
  void Post(HttpReply reply) {
    net::post(session_->executor(), [session = session_, reply = std::move(reply)]() mutable {
      session->SendReply(std::move(reply));
    });
  }
  std::shared_ptr<HttpSession> session_;
  std::atomic<bool> answered_{false};
};

}  // namespace

// ---------------------------------------------------------------- session

HttpSession::HttpSession(net::ip::tcp::socket socket, net::ssl::context* tls, const Router* router,
                         const HttpLimits* limits, SessionRegistry* registry)
    : stream_(MakeStream(std::move(socket), tls)), router_(router), limits_(limits), registry_(registry) {
  beast::error_code ec;
  const auto remote = tcp().socket().remote_endpoint(ec);
  if (!ec) peer_ = remote.address().to_string() + ":" + std::to_string(remote.port());
}

HttpSession::~HttpSession() { registry_->Remove(this); }

beast::tcp_stream& HttpSession::tcp() {
  return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); }, stream_);
}

void HttpSession::Start() {
  registry_->Add(shared_from_this());
  if (std::holds_alternative<PlainStream>(stream_)) return ReadRequest();
  // The handshake is bounded like a request: a client that connects and
  // says nothing is closed at the idle limit.
  tcp().expires_after(limits_->idle);
  beast::async_detect_ssl(tcp(), buffer_, [self = shared_from_this()](beast::error_code ec, bool tls) {
    self->OnDetected(ec, tls);
  });
}

void HttpSession::OnDetected(beast::error_code ec, bool tls) {
  if (closed_) return;
  if (ec) return Close();
  if (!tls) return RefusePlainHttp();
  // The bytes detect_ssl read are the start of the handshake.
  std::get<TlsStream>(stream_).async_handshake(
      net::ssl::stream_base::server, buffer_.data(),
      [self = shared_from_this()](beast::error_code handshake_error, size_t used) {
        if (self->closed_) return;
        if (handshake_error) return self->Close();
        self->buffer_.consume(used);
        self->ReadRequest();
      });
}

// Plain HTTP on the HTTPS port: one answer in plain text, so a person who
// typed http:// sees why, then the connection closes. Nothing of the
// request is served.
void HttpSession::RefusePlainHttp() {
  auto res =
      Response(ErrorReply(400, "INVALID_ARGUMENT", "Cổng này chỉ nhận HTTPS: hãy mở địa chỉ bằng https://",
                          "This port serves HTTPS only: open the address with https://", ""),
               false);
  http::async_write(tcp(), *res,
                    [self = shared_from_this(), res](beast::error_code, size_t) { self->Close(); });
}

void HttpSession::ReadRequest() {
  if (closed_) return;
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(limits_->header_bytes));
  parser_->body_limit(limits_->body_bytes);
  tcp().expires_after(limits_->idle);
  WithStream([this](auto& s) {
    http::async_read(s, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  });
}

HttpRequest HttpSession::Convert() { return ToHttpRequest(parser_->get(), peer_); }

void HttpSession::OnRead(beast::error_code ec) {
  if (closed_) return;
  if (ClientGone(ec)) return Close();
  if (ec) {
    keep_alive_ = false;
    if (ec == http::error::body_limit) {
      return SendReply(ErrorReply(413, "INVALID_ARGUMENT", "Yêu cầu quá lớn.",
                                  "The request body is too large.",
                                  "at most " + std::to_string(limits_->body_bytes) + " bytes"));
    }
    if (ec == http::error::header_limit) {
      return SendReply(ErrorReply(431, "INVALID_ARGUMENT", "Yêu cầu quá lớn.",
                                  "The request header is too large.",
                                  "at most " + std::to_string(limits_->header_bytes) + " bytes"));
    }
    return SendReply(ErrorReply(400, "INVALID_ARGUMENT", "Yêu cầu không đọc được.",
                                "The request is not valid HTTP.", ec.message()));
  }
  keep_alive_ = parser_->get().keep_alive();
  HttpRequest request = Convert();
  tcp().expires_never();  // while the handler works; a reply sets the idle timer again
  router_->Dispatch(request, std::make_shared<SessionExchange>(shared_from_this()));
}

void HttpSession::SendReply(HttpReply reply) {
  if (closed_) return;
  auto res = Response(std::move(reply), keep_alive_);
  tcp().expires_after(limits_->idle);
  WithStream([this, &res](auto& s) {
    http::async_write(s, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
      if (ec || !self->keep_alive_) return self->Close();
      self->ReadRequest();
    });
  });
}

void HttpSession::Close() {
  if (closed_) return;
  closed_ = true;
  // Over TLS no close_notify is sent: that would need a write and a read
  // that may never end. Replies carry their length and an event stream's
  // end only makes the browser reconnect, so a truncation means nothing.
  beast::error_code ignored;
  tcp().socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  tcp().socket().close(ignored);
}

void SessionRegistry::Add(const std::shared_ptr<HttpSession>& s) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_[s.get()] = s;
}

void SessionRegistry::Remove(HttpSession* s) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(s);
}

size_t SessionRegistry::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

void SessionRegistry::CloseAll() {
  std::vector<std::shared_ptr<HttpSession>> open;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [raw, weak] : sessions_) {
      if (auto s = weak.lock()) open.push_back(std::move(s));
    }
  }
  for (auto& s : open) net::post(s->executor(), [s] { s->Close(); });
}

// ---------------------------------------------------------------- SSE

SseStream::SseStream(std::shared_ptr<HttpSession> session)
    : session_(std::move(session)), heartbeat_(session_->executor()), write_stall_(session_->executor()) {}

void SseStream::Begin() {
  static const auto header = std::make_shared<const std::string>(
      "HTTP/1.1 200 OK\r\n"
      "Server: qms-gateway\r\n"
      "Content-Type: text/event-stream; charset=utf-8\r\n"
      "Cache-Control: no-cache\r\n"
      "X-Accel-Buffering: no\r\n"
      "Connection: close\r\n"
      "\r\n"
      "retry: 1000\n\n");
  session_->tcp().expires_never();
  beast::error_code ignored;  // should it fail, the kernel sizes the buffer itself
  session_->tcp().socket().set_option(
      net::socket_base::send_buffer_size(session_->limits().stream_send_buffer), ignored);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return;
    began_ = true;
    queue_.push_front(header);
    queued_bytes_ += header->size();
  }
  WriteNext();
  WatchForClose();
  Heartbeat();
}

bool SseStream::Push(std::shared_ptr<const std::string> frame) {
  bool start = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return false;
    const auto& limits = session_->limits();
    if (queue_.size() + 1 > limits.stream_frames || queued_bytes_ + frame->size() > limits.stream_bytes) {
      // Too far behind: drop it; EventSource reconnects with Last-Event-ID.
      net::post(session_->executor(), [self = shared_from_this()] { self->Close(); });
      return false;
    }
    queued_bytes_ += frame->size();
    queue_.push_back(std::move(frame));
    start = began_ && !writing_;
  }
  if (start) net::post(session_->executor(), [self = shared_from_this()] { self->WriteNext(); });
  return true;
}

void SseStream::WriteNext() {
  std::shared_ptr<const std::string> frame;
  uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_ || writing_ || queue_.empty()) return;
    writing_ = true;
    frame = queue_.front();
    generation = ++writes_started_;
  }
  WatchWrite(generation);
  session_->WithStream([this, &frame](auto& s) {
    net::async_write(s, net::buffer(*frame),
                     [self = shared_from_this(), frame](beast::error_code ec, size_t) {
                       {
                         std::lock_guard<std::mutex> lock(self->mu_);
                         self->writing_ = false;
                         if (!self->queue_.empty()) {
                           self->queued_bytes_ -= self->queue_.front()->size();
                           self->queue_.pop_front();
                         }
                       }
                       if (ec) return self->Close();
                       self->WriteNext();
                     });
  });
}

void SseStream::WatchWrite(uint64_t generation) {
  // One timer, re-armed per write; expiring it cancels the previous wait.
  write_stall_.expires_after(session_->limits().stream_write_stall);
  write_stall_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
    if (ec) return;
    {
      std::lock_guard<std::mutex> lock(self->mu_);
      if (!self->writing_ || self->writes_started_ != generation) return;
    }
    self->Close();  // the write fails once the socket closes
  });
}

void SseStream::Heartbeat() {
  heartbeat_.expires_after(session_->limits().stream_heartbeat);
  heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec || self->closed()) return;
    static const auto ping = std::make_shared<const std::string>(": ping\n\n");
    self->Push(ping);
    self->Heartbeat();
  });
}

void SseStream::WatchForClose() {
  // A browser sends nothing on an event stream; a read that ends means it
  // went away. Over TLS this read runs beside the writes: one read and one
  // write at a time is what an SSL stream allows.
  session_->WithStream([this](auto& s) {
    s.async_read_some(net::buffer(probe_), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      self->WatchForClose();
    });
  });
}

void SseStream::Close() {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return;
    closed_ = true;
    callbacks.swap(on_close_);
    queue_.clear();
    queued_bytes_ = 0;
  }
  net::post(session_->executor(), [self = shared_from_this()] {
    self->heartbeat_.cancel();
    self->write_stall_.cancel();
    // Abortive close (RST): the unsent frames of a page that stopped
    // reading are freed now, instead of an orphaned socket keeping them in
    // the kernel until its peer reads or goes. The browser reconnects with
    // Last-Event-ID either way.
    beast::error_code ignored;
    self->session_->tcp().socket().set_option(net::socket_base::linger(true, 0), ignored);
    self->session_->Close();
  });
  for (auto& done : callbacks) done();
}

bool SseStream::closed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return closed_;
}

void SseStream::OnClose(std::function<void()> done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!closed_) {
      on_close_.push_back(std::move(done));
      return;
    }
  }
  done();
}

}  // namespace qms::gateway::internal

#include "kiosk/gateway/internal/http_session.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "kiosk/gateway/json_mapping.h"

namespace qms::gateway::internal {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

std::string PercentDecode(const std::string& in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(const std::string& query) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (!pair.empty()) {
      out[PercentDecode(pair.substr(0, eq), true)] =
          eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    }
    start = end + 1;
  }
  return out;
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
    net::post(session_->stream().get_executor(), [stream] { stream->Begin(); });
    return stream;
  }

 private:
  void Post(HttpReply reply) {
    net::post(session_->stream().get_executor(), [session = session_, reply = std::move(reply)]() mutable {
      session->SendReply(std::move(reply));
    });
  }
  std::shared_ptr<HttpSession> session_;
  std::atomic<bool> answered_{false};
};

}  // namespace

// ---------------------------------------------------------------- session

HttpSession::HttpSession(net::ip::tcp::socket socket, const Router* router, const HttpLimits* limits,
                         SessionRegistry* registry)
    : stream_(std::move(socket)), router_(router), limits_(limits), registry_(registry) {
  beast::error_code ec;
  const auto remote = stream_.socket().remote_endpoint(ec);
  if (!ec) peer_ = remote.address().to_string() + ":" + std::to_string(remote.port());
}

HttpSession::~HttpSession() { registry_->Remove(this); }

void HttpSession::Start() {
  registry_->Add(shared_from_this());
  ReadRequest();
}

void HttpSession::ReadRequest() {
  if (closed_) return;
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(limits_->header_bytes));
  parser_->body_limit(limits_->body_bytes);
  stream_.expires_after(limits_->idle);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
}

HttpRequest HttpSession::Convert() {
  const auto& msg = parser_->get();
  HttpRequest r;
  r.method = std::string(msg.method_string());
  const std::string target(msg.target());
  const size_t q = target.find('?');
  r.path = PercentDecode(target.substr(0, q), false);
  if (q != std::string::npos) r.query = ParseQuery(target.substr(q + 1));
  r.body = msg.body();
  r.content_type = std::string(msg[http::field::content_type]);
  r.last_event_id = std::string(msg["Last-Event-ID"]);
  r.host = std::string(msg[http::field::host]);
  r.peer = peer_;
  return r;
}

void HttpSession::OnRead(beast::error_code ec) {
  if (closed_) return;
  if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
      ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::eof) {
    return Close();
  }
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
  stream_.expires_never();  // while the handler works; a reply sets the idle timer again
  router_->Dispatch(request, std::make_shared<SessionExchange>(shared_from_this()));
}

void HttpSession::SendReply(HttpReply reply) {
  if (closed_) return;
  auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(reply.status), 11);
  res->set(http::field::server, "qms-gateway");
  res->set(http::field::content_type, reply.content_type);
  for (const auto& [name, value] : reply.headers) res->set(name, value);
  res->body() = std::move(reply.body);
  res->keep_alive(keep_alive_);
  res->prepare_payload();
  stream_.expires_after(limits_->idle);
  http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
    if (ec || !self->keep_alive_) return self->Close();
    self->ReadRequest();
  });
}

void HttpSession::Close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
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
  for (auto& s : open) net::post(s->stream().get_executor(), [s] { s->Close(); });
}

// ---------------------------------------------------------------- SSE

SseStream::SseStream(std::shared_ptr<HttpSession> session)
    : session_(std::move(session)), heartbeat_(session_->stream().get_executor()) {}

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
  session_->stream().expires_never();
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
      net::post(session_->stream().get_executor(), [self = shared_from_this()] { self->Close(); });
      return false;
    }
    queued_bytes_ += frame->size();
    queue_.push_back(std::move(frame));
    start = began_ && !writing_;
  }
  if (start) net::post(session_->stream().get_executor(), [self = shared_from_this()] { self->WriteNext(); });
  return true;
}

void SseStream::WriteNext() {
  std::shared_ptr<const std::string> frame;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_ || writing_ || queue_.empty()) return;
    writing_ = true;
    frame = queue_.front();
  }
  net::async_write(session_->stream(), net::buffer(*frame),
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
  // went away.
  session_->stream().socket().async_read_some(net::buffer(probe_),
                                              [self = shared_from_this()](beast::error_code ec, size_t) {
                                                if (ec) return self->Close();
                                                self->WatchForClose();
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
  net::post(session_->stream().get_executor(), [self = shared_from_this()] {
    self->heartbeat_.cancel();
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

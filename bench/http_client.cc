#include "bench/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>

#include "bench/connections.h"

namespace qms::bench {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

// "TIMEOUT" for the stream's own deadline, else `otherwise`.
std::string FailureOf(const beast::error_code& ec, const char* otherwise) {
  return ec == beast::error::timeout ? "TIMEOUT" : otherwise;
}

void NoDelay(tcp::socket& socket) {
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
}

bool SplitHostPort(const std::string& authority, std::string* host, uint16_t* port) {
  std::string port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) return false;
    *host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return false;
      port_text = authority.substr(close + 2);
    }
  } else {
    const size_t colon = authority.rfind(':');
    *host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
  }
  if (host->empty()) return false;
  if (port_text.empty()) return true;
  if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos) return false;
  const int value = std::stoi(port_text);
  if (value <= 0 || value > 65535) return false;
  *port = static_cast<uint16_t>(value);
  return true;
}

}  // namespace

bool ResolveGatewayUrl(const std::string& url, bool allow_remote, GatewayAddress* out, std::string* error) {
  const std::string scheme = "http://";
  if (url.compare(0, scheme.size(), scheme) != 0) {
    *error = "--gateway must start with http:// (got " + url + ")";
    return false;
  }
  std::string authority = url.substr(scheme.size());
  if (!authority.empty() && authority.back() == '/') authority.pop_back();
  GatewayAddress address;
  if (authority.find('/') != std::string::npos || !SplitHostPort(authority, &address.host, &address.port)) {
    *error = "--gateway must be http://HOST:PORT (got " + url + ")";
    return false;
  }
  const bool bracketed = address.host.find(':') != std::string::npos;
  address.host_header =
      (bracketed ? "[" + address.host + "]" : address.host) + ":" + std::to_string(address.port);
  if (!allow_remote && !IsLoopbackTarget(address.host_header)) {
    *error = "gateway " + address.host + " is not loopback; pass --allow-remote to load a remote gateway";
    return false;
  }
  net::io_context io;
  tcp::resolver resolver(io);
  beast::error_code ec;
  const auto results = resolver.resolve(address.host, std::to_string(address.port), ec);
  if (ec) {
    *error = "cannot resolve " + address.host + ": " + ec.message();
    return false;
  }
  for (const auto& entry : results) {
    if (!allow_remote && !entry.endpoint().address().is_loopback()) {
      *error = address.host + " resolves to " + entry.endpoint().address().to_string() +
               ", not loopback; pass --allow-remote to load a remote gateway";
      return false;
    }
    address.endpoints.push_back(entry.endpoint());
  }
  if (address.endpoints.empty()) {
    *error = "cannot resolve " + address.host;
    return false;
  }
  *out = std::move(address);
  return true;
}

std::string HttpReply::ErrorName() const {
  if (!failure.empty()) return failure;
  if (status >= 200 && status < 300) return "";
  return "HTTP_" + std::to_string(status);
}

// ---------------------------------------------------------------- requests

HttpConnection::HttpConnection(net::io_context* io, const GatewayAddress* address,
                               std::chrono::milliseconds timeout)
    : io_(io), address_(address), timeout_(timeout), stream_(*io) {}

void HttpConnection::Send(std::string_view method, std::string path, std::string json_body, Callback done) {
  done_ = std::move(done);
  retried_ = false;
  request_.clear();
  request_.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ");
  request_.append(address_->host_header).append("\r\nUser-Agent: qms-bench\r\nAccept: application/json\r\n");
  if (!json_body.empty()) {
    request_.append("Content-Type: application/json\r\nContent-Length: ")
        .append(std::to_string(json_body.size()))
        .append("\r\n");
  }
  request_.append("\r\n").append(json_body);
  parser_.Reset();
  stream_.expires_after(timeout_);
  reused_ = connected_;
  if (connected_) {
    Write();
  } else {
    Connect();
  }
}

void HttpConnection::Connect() {
  stream_.async_connect(address_->endpoints,
                        [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
                          if (ec) return self->Fail(FailureOf(ec, "CONNECT"), ec.message());
                          self->connected_ = true;
                          ++self->connects_;
                          NoDelay(self->stream_.socket());
                          self->Write();
                        });
}

void HttpConnection::Write() {
  net::async_write(stream_, net::buffer(request_), [self = shared_from_this()](beast::error_code ec, size_t) {
    if (!ec) return self->Read();
    if (self->reused_ && !self->retried_ && ec != beast::error::timeout) {
      // The gateway had closed this idle connection: nothing was handled.
      self->retried_ = true;
      self->reused_ = false;
      self->stream_.close();
      self->connected_ = false;
      self->stream_.expires_after(self->timeout_);
      return self->Connect();
    }
    self->Fail(FailureOf(ec, "CLOSED"), ec.message());
  });
}

void HttpConnection::Read() {
  stream_.async_read_some(net::buffer(buffer_), [self = shared_from_this()](beast::error_code ec, size_t n) {
    if (!ec) return self->OnRead(n);
    if (ec == beast::error::timeout) return self->Fail("TIMEOUT", "no complete reply in time");
    self->parser_.FeedEnd();
    if (self->parser_.done()) {
      self->stream_.close();
      self->connected_ = false;
      return self->Finish({"", self->parser_.status(), self->parser_.body(), ""});
    }
    if (self->reused_ && !self->retried_ && !self->parser_.received_any() &&
        ec != net::error::operation_aborted) {
      self->retried_ = true;
      self->reused_ = false;
      self->stream_.close();
      self->connected_ = false;
      self->parser_.Reset();
      self->stream_.expires_after(self->timeout_);
      return self->Connect();
    }
    self->Fail("CLOSED", ec.message());
  });
}

void HttpConnection::OnRead(size_t bytes) {
  parser_.Feed(std::string_view(buffer_.data(), bytes));
  if (parser_.failed()) return Fail("BAD_RESPONSE", parser_.error());
  if (!parser_.done()) return Read();
  if (!parser_.keep_alive()) {
    stream_.close();
    connected_ = false;
  }
  HttpReply reply;
  reply.status = parser_.status();
  reply.body = parser_.body();
  Finish(std::move(reply));
}

void HttpConnection::Fail(const std::string& failure, const std::string& detail) {
  stream_.close();
  connected_ = false;
  HttpReply reply;
  reply.failure = failure;
  reply.detail = detail;
  Finish(std::move(reply));
}

void HttpConnection::Finish(HttpReply reply) {
  if (connected_) stream_.expires_never();
  Callback done = std::move(done_);
  done_ = nullptr;
  if (done) done(std::move(reply));
}

void HttpConnection::Close() {
  if (!connected_) return;
  stream_.close();  // a pending operation ends with operation_aborted: "CLOSED"
  connected_ = false;
}

// ---------------------------------------------------------------- streams

EventStreamClient::EventStreamClient(net::io_context* io, const GatewayAddress* address,
                                     std::chrono::milliseconds open_timeout,
                                     std::chrono::milliseconds idle_timeout, Callbacks callbacks)
    : io_(io),
      address_(address),
      open_timeout_(open_timeout),
      idle_timeout_(idle_timeout),
      callbacks_(std::move(callbacks)) {}

void EventStreamClient::Start(const std::string& path, const std::string& last_event_id) {
  running_ = true;
  opened_ = false;
  body_failed_ = false;
  attempt_ = std::make_shared<Attempt>(io_);
  parser_ = std::make_unique<SseParser>([this](const SseEvent& event) {
    if (running_) callbacks_.on_event(event, read_at_);
  });
  response_.Reset();
  response_.SetBodySink([this](std::string_view bytes) { OnBody(bytes); });
  request_ = "GET " + path + " HTTP/1.1\r\nHost: " + address_->host_header +
             "\r\nUser-Agent: qms-bench\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n";
  if (!last_event_id.empty()) request_ += "Last-Event-ID: " + last_event_id + "\r\n";
  request_ += "\r\n";
  std::shared_ptr<Attempt> attempt = attempt_;
  attempt->stream.expires_after(open_timeout_);
  attempt->stream.async_connect(
      address_->endpoints, [self = shared_from_this(), attempt](beast::error_code ec, const tcp::endpoint&) {
        if (attempt != self->attempt_) return;
        if (ec) return self->End(FailureOf(ec, "CONNECT"), ec.message());
        NoDelay(attempt->stream.socket());
        net::async_write(attempt->stream, net::buffer(self->request_),
                         [self, attempt](beast::error_code ec, size_t) {
                           if (attempt != self->attempt_) return;
                           if (ec) return self->End(FailureOf(ec, "CLOSED"), ec.message());
                           self->Read(attempt);
                         });
      });
}

void EventStreamClient::Read(const std::shared_ptr<Attempt>& attempt) {
  attempt->stream.async_read_some(
      net::buffer(attempt->buffer), [self = shared_from_this(), attempt](beast::error_code ec, size_t n) {
        if (attempt != self->attempt_) return;
        if (ec) {
          if (ec == beast::error::timeout) return self->End("TIMEOUT", "nothing from the stream in time");
          return self->End(self->opened_ || self->response_.headers_done() ? "CLOSED" : "CLOSED_BEFORE_OPEN",
                           ec.message());
        }
        self->read_at_ = BenchClock::now();
        self->response_.Feed(std::string_view(attempt->buffer.data(), n));
        if (attempt != self->attempt_) return;  // a callback stopped or restarted the stream
        if (self->response_.failed()) return self->End("BAD_RESPONSE", self->response_.error());
        if (self->body_failed_) return self->End("BAD_RESPONSE", "an event larger than the parser allows");
        if (self->response_.headers_done() && !self->CheckOpen()) return;
        if (self->response_.done()) return self->End("CLOSED", "the response ended");
        if (self->opened_) attempt->stream.expires_after(self->idle_timeout_);
        self->Read(attempt);
      });
}

// True while the response is an open event stream; else ends it.
bool EventStreamClient::CheckOpen() {
  if (opened_) return true;
  opened_ = true;
  const int status = response_.status();
  if (callbacks_.on_open) callbacks_.on_open(status);
  if (!running_) return false;
  if (status != 200) {
    End("HTTP_" + std::to_string(status), "");
    return false;
  }
  if (response_.Header("content-type").compare(0, 17, "text/event-stream") != 0) {
    End("NOT_EVENT_STREAM", response_.Header("content-type"));
    return false;
  }
  return true;
}

void EventStreamClient::OnBody(std::string_view bytes) {
  if (!running_ || !CheckOpen() || body_failed_) return;
  if (!parser_->Feed(bytes)) body_failed_ = true;
}

void EventStreamClient::End(const std::string& why, const std::string& detail) {
  if (!running_) return;
  running_ = false;
  if (attempt_) attempt_->stream.close();
  attempt_.reset();
  if (callbacks_.on_end) callbacks_.on_end(why, detail);
}

void EventStreamClient::Stop() {
  running_ = false;
  if (attempt_) attempt_->stream.close();
  attempt_.reset();
}

}  // namespace qms::bench

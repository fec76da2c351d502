#include "kiosk/gateway/http_server.h"

#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>

#include "kiosk/gateway/internal/http_session.h"
#include "qms/pem_files.h"

namespace qms::gateway {

namespace net = boost::asio;
using tcp = net::ip::tcp;

class HttpServer::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(net::io_context* io, const Router* router, HttpLimits limits)
      : io_(io), router_(router), limits_(limits), acceptor_(*io) {}

  Status ServeHttps(const std::string& cert_file, const std::string& key_file) {
    auto pair = proto::ReadPemKeyPair("--https-cert", cert_file, "--https-key", key_file);
    if (!pair.ok()) return pair.status();
    auto tls = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
    SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
    tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::single_dh_use);
    boost::system::error_code ec;
    tls->use_certificate_chain(net::buffer(pair->certificate_chain), ec);
    if (ec) return InvalidArgument("--https-cert " + cert_file + ": " + ec.message());
    tls->use_private_key(net::buffer(pair->private_key), net::ssl::context::pem, ec);
    if (ec) return InvalidArgument("--https-key " + key_file + ": " + ec.message());
    tls_ = std::move(tls);
    return Status::Ok();
  }

  Status Listen(const std::string& host_port) {
    const size_t colon = host_port.rfind(':');
    if (colon == std::string::npos) return InvalidArgument("--listen " + host_port + " is not HOST:PORT");
    std::string host = host_port.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    boost::system::error_code ec;
    tcp::resolver resolver(*io_);
    auto results = resolver.resolve(host, host_port.substr(colon + 1), tcp::resolver::passive, ec);
    if (ec || results.empty()) return InvalidArgument("--listen " + host_port + ": " + ec.message());
    const tcp::endpoint endpoint = results.begin()->endpoint();
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);  // never SO_REUSEPORT
    if (!ec) acceptor_.bind(endpoint, ec);
    if (ec == net::error::address_in_use) {
      return FailedPrecondition("cannot listen on " + host_port +
                                ": the address is already in use (is another qms-gateway running there?)");
    }
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return FailedPrecondition("cannot listen on " + host_port + ": " + ec.message());
    return Status::Ok();
  }

  void Accept() {
    acceptor_.async_accept(net::make_strand(*io_), [self = shared_from_this()](boost::system::error_code ec,
                                                                               tcp::socket socket) {
      if (ec == net::error::operation_aborted || !self->acceptor_.is_open()) return;
      if (!ec) {
        if (self->registry_.size() >= self->limits_.max_connections) {
          boost::system::error_code ignored;
          socket.close(ignored);
        } else {
          std::make_shared<internal::HttpSession>(std::move(socket), self->tls_.get(), self->router_,
                                                  &self->limits_, &self->registry_)
              ->Start();
        }
      }
      self->Accept();
    });
  }

  void Stop() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    registry_.CloseAll();
  }

  net::io_context* io_;
  const Router* router_;
  HttpLimits limits_;
  std::unique_ptr<net::ssl::context> tls_;  // null: plain HTTP
  tcp::acceptor acceptor_;
  internal::SessionRegistry registry_;
};

HttpServer::HttpServer(net::io_context* io, const Router* router, HttpLimits limits)
    : impl_(std::make_shared<Impl>(io, router, limits)) {}

HttpServer::~HttpServer() = default;

Status HttpServer::ServeHttps(const std::string& cert_file, const std::string& key_file) {
  return impl_->ServeHttps(cert_file, key_file);
}
bool HttpServer::https() const { return impl_->tls_ != nullptr; }

Status HttpServer::Listen(const std::string& host_port) { return impl_->Listen(host_port); }

std::string HttpServer::address() const {
  boost::system::error_code ec;
  const auto ep = impl_->acceptor_.local_endpoint(ec);
  if (ec) return "";
  const std::string host =
      ep.address().is_v6() ? "[" + ep.address().to_string() + "]" : ep.address().to_string();
  return host + ":" + std::to_string(ep.port());
}

uint16_t HttpServer::port() const {
  boost::system::error_code ec;
  const auto ep = impl_->acceptor_.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void HttpServer::Start() { impl_->Accept(); }
void HttpServer::Stop() { impl_->Stop(); }
size_t HttpServer::open_connections() const { return impl_->registry_.size(); }

}  // namespace qms::gateway

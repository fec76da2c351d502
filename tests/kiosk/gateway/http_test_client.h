// A blocking HTTP/1.1 client on raw sockets for the gateway's tests: it can
// send what no browser would (bad bytes, oversized headers) and read a
// response, or an event stream, with a time limit. Plain TCP, or TLS
// (OpenSSL) for HTTPS. Loopback only.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace qms::gateway::test {

// What a TLS RawConnection trusts: the CA of `ca_file`, and the name
// "localhost" in the server's certificate.
class TlsClientContext {
 public:
  explicit TlsClientContext(const std::string& ca_file) : ctx_(SSL_CTX_new(TLS_client_method())) {
    ok_ = ctx_ && SSL_CTX_load_verify_locations(ctx_, ca_file.c_str(), nullptr) == 1;
    if (ctx_) SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
  }
  ~TlsClientContext() { SSL_CTX_free(ctx_); }
  TlsClientContext(const TlsClientContext&) = delete;
  TlsClientContext& operator=(const TlsClientContext&) = delete;
  bool ok() const { return ok_; }
  SSL_CTX* get() const { return ctx_; }

 private:
  SSL_CTX* ctx_;
  bool ok_ = false;
};

class RawConnection {
 public:
  // With `tls`, connects and completes a TLS handshake (certificate and
  // name verified), bounded by 5 s; connected() is false if it fails.
  explicit RawConnection(int port, const TlsClientContext* tls = nullptr) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    if (connected_ && tls != nullptr) connected_ = Handshake(tls);
  }
  ~RawConnection() { Close(); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  void Close() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    ssl_ = nullptr;
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }
  bool Send(const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ssl_ ? SendTls(bytes.data() + sent, bytes.size() - sent)
                             : send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  // Reads until `done(received)` is true, the peer closes, or `limit` passes.
  template <class Done>
  std::string ReadUntil(Done done, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done(received_) && std::chrono::steady_clock::now() < until) {
      if (ssl_ == nullptr || SSL_pending(ssl_) == 0) {
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0) continue;
      }
      char buf[65536];
      ssize_t n = 0;
      if (ssl_ == nullptr) {
        n = recv(fd_, buf, sizeof buf, 0);
      } else {
        n = SSL_read(ssl_, buf, sizeof buf);
        // Part of a TLS record: wait for the rest.
        if (n <= 0 && SSL_get_error(ssl_, static_cast<int>(n)) == SSL_ERROR_WANT_READ) continue;
        ERR_clear_error();
      }
      if (n <= 0) {
        closed_by_peer_ = true;
        break;
      }
      received_.append(buf, static_cast<size_t>(n));
    }
    return received_;
  }
  // One whole response (headers and Content-Length bytes of body).
  std::string ReadResponse(std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    std::string all = ReadUntil(
        [](const std::string& r) {
          const size_t end = r.find("\r\n\r\n");
          if (end == std::string::npos) return false;
          const size_t cl = r.find("Content-Length: ");
          if (cl == std::string::npos || cl > end) return true;
          return r.size() >= end + 4 + std::stoul(r.substr(cl + 16));
        },
        limit);
    received_.clear();
    return all;
  }
  bool closed_by_peer() const { return closed_by_peer_; }

 private:
  bool Handshake(const TlsClientContext* tls) {
    timeval limit{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    ssl_ = SSL_new(tls->get());
    SSL_set_fd(ssl_, fd_);
    SSL_set_tlsext_host_name(ssl_, "localhost");
    SSL_set1_host(ssl_, "localhost");
    const bool ok = SSL_connect(ssl_) == 1;
    ERR_clear_error();
    // Reads from here on never block inside OpenSSL: ReadUntil polls.
    fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK);
    return ok;
  }
  ssize_t SendTls(const char* data, size_t size) {
    for (int i = 0; i < 500; ++i) {
      const int n = SSL_write(ssl_, data, static_cast<int>(size));
      if (n > 0) return n;
      const int error = SSL_get_error(ssl_, n);
      ERR_clear_error();
      if (error != SSL_ERROR_WANT_WRITE && error != SSL_ERROR_WANT_READ) return -1;
      pollfd p{fd_, static_cast<short>(error == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
      poll(&p, 1, 10);
    }
    return -1;
  }

  SSL* ssl_ = nullptr;
  int fd_ = -1;
  bool connected_ = false;
  bool closed_by_peer_ = false;
  std::string received_;
};

inline int StatusOf(const std::string& response) {
  return response.size() > 12 ? std::stoi(response.substr(9, 3)) : 0;
}

inline std::string BodyOf(const std::string& response) {
  const size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

}  // namespace qms::gateway::test

#include "services/server/listen_address.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qms::server {

namespace {

bool SplitHostPort(const std::string& listen, std::string* host, std::string* port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size()) return false;
  *host = listen.substr(0, colon);
  *port = listen.substr(colon + 1);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']')
    *host = host->substr(1, host->size() - 2);
  return true;
}

}  // namespace

Status CheckAddressFree(const std::string& listen) {
  std::string host, port;
  if (!SplitHostPort(listen, &host, &port))
    return InvalidArgument("--listen " + listen + " is not HOST:PORT");
  if (port == "0") return Status::Ok();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return InvalidArgument("--listen " + listen + ": " + gai_strerror(rc));
  }
  Status result = Status::Ok();
  for (addrinfo* a = found; a != nullptr && result.ok(); a = a->ai_next) {
    const int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    // As the gRPC listener: SO_REUSEADDR (a restart right after a stop may
    // reuse the port), never SO_REUSEPORT.
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (a->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 && errno == EADDRINUSE) {
      result = FailedPrecondition("cannot listen on " + listen +
                                  ": the address is already in use (is another qms-server running there?)");
    }
    close(fd);
  }
  freeaddrinfo(found);
  return result;
}

}  // namespace qms::server

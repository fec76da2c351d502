// tcp: printers: raw TCP ("JetDirect", port 9100), the way nearly every
// networked receipt printer takes ESC/POS. One connection per job.
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "kiosk/print/internal/fd_io.h"
#include "kiosk/print/internal/printers.h"

namespace qms::print::internal {
namespace {

using Clock = std::chrono::steady_clock;

// After our FIN, how long to wait for the printer's. Closing with unread
// bytes from the printer (some send status unasked) would reset the
// connection and could drop the job's tail; most printers close at once.
constexpr std::chrono::milliseconds kLingerForClose{2000};

class TcpPrinter : public SerialPrinter {
 public:
  TcpPrinter(const std::string& spec, const PrinterSpec& parsed, const PrinterOptions& options)
      : SerialPrinter(spec), host_(parsed.host), port_(std::to_string(parsed.port)), options_(options) {}

 protected:
  Status Send(const PrintJob& job) override {
    StatusOr<UniqueFd> fd = Connect();
    if (!fd.ok()) return fd.status();
    Status written = WriteAll(fd->get(), job.escpos, options_.io_timeout, spec(), true);
    if (!written.ok()) return written;
    ::shutdown(fd->get(), SHUT_WR);
    DrainUntilClosed(fd->get());
    return Status::Ok();
  }

 private:
  StatusOr<UniqueFd> Connect() {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const int gai = ::getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found);
    if (gai != 0) {
      return Unavailable(spec() + ": cannot resolve host '" + host_ + "': " + ::gai_strerror(gai));
    }
    const Clock::time_point deadline = Clock::now() + options_.connect_timeout;
    Status last = Unavailable(spec() + ": no address for '" + host_ + "'");
    for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
      StatusOr<UniqueFd> fd = ConnectOne(a, deadline);
      if (fd.ok()) {
        ::freeaddrinfo(found);
        return fd;
      }
      last = fd.status();
    }
    ::freeaddrinfo(found);
    return last;
  }

  StatusOr<UniqueFd> ConnectOne(const addrinfo* a, Clock::time_point deadline) {
    UniqueFd fd(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
    if (!fd.valid()) return Unavailable(spec() + ": socket: " + ErrnoText(errno));
    int err = 0;
    if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) != 0) {
      err = errno;
      if (err == EINPROGRESS) {
        pollfd p{fd.get(), POLLOUT, 0};
        int ready;
        do {
          ready = ::poll(&p, 1, MillisUntil(deadline));
        } while (ready < 0 && errno == EINTR);
        if (ready == 0) {
          return Unavailable(spec() + ": the printer did not answer within " +
                             std::to_string(options_.connect_timeout.count()) +
                             " ms (is it on, and on this network?)");
        }
        socklen_t len = sizeof err;
        ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
      }
    }
    if (err == ECONNREFUSED) {
      return Unavailable(spec() + ": connection refused (is the printer on, and is its raw port " + port_ +
                         "?)");
    }
    if (err != 0) return Unavailable(spec() + ": cannot connect: " + ErrnoText(err));
    return fd;
  }

  void DrainUntilClosed(int fd) {
    const Clock::time_point deadline = Clock::now() + kLingerForClose;
    char buf[256];
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      const int ready = ::poll(&p, 1, MillisUntil(deadline));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return;
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) return;
    }
  }

  const std::string host_;
  const std::string port_;
  const PrinterOptions options_;
};

}  // namespace

std::unique_ptr<Printer> NewTcpPrinter(const std::string& spec, const PrinterSpec& parsed,
                                       const PrinterOptions& options) {
  return std::make_unique<TcpPrinter>(spec, parsed, options);
}

}  // namespace qms::print::internal

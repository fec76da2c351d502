#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <thread>

#include "kiosk/print/printer.h"

namespace qms::print {
namespace {

// A listening socket on 127.0.0.1 at a port the kernel chose.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(fd_, 4), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~Listener() { Close(); }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int port() const { return port_; }
  std::string spec() const { return "tcp:127.0.0.1:" + std::to_string(port_); }

  // Accepts one connection (waiting at most 10 s) and reads it to its end.
  std::string ReceiveOne() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 10000) != 1) return "<no connection>";
    const int conn = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    std::string got;
    char buf[65536];
    for (;;) {
      pollfd c{conn, POLLIN, 0};
      if (::poll(&c, 1, 10000) != 1) break;
      const ssize_t n = ::read(conn, buf, sizeof buf);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
    }
    ::close(conn);
    return got;
  }

  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

std::string JobBytes(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xFF);
  return s;
}

TEST(PrintTcpTest, PrinterReceivesExactlyTheJobsBytes) {
  Listener printer_side;
  auto received = std::async(std::launch::async, [&] { return printer_side.ReceiveOne(); });
  StatusOr<std::unique_ptr<Printer>> printer = OpenPrinter(printer_side.spec());
  ASSERT_TRUE(printer.ok());
  PrintJob job;
  job.escpos = JobBytes(300000);  // larger than one socket buffer
  ASSERT_TRUE((*printer)->Print(job).ok());
  EXPECT_EQ(received.get(), job.escpos);
  // A second job is a second connection.
  auto again = std::async(std::launch::async, [&] { return printer_side.ReceiveOne(); });
  job.escpos = "\x1B\x40 second";
  ASSERT_TRUE((*printer)->Print(job).ok());
  EXPECT_EQ(again.get(), job.escpos);
}

TEST(PrintTcpTest, ClosedPortIsUnavailableAndSaysRefused) {
  int port;
  {
    Listener gone;
    port = gone.port();
  }  // closed: nothing listens there now
  StatusOr<std::unique_ptr<Printer>> printer = OpenPrinter("tcp:127.0.0.1:" + std::to_string(port));
  ASSERT_TRUE(printer.ok());
  PrintJob job;
  job.escpos = "x";
  Status s = (*printer)->Print(job);
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("refused"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("tcp:127.0.0.1:"), std::string::npos) << s.message();
}

TEST(PrintTcpTest, PrinterThatStopsReadingTimesOut) {
  Listener printer_side;
  // Accepts, then reads nothing until the job is given up.
  std::promise<void> given_up;
  std::thread stalled([&] {
    pollfd p{printer_side.fd(), POLLIN, 0};
    ASSERT_EQ(::poll(&p, 1, 10000), 1);
    const int conn = ::accept4(printer_side.fd(), nullptr, nullptr, SOCK_CLOEXEC);
    given_up.get_future().wait();
    ::close(conn);
  });
  PrinterOptions options;
  options.io_timeout = std::chrono::milliseconds(300);
  StatusOr<std::unique_ptr<Printer>> printer = OpenPrinter(printer_side.spec(), options);
  ASSERT_TRUE(printer.ok());
  PrintJob job;
  job.escpos = JobBytes(64 << 20);  // far more than loopback's socket buffers hold
  Status s = (*printer)->Print(job);
  given_up.set_value();
  stalled.join();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("stopped taking data"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace qms::print

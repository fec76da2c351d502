// Watchers that stop reading, against the real qms-server and qms-gateway
// (child processes on loopback): a WatchCentre stream to the server and an
// event stream to the gateway each take their first bytes and never read
// again, while a kiosk issues tickets through the gateway. The server ends
// its stream (load.watch_stall_ms) and the gateway drops its page
// (--stream-stall-ms), pages_dropped counts it, and issuing goes on.
#include <arpa/inet.h>
#include <grpc/grpc.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "qms/v1/queue.grpc.pb.h"
#include "tests/blackbox/child_process.h"
#include "tests/kiosk/gateway/http_test_client.h"

namespace qms::gateway {
namespace {

using blackbox::TempDir;
using test::BodyOf;
using test::RawConnection;
using test::StatusOf;

constexpr char kCentre[] = "10001";  // of blackbox::TwoCentreConfigYaml: issues at any hour

// A socket that asks for the centre's event stream with a small receive
// buffer, reads the response's first bytes, and is then never read.
class StalledPage {
 public:
  explicit StalledPage(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int rcvbuf = 2048;
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    timeval limit{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const std::string get = std::string("GET /api/c/") + kCentre + "/events HTTP/1.1\r\nHost: t\r\n\r\n";
    char head[12];
    ok_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
          send(fd_, get.data(), get.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(get.size()) &&
          recv(fd_, head, sizeof head, MSG_WAITALL) == sizeof head &&
          std::string(head, sizeof head) == "HTTP/1.1 200";
  }
  ~StalledPage() { close(fd_); }
  bool ok() const { return ok_; }

 private:
  int fd_ = -1;
  bool ok_ = false;
};

class StalledWatchersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string config = dir_.path() + "/centres.yaml";
    blackbox::WriteFile(config, blackbox::TwoCentreConfigYaml() + "\nload:\n  watch_stall_ms: 300\n");
    server_ =
        std::make_unique<blackbox::ServerProcess>(config, dir_.path() + "/data", dir_.path() + "/server.log");
    std::string error;
    ASSERT_TRUE(server_->Start(std::chrono::seconds(60), &error)) << error;
    gateway_ = std::make_unique<blackbox::GatewayProcess>(
        std::vector<std::string>{"--server", server_->address(), "--centres", kCentre, "--no-voice",
                                 "--stream-stall-ms", "300"},
        dir_.path() + "/gateway.log");
    ASSERT_TRUE(gateway_->Start(std::chrono::seconds(30), &error)) << error;
  }

  int Issue(int n) {
    RawConnection c(gateway_->port());
    const std::string body = R"({"field_id":"ho_tich","request_id":"stall-)" + std::to_string(n) + "\"}";
    c.Send("POST /api/c/" + std::string(kCentre) +
           "/tickets HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body);
    return StatusOf(c.ReadResponse(std::chrono::seconds(10)));
  }

  // The centre's entry of /healthz.
  nlohmann::json CentreHealth() {
    RawConnection c(gateway_->port());
    c.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
    auto health = nlohmann::json::parse(BodyOf(c.ReadResponse(std::chrono::seconds(10))), nullptr, false);
    return health.is_object() ? health["centres"][0] : nlohmann::json();
  }

  std::string ServerLog() const { return blackbox::ReadFile(dir_.path() + "/server.log"); }

  static uint64_t Number(const nlohmann::json& v) {
    if (v.is_string()) return std::stoull(v.get<std::string>());
    return v.is_number() ? v.get<uint64_t>() : 0;
  }

  TempDir dir_;
  std::unique_ptr<blackbox::ServerProcess> server_;
  std::unique_ptr<blackbox::GatewayProcess> gateway_;
};

TEST_F(StalledWatchersTest, TheServerEndsAStalledStreamAndTheGatewayDropsAStalledPageWhileIssuingGoesOn) {
  // The gRPC watcher: a 4 KB window, no BDP probing; reads the snapshot only.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 4096);
  auto stub = v1::WatchService::NewStub(
      grpc::CreateCustomChannel(server_->address(), grpc::InsecureChannelCredentials(), args));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(50));  // a hang fails, never hangs
  v1::WatchCentreRequest req;
  req.set_centre_id(kCentre);
  auto stream = stub->WatchCentre(&ctx, req);
  v1::CentreEvent snapshot;
  ASSERT_TRUE(stream->Read(&snapshot));

  StalledPage page(gateway_->port());
  ASSERT_TRUE(page.ok());
  for (int i = 0; i < 100 && Number(CentreHealth()["pages"]) != 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_EQ(Number(CentreHealth()["pages"]), 1u);

  // Tickets until both are gone: the events fill the gRPC window and the
  // page's socket buffers; each write then waits 300 ms and is given up.
  int issued = 0;
  bool page_dropped = false;
  bool stream_ended = false;
  for (int i = 0; i < 1500 && !(page_dropped && stream_ended); ++i) {
    ASSERT_EQ(Issue(i), 200) << "ticket " << i;
    ++issued;
    if (i % 20 == 19) {
      page_dropped = Number(CentreHealth()["pages_dropped"]) >= 1;
      stream_ended = ServerLog().find("stalled watch streams ended") != std::string::npos;
    }
  }
  EXPECT_TRUE(page_dropped) << "after " << issued << " tickets";
  EXPECT_TRUE(stream_ended) << "after " << issued << " tickets";
  // The client sees the end once it reads again (what it had received first).
  for (int i = 0; i < 100000 && stream->Read(&snapshot); ++i) {
  }
  const grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED) << status.error_message();

  const auto centre = CentreHealth();
  EXPECT_EQ(Number(centre["pages"]), 0u);
  EXPECT_EQ(Number(centre["pages_dropped"]), 1u);
  EXPECT_TRUE(centre["live"].get<bool>());  // the gateway's own stream reads, and is never cut
  EXPECT_EQ(Issue(100000), 200);
}

}  // namespace
}  // namespace qms::gateway

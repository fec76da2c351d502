// The real qms-gateway over TLS at both ends, as child processes on
// loopback: its link to qms-server over mutual TLS (the feed goes live, a
// ticket is issued), its pages over HTTPS (health, the JSON API, an event
// stream), plain HTTP refused on the HTTPS port, a gateway without a client
// certificate refused by the server, and bad files or a busy address
// stopping it at start. Certificates are made for the test (demo_certs.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "tests/blackbox/child_process.h"
#include "tests/kiosk/gateway/http_test_client.h"
#include "tests/support/demo_certs.h"

namespace qms::gateway {
namespace {

using blackbox::TempDir;
using qms::test::ClientTls;
using test::BodyOf;
using test::RawConnection;
using test::StatusOf;
using test::TlsClientContext;
using ::testing::HasSubstr;

std::vector<std::string> Join(std::vector<std::string> a, const std::vector<std::string>& b,
                              const std::vector<std::string>& c = {}) {
  a.insert(a.end(), b.begin(), b.end());
  a.insert(a.end(), c.begin(), c.end());
  return a;
}

struct Reply {
  int status = 0;
  nlohmann::json body;
};

class GatewayTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(certs_.ok()) << certs_.dir();
    ASSERT_TRUE(trust_.ok());
    server_ = std::make_unique<blackbox::ServerProcess>(blackbox::DemoConfigAnyHour(dir_.path()),
                                                        dir_.path() + "/data", dir_.path() + "/server.log");
    server_->AddArgs({"--tls-cert", certs_.server_cert(), "--tls-key", certs_.server_key(), "--tls-client-ca",
                      certs_.ca()});
    server_->set_client_tls(ClientTls(certs_.ca(), certs_.gateway_cert(), certs_.gateway_key()));
    std::string error;
    ASSERT_TRUE(server_->Start(std::chrono::seconds(60), &error)) << error;
  }

  std::vector<std::string> GatewayArgs() const {
    return {"--server", server_->address(), "--centres", "09187", "--no-voice"};
  }
  std::vector<std::string> HttpsArgs() const {
    return {"--https-cert", certs_.server_cert(), "--https-key", certs_.server_key()};
  }
  std::vector<std::string> MutualTlsArgs() const {
    return {"--tls-ca", certs_.ca(), "--tls-cert", certs_.gateway_cert(), "--tls-key", certs_.gateway_key()};
  }

  void StartGateway(std::vector<std::string> args) {
    gateway_ = std::make_unique<blackbox::GatewayProcess>(std::move(args), dir_.path() + "/gateway.log");
    std::string error;
    ASSERT_TRUE(gateway_->Start(std::chrono::seconds(30), &error)) << error;
  }

  // One request over HTTPS (or plain HTTP when `https` is false).
  Reply Call(const std::string& method, const std::string& path, const std::string& body = "",
             bool https = true) {
    RawConnection c(gateway_->port(), https ? &trust_ : nullptr);
    EXPECT_TRUE(c.connected());
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n";
    if (method == "POST") {
      request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    c.Send(request + "\r\n" + body);
    const std::string response = c.ReadResponse(std::chrono::seconds(10));
    return {StatusOf(response), nlohmann::json::parse(BodyOf(response), nullptr, false)};
  }

  Reply Issue(const std::string& request_id, bool https = true) {
    return Call("POST", "/api/c/09187/tickets",
                R"({"field_id":"ho_tich","request_id":")" + request_id + "\"}", https);
  }

  bool WaitForLink(bool https = true) {
    for (int i = 0; i < 200; ++i) {
      Reply h = Call("GET", "/healthz", "", https);
      if (h.status == 200 && h.body["centres"][0]["live"] == true) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  TempDir dir_;
  qms::test::DemoCerts certs_;
  TlsClientContext trust_{certs_.ca()};
  std::unique_ptr<blackbox::ServerProcess> server_;
  std::unique_ptr<blackbox::GatewayProcess> gateway_;
};

TEST_F(GatewayTlsTest, OverMutualTlsAndHttpsTheFeedGoesLiveAndATicketReachesThePage) {
  StartGateway(Join(GatewayArgs(), HttpsArgs(), MutualTlsArgs()));
  const std::string base = "https://127.0.0.1:" + std::to_string(gateway_->port());
  EXPECT_THAT(gateway_->log(), HasSubstr("listening on " + base + " for centres 09187"));
  EXPECT_THAT(gateway_->log(), HasSubstr("over mutual TLS"));
  ASSERT_TRUE(WaitForLink()) << gateway_->log();

  RawConnection page(gateway_->port(), &trust_);
  ASSERT_TRUE(page.connected());
  page.Send("GET /api/c/09187/events HTTP/1.1\r\nHost: localhost\r\n\r\n");
  std::string seen =
      page.ReadUntil([](const std::string& s) { return s.find("event: snapshot") != std::string::npos; });
  ASSERT_THAT(seen, HasSubstr("Content-Type: text/event-stream"));
  ASSERT_THAT(seen, HasSubstr("event: snapshot"));

  Reply issued = Issue("tls-tap-1");
  ASSERT_EQ(issued.status, 200) << issued.body.dump();
  EXPECT_EQ(issued.body["issued"]["ticket"]["number"], "B001");
  // The QR code's link follows the scheme.
  EXPECT_EQ(issued.body["status_url"], base + "/c/09187/t/B001");
  seen = page.ReadUntil([](const std::string& s) {
    return s.find("event: change") != std::string::npos && s.find("B001") != std::string::npos;
  });
  EXPECT_THAT(seen, HasSubstr("event: change"));
  EXPECT_THAT(seen, HasSubstr("\"B001\""));

  Reply plain = Call("GET", "/healthz", "", /*https=*/false);
  EXPECT_EQ(plain.status, 400);
  EXPECT_THAT(plain.body["error"]["message_en"].get<std::string>(), HasSubstr("HTTPS only"));
}

TEST_F(GatewayTlsTest, AGatewayWithoutAClientCertificateIsRefusedByTheServer) {
  StartGateway(Join(GatewayArgs(), {"--tls-ca", certs_.ca()}));
  EXPECT_THAT(gateway_->log(), HasSubstr("listening on http://"));
  Reply refused = Issue("no-certificate", /*https=*/false);
  EXPECT_EQ(refused.status, 503) << refused.body.dump();
  EXPECT_EQ(refused.body["error"]["code"], "UNAVAILABLE");
}

TEST_F(GatewayTlsTest, BadFilesOrABusyHttpsAddressStopItAtStartNamingThem) {
  auto run = [&](const std::vector<std::string>& extra) {
    return blackbox::RunCommand(QMS_GATEWAY_BIN, Join(GatewayArgs(), {"--listen", "127.0.0.1:0"}, extra),
                                std::chrono::seconds(30));
  };
  const std::string missing = certs_.dir() + "/missing.pem";
  blackbox::CommandResult r = run({"--https-cert", missing, "--https-key", certs_.server_key()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--https-cert " + missing + ": no such file"));
  r = run({"--https-cert", certs_.server_cert()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--https-cert needs --https-key"));
  r = run({"--tls-ca", missing});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--tls-ca " + missing + ": no such file"));
  r = run({"--tls-ca", certs_.ca(), "--tls-cert", certs_.gateway_cert(), "--tls-key", certs_.server_key()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("is not the key of the certificate in --tls-cert"));

  const std::vector<std::string> args = Join(GatewayArgs(), HttpsArgs(), MutualTlsArgs());
  StartGateway(args);
  const std::string address = "127.0.0.1:" + std::to_string(gateway_->port());
  r = blackbox::RunCommand(QMS_GATEWAY_BIN, Join(args, {"--listen", address}), std::chrono::seconds(30));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("cannot listen on " + address + ": the address is already in use"));
  EXPECT_EQ(Call("GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace qms::gateway

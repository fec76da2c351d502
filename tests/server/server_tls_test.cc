// qms-server's credentials (server_tls.h) and the clients' (qms/
// client_credentials.h) against each other, in process, on loopback, with
// certificates made for the test: plaintext refused by a TLS server, the
// server name checked, mutual TLS refusing a client without a certificate or
// with one from another CA. Every refusal is checked on the client's status.
#include "services/server/server_tls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "qms/client_credentials.h"
#include "services/echo_service/echo_service.h"
#include "tests/support/demo_certs.h"

namespace qms::server {
namespace {

using qms::test::ClientTls;
using ::testing::HasSubstr;

class ServerTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(certs_.ok()) << certs_.dir();
    ASSERT_TRUE(other_ca_.ok()) << other_ca_.dir();
  }

  // Starts an EchoService server on 127.0.0.1 with `options`.
  void Serve(const ServerTlsOptions& options) {
    auto credentials = MakeServerCredentials(options);
    ASSERT_TRUE(credentials.ok()) << credentials.status().message();
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", *credentials, &port_);
    builder.RegisterService(&echo_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(port_, 0);
  }

  ServerTlsOptions Tls() const { return {certs_.server_cert(), certs_.server_key(), ""}; }
  ServerTlsOptions MutualTls() const { return {certs_.server_cert(), certs_.server_key(), certs_.ca()}; }

  // One Echo from a client with `options`, to 127.0.0.1 or `host`.
  grpc::Status Echo(const proto::ClientTlsOptions& options, const std::string& host = "127.0.0.1") {
    auto channel = proto::CreateClientChannel(host + ":" + std::to_string(port_), options);
    if (!channel.ok()) return grpc::Status(grpc::StatusCode::INTERNAL, channel.status().message());
    auto stub = v1::EchoService::NewStub(*channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::EchoRequest request;
    request.set_payload("ping");
    v1::EchoReply reply;
    grpc::Status status = stub->Echo(&ctx, request, &reply);
    if (status.ok()) {
      EXPECT_EQ(reply.payload(), "ping");
    }
    return status;
  }

  void TearDown() override {
    if (server_) server_->Shutdown(std::chrono::system_clock::now());
  }

  test::DemoCerts certs_;
  test::DemoCerts other_ca_;  // its own CA: certificates the server must not trust
  EchoServiceImpl echo_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

TEST_F(ServerTlsTest, ATlsServerRefusesAPlaintextClientAndServesOneThatTrustsItsCa) {
  Serve(Tls());
  EXPECT_EQ(Echo(ClientTls()).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(Echo(ClientTls(certs_.ca())).ok());
  // A client trusting another CA does not trust this server.
  EXPECT_EQ(Echo(ClientTls(other_ca_.ca())).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ServerTlsTest, TheServerNameIsCheckedAndCanBeGivenWhenTheAddressDoesNotCarryIt) {
  Serve(Tls());
  proto::ClientTlsOptions wrong_name = ClientTls(certs_.ca(), "", "", "centre.example");
  EXPECT_EQ(Echo(wrong_name).error_code(), grpc::StatusCode::UNAVAILABLE);
  // The certificate names localhost; "::1" and "localhost" are both in it,
  // and the override makes 127.0.0.1 checked as "localhost".
  proto::ClientTlsOptions as_localhost = ClientTls(certs_.ca(), "", "", "localhost");
  EXPECT_TRUE(Echo(as_localhost).ok());
  EXPECT_TRUE(Echo(ClientTls(certs_.ca()), "localhost").ok());
}

TEST_F(ServerTlsTest, MutualTlsRefusesAClientWithoutACertificateOrWithOneOfAnotherCa) {
  Serve(MutualTls());
  EXPECT_EQ(Echo(ClientTls()).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Echo(ClientTls(certs_.ca())).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Echo(ClientTls(certs_.ca(), other_ca_.gateway_cert(), other_ca_.gateway_key())).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(Echo(ClientTls(certs_.ca(), certs_.gateway_cert(), certs_.gateway_key())).ok());
}

TEST_F(ServerTlsTest, BadFilesAndFlagsAreRefusedAtStartNamingThem) {
  auto refused = [](const ServerTlsOptions& options, const std::string& mentions) {
    auto made = MakeServerCredentials(options);
    ASSERT_FALSE(made.ok()) << mentions;
    EXPECT_EQ(made.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(made.status().message(), HasSubstr(mentions));
  };
  const std::string missing = certs_.dir() + "/missing.pem";
  refused({missing, certs_.server_key(), ""}, "--tls-cert " + missing + ": no such file");
  refused({certs_.server_cert(), missing, ""}, "--tls-key " + missing + ": no such file");
  refused({certs_.server_cert(), certs_.server_key(), missing}, "--tls-client-ca " + missing);
  refused({certs_.server_key(), certs_.server_key(), ""}, "holds no PEM certificate");
  refused({certs_.server_cert(), certs_.gateway_key(), ""},
          "--tls-key " + certs_.gateway_key() + " is not the key of the certificate in --tls-cert");
  refused({certs_.server_cert(), "", ""}, "--tls-cert needs --tls-key");
  refused({"", certs_.server_key(), ""}, "--tls-key needs --tls-cert");
  refused({"", "", certs_.ca()}, "--tls-client-ca needs --tls-cert and --tls-key");
  EXPECT_EQ(DescribeServerTls({}), "plaintext");
  EXPECT_EQ(DescribeServerTls(Tls()), "TLS");
  EXPECT_EQ(DescribeServerTls(MutualTls()), "TLS, client certificates required");
}

}  // namespace
}  // namespace qms::server

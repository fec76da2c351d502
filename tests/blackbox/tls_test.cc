// The real qms-server with --tls-cert, --tls-key and --tls-client-ca, and
// the real qmsctl with --tls-*: a plaintext client refused (UNAVAILABLE on
// the client), qmsctl over TLS and mutual TLS, a client without a
// certificate or with one from another CA refused, and bad files stopping
// the server at start. Certificates are made for the test (demo_certs.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "qms/client_credentials.h"
#include "qms/v1/queue.grpc.pb.h"
#include "tests/blackbox/child_process.h"
#include "tests/support/demo_certs.h"

namespace qms::blackbox {
namespace {

using qms::test::ClientTls;
using ::testing::HasSubstr;

class ServerTlsBlackBoxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(certs_.ok()) << certs_.dir();
    ASSERT_TRUE(other_ca_.ok()) << other_ca_.dir();
    config_ = dir_.path() + "/centres.yaml";
    WriteFile(config_, TwoCentreConfigYaml());
  }

  // Starts qms-server with TLS (and with `client_ca`, mutual TLS).
  void StartServer(bool client_ca) {
    server_ = std::make_unique<ServerProcess>(config_, dir_.path() + "/data", dir_.path() + "/server.log");
    server_->AddArgs({"--tls-cert", certs_.server_cert(), "--tls-key", certs_.server_key()});
    proto::ClientTlsOptions ready = ClientTls(certs_.ca());
    if (client_ca) {
      server_->AddArgs({"--tls-client-ca", certs_.ca()});
      ready.cert_file = certs_.gateway_cert();
      ready.key_file = certs_.gateway_key();
    }
    server_->set_client_tls(ready);
    std::string error;
    ASSERT_TRUE(server_->Start(std::chrono::seconds(60), &error)) << error;
  }

  // ListCentres from a client of this test with `tls`.
  grpc::Status ListCentres(const proto::ClientTlsOptions& tls) {
    auto channel = proto::CreateClientChannel(server_->address(), tls);
    if (!channel.ok()) return grpc::Status(grpc::StatusCode::INTERNAL, channel.status().message());
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ListCentresResponse response;
    return v1::DirectoryService::NewStub(*channel)->ListCentres(&ctx, {}, &response);
  }

  CommandResult Qmsctl(std::vector<std::string> tls_args, const std::vector<std::string>& command) {
    tls_args.insert(tls_args.end(), command.begin(), command.end());
    return RunQmsctl(server_->address(), tls_args);
  }

  void TearDown() override {
    if (server_) server_->Kill();
  }

  TempDir dir_;
  test::DemoCerts certs_;
  test::DemoCerts other_ca_;
  std::string config_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ServerTlsBlackBoxTest, ATlsServerRefusesPlaintextAndQmsctlWorksOverTls) {
  StartServer(/*client_ca=*/false);
  EXPECT_THAT(server_->log(), HasSubstr("listening on " + server_->address() + " (TLS; services:"));
  EXPECT_EQ(ListCentres(ClientTls()).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(ListCentres(ClientTls(certs_.ca())).ok());

  CommandResult plain = Qmsctl({}, {"centres"});
  EXPECT_EQ(plain.exit_code, 2) << plain.out;
  EXPECT_THAT(plain.err, HasSubstr("UNAVAILABLE"));
  EXPECT_THAT(plain.err, HasSubstr("plaintext"));

  CommandResult tls = Qmsctl({"--tls-ca", certs_.ca()}, {"centres"});
  EXPECT_EQ(tls.exit_code, 0) << tls.err;
  EXPECT_THAT(tls.out, HasSubstr("10001"));
  CommandResult issued = Qmsctl({"--tls-ca", certs_.ca(), "--tls-server-name", "localhost"},
                                {"issue", "--centre", "10001", "--field", "chung_thuc"});
  EXPECT_EQ(issued.exit_code, 0) << issued.err;
  EXPECT_THAT(issued.out, HasSubstr("A001"));
  CommandResult other_name =
      Qmsctl({"--tls-ca", certs_.ca(), "--tls-server-name", "centre.example"}, {"centres"});
  EXPECT_EQ(other_name.exit_code, 2) << other_name.out;

  const std::string missing = certs_.dir() + "/missing-ca.pem";
  CommandResult bad = Qmsctl({"--tls-ca", missing}, {"centres"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("--tls-ca " + missing + ": no such file"));
}

TEST_F(ServerTlsBlackBoxTest, MutualTlsServesOnlyClientsWithACertificateOfItsCa) {
  StartServer(/*client_ca=*/true);
  EXPECT_THAT(server_->log(),
              HasSubstr("listening on " + server_->address() + " (TLS, client certificates required;"));
  EXPECT_EQ(ListCentres(ClientTls(certs_.ca())).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(
      ListCentres(ClientTls(certs_.ca(), other_ca_.gateway_cert(), other_ca_.gateway_key())).error_code(),
      grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(ListCentres(ClientTls(certs_.ca(), certs_.gateway_cert(), certs_.gateway_key())).ok());

  CommandResult without = Qmsctl({"--tls-ca", certs_.ca()}, {"centres"});
  EXPECT_EQ(without.exit_code, 2) << without.out;
  CommandResult foreign = Qmsctl(
      {"--tls-ca", certs_.ca(), "--tls-cert", other_ca_.gateway_cert(), "--tls-key", other_ca_.gateway_key()},
      {"centres"});
  EXPECT_EQ(foreign.exit_code, 2) << foreign.out;
  CommandResult with = Qmsctl(
      {"--tls-ca", certs_.ca(), "--tls-cert", certs_.gateway_cert(), "--tls-key", certs_.gateway_key()},
      {"centres"});
  EXPECT_EQ(with.exit_code, 0) << with.err;
  EXPECT_THAT(with.out, HasSubstr("10002"));
}

TEST_F(ServerTlsBlackBoxTest, ABadFileStopsTheServerAtStartNamingItBeforeTheStoresOpen) {
  const std::string data = dir_.path() + "/data";
  auto run = [&](const std::vector<std::string>& tls) {
    std::vector<std::string> args = {"--config", config_, "--data-dir", data, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), tls.begin(), tls.end());
    return RunCommand(QMS_SERVER_BIN, args, std::chrono::seconds(30));
  };
  const std::string missing = certs_.dir() + "/missing.pem";
  CommandResult r = run({"--tls-cert", missing, "--tls-key", certs_.server_key()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--tls-cert " + missing + ": no such file"));
  r = run({"--tls-cert", certs_.server_cert(), "--tls-key", certs_.gateway_key()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--tls-key " + certs_.gateway_key() + " is not the key of the certificate"));
  r = run({"--tls-cert", certs_.server_cert(), "--tls-key", certs_.server_key(), "--tls-client-ca",
           certs_.server_key()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--tls-client-ca " + certs_.server_key() + ": holds no PEM certificate"));
  r = run({"--tls-client-ca", certs_.ca()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--tls-client-ca needs --tls-cert and --tls-key"));
  EXPECT_FALSE(std::filesystem::exists(data)) << "no store opened";
}

}  // namespace
}  // namespace qms::blackbox

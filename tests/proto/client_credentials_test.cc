// The TLS files (qms/pem_files.h) and the clients' credentials
// (qms/client_credentials.h): what a wrong file or a wrong combination of
// flags says, so that qmsctl, qms-bench and qms-gateway stop at start
// naming it. The calls over TLS are in tests/server/server_tls_test.cc.
#include "qms/client_credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <fstream>

#include "qms/pem_files.h"
#include "tests/support/demo_certs.h"

namespace qms::proto {
namespace {

using qms::test::ClientTls;
using ::testing::HasSubstr;

// A self-signed certificate valid from 2 hours ago to 1 hour ago, and its
// key, written to `cert_path` and `key_path`.
bool WriteExpiredCertificate(const std::string& cert_path, const std::string& key_path) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  bool ok = key && cert;
  if (ok) {
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
    X509_gmtime_adj(X509_getm_notBefore(cert), -7200);
    X509_gmtime_adj(X509_getm_notAfter(cert), -3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("expired"),
                               -1, -1, 0);
    X509_set_issuer_name(cert, name);
    ok = X509_sign(cert, key, EVP_sha256()) > 0;
  }
  FILE* c = ok ? std::fopen(cert_path.c_str(), "w") : nullptr;
  FILE* k = ok ? std::fopen(key_path.c_str(), "w") : nullptr;
  ok = c && k && PEM_write_X509(c, cert) == 1 &&
       PEM_write_PrivateKey(k, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  if (c) std::fclose(c);
  if (k) std::fclose(k);
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

class ClientCredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(certs_.ok()) << certs_.dir(); }

  void ExpectRefused(const ClientTlsOptions& options, const std::string& mentions) {
    auto made = MakeChannelCredentials(options);
    ASSERT_FALSE(made.ok()) << mentions;
    EXPECT_EQ(made.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(made.status().message(), HasSubstr(mentions));
  }

  test::DemoCerts certs_;
};

TEST_F(ClientCredentialsTest, NoFlagsIsPlaintextAndGoodFilesGiveTls) {
  auto plain = MakeChannelCredentials(ClientTls());
  ASSERT_TRUE(plain.ok());
  EXPECT_NE(*plain, nullptr);
  EXPECT_EQ(Describe(ClientTls()), "plaintext");
  ClientTlsOptions tls = ClientTls(certs_.ca());
  EXPECT_TRUE(MakeChannelCredentials(tls).ok());
  EXPECT_EQ(Describe(tls), "TLS");
  ClientTlsOptions mutual = ClientTls(certs_.ca(), certs_.gateway_cert(), certs_.gateway_key(), "localhost");
  EXPECT_TRUE(MakeChannelCredentials(mutual).ok());
  EXPECT_EQ(Describe(mutual), "mutual TLS");
}

TEST_F(ClientCredentialsTest, FlagsThatDoNotGoTogetherAreRefused) {
  ExpectRefused(ClientTls("", certs_.gateway_cert(), certs_.gateway_key()), "--tls-cert needs --tls-ca");
  ExpectRefused(ClientTls("", "", "", "localhost"), "--tls-server-name needs --tls-ca");
  ExpectRefused(ClientTls(certs_.ca(), certs_.gateway_cert(), ""), "--tls-cert needs --tls-key");
  ExpectRefused(ClientTls(certs_.ca(), "", certs_.gateway_key()), "--tls-key needs --tls-cert");
}

TEST_F(ClientCredentialsTest, AMissingOrWrongFileIsNamed) {
  const std::string missing = certs_.dir() + "/nowhere/ca.pem";
  ExpectRefused(ClientTls(missing), "--tls-ca " + missing + ": no such file");
  ExpectRefused(ClientTls(certs_.dir()), "--tls-ca " + certs_.dir() + ": not a file");
  ExpectRefused(ClientTls(certs_.ca_key()), "--tls-ca " + certs_.ca_key() + ": holds no PEM certificate");
  ExpectRefused(ClientTls(certs_.ca(), certs_.gateway_cert(), certs_.server_key()),
                "--tls-key " + certs_.server_key() + " is not the key of the certificate in --tls-cert " +
                    certs_.gateway_cert());
  ExpectRefused(ClientTls(certs_.ca(), certs_.gateway_cert(), certs_.gateway_cert()),
                "--tls-key " + certs_.gateway_cert() + ": holds no PEM private key");
}

TEST_F(ClientCredentialsTest, ABrokenCertificateIsNotTakenForAMissingOne) {
  const std::string broken = certs_.dir() + "/broken.pem";
  std::ofstream(broken)
      << "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
  auto read = ReadPemCertificates("--tls-ca", broken);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(),
              HasSubstr("--tls-ca " + broken + ": a certificate in it does not parse"));
}

TEST_F(ClientCredentialsTest, AnExpiredCertificateIsRefusedWithItsDate) {
  const std::string cert = certs_.dir() + "/expired.pem";
  const std::string key = certs_.dir() + "/expired.key";
  ASSERT_TRUE(WriteExpiredCertificate(cert, key));
  auto pair = ReadPemKeyPair("--tls-cert", cert, "--tls-key", key);
  ASSERT_FALSE(pair.ok());
  EXPECT_EQ(pair.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(pair.status().message(), HasSubstr("--tls-cert " + cert + ": the certificate expired at 20"));
  // The demo's own pair is valid now, and the CA file holds one certificate.
  EXPECT_TRUE(ReadPemKeyPair("--tls-cert", certs_.gateway_cert(), "--tls-key", certs_.gateway_key()).ok());
  EXPECT_TRUE(ReadPemCertificates("--tls-ca", certs_.ca()).ok());
}

}  // namespace
}  // namespace qms::proto

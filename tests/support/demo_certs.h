// Certificates for the TLS tests, made at test time by
// scripts/make-demo-certs.sh (openssl) in a fresh temp directory that is
// removed afterwards: no key or certificate is ever in the repository.
// Each DemoCerts is its own CA, so two of them give "a certificate from
// another CA". Needs QMS_SOURCE_DIR (the source tree) defined.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "qms/client_credentials.h"

namespace qms::test {

// A client's TLS options (the fields in their order, the rest empty).
inline proto::ClientTlsOptions ClientTls(std::string ca = "", std::string cert = "", std::string key = "",
                                         std::string server_name = "") {
  proto::ClientTlsOptions options;
  options.ca_file = std::move(ca);
  options.cert_file = std::move(cert);
  options.key_file = std::move(key);
  options.server_name = std::move(server_name);
  return options;
}

class DemoCerts {
 public:
  DemoCerts() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/qms-certs-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return;
    dir_ = pattern;
    const std::string log = dir_ + "/make-demo-certs.log";
    const std::string command = "bash '" + std::string(QMS_SOURCE_DIR) + "/scripts/make-demo-certs.sh' '" +
                                dir_ + "' >'" + log + "' 2>&1";
    ok_ = std::system(command.c_str()) == 0 && std::filesystem::exists(gateway_key());
  }
  ~DemoCerts() {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  DemoCerts(const DemoCerts&) = delete;
  DemoCerts& operator=(const DemoCerts&) = delete;

  // False when the script failed (its output is in dir()/make-demo-certs.log).
  bool ok() const { return ok_; }
  const std::string& dir() const { return dir_; }
  std::string ca() const { return dir_ + "/ca.pem"; }
  std::string ca_key() const { return dir_ + "/ca.key"; }
  std::string server_cert() const { return dir_ + "/server.pem"; }  // localhost, 127.0.0.1, ::1
  std::string server_key() const { return dir_ + "/server.key"; }
  std::string gateway_cert() const { return dir_ + "/gateway.pem"; }  // a client certificate
  std::string gateway_key() const { return dir_ + "/gateway.key"; }

 private:
  std::string dir_;
  bool ok_ = false;
};

}  // namespace qms::test

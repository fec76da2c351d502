// qms-server's transport security: plaintext, TLS with a server
// certificate, or mutual TLS where every client must present a certificate
// signed by the given CA (the gateways). docs/tls.md has the flags and the
// demo certificates (scripts/make-demo-certs.sh).
#pragma once

#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "services/base/status.h"

namespace qms::server {

struct ServerTlsOptions {
  std::string cert_file;       // --tls-cert: PEM chain, the server's first
  std::string key_file;        // --tls-key: its PEM private key
  std::string client_ca_file;  // --tls-client-ca: PEM roots of client certificates
};

// The credentials for the options: InsecureServerCredentials when none is
// given; SslServerCredentials with the key pair; with a client CA, client
// certificates are required and verified against it. INVALID_ARGUMENT
// naming the flag and the file when a file is missing, unreadable or of the
// wrong kind, the key is not the certificate's, the certificate has expired,
// or the flags do not go together (--tls-cert without --tls-key,
// --tls-client-ca without both).
[[nodiscard]] StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const ServerTlsOptions& options);

// What the "listening on" line says of it: "plaintext", "TLS" or "TLS, client
// certificates required".
std::string DescribeServerTls(const ServerTlsOptions& options);

}  // namespace qms::server

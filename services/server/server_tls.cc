#include "services/server/server_tls.h"

#include <grpcpp/security/server_credentials.h>

#include "qms/pem_files.h"

namespace qms::server {

StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(const ServerTlsOptions& options) {
  const bool cert = !options.cert_file.empty();
  const bool key = !options.key_file.empty();
  const bool client_ca = !options.client_ca_file.empty();
  if (!cert && !key && !client_ca) return grpc::InsecureServerCredentials();
  if (!cert || !key) {
    return InvalidArgument(std::string(cert  ? "--tls-cert needs --tls-key (the key of that certificate)"
                                       : key ? "--tls-key needs --tls-cert (the certificate of that key)"
                                             : "--tls-client-ca needs --tls-cert and --tls-key (the "
                                               "server's own certificate)"));
  }
  auto pair = proto::ReadPemKeyPair("--tls-cert", options.cert_file, "--tls-key", options.key_file);
  if (!pair.ok()) return pair.status();
  grpc::SslServerCredentialsOptions ssl(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  ssl.pem_key_cert_pairs.push_back({std::move(pair->private_key), std::move(pair->certificate_chain)});
  if (client_ca) {
    auto roots = proto::ReadPemCertificates("--tls-client-ca", options.client_ca_file);
    if (!roots.ok()) return roots.status();
    ssl.pem_root_certs = std::move(*roots);
    ssl.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

std::string DescribeServerTls(const ServerTlsOptions& options) {
  if (options.cert_file.empty()) return "plaintext";
  return options.client_ca_file.empty() ? "TLS" : "TLS, client certificates required";
}

}  // namespace qms::server

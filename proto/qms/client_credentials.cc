#include "qms/client_credentials.h"

#include "qms/pem_files.h"

namespace qms::proto {

namespace {

Status CheckCombination(const ClientTlsOptions& o) {
  if (!o.tls()) {
    for (const auto& [flag, value] : {std::pair<const char*, const std::string*>{"--tls-cert", &o.cert_file},
                                      {"--tls-key", &o.key_file},
                                      {"--tls-server-name", &o.server_name}}) {
      if (!value->empty()) return InvalidArgument(std::string(flag) + " needs --tls-ca (the server's root)");
    }
    return Status::Ok();
  }
  if (o.cert_file.empty() != o.key_file.empty()) {
    return InvalidArgument(o.cert_file.empty() ? "--tls-key needs --tls-cert (the certificate of that key)"
                                               : "--tls-cert needs --tls-key (the key of that certificate)");
  }
  return Status::Ok();
}

}  // namespace

std::string Describe(const ClientTlsOptions& options) {
  if (!options.tls()) return "plaintext";
  return options.mutual() ? "mutual TLS" : "TLS";
}

StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(const ClientTlsOptions& options) {
  if (Status s = CheckCombination(options); !s.ok()) return s;
  if (!options.tls()) return grpc::InsecureChannelCredentials();
  auto roots = ReadPemCertificates("--tls-ca", options.ca_file);
  if (!roots.ok()) return roots.status();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = std::move(*roots);
  if (options.mutual()) {
    auto pair = ReadPemKeyPair("--tls-cert", options.cert_file, "--tls-key", options.key_file);
    if (!pair.ok()) return pair.status();
    ssl.pem_cert_chain = std::move(pair->certificate_chain);
    ssl.pem_private_key = std::move(pair->private_key);
  }
  return grpc::SslCredentials(ssl);
}

void AddTlsChannelArguments(const ClientTlsOptions& options, grpc::ChannelArguments* args) {
  if (options.tls() && !options.server_name.empty()) args->SetSslTargetNameOverride(options.server_name);
}

StatusOr<std::shared_ptr<grpc::Channel>> CreateClientChannel(const std::string& target,
                                                             const ClientTlsOptions& options,
                                                             grpc::ChannelArguments args) {
  auto credentials = MakeChannelCredentials(options);
  if (!credentials.ok()) return credentials.status();
  AddTlsChannelArguments(options, &args);
  return grpc::CreateCustomChannel(target, *credentials, args);
}

}  // namespace qms::proto

// How a client of qms-server (qmsctl, qms-bench, qms-gateway) reaches it:
// plaintext, TLS trusting one root, or mutual TLS presenting its own
// certificate too. The clients depend on the contract only (STYLE.md), so
// this lives with it, in qms_proto_grpc. The flags are the same in every client
// (client_tls_flags.h); docs/tls.md explains them.
//
// Thread-safe (no shared state).
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "services/base/status.h"

namespace qms::proto {

struct ClientTlsOptions {
  // --tls-ca: PEM root certificate(s) the server's certificate must chain
  // to. Empty: plaintext, and every other field must be empty too.
  std::string ca_file;
  // --tls-cert, --tls-key: this client's certificate chain and key, for a
  // server started with --tls-client-ca (mutual TLS). Both or neither.
  std::string cert_file;
  std::string key_file;
  // --tls-server-name: the name the server's certificate is checked
  // against when it is not the host of the address, e.g. "localhost" for a
  // certificate of localhost reached at 127.0.0.1:50051.
  std::string server_name;

  bool tls() const { return !ca_file.empty(); }
  bool mutual() const { return !cert_file.empty(); }
};

// "plaintext", "TLS" or "mutual TLS": for the clients' logs.
std::string Describe(const ClientTlsOptions& options);

// Reads and checks the files (pem_files.h) and returns TLS credentials with
// that root (and that certificate), or InsecureChannelCredentials without
// --tls-ca. INVALID_ARGUMENT naming the flag and the file when one is
// missing, unreadable or of the wrong kind, when the key is not the
// certificate's, or when the flags do not go together (--tls-cert without
// --tls-key, any of them without --tls-ca).
[[nodiscard]] StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ClientTlsOptions& options);

// Adds to `args` what the options need of the channel: the name override
// of --tls-server-name (GRPC_SSL_TARGET_NAME_OVERRIDE_ARG).
void AddTlsChannelArguments(const ClientTlsOptions& options, grpc::ChannelArguments* args);

// A channel to `target` with the options' credentials and `args` (plus
// AddTlsChannelArguments). Errors as MakeChannelCredentials.
[[nodiscard]] StatusOr<std::shared_ptr<grpc::Channel>> CreateClientChannel(const std::string& target,
                                                                           const ClientTlsOptions& options,
                                                                           grpc::ChannelArguments args = {});

}  // namespace qms::proto

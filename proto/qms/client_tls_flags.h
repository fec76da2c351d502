// The TLS flags every client of qms-server takes (qmsctl, qms-bench,
// qms-gateway), declared once so their names and help read the same.
// Header-only: qms_proto_grpc itself does not use CLI11; the clients do.
#pragma once

#include <CLI/CLI.hpp>

#include "qms/client_credentials.h"

namespace qms::proto {

inline void AddClientTlsFlags(CLI::App* app, ClientTlsOptions* tls) {
  app->add_option("--tls-ca", tls->ca_file,
                  "PEM root certificate(s) of qms-server's TLS certificate; without it: plaintext");
  app->add_option("--tls-cert", tls->cert_file,
                  "PEM certificate presented to qms-server (mutual TLS; with --tls-key and --tls-ca)");
  app->add_option("--tls-key", tls->key_file, "PEM private key of --tls-cert");
  app->add_option("--tls-server-name", tls->server_name,
                  "name to check qms-server's certificate against when it is not the host of the address "
                  "(e.g. localhost for 127.0.0.1)");
}

}  // namespace qms::proto

// The PEM files of TLS, read once at start and checked, so that a wrong path
// or a file of the wrong kind stops a program at start with a message that
// names the flag and the file. Without the check gRPC accepts any bytes and
// every connection fails later with a bare "handshake failed".
//
// Used by qms-server (its certificate, key and client CA), by the clients'
// credentials (client_credentials.h) and by qms-gateway's HTTPS.
// Thread-safe (no shared state).
#pragma once

#include <string>

#include "services/base/status.h"

namespace qms::proto {

// The text of `path`, checked to hold at least one PEM certificate, each of
// which parses. INVALID_ARGUMENT "<flag> <path>: ..." when the file cannot be
// read, holds no certificate or a broken one.
[[nodiscard]] StatusOr<std::string> ReadPemCertificates(const std::string& flag, const std::string& path);

struct PemKeyPair {
  std::string certificate_chain;  // PEM; the first certificate is the holder's
  std::string private_key;        // PEM
};

// A certificate chain and its private key, checked to belong together and
// the holder's certificate to be valid now. INVALID_ARGUMENT naming the flag
// and the file: unreadable, not PEM, a key that is not the certificate's, a
// certificate expired or not yet valid.
[[nodiscard]] StatusOr<PemKeyPair> ReadPemKeyPair(const std::string& cert_flag, const std::string& cert_path,
                                                  const std::string& key_flag, const std::string& key_path);

}  // namespace qms::proto

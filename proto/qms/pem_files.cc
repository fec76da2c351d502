#include "qms/pem_files.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

namespace qms::proto {

namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;

std::string Where(const std::string& flag, const std::string& path) { return flag + " " + path; }

StatusOr<std::string> ReadWhole(const std::string& flag, const std::string& path) {
  if (path.empty()) return InvalidArgument(flag + ": give a file");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return InvalidArgument(Where(flag, path) + ": no such file");
  if (!std::filesystem::is_regular_file(path, ec)) return InvalidArgument(Where(flag, path) + ": not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument(Where(flag, path) + ": cannot read it: " + std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

BioPtr MemoryBio(const std::string& text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// Every certificate of `pem`, in order; empty with *broken set when one
// does not parse.
std::vector<X509Ptr> ParseCertificates(const std::string& pem, bool* broken) {
  std::vector<X509Ptr> out;
  BioPtr bio = MemoryBio(pem);
  *broken = false;
  ERR_clear_error();
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(cert);
  const unsigned long last = ERR_peek_last_error();
  // Running out of "-----BEGIN" lines is the normal end; anything else is a
  // certificate that does not parse.
  if (last != 0 && ERR_GET_REASON(last) != PEM_R_NO_START_LINE) {
    *broken = true;
    out.clear();
  }
  ERR_clear_error();
  return out;
}

std::string IsoTime(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return "?";
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// A prompt for a passphrase would hang a service at start: encrypted keys
// are refused instead.
int NoPassphrase(char*, int, int, void*) { return 0; }

}  // namespace

StatusOr<std::string> ReadPemCertificates(const std::string& flag, const std::string& path) {
  auto text = ReadWhole(flag, path);
  if (!text.ok()) return text.status();
  bool broken = false;
  if (ParseCertificates(*text, &broken).empty()) {
    return InvalidArgument(Where(flag, path) +
                           (broken ? ": a certificate in it does not parse"
                                   : ": holds no PEM certificate (-----BEGIN CERTIFICATE-----)"));
  }
  return text;
}

StatusOr<PemKeyPair> ReadPemKeyPair(const std::string& cert_flag, const std::string& cert_path,
                                    const std::string& key_flag, const std::string& key_path) {
  auto chain = ReadPemCertificates(cert_flag, cert_path);
  if (!chain.ok()) return chain.status();
  auto key_text = ReadWhole(key_flag, key_path);
  if (!key_text.ok()) return key_text.status();

  bool broken = false;
  std::vector<X509Ptr> certs = ParseCertificates(*chain, &broken);
  BioPtr key_bio = MemoryBio(*key_text);
  ERR_clear_error();
  KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, NoPassphrase, nullptr));
  ERR_clear_error();
  if (!key) {
    return InvalidArgument(Where(key_flag, key_path) +
                           ": holds no PEM private key (or an encrypted one, which is not supported)");
  }
  X509* holder = certs.front().get();
  if (X509_check_private_key(holder, key.get()) != 1) {
    ERR_clear_error();
    return InvalidArgument(Where(key_flag, key_path) + " is not the key of the certificate in " +
                           Where(cert_flag, cert_path));
  }
  if (X509_cmp_current_time(X509_get0_notAfter(holder)) < 0) {
    return InvalidArgument(Where(cert_flag, cert_path) + ": the certificate expired at " +
                           IsoTime(X509_get0_notAfter(holder)));
  }
  if (X509_cmp_current_time(X509_get0_notBefore(holder)) > 0) {
    return InvalidArgument(Where(cert_flag, cert_path) + ": the certificate is valid only from " +
                           IsoTime(X509_get0_notBefore(holder)));
  }
  return PemKeyPair{std::move(*chain), std::move(*key_text)};
}

}  // namespace qms::proto

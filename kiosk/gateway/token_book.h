// TokenBook: the bearer token the gateway sends with each gRPC call, chosen
// by the page role the call serves and the centre it is about. Loaded from
// a file given with --tokens; without one, calls carry no token.
//
// File format: one token per line, "ROLE CENTRE TOKEN", where ROLE is kiosk,
// board, counter or supervisor, and CENTRE a centre id or "*" for every
// centre. A centre's own line wins over "*". '#' starts a comment. Tokens
// are secrets: they are never logged.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "services/base/status.h"

namespace qms::gateway {

enum class PageRole { kKiosk, kBoard, kCounter, kSupervisor };

const char* RoleName(PageRole role);

class TokenBook {
 public:
  // INVALID_ARGUMENT with file:line for a malformed line; NOT_FOUND when the
  // file cannot be read.
  [[nodiscard]] static StatusOr<TokenBook> Load(const std::string& path);
  [[nodiscard]] static StatusOr<TokenBook> Parse(const std::string& text, const std::string& origin);

  // The token for `role` at `centre`, or empty when none is set.
  const std::string& TokenFor(PageRole role, const std::string& centre) const;
  size_t size() const { return tokens_.size(); }

 private:
  std::map<std::pair<PageRole, std::string>, std::string> tokens_;
};

}  // namespace qms::gateway

#include "kiosk/gateway/token_book.h"

#include <fstream>
#include <sstream>

namespace qms::gateway {

namespace {

bool ParseRole(const std::string& name, PageRole* role) {
  if (name == "kiosk")
    *role = PageRole::kKiosk;
  else if (name == "board")
    *role = PageRole::kBoard;
  else if (name == "counter")
    *role = PageRole::kCounter;
  else if (name == "supervisor")
    *role = PageRole::kSupervisor;
  else
    return false;
  return true;
}

}  // namespace

const char* RoleName(PageRole role) {
  switch (role) {
    case PageRole::kKiosk: return "kiosk";
    case PageRole::kBoard: return "board";
    case PageRole::kCounter: return "counter";
    case PageRole::kSupervisor: return "supervisor";
  }
  return "?";
}

StatusOr<TokenBook> TokenBook::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("--tokens " + path + ": cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

StatusOr<TokenBook> TokenBook::Parse(const std::string& text, const std::string& origin) {
  TokenBook book;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string role_name, centre, token, extra;
    if (!(words >> role_name)) continue;  // blank or comment
    const std::string where = origin + ":" + std::to_string(number) + ": ";
    PageRole role;
    if (!ParseRole(role_name, &role))
      return InvalidArgument(where + "role \"" + role_name + "\" is not kiosk, board, counter or supervisor");
    if (!(words >> centre >> token)) return InvalidArgument(where + "expected ROLE CENTRE TOKEN");
    if (words >> extra) return InvalidArgument(where + "more than ROLE CENTRE TOKEN on the line");
    if (centre != "*" && (centre.size() > 9 || centre.find_first_not_of("0123456789") != std::string::npos))
      return InvalidArgument(where + "centre \"" + centre + "\" is not a centre id or *");
    if (!book.tokens_.emplace(std::make_pair(role, centre), token).second)
      return InvalidArgument(where + "a second token for " + role_name + " at " + centre);
  }
  return book;
}

const std::string& TokenBook::TokenFor(PageRole role, const std::string& centre) const {
  static const std::string kNone;
  if (auto it = tokens_.find({role, centre}); it != tokens_.end()) return it->second;
  if (auto it = tokens_.find({role, "*"}); it != tokens_.end()) return it->second;
  return kNone;
}

}  // namespace qms::gateway

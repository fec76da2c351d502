#include "kiosk/gateway/router.h"

#include "kiosk/gateway/json_mapping.h"

namespace qms::gateway {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void Router::Add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back({method, SplitPath(pattern), std::move(handler)});
}

bool Router::Match(const Route& route, const std::vector<std::string>& path, PathParams* params) {
  if (route.segments.size() != path.size()) return false;
  PathParams bound;
  for (size_t i = 0; i < path.size(); ++i) {
    const std::string& want = route.segments[i];
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      bound[want.substr(1, want.size() - 2)] = path[i];
    } else if (want != path[i]) {
      return false;
    }
  }
  *params = std::move(bound);
  return true;
}

void Router::Dispatch(const HttpRequest& request, ExchangePtr exchange) const {
  const std::vector<std::string> path = SplitPath(request.path);
  bool path_known = false;
  for (const Route& route : routes_) {
    PathParams params;
    if (!Match(route, path, &params)) continue;
    path_known = true;
    if (route.method != request.method) continue;
    route.handler(request, params, std::move(exchange));
    return;
  }
  if (path_known) {
    exchange->Reply(ErrorReply(405, "METHOD_NOT_ALLOWED",
                               "Phương thức " + request.method + " không dùng được ở đây.",
                               "Method " + request.method + " is not allowed here.", ""));
  } else {
    exchange->Reply(ErrorReply(404, "NOT_FOUND", "Không có trang hay chức năng này.",
                               "There is no such page or function.", request.path));
  }
}

}  // namespace qms::gateway

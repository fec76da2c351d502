// Router: the gateway's table of routes. A pattern is a path of segments,
// where "{name}" matches one non-empty segment and binds it. Routes are
// matched in the order they were added; a path that matches a route's
// pattern but not its method is 405, no pattern at all is 404.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "kiosk/gateway/http_types.h"

namespace qms::gateway {

using PathParams = std::map<std::string, std::string>;
using Handler = std::function<void(const HttpRequest&, const PathParams&, ExchangePtr)>;

class Router {
 public:
  // REQUIRES: `pattern` starts with '/'.
  void Add(const std::string& method, const std::string& pattern, Handler handler);
  // Runs the handler of the first matching route, or answers 404/405.
  void Dispatch(const HttpRequest& request, ExchangePtr exchange) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string>& path, PathParams* params);

  std::vector<Route> routes_;
};

// "/a/b/" -> {"a", "b"}; empty segments are dropped.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace qms::gateway

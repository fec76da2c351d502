#include "kiosk/gateway/internal/http_request.h"

#include <cctype>

namespace qms::gateway::internal {

namespace http = boost::beast::http;

std::string PercentDecode(const std::string& in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(const std::string& query) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (!pair.empty()) {
      out[PercentDecode(pair.substr(0, eq), true)] =
          eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    }
    start = end + 1;
  }
  return out;
}

HttpRequest ToHttpRequest(const http::request<http::string_body>& msg, const std::string& peer) {
  HttpRequest r;
  r.method = std::string(msg.method_string());
  const std::string target(msg.target());
  const size_t q = target.find('?');
  r.path = PercentDecode(target.substr(0, q), false);
  if (q != std::string::npos) r.query = ParseQuery(target.substr(q + 1));
  r.body = msg.body();
  r.content_type = std::string(msg[http::field::content_type]);
  r.last_event_id = std::string(msg["Last-Event-ID"]);
  r.host = std::string(msg[http::field::host]);
  r.peer = peer;
  const std::string authorization(msg[http::field::authorization]);
  static const std::string kBearer = "Bearer ";
  if (authorization.compare(0, kBearer.size(), kBearer) == 0) r.bearer = authorization.substr(kBearer.size());
  return r;
}

}  // namespace qms::gateway::internal

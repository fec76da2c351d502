// The one step from what Boost.Beast parsed to the gateway's HttpRequest:
// the path percent-decoded, the query split and decoded, the headers the
// handlers read. Pure functions of untrusted bytes, kept apart from the
// connection (http_session.h) so that tests and the fuzz target
// (tests/fuzz/fuzz_gateway_http.cc) call them without a socket.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <map>
#include <string>

#include "kiosk/gateway/http_types.h"

namespace qms::gateway::internal {

// "%41b+c" -> "Ab c" when `plus_is_space` (a query), "Ab+c" when not (a
// path). A '%' not followed by two hex digits stays as it is.
std::string PercentDecode(const std::string& in, bool plus_is_space);

// "a=1&b=x%20y&c" -> {a: "1", b: "x y", c: ""}; empty pairs are skipped and
// a repeated name keeps its last value.
std::map<std::string, std::string> ParseQuery(const std::string& query);

// The request as the handlers see it; `peer` is "ADDRESS:PORT".
HttpRequest ToHttpRequest(const boost::beast::http::request<boost::beast::http::string_body>& msg,
                          const std::string& peer);

}  // namespace qms::gateway::internal

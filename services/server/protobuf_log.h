// Protobuf logs one ERROR line for every request whose text field is not
// UTF-8. Such a request is refused with INVALID_ARGUMENT naming the field
// (qms/request_parsing.h), so the line adds nothing and would let any client
// fill the log. LimitProtobufLog keeps those lines to at most one a minute,
// with the count of those left out; every other protobuf message passes.
#pragma once

#include <functional>
#include <string>

namespace qms::server {

// `sink` receives the lines that pass. Call once, before serving.
void LimitProtobufLog(std::function<void(const std::string&)> sink);

}  // namespace qms::server

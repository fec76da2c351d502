// The server's port is its own. gRPC turns SO_REUSEPORT on by default, so a
// second server started on a busy address would share it, and the kernel
// would split the clients between two databases: ticket numbers given twice.
// qms-server turns it off (GRPC_ARG_ALLOW_REUSEPORT 0) and checks the
// address before it opens its stores, so a second server stops at once with
// a message naming the address.
#pragma once

#include <string>

#include "services/base/status.h"

namespace qms::server {

// OK when `listen` ("HOST:PORT", "[::1]:PORT") can be bound now by one
// listener alone; FAILED_PRECONDITION naming the address when something
// listens there already; INVALID_ARGUMENT when it does not parse or
// resolve. Port 0 is always free. The check binds and releases a socket; the
// gRPC listener without SO_REUSEPORT is what keeps the port afterwards.
[[nodiscard]] Status CheckAddressFree(const std::string& listen);

}  // namespace qms::server

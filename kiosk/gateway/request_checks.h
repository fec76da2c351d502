// The gateway's own checks of what a page sends, before it calls the
// server: a clear INVALID_ARGUMENT naming the part, never a call with input
// the server would refuse anyway. The server checks again (it trusts no
// client); these keep bad input off the link and give the page a message
// at once.
#pragma once

#include <string>

#include "services/base/status.h"

namespace qms::gateway {

// "B023": the ticket number's one rule (queue::TicketNumber::Parse).
[[nodiscard]] Status CheckTicketNumber(const std::string& number);
// Identifiers (counters, fields, clerks, request ids, procedure codes,
// dossier codes): printable ASCII without spaces, 1 to `max` bytes (empty
// allowed when not required).
[[nodiscard]] Status CheckIdentifier(const std::string& value, const char* name, bool required,
                                     size_t max = 64);
// Free text: at most `max` bytes of UTF-8, no control characters.
[[nodiscard]] Status CheckFreeText(const std::string& value, const char* name, size_t max);
// A decimal number in a query string, within [low, high].
[[nodiscard]] StatusOr<uint64_t> ParseQueryNumber(const std::string& value, const char* name, uint64_t low,
                                                  uint64_t high);

}  // namespace qms::gateway

#include "services/queue/ticket_number.h"

#include <algorithm>
#include <cstdio>

namespace qms::queue {

namespace {
constexpr size_t kMinLength = 2;
constexpr size_t kMaxLength = 8;  // a letter and at most 7 digits: fits in uint32_t

// The text as a message quotes it: at most 16 bytes of it, so that a huge
// input makes a short error.
std::string Quoted(std::string_view text) {
  return "\"" + std::string(text.substr(0, 16)) + (text.size() > 16 ? "...\"" : "\"");
}

Status NotLikeB023(std::string_view text) {
  return InvalidArgument("ticket number " + Quoted(text) + " is not like B023");
}
}  // namespace

std::string TicketNumber::Format() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%03u", prefix, seq);
  return buf;
}

StatusOr<char> TicketNumber::ParsePrefix(std::string_view text) {
  if (text.size() < kMinLength || text.size() > kMaxLength) return NotLikeB023(text);
  if (text[0] < 'A' || text[0] > 'Z') {
    return InvalidArgument("ticket number " + Quoted(text) +
                           " must start with a field's capital letter, like B023");
  }
  return text[0];
}

StatusOr<TicketNumber> TicketNumber::Parse(std::string_view text) {
  StatusOr<char> prefix = ParsePrefix(text);
  if (!prefix.ok()) return prefix.status();
  const std::string_view digits = text.substr(1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return NotLikeB023(text);
  }
  TicketNumber n;
  n.prefix = *prefix;
  for (char c : digits) n.seq = n.seq * 10 + static_cast<uint32_t>(c - '0');
  return n;
}

}  // namespace qms::queue

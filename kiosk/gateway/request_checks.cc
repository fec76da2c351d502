#include "kiosk/gateway/request_checks.h"

#include <algorithm>

#include "services/queue/ticket_number.h"

namespace qms::gateway {

Status CheckTicketNumber(const std::string& number) { return queue::TicketNumber::Parse(number).status(); }

Status CheckIdentifier(const std::string& value, const char* name, bool required, size_t max) {
  if (value.empty()) return required ? InvalidArgument(std::string(name) + " is required") : Status::Ok();
  if (value.size() > max)
    return InvalidArgument(std::string(name) + " is longer than " + std::to_string(max) + " bytes");
  if (!std::all_of(value.begin(), value.end(), [](char c) { return c > ' ' && c < 127; }))
    return InvalidArgument(std::string(name) + " must be printable ASCII without spaces");
  return Status::Ok();
}

Status CheckFreeText(const std::string& value, const char* name, size_t max) {
  if (value.size() > max)
    return InvalidArgument(std::string(name) + " is longer than " + std::to_string(max) + " bytes");
  for (size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    const auto next = i + 1 < value.size() ? static_cast<unsigned char>(value[i + 1]) : 0;
    if (c < 0x20 || c == 0x7F || (c == 0xC2 && next >= 0x80 && next <= 0x9F))
      return InvalidArgument(std::string(name) + " must not hold control characters");
  }
  return Status::Ok();
}

StatusOr<uint64_t> ParseQueryNumber(const std::string& value, const char* name, uint64_t low, uint64_t high) {
  if (value.empty() || value.size() > 19 ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return InvalidArgument(std::string(name) + " must be a whole number");
  const uint64_t n = std::stoull(value);
  if (n < low || n > high)
    return InvalidArgument(std::string(name) + " must be between " + std::to_string(low) + " and " +
                           std::to_string(high));
  return n;
}

}  // namespace qms::gateway

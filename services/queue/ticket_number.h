// TicketNumber: the number a citizen reads on the slip and a clerk types,
// a field's capital letter and a number, "B023". The one place that formats
// and parses it: display, lookup, recovery and input checks all go through
// here.
//
// Format() pads the number to at least three digits ("A001", "A1000").
// Parse() accepts 2-8 bytes: a capital letter A-Z, then decimal digits; the
// digits need no padding ("A1" is A001). Every refusal is INVALID_ARGUMENT
// and quotes the text, so a clerk sees what they typed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "services/base/status.h"

namespace qms::queue {

struct TicketNumber {
  char prefix = 'A';  // the field's letter
  uint32_t seq = 0;   // the number within the field's day, without the letter

  std::string Format() const;

  // The letter of `text`, checking only the length and the letter:
  // "is not like B023" for a length outside 2-8, "must start with a field's
  // capital letter" for anything but A-Z first.
  [[nodiscard]] static StatusOr<char> ParsePrefix(std::string_view text);
  // ParsePrefix, then "is not like B023" unless the rest is all digits.
  [[nodiscard]] static StatusOr<TicketNumber> Parse(std::string_view text);

  bool operator==(const TicketNumber& o) const { return prefix == o.prefix && seq == o.seq; }
  bool operator!=(const TicketNumber& o) const { return !(*this == o); }
};

}  // namespace qms::queue

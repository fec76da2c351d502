#include "services/access/input_checks.h"

#include <algorithm>
#include <cstdio>

namespace qms::access {

namespace {
bool AllDigits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

Status CheckCentreId(const std::string& centre_id) {
  if (centre_id.empty()) return InvalidArgument("centre_id is required");
  if (centre_id.size() > 9 || !AllDigits(centre_id)) {
    return InvalidArgument("centre_id must be 1-9 digits (the administrative unit code)");
  }
  return Status::Ok();
}

Status CheckId(const std::string& value, const char* name, bool required, size_t max) {
  if (value.empty()) {
    return required ? InvalidArgument(std::string(name) + " is required") : Status::Ok();
  }
  if (value.size() > max) {
    return InvalidArgument(std::string(name) + " is longer than " + std::to_string(max) + " bytes");
  }
  const bool printable = std::all_of(value.begin(), value.end(), [](char c) { return c > ' ' && c < 127; });
  if (!printable) return InvalidArgument(std::string(name) + " must be printable ASCII without spaces");
  return Status::Ok();
}

Status CheckText(const std::string& value, const char* name, size_t max) {
  if (value.size() > max) {
    return InvalidArgument(std::string(name) + " is longer than " + std::to_string(max) + " bytes");
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const auto byte = static_cast<unsigned char>(value[i]);
    const auto next = i + 1 < value.size() ? static_cast<unsigned char>(value[i + 1]) : 0;
    int control = -1;
    if (byte < 0x20 || byte == 0x7F) control = byte;
    if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) control = next;  // U+0080-U+009F in UTF-8
    if (control >= 0) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", control);
      return InvalidArgument(std::string(name) + " must not hold control characters (" + code + " at byte " +
                             std::to_string(i) + ")");
    }
  }
  return Status::Ok();
}

Status CheckCitizenId(const std::string& citizen_id) {
  if (citizen_id.empty()) return Status::Ok();
  if ((citizen_id.size() != 12 && citizen_id.size() != 9) || !AllDigits(citizen_id)) {
    return InvalidArgument("citizen_id must be 12 digits (CCCD) or 9 digits (CMND)");
  }
  return Status::Ok();
}

}  // namespace qms::access

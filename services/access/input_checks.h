// Input checks shared by every service: each names the field and says what
// is wrong, as INVALID_ARGUMENT, so a clerk or a script can act on it.
#pragma once

#include <string>

#include "services/base/status.h"

namespace qms::access {

constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxTextLength = 500;
constexpr size_t kMaxProvinceLength = 100;

// Centre ids are administrative unit codes: 1-9 digits.
[[nodiscard]] Status CheckCentreId(const std::string& centre_id);
// Identifiers: printable ASCII without spaces, at most `max` bytes.
[[nodiscard]] Status CheckId(const std::string& value, const char* name, bool required,
                             size_t max = kMaxIdLength);
// Free text (reasons, names, provinces): at most `max` bytes and no control
// characters (C0, DEL, C1: a NUL or a terminal escape would reach receipt
// slips, logs and screens). Letters of any script pass, Vietnamese included.
// The text is UTF-8 already: a request whose text is not does not parse.
[[nodiscard]] Status CheckText(const std::string& value, const char* name, size_t max = kMaxTextLength);
// Vietnamese citizen ID: 12 digits (CCCD) or 9 digits (old CMND); empty is allowed.
[[nodiscard]] Status CheckCitizenId(const std::string& citizen_id);

}  // namespace qms::access

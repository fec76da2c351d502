#include "services/deadline/dossier_code.h"

#include <algorithm>
#include <cstdio>

namespace qms::deadline {

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

uint32_t DecimalOf(std::string_view digits) {
  uint32_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<uint32_t>(c - '0');
  return v;
}

}  // namespace

std::string FormatDossierCode(std::string_view agency, const LocalDate& day, uint32_t number) {
  char tail[32];
  std::snprintf(tail, sizeof tail, "%c%02d%02d%02d%c%04u", kDossierCodeSeparator, day.year % 100, day.month,
                day.day, kDossierCodeSeparator, number);
  std::string code;
  code.reserve(agency.size() + 16);
  code.append(agency);
  code.append(tail);
  return code;
}

bool ParseDossierCode(std::string_view code, std::string_view* agency, uint32_t* yymmdd, uint32_t* number) {
  const size_t last = code.rfind(kDossierCodeSeparator);
  if (last == std::string_view::npos || last < 8) return false;
  const size_t middle = code.rfind(kDossierCodeSeparator, last - 1);
  if (middle == std::string_view::npos || middle == 0 || last - middle != 7) return false;
  const std::string_view date = code.substr(middle + 1, 6);
  const std::string_view digits = code.substr(last + 1);
  if (!AllDigits(date) || !AllDigits(digits) || digits.size() < 4 || digits.size() > 9) return false;
  *agency = code.substr(0, middle);
  *yymmdd = DecimalOf(date);
  *number = DecimalOf(digits);
  return true;
}

}  // namespace qms::deadline

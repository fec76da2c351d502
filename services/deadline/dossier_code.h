// The dossier code: the number printed on a dossier's receipt, the key of
// its record (cf dossiers, dossier_keys.h) and what clerks and citizens type
// to find it. The one place that formats and parses it; the engine, the
// service's input checks and the store's recovery all go through here.
//
//   {agency}-{yyMMdd}-{NNNN}    e.g. 000.17.22.H56-210531-0001
//
// agency is the centre's agency code (at least one byte, any bytes but the
// last two '-'), yyMMdd the local day of receipt, NNNN the day's running
// number, zero-padded to four digits and longer past 9999 (at most nine).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "services/base/clock.h"

namespace qms::deadline {

// The byte between a code's parts. A centre's codes of one day share
// everything up to and including the last one.
inline constexpr char kDossierCodeSeparator = '-';

std::string FormatDossierCode(std::string_view agency, const LocalDate& day, uint32_t number);
// Splits a code; false, leaving the outputs alone, when it does not have
// that shape. `agency` points into `code`.
bool ParseDossierCode(std::string_view code, std::string_view* agency, uint32_t* yymmdd, uint32_t* number);

}  // namespace qms::deadline

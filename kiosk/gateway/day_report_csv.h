// Today's report of a centre as CSV, for the supervisor's spreadsheet: the
// queue's day (DayStats) and the dossiers' (DailyReport), in sections with
// bilingual headers. UTF-8 with a byte-order mark, so that spreadsheet
// programs read the Vietnamese letters right; comma-separated, quoted where
// needed (RFC 4180); times in minutes with one decimal.
#pragma once

#include <string>

#include "qms/v1/deadline.pb.h"
#include "qms/v1/queue.pb.h"

namespace qms::gateway {

// `centre` may be null (names are then ids); `dossiers` null when the
// deadline service did not answer (`dossiers_error` says why).
std::string DayReportCsv(const v1::Centre* centre, const v1::DayStats& day, const v1::DailyReport* dossiers,
                         const std::string& dossiers_error);

// One CSV field, quoted when it holds a comma, a quote or a line break.
std::string CsvField(const std::string& value);

}  // namespace qms::gateway

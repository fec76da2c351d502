// The daily report of dossiers per centre and its province roll-up: the
// figures' derived values (on-time rate, total) and their rendering as CSV
// or JSON text. Pure functions; thread-safe.
//
// Figures of a day (see docs/deadline.md): received, resolved early / on
// time / late and extended count what happened that local day; paused is
// the number of dossiers waiting for a supplement or a financial obligation
// (now for today, at the day's last change for an earlier day); open_overdue
// is the number of open dossiers with a running clock past their due moment
// (now for today, at the day's end for an earlier day).
#pragma once

#include <string>
#include <vector>

#include "qms/v1/deadline.pb.h"
#include "services/deadline/dossier_documents.h"

namespace qms::deadline {

// (early + on time) / resolved; 1 when none was resolved.
double OnTimeRate(const v1::CentreDayFigures& f);

// Given report->day and report->centres (in the order of `centres`, one
// each), fills every on_time_rate, the total (centre_id "total") and
// `rendered`.
void FinishReport(const std::vector<const DossierCentre*>& centres, v1::DailyReportRequest::Format format,
                  v1::DailyReport* report);

// The report as text. CSV: a header line, one line per centre, one total
// line; fields quoted when they hold a comma or a quote.
std::string RenderCsv(const std::vector<const DossierCentre*>& centres, const v1::DailyReport& report);
std::string RenderJson(const std::vector<const DossierCentre*>& centres, const v1::DailyReport& report);

}  // namespace qms::deadline

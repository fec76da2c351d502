// The printable documents of a dossier (Circular 03/2025/TT-VPCP): the
// receipt and appointment slip (Form 01) and the apology and extension
// letter (Form 04), as proto data plus plain Vietnamese text for a printer.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qms/v1/deadline.pb.h"
#include "services/base/clock.h"
#include "services/calendar/working_calendar.h"
#include "services/deadline/procedure_catalogue.h"

namespace qms::deadline {

// What the deadline service knows of a centre (from the centre config).
struct DossierCentre {
  std::string id;    // digits
  uint32_t key = 0;  // numeric id, the storage key
  std::string name_vi;
  std::string province;
  std::string agency_code;
  // The working calendar of its province (ProvinceCalendars::Of); every due
  // moment of its dossiers is computed with it. Not owned. nullptr: the
  // engine's default calendar (DossierEngine::Create fills it in).
  const WorkingCalendar* calendar = nullptr;
  std::vector<std::string> field_ids;  // its fields (ListDossiers filters by one)
};

// Form 01. A REGISTERED (online, not yet accepted) dossier gets a slip with
// no appointment.
v1::ReceiptSlip MakeReceiptSlip(const v1::Dossier& d, const DossierCentre& centre,
                                const Procedure& procedure);
// Form 04. REQUIRES: d.has_extension().
v1::ApologyLetter MakeApologyLetter(const v1::Dossier& d, const DossierCentre& centre);

// "2.000" (Vietnamese thousands separator).
std::string FormatVnd(int64_t amount);
// "08 giờ 30 phút, ngày 02/03/2026" in local time.
std::string FormatLocalMoment(MicrosUtc t);

}  // namespace qms::deadline

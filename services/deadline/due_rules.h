// Due rules: the statutory due moment of a dossier and how it moves (rules
// D1-D4 of DESIGN.md section 4), as pure functions of a WorkingCalendar.
// No state, no storage; every function is thread-safe.
//
//   D1 same day: received at or before the cut-off (15:00) on a working day,
//      and before that day's closing → due at closing that day; otherwise at
//      closing of the next working day.
//   D2 N working days: the receipt day is WorkingCalendar::ReceiptDay (the
//      day itself if it is a working day and before closing, else the next
//      working day); due at closing of the N-th working day after it.
//   N working hours: AddWorkingMicros(received, N hours), counted from the
//      next working moment (a dossier received at lunch starts at 13:30).
//   D3 pause: the due moment moves later by the working time paused (whole
//      minutes).
//   D4 extension: a request made after the same moment of the working day
//      before the due day is flagged (late_request).
//   Timeliness: by local day of resolution against the local day of the
//      original due moment: before → EARLY, same day → ON_TIME, after → LATE.
#pragma once

#include <cstdint>

#include "services/base/clock.h"
#include "services/calendar/working_calendar.h"
#include "services/deadline/procedure_catalogue.h"

namespace qms::deadline {

struct DueRulesConfig {
  // D1: the latest receipt minute (local) that still counts for the same day.
  int same_day_cutoff_minute = 15 * 60;
};

struct DueMoment {
  LocalDate receipt_day;  // the working day the dossier counts as received
  MicrosUtc due = 0;
};

// The due moment of a dossier whose clock starts at `received` (D1, D2 or
// working hours).
DueMoment ComputeDue(MicrosUtc received, const TimeLimit& limit, const WorkingCalendar& calendar,
                     const DueRulesConfig& rules = {});

// D3: the working time between `paused_since` and `resumed`, in whole
// minutes (a pause of seconds moves nothing).
int64_t PausedWorkingTime(MicrosUtc paused_since, MicrosUtc resumed, const WorkingCalendar& calendar);

// D3: the due moment after a pause from `paused_since` to `resumed`; also
// returns PausedWorkingTime in `*paused_working`.
MicrosUtc MoveDueAfterPause(MicrosUtc due, MicrosUtc paused_since, MicrosUtc resumed,
                            const WorkingCalendar& calendar, int64_t* paused_working);

// D4: the latest moment an extension can be asked for without being
// flagged: the same time of day on the working day before the due day,
// but no later than that day's closing.
MicrosUtc LatestUnflaggedExtensionRequest(MicrosUtc due, const WorkingCalendar& calendar);

enum class Timeliness { kEarly, kOnTime, kLate };
Timeliness TimelinessOf(MicrosUtc resolved, MicrosUtc original_due);

// The earliest moment t >= not_before at which `due` lies within `working`
// working time of t, i.e. AddWorkingMicros(t, working) >= due. Used to arm
// due-soon timers. Returns not_before when that already holds.
MicrosUtc WhenWithinWorkingTime(MicrosUtc due, int64_t working, MicrosUtc not_before,
                                const WorkingCalendar& calendar);

}  // namespace qms::deadline

#include "services/deadline/due_rules.h"

#include <algorithm>

namespace qms::deadline {

DueMoment ComputeDue(MicrosUtc received, const TimeLimit& limit, const WorkingCalendar& calendar,
                     const DueRulesConfig& rules) {
  DueMoment out;
  switch (limit.kind) {
    case LimitKind::kSameDay: {
      const LocalDate day = LocalDateOf(received);
      const bool same_day = calendar.IsWorkingDay(day) &&
                            received <= LocalMoment(day, rules.same_day_cutoff_minute) &&
                            received < calendar.ClosingOf(day);
      out.receipt_day = same_day ? day : calendar.NextWorkingDay(day);
      out.due = calendar.ClosingOf(out.receipt_day);
      return out;
    }
    case LimitKind::kWorkingDays:
      out.receipt_day = calendar.ReceiptDay(received);
      out.due =
          calendar.ClosingOf(calendar.NthWorkingDayAfter(out.receipt_day, static_cast<int>(limit.value)));
      return out;
    case LimitKind::kWorkingHours:
      out.receipt_day = calendar.ReceiptDay(received);
      out.due = calendar.AddWorkingMicros(received, static_cast<int64_t>(limit.value) * kMicrosPerHour);
      return out;
  }
  return out;
}

int64_t PausedWorkingTime(MicrosUtc paused_since, MicrosUtc resumed, const WorkingCalendar& calendar) {
  const int64_t working = calendar.WorkingMicrosBetween(paused_since, resumed);
  return working - working % kMicrosPerMinute;
}

MicrosUtc MoveDueAfterPause(MicrosUtc due, MicrosUtc paused_since, MicrosUtc resumed,
                            const WorkingCalendar& calendar, int64_t* paused_working) {
  *paused_working = PausedWorkingTime(paused_since, resumed, calendar);
  return calendar.AddWorkingMicros(due, *paused_working);
}

MicrosUtc LatestUnflaggedExtensionRequest(MicrosUtc due, const WorkingCalendar& calendar) {
  const LocalDate due_day = LocalDateOf(due);
  const LocalDate before = calendar.NthWorkingDayAfter(due_day, -1);
  const MicrosUtc same_time = due - (DaysFromCivil(due_day) - DaysFromCivil(before)) * kMicrosPerDay;
  return std::min(same_time, calendar.ClosingOf(before));
}

Timeliness TimelinessOf(MicrosUtc resolved, MicrosUtc original_due) {
  const uint32_t resolved_day = LocalDateOf(resolved).ToYyyymmdd();
  const uint32_t due_day = LocalDateOf(original_due).ToYyyymmdd();
  if (resolved_day < due_day) return Timeliness::kEarly;
  if (resolved_day == due_day) return Timeliness::kOnTime;
  return Timeliness::kLate;
}

MicrosUtc WhenWithinWorkingTime(MicrosUtc due, int64_t working, MicrosUtc not_before,
                                const WorkingCalendar& calendar) {
  if (calendar.AddWorkingMicros(not_before, working) >= due) return not_before;
  // AddWorkingMicros(t, working) is non-decreasing in t and >= t, so the
  // answer lies in (not_before, due]; binary search to the microsecond.
  MicrosUtc low = not_before;  // AddWorkingMicros(low) < due
  MicrosUtc high = due;        // AddWorkingMicros(high) >= due
  while (high - low > 1) {
    const MicrosUtc mid = low + (high - low) / 2;
    if (calendar.AddWorkingMicros(mid, working) >= due) {
      high = mid;
    } else {
      low = mid;
    }
  }
  return high;
}

}  // namespace qms::deadline

// ProvinceCalendars: the working calendar of each province a server hosts.
//
// Holidays and the official overrides are national; the working week is a
// provincial choice (DESIGN.md section 4: Monday to Friday with an optional
// Saturday morning, and the hours). So there is one WorkingCalendar per
// distinct working week, not one per province: the national week plus, say,
// a Saturday-morning week serve any number of provinces with two
// calendars. Every calendar gets the same holiday rules and overrides. The
// year tables themselves cannot be shared between weeks: substitute days
// depend on the weekly rest days, and the prefix sums on the hours (a
// calendar builds a year's table on first use, see working_calendar.h).
//
// Thread safety: immutable after Create; the calendars are thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "services/base/status.h"
#include "services/calendar/working_calendar.h"

namespace qms::deadline {

// A province's week. An empty list takes the national hours.
struct WorkingWeek {
  bool saturday_morning = false;
  std::vector<WorkingPeriod> weekday_hours;
  std::vector<WorkingPeriod> saturday_hours;  // used only with saturday_morning
};

class ProvinceCalendars {
 public:
  // `national` gives the holiday rules, the overrides and the national week
  // (its saturday_morning and hours). INVALID_ARGUMENT as
  // WorkingCalendar::Create, naming the province when its week is wrong.
  [[nodiscard]] static StatusOr<std::unique_ptr<ProvinceCalendars>> Create(
      CalendarConfig national, const std::map<std::string, WorkingWeek>& weeks);

  const WorkingCalendar& national() const { return *calendars_.front(); }
  // The calendar of `province`: its own week's, or the national one when it
  // has none. Names match exactly.
  const WorkingCalendar& Of(const std::string& province) const;
  // Distinct calendars built, the national one included.
  size_t size() const { return calendars_.size(); }

 private:
  ProvinceCalendars() = default;
  // The calendar of `config`'s week, built unless one with the same week exists.
  [[nodiscard]] StatusOr<const WorkingCalendar*> CalendarFor(CalendarConfig config);

  std::vector<std::unique_ptr<WorkingCalendar>> calendars_;  // [0] the national one
  std::unordered_map<std::string, const WorkingCalendar*> by_province_;
};

}  // namespace qms::deadline

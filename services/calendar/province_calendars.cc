#include "services/calendar/province_calendars.h"

#include <utility>

namespace qms::deadline {

namespace {

bool SamePeriods(const std::vector<WorkingPeriod>& a, const std::vector<WorkingPeriod>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].start_minute != b[i].start_minute || a[i].end_minute != b[i].end_minute) return false;
  }
  return true;
}

// Same working week: the same days with the same hours. Saturday hours
// matter only where Saturday morning is worked.
bool SameWeek(const CalendarConfig& a, const CalendarConfig& b) {
  return a.saturday_morning == b.saturday_morning && SamePeriods(a.weekday_hours, b.weekday_hours) &&
         (!a.saturday_morning || SamePeriods(a.saturday_hours, b.saturday_hours));
}

}  // namespace

StatusOr<std::unique_ptr<ProvinceCalendars>> ProvinceCalendars::Create(
    CalendarConfig national, const std::map<std::string, WorkingWeek>& weeks) {
  std::unique_ptr<ProvinceCalendars> out(new ProvinceCalendars());
  auto built = out->CalendarFor(national);
  if (!built.ok()) return built.status();
  for (const auto& [province, week] : weeks) {
    CalendarConfig config = national;
    config.saturday_morning = week.saturday_morning;
    if (!week.weekday_hours.empty()) config.weekday_hours = week.weekday_hours;
    if (!week.saturday_hours.empty()) config.saturday_hours = week.saturday_hours;
    auto calendar = out->CalendarFor(std::move(config));
    if (!calendar.ok())
      return InvalidArgument("province \"" + province + "\": " + calendar.status().message());
    out->by_province_.emplace(province, *calendar);
  }
  return out;
}

StatusOr<const WorkingCalendar*> ProvinceCalendars::CalendarFor(CalendarConfig config) {
  for (const auto& calendar : calendars_) {
    if (SameWeek(calendar->config(), config)) return calendar.get();
  }
  auto calendar = WorkingCalendar::Create(std::move(config));
  if (!calendar.ok()) return calendar.status();
  calendars_.push_back(std::move(*calendar));
  return calendars_.back().get();
}

const WorkingCalendar& ProvinceCalendars::Of(const std::string& province) const {
  auto it = by_province_.find(province);
  return it == by_province_.end() ? national() : *it->second;
}

}  // namespace qms::deadline

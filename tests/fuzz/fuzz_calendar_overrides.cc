// libFuzzer target: the calendar-overrides file loader (services/calendar)
// on any YAML text and, when it loads, a working calendar built on it and
// asked about each overridden day and the weeks around it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "services/calendar/calendar_overrides.h"
#include "services/calendar/working_calendar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qms::deadline;
  const std::string text(reinterpret_cast<const char*>(data), size);
  qms::LocalDate date;
  (void)ParseIsoDate(text, &date);
  auto overrides = ParseCalendarOverrides(text, "fuzz.yaml");
  if (!overrides.ok()) return 0;
  CalendarConfig config;
  config.overrides = *overrides;
  auto calendar = WorkingCalendar::Create(std::move(config));
  if (!calendar.ok()) return 0;
  for (const DayOverride& day : overrides->days) {
    // An override that loaded must hold: a working day works, a day off rests.
    if ((*calendar)->IsWorkingDay(day.date) != day.working) std::abort();
    const qms::LocalDate next = (*calendar)->NthWorkingDayAfter(day.date, 5);
    if (next < day.date) std::abort();
    const qms::MicrosUtc at = qms::LocalMoment(day.date, 9 * 60);
    (void)(*calendar)->ReceiptDay(at);
    (void)(*calendar)->AddWorkingMicros(at, 8 * qms::kMicrosPerHour);
  }
  return 0;
}

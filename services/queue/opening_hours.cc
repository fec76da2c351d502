#include "services/queue/opening_hours.h"

namespace qms::queue {

namespace {
const std::vector<config::Period>& PeriodsOf(const config::OpeningHours& hours, MicrosUtc now) {
  return hours.by_weekday[Weekday(LocalDateOf(now)) - 1];
}
}  // namespace

bool AcceptsIssue(const config::OpeningHours& hours, MicrosUtc now) {
  const auto& periods = PeriodsOf(hours, now);
  if (periods.empty()) return false;
  const int minute = LocalMinuteOfDay(now);
  return minute >= periods.front().opens - kIssueLeadMinutes && minute < periods.back().closes;
}

std::optional<MicrosUtc> LastClosingOfDay(const config::OpeningHours& hours, MicrosUtc now) {
  const auto& periods = PeriodsOf(hours, now);
  if (periods.empty()) return std::nullopt;
  return LocalMoment(LocalDateOf(now), periods.back().closes);
}

}  // namespace qms::queue

#include "services/base/clock.h"

#include <chrono>

namespace qms {

MicrosUtc SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Howard Hinnant's civil-date algorithms (public domain description).
int64_t DaysFromCivil(const LocalDate& d) {
  int64_t y = d.year;
  const unsigned m = static_cast<unsigned>(d.month);
  const unsigned dd = static_cast<unsigned>(d.day);
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

LocalDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(const LocalDate& d) {
  const int64_t days = DaysFromCivil(d);  // 1970-01-01 was a Thursday (4)
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

static int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

LocalDate LocalDateOf(MicrosUtc t) {
  return CivilFromDays(FloorDiv(t + kVietnamOffsetMicros, kMicrosPerDay));
}

int LocalMinuteOfDay(MicrosUtc t) {
  const int64_t local = t + kVietnamOffsetMicros;
  return static_cast<int>((local - FloorDiv(local, kMicrosPerDay) * kMicrosPerDay) / kMicrosPerMinute);
}

MicrosUtc LocalMoment(const LocalDate& d, int minute_of_day) {
  return DaysFromCivil(d) * kMicrosPerDay + minute_of_day * kMicrosPerMinute - kVietnamOffsetMicros;
}

}  // namespace qms

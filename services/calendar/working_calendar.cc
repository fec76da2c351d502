#include "services/calendar/working_calendar.h"

#include <algorithm>
#include <map>

namespace qms::deadline {
namespace {

// Which hours a day has; stored per day in the year tables.
constexpr uint8_t kClosed = 0;
constexpr uint8_t kWeekdayHours = 1;
constexpr uint8_t kSaturdayHours = 2;

constexpr int kMinutesPerDay = 24 * 60;

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Status ValidatePeriods(const std::vector<WorkingPeriod>& periods, const char* what) {
  if (periods.empty()) return InvalidArgument(std::string(what) + ": at least one working period is needed");
  int previous_end = 0;
  for (const WorkingPeriod& p : periods) {
    if (p.start_minute < 0 || p.end_minute > kMinutesPerDay || p.start_minute >= p.end_minute) {
      return InvalidArgument(std::string(what) + ": period " + std::to_string(p.start_minute) + "-" +
                             std::to_string(p.end_minute) + " must satisfy 0 <= start < end <= 1440 minutes");
    }
    if (p.start_minute < previous_end) {
      return InvalidArgument(std::string(what) + ": periods must be sorted and must not overlap");
    }
    previous_end = p.end_minute;
  }
  return Status::Ok();
}

int64_t TotalMinutes(const std::vector<WorkingPeriod>& periods) {
  int64_t total = 0;
  for (const WorkingPeriod& p : periods) total += p.end_minute - p.start_minute;
  return total;
}

Status ValidateOverrides(CalendarOverrides* overrides) {
  auto& days = overrides->days;
  std::stable_sort(days.begin(), days.end(),
                   [](const DayOverride& a, const DayOverride& b) { return a.date < b.date; });
  for (size_t i = 0; i < days.size(); ++i) {
    const LocalDate& d = days[i].date;
    if (d.year < WorkingCalendar::kFirstYear || d.year > WorkingCalendar::kLastYear ||
        CivilFromDays(DaysFromCivil(d)) != d) {
      return InvalidArgument("override date " + std::to_string(d.ToYyyymmdd()) + " is invalid or outside " +
                             std::to_string(WorkingCalendar::kFirstYear) + ".." +
                             std::to_string(WorkingCalendar::kLastYear));
    }
    if (i > 0 && days[i - 1].date == d) {
      return InvalidArgument("override date " + std::to_string(d.ToYyyymmdd()) + " is listed twice");
    }
  }
  return Status::Ok();
}

}  // namespace

// One year's days. Built once, then read-only.
struct WorkingCalendar::YearTable {
  int days = 365;
  uint8_t hours[366] = {};  // kClosed, kWeekdayHours or kSaturdayHours
  bool holiday[366] = {};
  uint16_t working_days_before[367] = {};          // working days among days [0, i)
  int32_t working_minutes_before[367] = {};        // working minutes in days [0, i)
  std::vector<std::pair<int, std::string>> names;  // (day of year, holiday name), sorted

  int64_t TotalMicros() const { return int64_t{working_minutes_before[days]} * kMicrosPerMinute; }
};

StatusOr<std::unique_ptr<WorkingCalendar>> WorkingCalendar::Create(CalendarConfig config) {
  Status s = ValidatePeriods(config.weekday_hours, "weekday_hours");
  if (s.ok() && config.saturday_morning) s = ValidatePeriods(config.saturday_hours, "saturday_hours");
  if (s.ok()) s = ValidateHolidayRules(config.holiday_rules);
  if (s.ok()) s = ValidateOverrides(&config.overrides);
  if (!s.ok()) return s;
  return std::unique_ptr<WorkingCalendar>(new WorkingCalendar(std::move(config)));
}

WorkingCalendar::WorkingCalendar(CalendarConfig config) : config_(std::move(config)) {
  rest_days_ = config_.saturday_morning ? WeekdayBit(7) : kSaturdayAndSunday;
  weekday_minutes_ = TotalMinutes(config_.weekday_hours);
  saturday_minutes_ = config_.saturday_morning ? TotalMinutes(config_.saturday_hours) : 0;
  for (auto& slot : tables_) slot.store(nullptr, std::memory_order_relaxed);
}

WorkingCalendar::~WorkingCalendar() {
  for (auto& slot : tables_) delete slot.load(std::memory_order_relaxed);
}

const std::vector<WorkingPeriod>& WorkingCalendar::HoursOf(uint8_t hours) const {
  return hours == kSaturdayHours ? config_.saturday_hours : config_.weekday_hours;
}

const WorkingCalendar::YearTable& WorkingCalendar::TableForYear(int year) const {
  int slot;
  if (year >= kFirstYear && year <= kLastYear) {
    slot = year - kFirstYear;
  } else {
    slot = kYearSlots + (Weekday(LocalDate{year, 1, 1}) - 1) * 2 + (IsLeapYear(year) ? 1 : 0);
  }
  const YearTable* table = tables_[slot].load(std::memory_order_acquire);
  if (table != nullptr) return *table;
  std::lock_guard<std::mutex> lock(build_mu_);
  table = tables_[slot].load(std::memory_order_relaxed);
  if (table == nullptr) {
    table = (slot < kYearSlots ? BuildYear(year) : BuildPattern(year)).release();
    tables_[slot].store(table, std::memory_order_release);
  }
  return *table;
}

std::unique_ptr<WorkingCalendar::YearTable> WorkingCalendar::BuildPattern(int year) const {
  auto t = std::make_unique<YearTable>();
  t->days = IsLeapYear(year) ? 366 : 365;
  const int64_t jan1 = DaysFromCivil(LocalDate{year, 1, 1});
  for (int i = 0; i < t->days; ++i) {
    const int wd = Weekday(CivilFromDays(jan1 + i));
    t->hours[i] = wd <= 5 ? kWeekdayHours : (wd == 6 && config_.saturday_morning ? kSaturdayHours : kClosed);
  }
  ComputePrefixSums(t.get());
  return t;
}

std::unique_ptr<WorkingCalendar::YearTable> WorkingCalendar::BuildYear(int year) const {
  std::unique_ptr<YearTable> t = BuildPattern(year);
  const int64_t jan1 = DaysFromCivil(LocalDate{year, 1, 1});
  std::map<int, std::string> names;
  for (const Holiday& h : HolidaysOfYear(year, config_.holiday_rules, rest_days_)) {
    const int doy = static_cast<int>(DaysFromCivil(h.date) - jan1);
    t->hours[doy] = kClosed;
    t->holiday[doy] = true;
    std::string& name = names[doy];
    if (!name.empty()) name += "; ";  // two holidays on one day
    name += h.name;
  }
  const auto& overrides = config_.overrides.days;
  auto it = std::lower_bound(overrides.begin(), overrides.end(), LocalDate{year, 1, 1},
                             [](const DayOverride& o, const LocalDate& d) { return o.date < d; });
  for (; it != overrides.end() && it->date.year == year; ++it) {
    const int doy = static_cast<int>(DaysFromCivil(it->date) - jan1);
    t->hours[doy] = it->working ? kWeekdayHours : kClosed;
    t->holiday[doy] = !it->working;
    if (it->working) {
      names.erase(doy);
    } else {
      names[doy] = it->name;
    }
  }
  t->names.assign(names.begin(), names.end());
  ComputePrefixSums(t.get());
  return t;
}

void WorkingCalendar::ComputePrefixSums(YearTable* t) const {
  for (int i = 0; i < t->days; ++i) {
    const uint8_t h = t->hours[i];
    t->working_days_before[i + 1] = t->working_days_before[i] + (h != kClosed ? 1 : 0);
    const int64_t minutes =
        h == kWeekdayHours ? weekday_minutes_ : (h == kSaturdayHours ? saturday_minutes_ : 0);
    t->working_minutes_before[i + 1] = t->working_minutes_before[i] + static_cast<int32_t>(minutes);
  }
}

WorkingCalendar::DayRef WorkingCalendar::Locate(int64_t day) const {
  const LocalDate d = CivilFromDays(day);
  const int doy = static_cast<int>(day - DaysFromCivil(LocalDate{d.year, 1, 1}));
  return DayRef{&TableForYear(d.year), doy};
}

bool WorkingCalendar::IsWorkingDay(const LocalDate& date) const {
  const DayRef r = Locate(DaysFromCivil(date));
  return r.table->hours[r.doy] != kClosed;
}

bool WorkingCalendar::IsHoliday(const LocalDate& date) const {
  const DayRef r = Locate(DaysFromCivil(date));
  return r.table->holiday[r.doy];
}

std::optional<std::string> WorkingCalendar::HolidayName(const LocalDate& date) const {
  const DayRef r = Locate(DaysFromCivil(date));
  if (!r.table->holiday[r.doy]) return std::nullopt;
  const auto& names = r.table->names;
  auto it = std::lower_bound(names.begin(), names.end(), r.doy,
                             [](const std::pair<int, std::string>& p, int doy) { return p.first < doy; });
  if (it == names.end() || it->first != r.doy) return std::nullopt;
  return it->second;
}

LocalDate WorkingCalendar::NextWorkingDay(const LocalDate& date) const { return NthWorkingDayAfter(date, 1); }

LocalDate WorkingCalendar::NthWorkingDayAfter(const LocalDate& date, int n) const {
  const int64_t day = DaysFromCivil(date);
  if (n == 0) return CivilFromDays(day);
  int year = CivilFromDays(day).year;
  int64_t jan1 = DaysFromCivil(LocalDate{year, 1, 1});
  const YearTable* t = &TableForYear(year);
  if (n > 0) {
    int from = static_cast<int>(day - jan1) + 1;  // count working days at indices >= from
    for (;;) {
      const uint16_t* before = t->working_days_before;
      const int available = before[t->days] - before[from];
      if (n <= available) {
        const int target = before[from] + n;
        const int i =
            static_cast<int>(std::lower_bound(before + from, before + t->days + 1, target) - before);
        return CivilFromDays(jan1 + i - 1);
      }
      n -= available;
      jan1 += t->days;
      t = &TableForYear(++year);
      from = 0;
    }
  }
  int64_t m = -static_cast<int64_t>(n);
  int upto = static_cast<int>(day - jan1);  // count working days at indices < upto
  for (;;) {
    const uint16_t* before = t->working_days_before;
    const int available = before[upto];
    if (m <= available) {
      const int target = available - static_cast<int>(m) + 1;
      const int i = static_cast<int>(std::lower_bound(before, before + upto + 1, target) - before);
      return CivilFromDays(jan1 + i - 1);
    }
    m -= available;
    t = &TableForYear(--year);
    jan1 -= t->days;
    upto = t->days;
  }
}

MicrosUtc WorkingCalendar::OpeningOf(const LocalDate& date) const {
  const DayRef r = Locate(DaysFromCivil(date));
  const uint8_t h = r.table->hours[r.doy];
  return LocalMoment(date, HoursOf(h == kClosed ? kWeekdayHours : h).front().start_minute);
}

MicrosUtc WorkingCalendar::ClosingOf(const LocalDate& date) const {
  const DayRef r = Locate(DaysFromCivil(date));
  const uint8_t h = r.table->hours[r.doy];
  return LocalMoment(date, HoursOf(h == kClosed ? kWeekdayHours : h).back().end_minute);
}

bool WorkingCalendar::IsWithinWorkingHours(MicrosUtc t) const {
  const int64_t local = t + kVietnamOffsetMicros;
  const int64_t day = FloorDiv(local, kMicrosPerDay);
  const int64_t micros_of_day = local - day * kMicrosPerDay;
  const DayRef r = Locate(day);
  const uint8_t h = r.table->hours[r.doy];
  if (h == kClosed) return false;
  for (const WorkingPeriod& p : HoursOf(h)) {
    if (micros_of_day >= p.start_minute * kMicrosPerMinute &&
        micros_of_day < p.end_minute * kMicrosPerMinute) {
      return true;
    }
  }
  return false;
}

int64_t WorkingCalendar::WorkedInDay(uint8_t hours, int64_t micros_of_day) const {
  if (hours == kClosed) return 0;
  int64_t worked = 0;
  for (const WorkingPeriod& p : HoursOf(hours)) {
    const int64_t start = p.start_minute * kMicrosPerMinute;
    const int64_t end = p.end_minute * kMicrosPerMinute;
    worked += std::clamp(micros_of_day, start, end) - start;
  }
  return worked;
}

int64_t WorkingCalendar::WorkedInYearBefore(MicrosUtc t, int* year) const {
  const int64_t local = t + kVietnamOffsetMicros;
  const int64_t day = FloorDiv(local, kMicrosPerDay);
  const LocalDate d = CivilFromDays(day);
  *year = d.year;
  const DayRef r = Locate(day);
  return int64_t{r.table->working_minutes_before[r.doy]} * kMicrosPerMinute +
         WorkedInDay(r.table->hours[r.doy], local - day * kMicrosPerDay);
}

int64_t WorkingCalendar::WorkingMicrosBetween(MicrosUtc a, MicrosUtc b) const {
  if (b <= a) return 0;
  int year_a, year_b;
  int64_t total = WorkedInYearBefore(b, &year_b) - WorkedInYearBefore(a, &year_a);
  for (int y = year_a; y < year_b; ++y) total += TableForYear(y).TotalMicros();
  return total;
}

// The earliest moment of `year` by which `worked` (0 < worked <= the year's
// total) working microseconds of that year have elapsed.
MicrosUtc WorkingCalendar::MomentOfWorked(int year, int64_t worked) const {
  const YearTable& t = TableForYear(year);
  const int32_t* before = t.working_minutes_before;
  const int32_t* end =
      std::lower_bound(before + 1, before + t.days + 1, worked,
                       [](int32_t minutes, int64_t w) { return int64_t{minutes} * kMicrosPerMinute < w; });
  const int doy = static_cast<int>(end - before) - 1;
  int64_t remaining = worked - int64_t{before[doy]} * kMicrosPerMinute;
  const LocalDate date = CivilFromDays(DaysFromCivil(LocalDate{year, 1, 1}) + doy);
  for (const WorkingPeriod& p : HoursOf(t.hours[doy])) {
    const int64_t length = (p.end_minute - p.start_minute) * kMicrosPerMinute;
    if (remaining <= length) return LocalMoment(date, p.start_minute) + remaining;
    remaining -= length;
  }
  return LocalMoment(date, HoursOf(t.hours[doy]).back().end_minute);  // unreachable by construction
}

MicrosUtc WorkingCalendar::AddWorkingMicros(MicrosUtc from, int64_t micros) const {
  if (micros <= 0) return from;
  int year;
  int64_t target = WorkedInYearBefore(from, &year) + micros;
  for (int64_t total = TableForYear(year).TotalMicros(); target > total;
       total = TableForYear(year).TotalMicros()) {
    target -= total;
    ++year;
  }
  return MomentOfWorked(year, target);
}

LocalDate WorkingCalendar::ReceiptDay(MicrosUtc received) const {
  const LocalDate d = LocalDateOf(received);
  if (IsWorkingDay(d) && received < ClosingOf(d)) return d;
  return NextWorkingDay(d);
}

}  // namespace qms::deadline

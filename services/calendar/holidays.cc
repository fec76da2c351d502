#include "services/calendar/holidays.h"

#include <algorithm>

#include "services/calendar/lunar_calendar.h"

namespace qms::deadline {
namespace {

struct StatutoryDay {
  int64_t day;  // DaysFromCivil
  HolidayKind kind;
  const char* name;
};

int WeekdayOfDay(int64_t day) {
  int64_t w = (day + 3) % 7;  // 1970-01-01 was a Thursday
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

bool IsRestDay(int64_t day, WeekdayMask rest_days) {
  return (rest_days & WeekdayBit(WeekdayOfDay(day))) != 0;
}

// The statutory days whose rule belongs to `year` (Tết of lunar year `year`
// may start on the last days of the previous lunar year, still in `year`).
void AddStatutoryDays(int year, const HolidayRules& rules, std::vector<StatutoryDay>* out) {
  out->push_back({DaysFromCivil({year, 1, 1}), HolidayKind::kNewYear, "Tết Dương lịch"});
  const int64_t tet = DaysFromCivil(TetDay(year));
  for (int i = -rules.tet_days_before; i < rules.tet_days_after; ++i) {
    out->push_back({tet + i, HolidayKind::kTet, "Tết Nguyên đán"});
  }
  // 10/3 lunar always exists: month 3 is never missing, and every month has a 10th.
  const LocalDate hung_kings = *LunarToSolar(LunarDate{year, 3, 10, false});
  out->push_back({DaysFromCivil(hung_kings), HolidayKind::kHungKings, "Giỗ Tổ Hùng Vương"});
  out->push_back({DaysFromCivil({year, 4, 30}), HolidayKind::kReunificationDay,
                  "Ngày Chiến thắng (Giải phóng miền Nam, thống nhất đất nước)"});
  out->push_back({DaysFromCivil({year, 5, 1}), HolidayKind::kLabourDay, "Ngày Quốc tế Lao động"});
  const int64_t national_day = DaysFromCivil({year, 9, 2});
  out->push_back({national_day, HolidayKind::kNationalDay, "Quốc khánh"});
  out->push_back(
      {national_day + rules.national_day_adjacent_offset, HolidayKind::kNationalDay, "Quốc khánh"});
}

Holiday ToHoliday(int64_t day, HolidayKind kind, std::string name) {
  return Holiday{CivilFromDays(day), kind, std::move(name)};
}

}  // namespace

Status ValidateHolidayRules(const HolidayRules& rules) {
  if (rules.tet_days_before < 0 || rules.tet_days_before > 10) {
    return InvalidArgument("tet_days_before must be 0..10, got " + std::to_string(rules.tet_days_before));
  }
  if (rules.tet_days_after < 1 || rules.tet_days_after > 10) {
    return InvalidArgument("tet_days_after must be 1..10, got " + std::to_string(rules.tet_days_after));
  }
  if (rules.national_day_adjacent_offset != -1 && rules.national_day_adjacent_offset != 1) {
    return InvalidArgument("national_day_adjacent_offset must be -1 (1 September) or +1 (3 September), got " +
                           std::to_string(rules.national_day_adjacent_offset));
  }
  return Status::Ok();
}

std::vector<Holiday> HolidaysOfYear(int year, const HolidayRules& rules, WeekdayMask rest_days) {
  // Rules of the neighbouring years can reach into `year` only through their
  // substitute days (1 January, Tết) but are cheap to include.
  std::vector<StatutoryDay> statutory;
  for (int y = year - 1; y <= year + 1; ++y) AddStatutoryDays(y, rules, &statutory);
  std::stable_sort(statutory.begin(), statutory.end(),
                   [](const StatutoryDay& a, const StatutoryDay& b) { return a.day < b.day; });

  std::vector<int64_t> taken;  // days already off: holidays, then substitutes
  taken.reserve(statutory.size() * 2);
  for (const StatutoryDay& s : statutory) taken.push_back(s.day);
  const bool can_compensate = rules.compensate && (rest_days & 0xFE) != 0xFE;

  const int64_t first = DaysFromCivil({year, 1, 1});
  const int64_t last = DaysFromCivil({year, 12, 31});
  std::vector<Holiday> out;
  for (size_t i = 0; i < statutory.size(); ++i) {
    const StatutoryDay& s = statutory[i];
    if (s.day >= first && s.day <= last) out.push_back(ToHoliday(s.day, s.kind, s.name));
    const bool collides = i > 0 && statutory[i - 1].day == s.day;
    if (!can_compensate || !(collides || IsRestDay(s.day, rest_days))) continue;
    int64_t sub = s.day + 1;
    while (IsRestDay(sub, rest_days) || std::find(taken.begin(), taken.end(), sub) != taken.end()) ++sub;
    taken.push_back(sub);
    if (sub >= first && sub <= last) {
      out.push_back(ToHoliday(sub, HolidayKind::kSubstitute, std::string("Nghỉ bù ") + s.name));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

const char* HolidayKindName(HolidayKind kind) {
  switch (kind) {
    case HolidayKind::kNewYear: return "new_year";
    case HolidayKind::kTet: return "tet";
    case HolidayKind::kHungKings: return "hung_kings";
    case HolidayKind::kReunificationDay: return "reunification_day";
    case HolidayKind::kLabourDay: return "labour_day";
    case HolidayKind::kNationalDay: return "national_day";
    case HolidayKind::kSubstitute: return "substitute";
  }
  return "unknown";
}

}  // namespace qms::deadline

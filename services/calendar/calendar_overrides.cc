#include "services/calendar/calendar_overrides.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace qms::deadline {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;
constexpr int kMaxRangeDays = 31;

// Walks the YAML tree, collecting overrides; the first error stops the walk.
class OverrideParser {
 public:
  explicit OverrideParser(std::string source) : source_(std::move(source)) {}

  Status Parse(const YAML::Node& root) {
    if (!root || root.IsNull()) return Status::Ok();  // an empty file: no overrides
    if (!root.IsMap()) return Error(root, "the top level must be a map with days_off and working_days");
    for (const auto& item : root) {
      const std::string key = item.first.as<std::string>();
      if (key != "days_off" && key != "working_days") {
        return Error(item.first, "unknown key '" + key + "' (expected days_off or working_days)");
      }
      Status s = ParseList(item.second, key == "working_days", key);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  Status Error(const YAML::Mark& mark, const std::string& what) const {
    if (mark.line < 0) return InvalidArgument(source_ + ": " + what);
    return InvalidArgument(source_ + ":" + std::to_string(mark.line + 1) + ": " + what);
  }
  Status Error(const YAML::Node& at, const std::string& what) const { return Error(at.Mark(), what); }

  CalendarOverrides Take() {
    std::sort(days_.begin(), days_.end(),
              [](const DayOverride& a, const DayOverride& b) { return a.date < b.date; });
    return CalendarOverrides{std::move(days_)};
  }

 private:
  Status ParseList(const YAML::Node& list, bool working, const std::string& key) {
    if (list.IsNull()) return Status::Ok();
    if (!list.IsSequence()) return Error(list, key + ": expected a list of entries ('- date: ...')");
    for (size_t i = 0; i < list.size(); ++i) {
      Status s = ParseEntry(list[i], working, key + "[" + std::to_string(i) + "]");
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  Status ParseEntry(const YAML::Node& entry, bool working, const std::string& path) {
    if (!entry.IsMap()) return Error(entry, path + ": expected a map with date (or from/to) and name");
    for (const auto& item : entry) {
      const std::string key = item.first.as<std::string>();
      if (key != "date" && key != "from" && key != "to" && key != "name" && key != "source") {
        return Error(item.first,
                     path + ": unknown key '" + key + "' (expected date, from, to, name, source)");
      }
      if (!item.second.IsScalar()) return Error(item.second, path + "." + key + ": expected a single value");
    }
    const YAML::Node date = entry["date"], from = entry["from"], to = entry["to"], name = entry["name"];
    std::string name_text = name ? name.Scalar() : "";
    if (!working && name_text.empty()) return Error(entry, path + ": a day off needs a non-empty name");
    if (date && (from || to)) return Error(entry, path + ": give either date or from/to, not both");
    if (!date && !(from && to)) return Error(entry, path + ": missing date (or both from and to)");

    LocalDate first, last;
    Status s = date ? ParseDate(date, path + ".date", &first) : ParseDate(from, path + ".from", &first);
    if (!s.ok()) return s;
    last = first;
    if (!date) {
      s = ParseDate(to, path + ".to", &last);
      if (!s.ok()) return s;
      if (last < first) return Error(to, path + ": 'to' is before 'from'");
      if (DaysFromCivil(last) - DaysFromCivil(first) >= kMaxRangeDays) {
        return Error(to, path + ": a range may cover at most " + std::to_string(kMaxRangeDays) + " days");
      }
    }
    const YAML::Node& at = date ? date : from;
    for (int64_t d = DaysFromCivil(first); d <= DaysFromCivil(last); ++d) {
      s = Add(DayOverride{CivilFromDays(d), working, name_text}, at, path);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  Status ParseDate(const YAML::Node& node, const std::string& path, LocalDate* out) const {
    const std::string& text = node.Scalar();
    if (!ParseIsoDate(text, out))
      return Error(node, path + ": '" + text + "' is not a date (want YYYY-MM-DD)");
    if (out->year < kFirstYear || out->year > kLastYear) {
      return Error(node, path + ": year " + std::to_string(out->year) + " is outside " +
                             std::to_string(kFirstYear) + ".." + std::to_string(kLastYear));
    }
    return Status::Ok();
  }

  Status Add(DayOverride day, const YAML::Node& at, const std::string& path) {
    const auto [it, inserted] = first_line_.emplace(day.date.ToYyyymmdd(), at.Mark().line + 1);
    if (!inserted) {
      return Error(at, path + ": " + FormatDate(day.date) + " is already listed at line " +
                           std::to_string(it->second));
    }
    days_.push_back(std::move(day));
    return Status::Ok();
  }

  static std::string FormatDate(const LocalDate& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
  }

  std::string source_;
  std::map<uint32_t, int> first_line_;  // yyyymmdd -> line of its first entry
  std::vector<DayOverride> days_;
};

}  // namespace

bool ParseIsoDate(const std::string& text, LocalDate* out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const LocalDate d{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  if (CivilFromDays(DaysFromCivil(d)) != d) return false;  // e.g. 2025-02-30
  *out = d;
  return true;
}

StatusOr<CalendarOverrides> ParseCalendarOverrides(const std::string& yaml_text,
                                                   const std::string& source_name) {
  OverrideParser parser(source_name);
  try {
    Status s = parser.Parse(YAML::Load(yaml_text));
    if (!s.ok()) return s;
  } catch (const YAML::Exception& e) {
    return parser.Error(e.mark, e.msg);
  } catch (const std::exception& e) {
    return InvalidArgument(source_name + ": " + e.what());
  }
  return parser.Take();
}

StatusOr<CalendarOverrides> LoadCalendarOverrides(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot read: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return NotFound(path + ": read failed");
  return ParseCalendarOverrides(text.str(), path);
}

}  // namespace qms::deadline

#include "services/config/internal/sections.h"

#include <string>
#include <utility>

namespace qms::config::internal {

namespace {

// Policy keys, declared once with their ranges (docs/config.md). Defaults are
// QueuePolicy's member initialisers.
struct UintPolicyKey {
  const char* name;
  uint32_t config::QueuePolicy::*member;
  uint32_t min;
  uint32_t max;
};

struct BoolPolicyKey {
  const char* name;
  bool config::QueuePolicy::*member;
};

constexpr UintPolicyKey kUintPolicyKeys[] = {
    {"number_start", &config::QueuePolicy::number_start, 0, 9999},
    {"priority_ratio", &config::QueuePolicy::priority_ratio, 1, 100},
    {"max_wait_minutes", &config::QueuePolicy::max_wait_minutes, 1, 1440},
    {"auto_no_show_minutes", &config::QueuePolicy::auto_no_show_minutes, 0, 240},
    {"citizen_daily_cap", &config::QueuePolicy::citizen_daily_cap, 0, 100},
    {"citizen_field_cap", &config::QueuePolicy::citizen_field_cap, 0, 100},
    {"default_service_minutes", &config::QueuePolicy::default_service_minutes, 1, 240},
};

constexpr BoolPolicyKey kBoolPolicyKeys[] = {
    {"stop_when_wait_past_closing", &config::QueuePolicy::stop_when_wait_past_closing},
    {"accept_outside_hours", &config::QueuePolicy::accept_outside_hours},
};

constexpr uint32_t kMaxFieldDailyCap = 9999;
constexpr uint32_t kMaxServiceMinutes = 240;
constexpr size_t kMaxIdLength = 32;

const std::vector<const char*>& PolicyKeyNames() {
  static const std::vector<const char*> names = [] {
    std::vector<const char*> out;
    for (const auto& key : kUintPolicyKeys) out.push_back(key.name);
    for (const auto& key : kBoolPolicyKeys) out.push_back(key.name);
    return out;
  }();
  return names;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "HH:MM" -> minutes since midnight, or -1. 24:00 is allowed (end of day).
int ParseClock(const std::string& text, size_t at) {
  if (!IsDigit(text[at]) || !IsDigit(text[at + 1]) || text[at + 2] != ':' || !IsDigit(text[at + 3]) ||
      !IsDigit(text[at + 4])) {
    return -1;
  }
  const int hour = (text[at] - '0') * 10 + (text[at + 1] - '0');
  const int minute = (text[at + 3] - '0') * 10 + (text[at + 4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) return -1;
  return hour * 60 + minute;
}

bool IsFieldId(const std::string& id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (char c : id) {
    if (!(IsDigit(c) || (c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

bool IsCounterId(const std::string& id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (char c : id) {
    if (!(IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

Status ReadFieldEntry(const YamlReader& reader, const std::string& key, const YAML::Node& value,
                      const Where& at, config::FieldConfig* field) {
  if (key == "daily_cap") return reader.ReadUint(value, at, 0, kMaxFieldDailyCap, &field->daily_cap);
  if (key == "service_minutes") {
    return reader.ReadUint(value, at, 0, kMaxServiceMinutes, &field->service_minutes);
  }
  if (key == "name_vi") return reader.ReadString(value, at, &field->name_vi);
  if (key == "name_en") return reader.ReadString(value, at, &field->name_en);
  std::string text;
  QMS_CONFIG_RETURN_IF_ERROR(reader.ReadString(value, at, &text));
  if (key == "id") {
    if (!IsFieldId(text)) return reader.Error(at, "must match [a-z0-9_]{1,32}, got \"" + text + "\"");
    field->id = text;
  } else {  // prefix
    if (text.size() != 1 || text[0] < 'A' || text[0] > 'Z') {
      return reader.Error(at, "must be one capital letter A-Z, got \"" + text + "\"");
    }
    field->prefix = text[0];
  }
  return Status::Ok();
}

Status ReadOneField(const YamlReader& reader, const YAML::Node& node, const Where& where,
                    ParsedField* field) {
  QMS_CONFIG_RETURN_IF_ERROR(
      reader.ForEachEntry(node, where, {"id", "prefix", "name_vi", "name_en", "daily_cap", "service_minutes"},
                          [&](const std::string& key, const YAML::Node& value, const Where& at) {
                            if (key == "id") field->id_line = at.line;
                            if (key == "prefix") field->prefix_line = at.line;
                            return ReadFieldEntry(reader, key, value, at, &field->config);
                          }));
  QMS_CONFIG_RETURN_IF_ERROR(reader.RequireKeys(node, where, {"id", "prefix", "name_vi"}));
  field->where = where;
  return Status::Ok();
}

Status ReadWeights(const YamlReader& reader, const YAML::Node& node, const Where& where,
                   ParsedCounter* counter) {
  QMS_CONFIG_RETURN_IF_ERROR(reader.ForEachNamedEntry(
      node, where, [&](const std::string& field_id, const YAML::Node& value, const Where& at) {
        double weight = 0;
        QMS_CONFIG_RETURN_IF_ERROR(reader.ReadPositiveDouble(value, at, &weight));
        counter->config.field_weights.emplace_back(field_id, weight);
        counter->weight_where.push_back(at);
        return Status::Ok();
      }));
  if (counter->config.field_weights.empty())
    return reader.Error(where, "a counter must serve at least one field");
  counter->fields_where = where;
  return Status::Ok();
}

Status ReadOneCounter(const YamlReader& reader, const YAML::Node& node, const Where& where,
                      ParsedCounter* counter) {
  QMS_CONFIG_RETURN_IF_ERROR(reader.ForEachEntry(
      node, where, {"id", "name", "fields", "priority_counter"},
      [&](const std::string& key, const YAML::Node& value, const Where& at) -> Status {
        if (key == "name") return reader.ReadString(value, at, &counter->config.name);
        if (key == "fields") return ReadWeights(reader, value, at, counter);
        if (key == "priority_counter") return reader.ReadBool(value, at, &counter->config.priority_counter);
        counter->id_line = at.line;
        QMS_CONFIG_RETURN_IF_ERROR(reader.ReadString(value, at, &counter->config.id));
        if (!IsCounterId(counter->config.id)) {
          return reader.Error(at, "must match [A-Za-z0-9_-]{1,32}, got \"" + counter->config.id + "\"");
        }
        return Status::Ok();
      }));
  QMS_CONFIG_RETURN_IF_ERROR(reader.RequireKeys(node, where, {"id", "name", "fields"}));
  counter->where = where;
  return Status::Ok();
}

}  // namespace

Status ReadPeriods(const YamlReader& reader, const YAML::Node& node, const Where& where,
                   std::vector<config::Period>* periods) {
  std::vector<config::Period> out;
  QMS_CONFIG_RETURN_IF_ERROR(
      reader.ForEachItem(node, where, /*null_is_empty=*/true, [&](const YAML::Node& item, const Where& at) {
        std::string text;
        QMS_CONFIG_RETURN_IF_ERROR(reader.ReadString(item, at, &text));
        config::Period period{-1, -1};
        if (text.size() == 11 && text[5] == '-') period = {ParseClock(text, 0), ParseClock(text, 6)};
        if (period.opens < 0 || period.closes < 0 || period.opens == 24 * 60) {
          return reader.Error(at, "expected \"HH:MM-HH:MM\", got \"" + text + "\"");
        }
        if (period.closes <= period.opens) {
          return reader.Error(at, "\"" + text + "\" closes before it opens");
        }
        if (!out.empty() && period.opens < out.back().closes) {
          return reader.Error(at, "\"" + text + "\" overlaps or precedes the period before it");
        }
        out.push_back(period);
        return Status::Ok();
      }));
  *periods = std::move(out);
  return Status::Ok();
}

config::OpeningHours DefaultOpeningHours() {
  config::OpeningHours hours;
  for (int day = 0; day < 5; ++day)
    hours.by_weekday[day] = {{7 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};
  return hours;
}

Status ReadPolicy(const YamlReader& reader, const YAML::Node& node, const Where& where,
                  config::QueuePolicy* policy) {
  return reader.ForEachEntry(
      node, where, PolicyKeyNames(), [&](const std::string& key, const YAML::Node& value, const Where& at) {
        for (const auto& k : kUintPolicyKeys) {
          if (key == k.name) return reader.ReadUint(value, at, k.min, k.max, &(policy->*k.member));
        }
        for (const auto& k : kBoolPolicyKeys) {
          if (key == k.name) return reader.ReadBool(value, at, &(policy->*k.member));
        }
        return reader.Error(at, "unknown key");  // unreachable: ForEachEntry checked the name
      });
}

Status ReadHours(const YamlReader& reader, const YAML::Node& node, const Where& where,
                 config::OpeningHours* hours) {
  return reader.ForEachEntry(node, where, {"weekdays", "saturday", "sunday"},
                             [&](const std::string& key, const YAML::Node& value, const Where& at) -> Status {
                               std::vector<config::Period> periods;
                               QMS_CONFIG_RETURN_IF_ERROR(ReadPeriods(reader, value, at, &periods));
                               if (key == "weekdays") {
                                 for (int day = 0; day < 5; ++day) hours->by_weekday[day] = periods;
                               } else {
                                 hours->by_weekday[key == "saturday" ? 5 : 6] = std::move(periods);
                               }
                               return Status::Ok();
                             });
}

Status ReadFields(const YamlReader& reader, const YAML::Node& node, const Where& where,
                  std::vector<ParsedField>* fields) {
  std::vector<ParsedField> out;
  QMS_CONFIG_RETURN_IF_ERROR(
      reader.ForEachItem(node, where, /*null_is_empty=*/false, [&](const YAML::Node& item, const Where& at) {
        ParsedField field;
        QMS_CONFIG_RETURN_IF_ERROR(ReadOneField(reader, item, at, &field));
        for (const ParsedField& other : out) {
          if (other.config.id == field.config.id) {
            return reader.Error(
                {JoinPath(at.path, "id"), field.id_line},
                "duplicate field id \"" + field.config.id + "\" (also " + other.where.path + ")");
          }
          if (other.config.prefix == field.config.prefix) {
            return reader.Error({JoinPath(at.path, "prefix"), field.prefix_line},
                                std::string("duplicate prefix \"") + field.config.prefix + "\" (also " +
                                    other.where.path + ")");
          }
        }
        out.push_back(std::move(field));
        return Status::Ok();
      }));
  *fields = std::move(out);
  return Status::Ok();
}

Status ReadCounters(const YamlReader& reader, const YAML::Node& node, const Where& where,
                    std::vector<ParsedCounter>* counters) {
  std::vector<ParsedCounter> out;
  QMS_CONFIG_RETURN_IF_ERROR(
      reader.ForEachItem(node, where, /*null_is_empty=*/false, [&](const YAML::Node& item, const Where& at) {
        ParsedCounter counter;
        QMS_CONFIG_RETURN_IF_ERROR(ReadOneCounter(reader, item, at, &counter));
        for (const ParsedCounter& other : out) {
          if (other.config.id == counter.config.id) {
            return reader.Error(
                {JoinPath(at.path, "id"), counter.id_line},
                "duplicate counter id \"" + counter.config.id + "\" (also " + other.where.path + ")");
          }
        }
        out.push_back(std::move(counter));
        return Status::Ok();
      }));
  *counters = std::move(out);
  return Status::Ok();
}

}  // namespace qms::config::internal

#include "services/config/internal/province_weeks.h"

#include <set>
#include <utility>

#include "services/config/internal/sections.h"

namespace qms::config::internal {

namespace {

// A non-empty list of periods.
Status ReadWorkingPeriods(const YamlReader& reader, const YAML::Node& node, const Where& where,
                          std::vector<config::Period>* periods) {
  QMS_CONFIG_RETURN_IF_ERROR(ReadPeriods(reader, node, where, periods));
  if (periods->empty()) return reader.Error(where, "at least one working period is needed");
  return Status::Ok();
}

Status ReadWorkingWeek(const YamlReader& reader, const YAML::Node& node, const Where& where,
                       config::ProvinceWorkingWeek* week) {
  Where saturday_hours_where;
  bool has_saturday_hours = false;
  QMS_CONFIG_RETURN_IF_ERROR(
      reader.ForEachEntry(node, where, {"saturday_morning", "weekday_hours", "saturday_hours"},
                          [&](const std::string& key, const YAML::Node& value, const Where& at) -> Status {
                            if (key == "saturday_morning")
                              return reader.ReadBool(value, at, &week->saturday_morning);
                            if (key == "weekday_hours")
                              return ReadWorkingPeriods(reader, value, at, &week->weekday_hours);
                            saturday_hours_where = at;
                            has_saturday_hours = true;
                            return ReadWorkingPeriods(reader, value, at, &week->saturday_hours);
                          }));
  QMS_CONFIG_RETURN_IF_ERROR(reader.RequireKeys(node, where, {"saturday_morning"}));
  if (has_saturday_hours && !week->saturday_morning) {
    return reader.Error(saturday_hours_where, "given, but saturday_morning is false");
  }
  return Status::Ok();
}

}  // namespace

Status ReadProvinceWeeks(const YamlReader& reader, const YAML::Node& node, const Where& where,
                         std::map<std::string, config::ProvinceWorkingWeek>* provinces,
                         std::vector<std::pair<std::string, Where>>* name_where) {
  return reader.ForEachNamedEntry(node, where,
                                  [&](const std::string& name, const YAML::Node& value, const Where& at) {
                                    config::ProvinceWorkingWeek week;
                                    QMS_CONFIG_RETURN_IF_ERROR(ReadWorkingWeek(reader, value, at, &week));
                                    (*provinces)[name] = std::move(week);
                                    name_where->emplace_back(name, at);
                                    return Status::Ok();
                                  });
}

Status CheckProvincesHaveCentres(const YamlReader& reader,
                                 const std::vector<std::pair<std::string, Where>>& name_where,
                                 const std::vector<config::CentreConfig>& centres) {
  std::set<std::string> hosted;
  for (const config::CentreConfig& centre : centres) hosted.insert(centre.province);
  for (const auto& [name, at] : name_where) {
    if (hosted.count(name) == 0) {
      return reader.Error(
          at, "no centre is in province \"" + name + "\" (the name must match a centre's province exactly)");
    }
  }
  return Status::Ok();
}

}  // namespace qms::config::internal

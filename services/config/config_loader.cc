#include "services/config/config_loader.h"

#include <yaml-cpp/yaml.h>

#include <exception>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include "services/config/internal/access_section.h"
#include "services/config/internal/province_weeks.h"
#include "services/config/internal/retention_section.h"
#include "services/config/internal/sections.h"
#include "services/config/internal/tuning_sections.h"
#include "services/config/internal/yaml_reader.h"

namespace qms::config {

namespace {

using internal::JoinPath;
using internal::ParsedCounter;
using internal::ParsedField;
using internal::Where;
using internal::YamlReader;

constexpr size_t kMaxCentreIdDigits = 9;  // fits the uint32_t storage key
constexpr size_t kMaxAgencyCodeLength = 32;

// A template's lists; a missing list is nullopt, which is not the same as an
// empty one (an empty list still wins over nothing and is then rejected).
struct Template {
  std::optional<std::vector<ParsedField>> fields;
  std::optional<std::vector<ParsedCounter>> counters;
};
using TemplateMap = std::unordered_map<std::string, Template>;

// What every centre starts from before its own `policy` and `hours`.
struct CentreDefaults {
  config::QueuePolicy policy;
  config::OpeningHours hours = internal::DefaultOpeningHours();
};

// A centre's own keys, before its template is applied.
struct CentreDraft {
  config::CentreConfig config;
  std::optional<std::vector<ParsedField>> fields;
  Where fields_where;
  std::optional<std::vector<ParsedCounter>> counters;
  Where counters_where;
  std::string template_name;
  Where template_where;
  int id_line = 0;
};

bool IsAgencyCode(const std::string& code) {
  if (code.size() > kMaxAgencyCodeLength) return false;
  for (char c : code) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.')) {
      return false;
    }
  }
  return true;
}

Status ReadCentreId(const YamlReader& reader, const YAML::Node& value, const Where& at,
                    config::CentreConfig* centre) {
  QMS_CONFIG_RETURN_IF_ERROR(reader.ReadString(value, at, &centre->id));
  bool digits = centre->id.size() <= kMaxCentreIdDigits;
  uint32_t key = 0;
  for (char c : centre->id) {
    digits = digits && c >= '0' && c <= '9';
    key = key * 10 + static_cast<uint32_t>(c - '0');
  }
  if (!digits) return reader.Error(at, "must be 1-9 digits, got \"" + centre->id + "\"");
  centre->key = key;
  return Status::Ok();
}

Status ReadTemplates(const YamlReader& reader, const YAML::Node& node, const Where& where,
                     TemplateMap* templates) {
  return reader.ForEachNamedEntry(
      node, where, [&](const std::string& name, const YAML::Node& value, const Where& at) {
        Template tmpl;
        QMS_CONFIG_RETURN_IF_ERROR(reader.ForEachEntry(
            value, at, {"fields", "counters"},
            [&](const std::string& key, const YAML::Node& list, const Where& list_at) {
              if (key == "fields") return internal::ReadFields(reader, list, list_at, &tmpl.fields.emplace());
              return internal::ReadCounters(reader, list, list_at, &tmpl.counters.emplace());
            }));
        (*templates)[name] = std::move(tmpl);
        return Status::Ok();
      });
}

Status ReadCentreEntry(const YamlReader& reader, const std::string& key, const YAML::Node& value,
                       const Where& at, CentreDraft* draft) {
  config::CentreConfig& centre = draft->config;
  if (key == "id") {
    draft->id_line = at.line;
    return ReadCentreId(reader, value, at, &centre);
  }
  if (key == "name_vi") return reader.ReadString(value, at, &centre.name_vi);
  if (key == "name_en") return reader.ReadString(value, at, &centre.name_en);
  if (key == "province") return reader.ReadString(value, at, &centre.province);
  if (key == "agency_code") {
    QMS_CONFIG_RETURN_IF_ERROR(reader.ReadString(value, at, &centre.agency_code));
    if (IsAgencyCode(centre.agency_code)) return Status::Ok();
    return reader.Error(at, "must match [A-Za-z0-9.]{1,32}, got \"" + centre.agency_code + "\"");
  }
  if (key == "template") {
    draft->template_where = at;
    return reader.ReadString(value, at, &draft->template_name);
  }
  if (key == "fields") {
    draft->fields_where = at;
    return internal::ReadFields(reader, value, at, &draft->fields.emplace());
  }
  if (key == "counters") {
    draft->counters_where = at;
    return internal::ReadCounters(reader, value, at, &draft->counters.emplace());
  }
  if (key == "policy") return internal::ReadPolicy(reader, value, at, &centre.policy);
  return internal::ReadHours(reader, value, at, &centre.hours);  // "hours"
}

// Every weight of every counter names a field of the centre. A counter from a
// template is reported at the template's line, with the centre it fails in.
Status CheckCounterFields(const YamlReader& reader, const Where& centre,
                          const std::vector<ParsedField>& fields, const std::vector<ParsedCounter>& counters,
                          bool counters_from_template) {
  for (const ParsedCounter& counter : counters) {
    for (size_t i = 0; i < counter.config.field_weights.size(); ++i) {
      const std::string& field_id = counter.config.field_weights[i].first;
      bool known = false;
      for (const ParsedField& field : fields) known = known || field.config.id == field_id;
      if (known) continue;
      std::string what = "unknown field \"" + field_id + "\"";
      if (counters_from_template)
        what += " (in " + centre.path + ", line " + std::to_string(centre.line) + ")";
      return reader.Error({counter.fields_where.path, counter.weight_where[i].line}, what);
    }
  }
  return Status::Ok();
}

// The list a centre ends up with: its own, else its template's.
template <typename T>
Status PickList(const YamlReader& reader, const Where& centre, const char* key, const char* noun,
                const std::optional<std::vector<T>>& own, const Where& own_where,
                const std::optional<std::vector<T>>* from_template, const std::vector<T>** picked) {
  *picked = own ? &*own : (from_template && *from_template ? &**from_template : nullptr);
  if (*picked && !(*picked)->empty()) return Status::Ok();
  const Where where = own ? own_where : Where{JoinPath(centre.path, key), centre.line};
  return reader.Error(where, std::string("a centre needs at least one ") + noun);
}

// Applies the template, checks the centre as a whole, fills `centre`.
Status FinishCentre(const YamlReader& reader, const Where& where, const TemplateMap& templates,
                    CentreDraft* draft, config::CentreConfig* centre) {
  const Template* tmpl = nullptr;
  if (!draft->template_name.empty()) {
    auto it = templates.find(draft->template_name);
    if (it == templates.end()) {
      return reader.Error(draft->template_where, "unknown template \"" + draft->template_name + "\"");
    }
    tmpl = &it->second;
  }
  const std::vector<ParsedField>* fields = nullptr;
  const std::vector<ParsedCounter>* counters = nullptr;
  QMS_CONFIG_RETURN_IF_ERROR(PickList(reader, where, "fields", "field", draft->fields, draft->fields_where,
                                      tmpl ? &tmpl->fields : nullptr, &fields));
  QMS_CONFIG_RETURN_IF_ERROR(PickList(reader, where, "counters", "counter", draft->counters,
                                      draft->counters_where, tmpl ? &tmpl->counters : nullptr, &counters));
  QMS_CONFIG_RETURN_IF_ERROR(
      CheckCounterFields(reader, where, *fields, *counters, /*counters_from_template=*/!draft->counters));
  *centre = std::move(draft->config);
  centre->fields.reserve(fields->size());
  for (const ParsedField& field : *fields) centre->fields.push_back(field.config);
  centre->counters.reserve(counters->size());
  for (const ParsedCounter& counter : *counters) centre->counters.push_back(counter.config);
  return Status::Ok();
}

// Reads one item of `centres`; `id_line` is where its id was written.
Status ReadCentre(const YamlReader& reader, const YAML::Node& node, const Where& where,
                  const CentreDefaults& defaults, const TemplateMap& templates, config::CentreConfig* centre,
                  int* id_line) {
  CentreDraft draft;
  draft.config.policy = defaults.policy;
  draft.config.hours = defaults.hours;
  QMS_CONFIG_RETURN_IF_ERROR(
      reader.ForEachEntry(node, where,
                          {"id", "name_vi", "name_en", "province", "agency_code", "template", "fields",
                           "counters", "policy", "hours"},
                          [&](const std::string& key, const YAML::Node& value, const Where& at) {
                            return ReadCentreEntry(reader, key, value, at, &draft);
                          }));
  QMS_CONFIG_RETURN_IF_ERROR(reader.RequireKeys(node, where, {"id", "name_vi"}));
  *id_line = draft.id_line;
  return FinishCentre(reader, where, templates, &draft, centre);
}

Status ReadCentres(const YamlReader& reader, const YAML::Node& node, const Where& where,
                   const CentreDefaults& defaults, const TemplateMap& templates,
                   config::SystemConfig* config) {
  struct FirstUse {
    std::string path;
    int line;
  };
  std::unordered_map<uint32_t, FirstUse> by_key;
  if (node.IsSequence()) {
    config->centres.reserve(node.size());
    by_key.reserve(node.size());
  }
  QMS_CONFIG_RETURN_IF_ERROR(
      reader.ForEachItem(node, where, /*null_is_empty=*/false, [&](const YAML::Node& item, const Where& at) {
        config::CentreConfig centre;
        int id_line = 0;
        QMS_CONFIG_RETURN_IF_ERROR(ReadCentre(reader, item, at, defaults, templates, &centre, &id_line));
        const Where id_where{JoinPath(at.path, "id"), id_line};
        auto [it, inserted] = by_key.emplace(centre.key, FirstUse{id_where.path, id_where.line});
        if (!inserted) {
          return reader.Error(id_where, "duplicate centre id \"" + centre.id + "\" (also " + it->second.path +
                                            ", line " + std::to_string(it->second.line) + ")");
        }
        config->centres.push_back(std::move(centre));
        return Status::Ok();
      }));
  if (config->centres.empty()) return reader.Error(where, "at least one centre is needed");
  return Status::Ok();
}

// The top-level sections, found before any is read.
constexpr int kSectionCount = 9;
struct Sections {
  bool present[kSectionCount] = {};  // a default Node counts as defined
  YAML::Node node[kSectionCount];
  Where where[kSectionCount];
};
constexpr const char* kSectionNames[kSectionCount] = {"policy",    "hours",  "templates", "centres",
                                                      "provinces", "access", "storage",   "load", "retention"};
enum SectionIndex { kPolicy, kHours, kTemplates, kCentres, kProvinces, kAccess, kStorage, kLoad, kRetention };

Status FindSections(const YamlReader& reader, const YAML::Node& root, Sections* sections) {
  const Where top{"", 1};
  const std::vector<const char*> names(std::begin(kSectionNames), std::end(kSectionNames));
  QMS_CONFIG_RETURN_IF_ERROR(reader.ForEachEntry(
      root, top, names, [&](const std::string& key, const YAML::Node& value, const Where& at) {
        for (int i = 0; i < kSectionCount; ++i) {
          if (key != kSectionNames[i]) continue;
          sections->present[i] = true;
          sections->node[i] = value;
          sections->where[i] = at;
        }
        return Status::Ok();
      }));
  return reader.RequireKeys(root, top, {"centres"});
}

// `provinces`, read after the centres: each name must be a centre's province.
Status ReadProvinces(const YamlReader& reader, const Sections& sections, config::SystemConfig* config) {
  if (!sections.present[kProvinces]) return Status::Ok();
  std::vector<std::pair<std::string, Where>> name_where;
  QMS_CONFIG_RETURN_IF_ERROR(internal::ReadProvinceWeeks(
      reader, sections.node[kProvinces], sections.where[kProvinces], &config->provinces, &name_where));
  return internal::CheckProvincesHaveCentres(reader, name_where, config->centres);
}

Status ReadRoot(const YamlReader& reader, const YAML::Node& root, config::SystemConfig* config) {
  if (root.IsNull()) return reader.Error({"", 1}, "the file is empty");
  Sections sections;
  QMS_CONFIG_RETURN_IF_ERROR(FindSections(reader, root, &sections));
  // Sections are read in dependency order, whatever their order in the file.
  CentreDefaults defaults;
  TemplateMap templates;
  if (sections.present[kPolicy]) {
    QMS_CONFIG_RETURN_IF_ERROR(
        internal::ReadPolicy(reader, sections.node[kPolicy], sections.where[kPolicy], &defaults.policy));
  }
  if (sections.present[kHours]) {
    QMS_CONFIG_RETURN_IF_ERROR(
        internal::ReadHours(reader, sections.node[kHours], sections.where[kHours], &defaults.hours));
  }
  if (sections.present[kTemplates]) {
    QMS_CONFIG_RETURN_IF_ERROR(
        ReadTemplates(reader, sections.node[kTemplates], sections.where[kTemplates], &templates));
  }
  QMS_CONFIG_RETURN_IF_ERROR(
      ReadCentres(reader, sections.node[kCentres], sections.where[kCentres], defaults, templates, config));
  QMS_CONFIG_RETURN_IF_ERROR(ReadProvinces(reader, sections, config));
  if (sections.present[kRetention]) {
    QMS_CONFIG_RETURN_IF_ERROR(internal::ReadRetention(reader, sections.node[kRetention],
                                                       sections.where[kRetention], &config->retention));
  }
  if (sections.present[kAccess]) {
    QMS_CONFIG_RETURN_IF_ERROR(
        internal::ReadAccess(reader, sections.node[kAccess], sections.where[kAccess], &config->access));
  }
  if (sections.present[kStorage]) {
    QMS_CONFIG_RETURN_IF_ERROR(
        internal::ReadStorage(reader, sections.node[kStorage], sections.where[kStorage], &config->storage));
  }
  if (!sections.present[kLoad]) return Status::Ok();
  return internal::ReadLoad(reader, sections.node[kLoad], sections.where[kLoad], &config->load);
}

}  // namespace

StatusOr<config::SystemConfig> ParseSystemConfig(const std::string& yaml_text,
                                                 const std::string& source_name) {
  const YamlReader reader(source_name);
  try {
    const YAML::Node root = YAML::Load(yaml_text);
    config::SystemConfig config;
    config.source = source_name;
    QMS_CONFIG_RETURN_IF_ERROR(ReadRoot(reader, root, &config));
    return config;
  } catch (const YAML::ParserException& e) {
    const int line = e.mark.is_null() ? 1 : e.mark.line + 1;
    return InvalidArgument(source_name + ":" + std::to_string(line) + ": YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {  // not expected: the readers use no throwing yaml-cpp call
    const int line = e.mark.is_null() ? 1 : e.mark.line + 1;
    return InvalidArgument(source_name + ":" + std::to_string(line) + ": " + e.msg);
  } catch (const std::exception& e) {
    return Internal(source_name + ": " + e.what());
  }
}

StatusOr<config::SystemConfig> LoadSystemConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return NotFound(path + ": cannot read the config file");
  return ParseSystemConfig(text.str(), path);
}

}  // namespace qms::config

#include "services/deadline/procedure_catalogue.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace qms::deadline {

namespace {

constexpr uint32_t kMaxWorkingDays = 365;
constexpr uint32_t kMaxWorkingHours = 2000;

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Splits one CSV line into fields. False (with `error`) on a quote that is
// not closed or text right after a closing quote.
bool SplitCsvLine(const std::string& line, std::vector<std::string>* fields, std::string* error) {
  fields->clear();
  std::string current;
  size_t i = 0;
  for (;;) {
    current.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      for (;;) {
        if (i >= line.size()) {
          *error = "a quoted value is not closed";
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            current += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        current += line[i++];
      }
      if (i < line.size() && line[i] != ',' && line[i] != '\r') {
        *error = "text after a closing quote";
        return false;
      }
    } else {
      while (i < line.size() && line[i] != ',') current += line[i++];
    }
    fields->push_back(Trim(current));
    if (i >= line.size() || line[i] != ',') return true;
    ++i;  // the comma
  }
}

bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > 32) return false;
  if (code.front() == '.' || code.back() == '.') return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool ValidFieldId(const std::string& id) {
  if (id.empty() || id.size() > 32) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

struct Columns {
  int code = -1, field = -1, name_vi = -1, name_en = -1, time_limit = -1, fee = -1;
};

Status ReadHeader(const std::vector<std::string>& names, const std::string& where, Columns* cols) {
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    int* slot = n == "code"         ? &cols->code
                : n == "field"      ? &cols->field
                : n == "name_vi"    ? &cols->name_vi
                : n == "name_en"    ? &cols->name_en
                : n == "time_limit" ? &cols->time_limit
                : n == "fee_vnd"    ? &cols->fee
                                    : nullptr;
    if (!slot) {
      if (n == "note" || n == "fee_note" || n.rfind("x_", 0) == 0) continue;
      return InvalidArgument(
          where + ": unknown column \"" + n +
          "\" (known: code, field, name_vi, name_en, time_limit, fee_vnd, fee_note, note)");
    }
    if (*slot >= 0) return InvalidArgument(where + ": column \"" + n + "\" appears twice");
    *slot = static_cast<int>(i);
  }
  for (auto [index, name] :
       {std::pair{cols->code, "code"}, std::pair{cols->field, "field"}, std::pair{cols->name_vi, "name_vi"},
        std::pair{cols->name_en, "name_en"}, std::pair{cols->time_limit, "time_limit"}}) {
    if (index < 0) return InvalidArgument(where + ": the header has no \"" + name + "\" column");
  }
  return Status::Ok();
}

StatusOr<Procedure> ReadRow(const std::vector<std::string>& values, const Columns& cols, size_t header_width,
                            const std::string& where) {
  if (values.size() != header_width) {
    return InvalidArgument(where + ": " + std::to_string(values.size()) + " values, the header has " +
                           std::to_string(header_width) + " columns");
  }
  Procedure p;
  p.code = values[cols.code];
  p.field_id = values[cols.field];
  p.name_vi = values[cols.name_vi];
  p.name_en = values[cols.name_en];
  if (!ValidCode(p.code)) {
    return InvalidArgument(where + ": code \"" + p.code + "\" is not a procedure code (digits and dots)");
  }
  if (!ValidFieldId(p.field_id)) {
    return InvalidArgument(where + ": field \"" + p.field_id + "\" is not a field id ([A-Za-z0-9_-]{1,32})");
  }
  if (p.name_vi.empty() || p.name_en.empty())
    return InvalidArgument(where + ": name_vi and name_en are required");
  auto limit = ParseTimeLimit(values[cols.time_limit]);
  if (!limit.ok()) return InvalidArgument(where + ": " + limit.status().message());
  p.limit = *limit;
  if (cols.fee >= 0 && !values[cols.fee].empty()) {
    const std::string& fee = values[cols.fee];
    if (!AllDigits(fee) || fee.size() > 12) {
      return InvalidArgument(where + ": fee_vnd \"" + fee + "\" is not a whole number of dong (digits only)");
    }
    p.fee_vnd = std::stoll(fee);
  }
  return p;
}

}  // namespace

StatusOr<TimeLimit> ParseTimeLimit(const std::string& raw) {
  const std::string text = Trim(raw);
  if (text == "same_day") return TimeLimit{LimitKind::kSameDay, 0};
  std::istringstream in(text);
  std::string number, working, unit, extra;
  in >> number >> working >> unit >> extra;
  const auto bad = [&raw] {
    return InvalidArgument("time_limit \"" + raw +
                           "\" is not \"same_day\", \"N working days\" or \"N working hours\"");
  };
  if (!AllDigits(number) || number.size() > 6 || working != "working" || !extra.empty()) return bad();
  const uint32_t n = static_cast<uint32_t>(std::stoul(number));
  if (unit == "days" || unit == "day") {
    if (n < 1 || n > kMaxWorkingDays) {
      return InvalidArgument("time_limit \"" + raw + "\": working days must be 1-365 (use same_day for 0)");
    }
    return TimeLimit{LimitKind::kWorkingDays, n};
  }
  if (unit == "hours" || unit == "hour") {
    if (n < 1 || n > kMaxWorkingHours) {
      return InvalidArgument("time_limit \"" + raw + "\": working hours must be 1-2000");
    }
    return TimeLimit{LimitKind::kWorkingHours, n};
  }
  return bad();
}

std::string FormatTimeLimit(const TimeLimit& limit) {
  switch (limit.kind) {
    case LimitKind::kSameDay: return "same_day";
    case LimitKind::kWorkingDays: return std::to_string(limit.value) + " working days";
    case LimitKind::kWorkingHours: return std::to_string(limit.value) + " working hours";
  }
  return "?";
}

StatusOr<ProcedureCatalogue> ProcedureCatalogue::Parse(const std::string& csv_text,
                                                       const std::string& source_name) {
  ProcedureCatalogue catalogue;
  std::istringstream in(csv_text);
  std::string line;
  std::vector<std::string> values;
  std::string error;
  Columns cols;
  size_t header_width = 0;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    const std::string where = source_name + ":" + std::to_string(line_no);
    if (!SplitCsvLine(line, &values, &error)) return InvalidArgument(where + ": " + error);
    if (header_width == 0) {
      if (Status s = ReadHeader(values, where, &cols); !s.ok()) return s;
      header_width = values.size();
      continue;
    }
    auto procedure = ReadRow(values, cols, header_width, where);
    if (!procedure.ok()) return procedure.status();
    if (catalogue.by_code_.count(procedure->code)) {
      return InvalidArgument(where + ": code " + procedure->code + " is listed twice");
    }
    catalogue.by_code_.emplace(procedure->code, catalogue.procedures_.size());
    catalogue.procedures_.push_back(std::move(*procedure));
  }
  if (header_width == 0) return InvalidArgument(source_name + ": no header line");
  if (catalogue.procedures_.empty()) return InvalidArgument(source_name + ": no procedures");
  return catalogue;
}

StatusOr<ProcedureCatalogue> ProcedureCatalogue::Load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return NotFound("cannot read procedure catalogue " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return Parse(text.str(), path);
}

StatusOr<ProcedureCatalogue> ProcedureCatalogue::FromList(std::vector<Procedure> procedures) {
  ProcedureCatalogue catalogue;
  catalogue.procedures_ = std::move(procedures);
  for (size_t i = 0; i < catalogue.procedures_.size(); ++i) {
    if (!catalogue.by_code_.emplace(catalogue.procedures_[i].code, i).second) {
      return InvalidArgument("code " + catalogue.procedures_[i].code + " is listed twice");
    }
  }
  return catalogue;
}

const Procedure* ProcedureCatalogue::Find(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &procedures_[it->second];
}

}  // namespace qms::deadline

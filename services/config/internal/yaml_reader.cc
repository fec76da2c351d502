#include "services/config/internal/yaml_reader.h"

#include <charconv>
#include <cmath>
#include <string_view>
#include <vector>

namespace qms::config::internal {

std::string JoinPath(const std::string& path, const std::string& key) {
  if (path.empty()) return key;
  return path + "." + key;
}

std::string IndexPath(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

int LineOf(const YAML::Node& node, int fallback) {
  const int line = node.Mark().line;
  return line < 0 ? fallback : line + 1;
}

namespace {

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

std::string AllowedList(const std::vector<const char*>& allowed) {
  std::string out;
  for (const char* key : allowed) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

bool Contains(const std::vector<const char*>& keys, const std::string& key) {
  for (const char* k : keys) {
    if (key == k) return true;
  }
  return false;
}

const char* TypeName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a value";
    default: return "nothing";
  }
}

}  // namespace

Status YamlReader::Error(const Where& where, const std::string& what) const {
  return InvalidArgument(source_ + ":" + std::to_string(where.line) + ": " +
                         (where.path.empty() ? std::string("(top level)") : where.path) + ": " + what);
}

Status YamlReader::ForEachNamedEntry(const YAML::Node& node, const Where& where,
                                     const EntryVisitor& visit) const {
  if (!node.IsMap()) return Error(where, std::string("expected a map, found ") + TypeName(node));
  // Maps in this format are small, so a linear duplicate check is cheapest;
  // the one large list (centres) is a sequence.
  std::vector<std::string> seen;
  for (const auto& entry : node) {  // `entry` is a temporary, kept alive by the loop
    const YAML::Node& key_node = entry.first;
    const Where key_where{where.path, LineOf(key_node, where.line)};
    if (!key_node.IsScalar() || key_node.Scalar().empty())
      return Error(key_where, "keys must be plain names");
    const std::string& key = key_node.Scalar();
    for (const std::string& s : seen) {
      if (s == key) return Error({JoinPath(where.path, key), key_where.line}, "duplicate key");
    }
    seen.push_back(key);
    QMS_CONFIG_RETURN_IF_ERROR(visit(key, entry.second, {JoinPath(where.path, key), key_where.line}));
  }
  return Status::Ok();
}

Status YamlReader::ForEachEntry(const YAML::Node& node, const Where& where,
                                const std::vector<const char*>& allowed, const EntryVisitor& visit) const {
  return ForEachNamedEntry(
      node, where, [&](const std::string& key, const YAML::Node& value, const Where& at) {
        if (!Contains(allowed, key))
          return Error(at, "unknown key (expected one of: " + AllowedList(allowed) + ")");
        return visit(key, value, at);
      });
}

Status YamlReader::ForEachItem(const YAML::Node& node, const Where& where, bool null_is_empty,
                               const ItemVisitor& visit) const {
  if (null_is_empty && node.IsNull()) return Status::Ok();
  if (!node.IsSequence()) return Error(where, std::string("expected a list, found ") + TypeName(node));
  size_t index = 0;
  for (const auto& item : node) {
    QMS_CONFIG_RETURN_IF_ERROR(visit(item, {IndexPath(where.path, index), LineOf(item, where.line)}));
    ++index;
  }
  return Status::Ok();
}

Status YamlReader::RequireKeys(const YAML::Node& node, const Where& where,
                               const std::vector<const char*>& required) const {
  for (const char* key : required) {
    bool found = false;
    for (const auto& entry : node) found = found || (entry.first.IsScalar() && entry.first.Scalar() == key);
    if (!found) return Error({JoinPath(where.path, key), where.line}, "missing");
  }
  return Status::Ok();
}

Status YamlReader::ReadString(const YAML::Node& node, const Where& where, std::string* out) const {
  if (!node.IsScalar()) return Error(where, std::string("expected a text value, found ") + TypeName(node));
  if (node.Scalar().empty()) return Error(where, "must not be empty");
  *out = node.Scalar();
  return Status::Ok();
}

Status YamlReader::ReadUint(const YAML::Node& node, const Where& where, uint32_t min, uint32_t max,
                            uint32_t* out) const {
  const std::string range = std::to_string(min) + "-" + std::to_string(max);
  if (!node.IsScalar()) return Error(where, "expected a whole number " + range + ", found " + TypeName(node));
  const std::string& text = node.Scalar();
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    return Error(where, "expected a whole number " + range + ", got " + Quote(text));
  }
  *out = static_cast<uint32_t>(value);
  return Status::Ok();
}

Status YamlReader::ReadBool(const YAML::Node& node, const Where& where, bool* out) const {
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, *out)) {
    return Error(where,
                 "expected true or false, got " + (node.IsScalar() ? Quote(node.Scalar()) : TypeName(node)));
  }
  return Status::Ok();
}

Status YamlReader::ReadPositiveDouble(const YAML::Node& node, const Where& where, double* out) const {
  if (!node.IsScalar()) return Error(where, std::string("expected a number > 0, found ") + TypeName(node));
  const std::string& text = node.Scalar();
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return Error(where, "expected a number > 0, got " + Quote(text));
  }
  if (value <= 0) return Error(where, "must be > 0, got " + text);
  *out = value;
  return Status::Ok();
}

}  // namespace qms::config::internal

// YamlReader: typed, checked reads from a yaml-cpp tree, each failure turned
// into an InvalidArgument Status "SOURCE:LINE: path: what is wrong".
//
// Lines: yaml-cpp marks are 0-based; Where.line is already 1-based. A value
// read from a map is reported at its key's line, because yaml-cpp marks an
// empty value (`key:`) at the next token, often on a later line.
//
// None of these functions throws: they only use the non-throwing parts of the
// yaml-cpp Node API (Type, Scalar, Mark, iteration).
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "services/base/status.h"

// Returns from the enclosing function when `expr` is not OK.
#define QMS_CONFIG_RETURN_IF_ERROR(expr)                     \
  do {                                                       \
    ::qms::Status qms_config_status_ = (expr);               \
    if (!qms_config_status_.ok()) return qms_config_status_; \
  } while (false)

namespace qms::config::internal {

// Where a node sits: its key path (e.g. "centres[1].counters[0].fields") and
// its 1-based line.
struct Where {
  std::string path;
  int line = 1;
};

// "a" + "b" -> "a.b"; "" + "b" -> "b".
std::string JoinPath(const std::string& path, const std::string& key);
// "a" + 3 -> "a[3]".
std::string IndexPath(const std::string& path, size_t index);
// The node's 1-based line, or `fallback` when the node has no mark.
int LineOf(const YAML::Node& node, int fallback);

class YamlReader {
 public:
  using EntryVisitor = std::function<Status(const std::string& key, const YAML::Node& value, const Where&)>;
  using ItemVisitor = std::function<Status(const YAML::Node& item, const Where&)>;

  explicit YamlReader(std::string source) : source_(std::move(source)) {}

  const std::string& source() const { return source_; }

  // InvalidArgument "SOURCE:LINE: PATH: what".
  Status Error(const Where& where, const std::string& what) const;

  // Visits each entry of the map `node` in file order. Fails on a node that is
  // not a map, a key that is not a plain string, a duplicate key, or a key not
  // in `allowed` (the message lists the allowed keys).
  Status ForEachEntry(const YAML::Node& node, const Where& where, const std::vector<const char*>& allowed,
                      const EntryVisitor& visit) const;
  // Like ForEachEntry, for maps whose keys are names chosen by the user.
  Status ForEachNamedEntry(const YAML::Node& node, const Where& where, const EntryVisitor& visit) const;
  // Visits each item of the sequence `node`, as path[0], path[1], ...
  // A null node counts as an empty sequence when `null_is_empty`.
  Status ForEachItem(const YAML::Node& node, const Where& where, bool null_is_empty,
                     const ItemVisitor& visit) const;
  // Fails unless the map `node` has every key in `required`.
  Status RequireKeys(const YAML::Node& node, const Where& where,
                     const std::vector<const char*>& required) const;

  // A scalar, as written (quoted or not). Fails on maps, sequences, nulls and
  // on the empty string.
  Status ReadString(const YAML::Node& node, const Where& where, std::string* out) const;
  // A whole decimal number in [min, max].
  Status ReadUint(const YAML::Node& node, const Where& where, uint32_t min, uint32_t max,
                  uint32_t* out) const;
  // true/false (and the other YAML 1.1 spellings yaml-cpp accepts).
  Status ReadBool(const YAML::Node& node, const Where& where, bool* out) const;
  // A finite decimal number > 0.
  Status ReadPositiveDouble(const YAML::Node& node, const Where& where, double* out) const;

 private:
  std::string source_;
};

}  // namespace qms::config::internal

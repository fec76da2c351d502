// CentreNames: the readable names of a centre's fields and counters, for the
// human output only. Loaded with one GetCentre call, best effort: when the
// call fails the ids stand in for the names, so a reply that already
// succeeded is never turned into an error by its decoration.
#pragma once

#include <map>
#include <string>

#include "qms/v1/queue.pb.h"

namespace qms::ctl {

class Session;

class CentreNames {
 public:
  CentreNames() = default;
  explicit CentreNames(const v1::Centre& centre) { Fill(centre); }

  // Calls GetCentre with the session's deadline; ignores any error.
  void Load(Session& session, const std::string& centre_id);
  void Fill(const v1::Centre& centre);

  // "Hộ tịch" for "ho_tich"; the id itself when unknown.
  std::string Field(const std::string& field_id) const;
  // The configured counter name ("Quầy ưu tiên"), or "quầy <id>".
  std::string Counter(const std::string& counter_id) const;

 private:
  std::map<std::string, std::string> fields_;
  std::map<std::string, std::string> counters_;
};

}  // namespace qms::ctl

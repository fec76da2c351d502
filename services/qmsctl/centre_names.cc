#include "services/qmsctl/centre_names.h"

#include "services/qmsctl/session.h"

namespace qms::ctl {

void CentreNames::Load(Session& session, const std::string& centre_id) {
  v1::GetCentreRequest request;
  request.set_centre_id(centre_id);
  v1::Centre centre;
  auto ctx = session.NewContext();
  if (session.directory().GetCentre(ctx.get(), request, &centre).ok()) Fill(centre);
}

void CentreNames::Fill(const v1::Centre& centre) {
  for (const auto& f : centre.fields())
    fields_[f.field_id()] = f.name_vi().empty() ? f.field_id() : f.name_vi();
  for (const auto& c : centre.counters()) counters_[c.counter_id()] = c.name();
}

std::string CentreNames::Field(const std::string& field_id) const {
  auto it = fields_.find(field_id);
  return it == fields_.end() ? field_id : it->second;
}

std::string CentreNames::Counter(const std::string& counter_id) const {
  auto it = counters_.find(counter_id);
  if (it == counters_.end() || it->second.empty()) return "quầy " + counter_id;
  return it->second;
}

}  // namespace qms::ctl

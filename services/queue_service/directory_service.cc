#include <algorithm>
#include <cstdio>

#include "services/access/input_checks.h"
#include "services/access/unary_call.h"
#include "services/queue_service/queue_services.h"

namespace qms::service {

using access::AdmitCall;
using access::FinishNow;

namespace {

constexpr uint32_t kDefaultPageSize = 100;
constexpr uint32_t kMaxPageSize = 1000;

std::string Clock(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

void CentreToProto(const config::CentreConfig& c, bool with_counters, v1::Centre* out) {
  out->set_centre_id(c.id);
  out->set_name_vi(c.name_vi);
  out->set_name_en(c.name_en);
  out->set_province(c.province);
  out->set_agency_code(c.agency_code);
  for (const auto& f : c.fields) {
    auto* p = out->add_fields();
    p->set_field_id(f.id);
    p->set_prefix(std::string(1, f.prefix));
    p->set_name_vi(f.name_vi);
    p->set_name_en(f.name_en);
    p->set_daily_cap(f.daily_cap);
  }
  for (int day = 0; day < 7; ++day) {
    for (const auto& period : c.hours.by_weekday[day]) {
      auto* h = out->add_hours();
      h->set_weekday(static_cast<uint32_t>(day + 1));
      h->set_opens(Clock(period.opens));
      h->set_closes(Clock(period.closes));
    }
  }
  if (!with_counters) return;
  for (const auto& k : c.counters) {
    auto* p = out->add_counters();
    p->set_counter_id(k.id);
    p->set_name(k.name);
    p->set_priority_counter(k.priority_counter);
    for (const auto& [field, weight] : k.field_weights) {
      auto* w = p->add_fields();
      w->set_field_id(field);
      w->set_weight(weight);
    }
  }
}

// A page token is the index of the next centre, as this server wrote it.
StatusOr<size_t> ParsePageToken(const std::string& token, size_t centres) {
  if (token.empty()) return size_t{0};
  const bool digits = token.size() <= 9 &&
                      std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoul(token) > centres)
    return InvalidArgument("page_token is not one this server gave");
  return static_cast<size_t>(std::stoul(token));
}

Status CheckList(const v1::ListCentresRequest& r) {
  if (Status s = access::CheckText(r.province(), "province", access::kMaxProvinceLength); !s.ok()) return s;
  if (r.page_size() > kMaxPageSize) {
    return InvalidArgument("page_size must be at most " + std::to_string(kMaxPageSize));
  }
  return Status::Ok();
}

}  // namespace

grpc::ServerUnaryReactor* DirectoryServiceImpl::ListCentres(grpc::CallbackServerContext* ctx,
                                                            const v1::ListCentresRequest* req,
                                                            v1::ListCentresResponse* resp) {
  if (Status s =
          AdmitCall(*gate_, ctx, *req, access::Rpc::kListCentres, "", [req] { return CheckList(*req); });
      !s.ok())
    return FinishNow(ctx, s);
  const uint32_t page_size = req->page_size() ? req->page_size() : kDefaultPageSize;
  const auto& centres = engine_->config().centres;
  auto start = ParsePageToken(req->page_token(), centres.size());
  if (!start.ok()) return FinishNow(ctx, start.status());
  auto matches = [&](size_t i) { return req->province().empty() || centres[i].province == req->province(); };
  size_t i = *start;
  for (; i < centres.size() && static_cast<uint32_t>(resp->centres_size()) < page_size; ++i) {
    if (matches(i)) CentreToProto(centres[i], false, resp->add_centres());
  }
  while (i < centres.size() && !matches(i)) ++i;
  if (i < centres.size()) resp->set_next_page_token(std::to_string(i));
  return FinishNow(ctx, Status::Ok());
}

grpc::ServerUnaryReactor* DirectoryServiceImpl::GetCentre(grpc::CallbackServerContext* ctx,
                                                          const v1::GetCentreRequest* req, v1::Centre* resp) {
  if (Status s = AdmitCall(*gate_, ctx, *req, access::Rpc::kGetCentre, req->centre_id(),
                           [req] { return access::CheckCentreId(req->centre_id()); });
      !s.ok())
    return FinishNow(ctx, s);
  const config::CentreConfig* centre = engine_->FindCentre(req->centre_id());
  if (!centre) return FinishNow(ctx, NotFound("centre " + req->centre_id() + " does not exist"));
  CentreToProto(*centre, true, resp);
  return FinishNow(ctx, Status::Ok());
}

}  // namespace qms::service

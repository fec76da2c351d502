#include "services/audit_service/audit_service.h"

#include <boost/asio/post.hpp>

#include "services/access/input_checks.h"
#include "services/access/unary_call.h"
#include "services/audit_service/audit_page.h"

namespace qms::service {

namespace {

using access::FinishNow;

Status CheckDay(uint32_t day) {
  if (day == 0) return Status::Ok();
  const LocalDate d = LocalDate::FromYyyymmdd(day);
  if (d.year < 2000 || d.year > 2199 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 ||
      CivilFromDays(DaysFromCivil(d)) != d) {
    return InvalidArgument("day must be a date yyyymmdd, e.g. 20260302, or 0 for today");
  }
  return Status::Ok();
}

Status CheckList(const v1::ListAuditRequest& r) {
  if (Status s = access::CheckCentreId(r.centre_id()); !s.ok()) return s;
  if (Status s = CheckDay(r.day()); !s.ok()) return s;
  if (r.page_size() > AuditServiceImpl::kMaxPageSize) {
    return InvalidArgument("page_size must be at most " + std::to_string(AuditServiceImpl::kMaxPageSize));
  }
  return access::CheckText(r.page_token(), "page_token", 100);
}

}  // namespace

AuditServiceImpl::AuditServiceImpl(std::map<std::string, uint32_t> centre_keys, AuditStores stores,
                                   const Clock* clock, const access::AccessGate* gate)
    : centre_keys_(std::move(centre_keys)), stores_(stores), clock_(clock), gate_(gate) {}

AuditServiceImpl::~AuditServiceImpl() { reads_.join(); }

grpc::ServerUnaryReactor* AuditServiceImpl::ListAudit(grpc::CallbackServerContext* ctx,
                                                      const v1::ListAuditRequest* req,
                                                      v1::ListAuditResponse* resp) {
  if (Status s = access::AdmitCall(*gate_, ctx, *req, access::Rpc::kListAudit, req->centre_id(),
                                   [req] { return CheckList(*req); });
      !s.ok())
    return FinishNow(ctx, s);
  auto centre = centre_keys_.find(req->centre_id());
  if (centre == centre_keys_.end()) {
    return FinishNow(ctx, NotFound("centre " + req->centre_id() + " does not exist"));
  }
  const uint32_t day = req->day() != 0 ? req->day() : LocalDateOf(clock_->Now()).ToYyyymmdd();
  AuditPosition from;
  if (Status s = ParseAuditPageToken(req->page_token(), centre->second, day, &from); !s.ok())
    return FinishNow(ctx, s);
  const uint32_t page_size = req->page_size() ? req->page_size() : kDefaultPageSize;
  auto* reactor = ctx->DefaultReactor();
  boost::asio::post(reads_, [this, reactor, resp, from, page_size] {
    reactor->Finish(access::ToGrpc(ReadAuditPage(stores_.queue, stores_.deadline, from, page_size, resp)));
  });
  return reactor;
}

}  // namespace qms::service

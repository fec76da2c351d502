#include <boost/asio/post.hpp>

#include "services/access/input_checks.h"
#include "services/access/unary_call.h"
#include "services/queue/day_stats.h"
#include "services/queue_service/queue_services.h"

namespace qms::service {

namespace {

// service_day: 0, or a real yyyymmdd date.
Status CheckStatsRequest(const v1::DayStatsRequest& req) {
  if (Status s = access::CheckCentreId(req.centre_id()); !s.ok()) return s;
  const uint32_t day = req.service_day();
  if (day == 0) return Status::Ok();
  const LocalDate date = LocalDate::FromYyyymmdd(day);
  if (date.year < 1970 || date.year > 9999 || CivilFromDays(DaysFromCivil(date)) != date)
    return InvalidArgument("service_day " + std::to_string(day) + " is not a yyyymmdd date");
  return Status::Ok();
}

}  // namespace

StatsServiceImpl::~StatsServiceImpl() { reads_.join(); }

grpc::ServerUnaryReactor* StatsServiceImpl::GetDayStats(grpc::CallbackServerContext* ctx,
                                                        const v1::DayStatsRequest* req, v1::DayStats* resp) {
  if (Status s = access::AdmitCall(*gate_, ctx, *req, access::Rpc::kGetDayStats, req->centre_id(),
                                   [req] { return CheckStatsRequest(*req); });
      !s.ok())
    return access::FinishNow(ctx, s);
  const uint32_t today = LocalDateOf(engine_->clock().Now()).ToYyyymmdd();
  if (req->service_day() > today)
    return access::FinishNow(ctx, InvalidArgument("service_day " + std::to_string(req->service_day()) +
                                                  " is after today (" + std::to_string(today) + ")"));
  if (req->service_day() != 0 && req->service_day() < today) return GetClosedDay(ctx, req, resp);
  auto* reactor = ctx->DefaultReactor();
  // Computed under the centre's mutex (a read changes nothing, so the
  // change is empty); answered from the commit callback of that empty
  // change, a barrier behind every change the figures include.
  auto stats = std::make_shared<v1::DayStats>();
  engine_->Execute(
      req->centre_id(),
      [stats](queue::Centre& c, MicrosUtc now, queue::Change*) {
        queue::ComputeDayStats(c, now, stats.get());
        return Status::Ok();
      },
      access::AnswerWhenDone<const queue::OpResult&>(
          reactor, [resp, stats](const queue::OpResult&) { resp->Swap(stats.get()); }));
  return reactor;
}

grpc::ServerUnaryReactor* StatsServiceImpl::GetClosedDay(grpc::CallbackServerContext* ctx,
                                                         const v1::DayStatsRequest* req, v1::DayStats* resp) {
  auto* reactor = ctx->DefaultReactor();
  boost::asio::post(reads_, [this, reactor, req, resp] {
    reactor->Finish(access::ToGrpc(engine_->ReadClosedDay(req->centre_id(), req->service_day(), resp)));
  });
  return reactor;
}

}  // namespace qms::service

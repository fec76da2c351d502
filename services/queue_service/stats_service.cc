#include "services/access/input_checks.h"
#include "services/access/unary_call.h"
#include "services/queue/day_stats.h"
#include "services/queue_service/queue_services.h"

namespace qms::service {

grpc::ServerUnaryReactor* StatsServiceImpl::GetDayStats(grpc::CallbackServerContext* ctx,
                                                        const v1::DayStatsRequest* req, v1::DayStats* resp) {
  if (Status s = access::AdmitCall(*gate_, ctx, *req, access::Rpc::kGetDayStats, req->centre_id(),
                                   [req] { return access::CheckCentreId(req->centre_id()); });
      !s.ok())
    return access::FinishNow(ctx, s);
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

}  // namespace qms::service

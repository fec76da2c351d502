#include "services/access/grpc_status.h"
#include "services/access/input_checks.h"
#include "services/queue/day_stats.h"
#include "services/queue_service/queue_services.h"

namespace qms::service {

grpc::ServerUnaryReactor* StatsServiceImpl::GetDayStats(grpc::CallbackServerContext* ctx,
                                                        const v1::DayStatsRequest* req, v1::DayStats* resp) {
  access::CallContext call;
  if (Status s = gate_->Admit(ctx, *req, access::Rpc::kGetDayStats, req->centre_id(), &call); !s.ok())
    return access::FinishNow(ctx, s);
  if (Status s = access::CheckCentreId(req->centre_id()); !s.ok()) return access::FinishNow(ctx, s);
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
      [reactor, resp, stats](const Status& s, const queue::OpResult&) {
        if (s.ok()) resp->Swap(stats.get());
        reactor->Finish(access::ToGrpc(s));
      });
  return reactor;
}

}  // namespace qms::service

#include "services/access/caller.h"
#include "services/access/grpc_status.h"
#include "services/access/input_checks.h"
#include "services/queue_service/queue_services.h"

namespace qms::service {

namespace {

using access::FinishNow;

Status CheckIssue(const v1::IssueTicketRequest& r) {
  if (Status s = access::CheckCentreId(r.centre_id()); !s.ok()) return s;
  if (Status s = access::CheckId(r.field_id(), "field_id", true, 32); !s.ok()) return s;
  if (Status s = access::CheckId(r.request_id(), "request_id", true); !s.ok()) return s;
  if (!v1::PriorityClass_IsValid(r.priority())) return InvalidArgument("priority is not a known class");
  if (!v1::Channel_IsValid(r.channel())) return InvalidArgument("channel is not a known channel");
  return access::CheckCitizenId(r.citizen_id());
}

}  // namespace

grpc::ServerUnaryReactor* IntakeServiceImpl::IssueTicket(grpc::CallbackServerContext* ctx,
                                                         const v1::IssueTicketRequest* req,
                                                         v1::IssueTicketResponse* resp) {
  access::CallContext call;
  if (Status s = gate_->Admit(ctx, *req, access::Rpc::kIssueTicket, req->centre_id(), &call); !s.ok())
    return FinishNow(ctx, s);
  if (Status s = CheckIssue(*req); !s.ok()) return FinishNow(ctx, s);
  queue::IssueRequest issue;
  issue.field_id = req->field_id();
  issue.priority = req->priority() == v1::PRIORITY_CLASS_UNSPECIFIED ? v1::NORMAL : req->priority();
  issue.channel = req->channel() == v1::CHANNEL_UNSPECIFIED ? v1::KIOSK : req->channel();
  issue.request_id = req->request_id();
  if (!req->citizen_id().empty()) issue.citizen_hash = engine_->HashCitizen(req->citizen_id());
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(), {"IssueTicket", access::CallerOf(call), {}, {}},
      [issue = std::move(issue)](queue::Centre& c, MicrosUtc now, queue::Change* ch) {
        return c.Issue(issue, now, ch);
      },
      [reactor, resp](const Status& s, const queue::OpResult& r) {
        if (s.ok()) {
          *resp->mutable_ticket() = r.ticket;
          resp->set_position_ahead(r.position.ahead);
          resp->set_estimated_wait_minutes(r.position.wait_minutes);
          resp->set_replayed(r.replayed);
        }
        reactor->Finish(access::ToGrpc(s));
      });
  return reactor;
}

grpc::ServerUnaryReactor* IntakeServiceImpl::GetTicket(grpc::CallbackServerContext* ctx,
                                                       const v1::GetTicketRequest* req,
                                                       v1::GetTicketResponse* resp) {
  access::CallContext call;
  if (Status s = gate_->Admit(ctx, *req, access::Rpc::kGetTicket, req->centre_id(), &call); !s.ok())
    return FinishNow(ctx, s);
  if (Status s = access::CheckCentreId(req->centre_id()); !s.ok()) return FinishNow(ctx, s);
  if (Status s = access::CheckId(req->number(), "number", true, 8); !s.ok()) return FinishNow(ctx, s);
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(),
      [number = req->number()](queue::Centre& c, MicrosUtc, queue::Change* ch) {
        auto seq = c.FindTicket(number);
        if (!seq.ok()) return seq.status();
        ch->primary_ticket = *seq;
        return Status::Ok();
      },
      [reactor, resp](const Status& s, const queue::OpResult& r) {
        if (s.ok()) {
          *resp->mutable_ticket() = r.ticket;
          resp->set_position_ahead(r.position.ahead);
          resp->set_estimated_wait_minutes(r.position.wait_minutes);
        }
        reactor->Finish(access::ToGrpc(s));
      });
  return reactor;
}

grpc::ServerUnaryReactor* IntakeServiceImpl::CancelTicket(grpc::CallbackServerContext* ctx,
                                                          const v1::CancelTicketRequest* req,
                                                          v1::TicketResponse* resp) {
  access::CallContext call;
  if (Status s = gate_->Admit(ctx, *req, access::Rpc::kCancelTicket, req->centre_id(), &call); !s.ok())
    return FinishNow(ctx, s);
  if (Status s = access::CheckCentreId(req->centre_id()); !s.ok()) return FinishNow(ctx, s);
  if (Status s = access::CheckId(req->number(), "number", true, 8); !s.ok()) return FinishNow(ctx, s);
  if (Status s = access::CheckText(req->reason(), "reason"); !s.ok()) return FinishNow(ctx, s);
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(), {"CancelTicket", access::CallerOf(call), {}, req->number()},
      [number = req->number(), reason = req->reason()](queue::Centre& c, MicrosUtc now, queue::Change* ch) {
        return c.Cancel(number, reason, now, ch);
      },
      [reactor, resp](const Status& s, const queue::OpResult& r) {
        if (s.ok()) *resp->mutable_ticket() = r.ticket;
        reactor->Finish(access::ToGrpc(s));
      });
  return reactor;
}

}  // namespace qms::service

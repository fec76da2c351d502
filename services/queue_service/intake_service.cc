#include "services/access/input_checks.h"
#include "services/access/unary_call.h"
#include "services/queue_service/queue_services.h"

namespace qms::service {

namespace {

using access::AdmitCall;
using access::AnswerWhenDone;
using access::FinishNow;
using queue::OpResult;

Status CheckIssue(const v1::IssueTicketRequest& r) {
  if (Status s = access::CheckCentreId(r.centre_id()); !s.ok()) return s;
  if (Status s = access::CheckId(r.field_id(), "field_id", true, 32); !s.ok()) return s;
  if (Status s = access::CheckId(r.request_id(), "request_id", true); !s.ok()) return s;
  if (!v1::PriorityClass_IsValid(r.priority())) return InvalidArgument("priority is not a known class");
  if (!v1::Channel_IsValid(r.channel())) return InvalidArgument("channel is not a known channel");
  return access::CheckCitizenId(r.citizen_id());
}

Status CheckLookup(const std::string& centre_id, const std::string& number) {
  if (Status s = access::CheckCentreId(centre_id); !s.ok()) return s;
  return access::CheckId(number, "number", true, 8);
}

Status CheckCancel(const v1::CancelTicketRequest& r) {
  if (Status s = CheckLookup(r.centre_id(), r.number()); !s.ok()) return s;
  return access::CheckText(r.reason(), "reason");
}

}  // namespace

grpc::ServerUnaryReactor* IntakeServiceImpl::IssueTicket(grpc::CallbackServerContext* ctx,
                                                         const v1::IssueTicketRequest* req,
                                                         v1::IssueTicketResponse* resp) {
  Actor caller;
  if (Status s = AdmitCall(
          *gate_, ctx, *req, access::Rpc::kIssueTicket, req->centre_id(), [req] { return CheckIssue(*req); },
          &caller);
      !s.ok())
    return FinishNow(ctx, s);
  queue::IssueRequest issue;
  issue.field_id = req->field_id();
  issue.priority = req->priority() == v1::PRIORITY_CLASS_UNSPECIFIED ? v1::NORMAL : req->priority();
  issue.channel = req->channel() == v1::CHANNEL_UNSPECIFIED ? v1::KIOSK : req->channel();
  issue.request_id = req->request_id();
  if (!req->citizen_id().empty()) issue.citizen_hash = engine_->HashCitizen(req->citizen_id());
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(), {"IssueTicket", std::move(caller), {}, {}},
      [issue = std::move(issue)](queue::Centre& c, MicrosUtc now, queue::Change* ch) {
        return c.Issue(issue, now, ch);
      },
      AnswerWhenDone<const OpResult&>(reactor, [resp](const OpResult& r) {
        *resp->mutable_ticket() = r.ticket;
        resp->set_position_ahead(r.position.ahead);
        resp->set_estimated_wait_minutes(r.position.wait_minutes);
        resp->set_replayed(r.replayed);
      }));
  return reactor;
}

grpc::ServerUnaryReactor* IntakeServiceImpl::GetTicket(grpc::CallbackServerContext* ctx,
                                                       const v1::GetTicketRequest* req,
                                                       v1::GetTicketResponse* resp) {
  if (Status s = AdmitCall(*gate_, ctx, *req, access::Rpc::kGetTicket, req->centre_id(),
                           [req] { return CheckLookup(req->centre_id(), req->number()); });
      !s.ok())
    return FinishNow(ctx, s);
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(),
      [number = req->number()](queue::Centre& c, MicrosUtc, queue::Change* ch) {
        auto seq = c.FindTicket(number);
        if (!seq.ok()) return seq.status();
        ch->primary_ticket = *seq;
        return Status::Ok();
      },
      AnswerWhenDone<const OpResult&>(reactor, [resp](const OpResult& r) {
        *resp->mutable_ticket() = r.ticket;
        resp->set_position_ahead(r.position.ahead);
        resp->set_estimated_wait_minutes(r.position.wait_minutes);
      }));
  return reactor;
}

grpc::ServerUnaryReactor* IntakeServiceImpl::CancelTicket(grpc::CallbackServerContext* ctx,
                                                          const v1::CancelTicketRequest* req,
                                                          v1::TicketResponse* resp) {
  Actor caller;
  if (Status s = AdmitCall(
          *gate_, ctx, *req, access::Rpc::kCancelTicket, req->centre_id(),
          [req] { return CheckCancel(*req); }, &caller);
      !s.ok())
    return FinishNow(ctx, s);
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(), {"CancelTicket", std::move(caller), {}, req->number()},
      [number = req->number(), reason = req->reason()](queue::Centre& c, MicrosUtc now, queue::Change* ch) {
        return c.Cancel(number, reason, now, ch);
      },
      AnswerWhenDone<const OpResult&>(reactor,
                                      [resp](const OpResult& r) { *resp->mutable_ticket() = r.ticket; }));
  return reactor;
}

}  // namespace qms::service

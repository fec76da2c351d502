#include "services/access/input_checks.h"
#include "services/access/unary_call.h"
#include "services/queue_service/queue_services.h"

namespace qms::service {

using access::AdmitCall;
using access::AnswerWhenDone;
using access::FinishNow;
using queue::OpResult;
using Reactor = grpc::ServerUnaryReactor;

namespace {

Status CheckAction(const std::string& centre_id, const std::string& counter_id, bool counter_required,
                   const std::string& clerk_id, const std::string& number) {
  if (Status s = access::CheckCentreId(centre_id); !s.ok()) return s;
  if (Status s = access::CheckId(counter_id, "counter_id", counter_required); !s.ok()) return s;
  if (Status s = access::CheckId(clerk_id, "clerk_id", false); !s.ok()) return s;
  return access::CheckId(number, "number", false, 8);
}

Status CheckRate(const v1::RateServiceRequest& r) {
  if (Status s = CheckAction(r.centre_id(), r.counter_id(), true, r.clerk_id(), r.number()); !s.ok())
    return s;
  if (r.number().empty()) return InvalidArgument("number is required: the ticket being rated");
  if (r.rating() == v1::RATING_UNSPECIFIED || !v1::Rating_IsValid(r.rating())) {
    return InvalidArgument("rating must be VERY_SATISFIED, SATISFIED or DISSATISFIED");
  }
  return Status::Ok();
}

Status CheckCounter(const v1::CounterRequest& r) {
  if (Status s = CheckAction(r.centre_id(), r.counter_id(), true, r.clerk_id(), ""); !s.ok()) return s;
  return access::CheckText(r.reason(), "reason", 200);
}

Status CheckTransfer(const v1::TransferRequest& r) {
  if (Status s = CheckAction(r.centre_id(), r.counter_id(), true, r.clerk_id(), r.number()); !s.ok())
    return s;
  if (Status s = access::CheckId(r.to_field_id(), "to_field_id", false, 32); !s.ok()) return s;
  return access::CheckId(r.to_counter_id(), "to_counter_id", false);
}

queue::OpDone FinishTicket(Reactor* reactor, v1::TicketResponse* resp) {
  return AnswerWhenDone<const OpResult&>(reactor, [resp](const OpResult& r) {
    if (r.has_ticket) *resp->mutable_ticket() = r.ticket;
  });
}

}  // namespace

Reactor* CounterServiceImpl::RunTicketAction(Ctx* ctx, const google::protobuf::Message& received,
                                             const v1::TicketActionRequest* req, v1::TicketResponse* resp,
                                             access::Rpc rpc, TicketMethod method, bool counter_required) {
  Actor caller;
  if (Status s = AdmitCall(
          *gate_, ctx, received, rpc, req->centre_id(),
          [&] {
            // CallNext arrives as a CounterRequest and does not use its
            // reason; the reason is still held to the counter actions' rule,
            // so that no field of any request is unbounded.
            if (const auto* counter = dynamic_cast<const v1::CounterRequest*>(&received)) {
              if (Status s = CheckCounter(*counter); !s.ok()) return s;
            }
            return CheckAction(req->centre_id(), req->counter_id(), counter_required, req->clerk_id(),
                               req->number());
          },
          &caller);
      !s.ok())
    return FinishNow(ctx, s);
  queue::CounterAction action{req->counter_id(), req->clerk_id(), req->number(), {}, caller};
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(), {access::MethodName(rpc), caller, req->counter_id(), req->number()},
      [action = std::move(action), method](queue::Centre& c, MicrosUtc now, queue::Change* ch) {
        return (c.*method)(action, now, ch);
      },
      FinishTicket(reactor, resp));
  return reactor;
}

Reactor* CounterServiceImpl::RunCounterAction(Ctx* ctx, const v1::CounterRequest* req,
                                              v1::CounterResponse* resp, access::Rpc rpc,
                                              TicketMethod method) {
  Actor caller;
  if (Status s = AdmitCall(
          *gate_, ctx, *req, rpc, req->centre_id(), [req] { return CheckCounter(*req); }, &caller);
      !s.ok())
    return FinishNow(ctx, s);
  queue::CounterAction action{req->counter_id(), req->clerk_id(), {}, req->reason(), caller};
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(), {access::MethodName(rpc), caller, req->counter_id(), {}},
      [action = std::move(action), method](queue::Centre& c, MicrosUtc now, queue::Change* ch) {
        return (c.*method)(action, now, ch);
      },
      AnswerWhenDone<const OpResult&>(reactor, [resp](const OpResult& r) {
        if (r.has_counter) *resp->mutable_counter() = r.counter;
      }));
  return reactor;
}

Reactor* CounterServiceImpl::OpenCounter(Ctx* ctx, const v1::CounterRequest* req, v1::CounterResponse* resp) {
  return RunCounterAction(ctx, req, resp, access::Rpc::kOpenCounter, &queue::Centre::OpenCounter);
}
Reactor* CounterServiceImpl::PauseCounter(Ctx* ctx, const v1::CounterRequest* req,
                                          v1::CounterResponse* resp) {
  return RunCounterAction(ctx, req, resp, access::Rpc::kPauseCounter, &queue::Centre::PauseCounter);
}
Reactor* CounterServiceImpl::CloseCounter(Ctx* ctx, const v1::CounterRequest* req,
                                          v1::CounterResponse* resp) {
  return RunCounterAction(ctx, req, resp, access::Rpc::kCloseCounter, &queue::Centre::CloseCounter);
}

Reactor* CounterServiceImpl::CallNext(Ctx* ctx, const v1::CounterRequest* req, v1::TicketResponse* resp) {
  v1::TicketActionRequest action;
  action.set_centre_id(req->centre_id());
  action.set_counter_id(req->counter_id());
  action.set_clerk_id(req->clerk_id());
  // `action` is only read before RunTicketAction returns.
  return RunTicketAction(ctx, *req, &action, resp, access::Rpc::kCallNext, &queue::Centre::CallNext, true);
}

Reactor* CounterServiceImpl::CallTicket(Ctx* ctx, const v1::TicketActionRequest* req,
                                        v1::TicketResponse* resp) {
  return RunTicketAction(ctx, *req, req, resp, access::Rpc::kCallTicket, &queue::Centre::CallTicket, true);
}
Reactor* CounterServiceImpl::Recall(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) {
  return RunTicketAction(ctx, *req, req, resp, access::Rpc::kRecall, &queue::Centre::Recall, true);
}
Reactor* CounterServiceImpl::StartServing(Ctx* ctx, const v1::TicketActionRequest* req,
                                          v1::TicketResponse* resp) {
  return RunTicketAction(ctx, *req, req, resp, access::Rpc::kStartServing, &queue::Centre::StartServing,
                         true);
}
Reactor* CounterServiceImpl::Complete(Ctx* ctx, const v1::TicketActionRequest* req,
                                      v1::TicketResponse* resp) {
  return RunTicketAction(ctx, *req, req, resp, access::Rpc::kComplete, &queue::Centre::Complete, true);
}
Reactor* CounterServiceImpl::MarkNoShow(Ctx* ctx, const v1::TicketActionRequest* req,
                                        v1::TicketResponse* resp) {
  return RunTicketAction(ctx, *req, req, resp, access::Rpc::kMarkNoShow, &queue::Centre::MarkNoShow, true);
}
Reactor* CounterServiceImpl::Park(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) {
  return RunTicketAction(ctx, *req, req, resp, access::Rpc::kPark, &queue::Centre::Park, true);
}
Reactor* CounterServiceImpl::Resume(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) {
  return RunTicketAction(ctx, *req, req, resp, access::Rpc::kResume, &queue::Centre::Resume, false);
}

Reactor* CounterServiceImpl::Transfer(Ctx* ctx, const v1::TransferRequest* req, v1::TicketResponse* resp) {
  Actor caller;
  if (Status s = AdmitCall(
          *gate_, ctx, *req, access::Rpc::kTransfer, req->centre_id(), [req] { return CheckTransfer(*req); },
          &caller);
      !s.ok())
    return FinishNow(ctx, s);
  queue::TransferAction action;
  action.from = {req->counter_id(), req->clerk_id(), req->number(), {}, caller};
  action.to_field_id = req->to_field_id();
  action.to_counter_id = req->to_counter_id();
  action.requeue_at_end = req->requeue_at_end();
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(), {"Transfer", caller, req->counter_id(), req->number()},
      [action = std::move(action)](queue::Centre& c, MicrosUtc now, queue::Change* ch) {
        return c.Transfer(action, now, ch);
      },
      FinishTicket(reactor, resp));
  return reactor;
}

Reactor* CounterServiceImpl::RateService(Ctx* ctx, const v1::RateServiceRequest* req,
                                         v1::TicketResponse* resp) {
  Actor caller;
  // The citizen's screen belongs to the counter: a clerk's device.
  if (Status s = AdmitCall(
          *gate_, ctx, *req, access::Rpc::kRateService, req->centre_id(), [req] { return CheckRate(*req); },
          &caller);
      !s.ok())
    return FinishNow(ctx, s);
  queue::RateAction action{req->counter_id(), req->clerk_id(), req->number(), req->rating(), caller};
  auto* reactor = ctx->DefaultReactor();
  engine_->Execute(
      req->centre_id(), {"RateService", caller, req->counter_id(), req->number()},
      [action = std::move(action)](queue::Centre& c, MicrosUtc now, queue::Change* ch) {
        return c.Rate(action, now, ch);
      },
      FinishTicket(reactor, resp));
  return reactor;
}

}  // namespace qms::service

// The gRPC face of the queue: five services that only translate between
// proto and the queue engine, and between Status and grpc::Status. Every
// call passes the AccessGate first and validates its input.
#pragma once

#include <boost/asio/thread_pool.hpp>

#include "qms/v1/queue.grpc.pb.h"
#include "services/access/access_gate.h"
#include "services/access/open_streams.h"
#include "services/queue/queue_engine.h"

namespace qms::service {

class IntakeServiceImpl final : public v1::IntakeService::CallbackService {
 public:
  IntakeServiceImpl(queue::QueueEngine* engine, const access::AccessGate* gate)
      : engine_(engine), gate_(gate) {}
  grpc::ServerUnaryReactor* IssueTicket(grpc::CallbackServerContext* ctx, const v1::IssueTicketRequest* req,
                                        v1::IssueTicketResponse* resp) override;
  grpc::ServerUnaryReactor* GetTicket(grpc::CallbackServerContext* ctx, const v1::GetTicketRequest* req,
                                      v1::GetTicketResponse* resp) override;
  grpc::ServerUnaryReactor* CancelTicket(grpc::CallbackServerContext* ctx, const v1::CancelTicketRequest* req,
                                         v1::TicketResponse* resp) override;

 private:
  queue::QueueEngine* engine_;
  const access::AccessGate* gate_;
};

class CounterServiceImpl final : public v1::CounterService::CallbackService {
 public:
  CounterServiceImpl(queue::QueueEngine* engine, const access::AccessGate* gate)
      : engine_(engine), gate_(gate) {}
  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* OpenCounter(Ctx* ctx, const v1::CounterRequest* req, v1::CounterResponse* resp) override;
  Reactor* PauseCounter(Ctx* ctx, const v1::CounterRequest* req, v1::CounterResponse* resp) override;
  Reactor* CloseCounter(Ctx* ctx, const v1::CounterRequest* req, v1::CounterResponse* resp) override;
  Reactor* CallNext(Ctx* ctx, const v1::CounterRequest* req, v1::TicketResponse* resp) override;
  Reactor* CallTicket(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) override;
  Reactor* Recall(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) override;
  Reactor* StartServing(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) override;
  Reactor* Complete(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) override;
  Reactor* MarkNoShow(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) override;
  Reactor* Park(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) override;
  Reactor* Resume(Ctx* ctx, const v1::TicketActionRequest* req, v1::TicketResponse* resp) override;
  Reactor* Transfer(Ctx* ctx, const v1::TransferRequest* req, v1::TicketResponse* resp) override;
  Reactor* RateService(Ctx* ctx, const v1::RateServiceRequest* req, v1::TicketResponse* resp) override;

 private:
  using TicketMethod = Status (queue::Centre::*)(const queue::CounterAction&, MicrosUtc, queue::Change*);
  // `received` is the request as it came (the gate reads it); `req` the
  // ticket action made of it; `rpc` the method's name, for the audit trail.
  Reactor* RunTicketAction(Ctx* ctx, const google::protobuf::Message& received,
                           const v1::TicketActionRequest* req, v1::TicketResponse* resp, access::Rpc rpc,
                           TicketMethod method, bool counter_required);
  Reactor* RunCounterAction(Ctx* ctx, const v1::CounterRequest* req, v1::CounterResponse* resp,
                            access::Rpc rpc, TicketMethod method);

  queue::QueueEngine* engine_;
  const access::AccessGate* gate_;
};

class WatchServiceImpl final : public v1::WatchService::CallbackService {
 public:
  WatchServiceImpl(queue::QueueEngine* engine, const access::AccessGate* gate)
      : engine_(engine), gate_(gate) {}
  grpc::ServerWriteReactor<v1::CentreEvent>* WatchCentre(grpc::CallbackServerContext* ctx,
                                                         const v1::WatchCentreRequest* req) override;
  // Ends every open stream with `status`, and every later one (shutdown).
  void EndStreams(const grpc::Status& status) { streams_.EndAll(status); }
  // Ends the streams whose client stopped reading: a write in flight for
  // `limit` or longer (access::OpenStreams::EndStalled). Returns how many.
  size_t EndStalledStreams(std::chrono::milliseconds limit) {
    return streams_.EndStalled(limit,
                               grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                            "watcher stopped reading; reconnect with resume_after_seq"));
  }
  size_t open_streams() { return streams_.size(); }

 private:
  queue::QueueEngine* engine_;
  const access::AccessGate* gate_;
  access::OpenStreams streams_;
};

// Day statistics for supervisors: today's computed from the centre's memory
// of the day (queue/day_stats.h) behind the commit barrier, as GetTicket
// reads; an earlier day's read from the store (queue/closed_days.h) on the
// service's own thread, never on a gRPC thread.
class StatsServiceImpl final : public v1::StatsService::CallbackService {
 public:
  StatsServiceImpl(queue::QueueEngine* engine, const access::AccessGate* gate)
      : engine_(engine), gate_(gate) {}
  ~StatsServiceImpl() override;  // finishes the reads under way
  grpc::ServerUnaryReactor* GetDayStats(grpc::CallbackServerContext* ctx, const v1::DayStatsRequest* req,
                                        v1::DayStats* resp) override;

 private:
  grpc::ServerUnaryReactor* GetClosedDay(grpc::CallbackServerContext* ctx, const v1::DayStatsRequest* req,
                                         v1::DayStats* resp);
  queue::QueueEngine* engine_;
  const access::AccessGate* gate_;
  boost::asio::thread_pool reads_{1};
};

class DirectoryServiceImpl final : public v1::DirectoryService::CallbackService {
 public:
  DirectoryServiceImpl(queue::QueueEngine* engine, const access::AccessGate* gate)
      : engine_(engine), gate_(gate) {}
  grpc::ServerUnaryReactor* ListCentres(grpc::CallbackServerContext* ctx, const v1::ListCentresRequest* req,
                                        v1::ListCentresResponse* resp) override;
  grpc::ServerUnaryReactor* GetCentre(grpc::CallbackServerContext* ctx, const v1::GetCentreRequest* req,
                                      v1::Centre* resp) override;

 private:
  queue::QueueEngine* engine_;
  const access::AccessGate* gate_;
};

}  // namespace qms::service

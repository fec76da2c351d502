// The gRPC face of the deadline half: DeadlineService only translates
// between proto and the dossier engine, and between Status and grpc::Status.
// Every call passes the AccessGate first, then has its input checked
// (INVALID_ARGUMENT naming the field; both in access/unary_call.h), then goes to the engine, whose codes
// pass through unchanged: NOT_FOUND (centre, procedure, dossier),
// FAILED_PRECONDITION (illegal transition; nothing changed), ALREADY_EXISTS
// (second extension, request id reused for another procedure), UNAVAILABLE
// (storage failed or stopping). Replies of changes are sent from the commit
// callback, once durable.
#pragma once

#include "qms/v1/deadline.grpc.pb.h"
#include "services/access/access_gate.h"
#include "services/access/open_streams.h"
#include "services/deadline/deadline_watch.h"
#include "services/deadline/dossier_engine.h"

namespace qms::service {

class DeadlineServiceImpl final : public v1::DeadlineService::CallbackService {
 public:
  // All pointers must outlive the service.
  DeadlineServiceImpl(deadline::DossierEngine* engine, deadline::DeadlineWatch* watch,
                      const access::AccessGate* gate)
      : engine_(engine), watch_(watch), gate_(gate) {}

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  using Action = v1::DossierActionRequest;
  Reactor* ReceiveDossier(Ctx* ctx, const v1::ReceiveDossierRequest* req,
                          v1::ReceiveDossierResponse* resp) override;
  Reactor* GetDossier(Ctx* ctx, const v1::GetDossierRequest* req, v1::DossierResponse* resp) override;
  Reactor* Accept(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* StartProcessing(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* RequestSupplement(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* RequestFinancialObligation(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* ResumeProcessing(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* ExtendDeadline(Ctx* ctx, const v1::ExtendDeadlineRequest* req,
                          v1::ExtendDeadlineResponse* resp) override;
  Reactor* Resolve(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* ReturnResult(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* Reject(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* Withdraw(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* Stop(Ctx* ctx, const Action* req, v1::DossierResponse* resp) override;
  Reactor* ListDossiers(Ctx* ctx, const v1::ListDossiersRequest* req,
                        v1::ListDossiersResponse* resp) override;
  grpc::ServerWriteReactor<v1::DeadlineEvent>* WatchDeadlines(Ctx* ctx,
                                                              const v1::WatchDeadlinesRequest* req) override;
  Reactor* GetDailyReport(Ctx* ctx, const v1::DailyReportRequest* req, v1::DailyReport* resp) override;
  Reactor* ListProcedures(Ctx* ctx, const v1::ListProceduresRequest* req,
                          v1::ListProceduresResponse* resp) override;
  // Ends every open WatchDeadlines stream with `status`, and every later
  // one (shutdown).
  void EndStreams(const grpc::Status& status) { streams_.EndAll(status); }
  // Ends the WatchDeadlines streams whose client stopped reading: a write in
  // flight for `limit` or longer (access::OpenStreams::EndStalled).
  size_t EndStalledStreams(std::chrono::milliseconds limit) {
    return streams_.EndStalled(
        limit, grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                            "watcher stopped reading; reconnect and list overdue dossiers again"));
  }

 private:
  Reactor* RunAction(Ctx* ctx, const Action* req, v1::DossierResponse* resp, access::Rpc rpc,
                     deadline::DossierAction action);
  // GetDailyReport's gate: a centre's report, or a province's roll-up.
  Status AdmitReport(Ctx* ctx, const v1::DailyReportRequest& req) const;
  // Whether a centre of the config has the field (a field with no procedure
  // yet is known, and lists none).
  bool AnyCentreHasField(const std::string& field_id) const;
  // The centre id a dossier code belongs to, for the gate ("" if unknown).
  std::string CentreOf(const std::string& code) const;

  deadline::DossierEngine* engine_;
  deadline::DeadlineWatch* watch_;
  const access::AccessGate* gate_;
  access::OpenStreams streams_;
};

}  // namespace qms::service

#include "bench/queue_client.h"

namespace qms::bench {
namespace {

using v1::CounterService;

v1::CounterRequest ToCounterRequest(const CounterRef& counter) {
  v1::CounterRequest request;
  request.set_centre_id(counter.centre_id);
  request.set_counter_id(counter.counter_id);
  request.set_clerk_id(counter.clerk_id);
  return request;
}

v1::TicketActionRequest ToActionRequest(const CounterRef& counter, const std::string& number) {
  v1::TicketActionRequest request;
  request.set_centre_id(counter.centre_id);
  request.set_counter_id(counter.counter_id);
  request.set_clerk_id(counter.clerk_id);
  request.set_number(number);
  return request;
}

}  // namespace

QueueClient::QueueClient(WorkerLoop* loop, const std::shared_ptr<grpc::Channel>& channel,
                         CallSettings settings, WorkerRecorder* recorder)
    : loop_(loop),
      channel_(channel),
      settings_(std::move(settings)),
      recorder_(recorder),
      intake_(v1::IntakeService::NewStub(channel)),
      counters_(v1::CounterService::NewStub(channel)) {}

template <typename Reply>
typename UnaryCall<Reply>::Done QueueClient::Recorded(
    Metric metric, std::function<void(const grpc::Status&, const Reply&)> done) {
  return [this, metric, done = std::move(done)](const grpc::Status& status, const Reply& reply,
                                                uint64_t micros) {
    recorder_->active()->Record(metric, micros, status.error_code());
    done(status, reply);
  };
}

void QueueClient::IssueTicket(const v1::IssueTicketRequest& request, IssueDone done) {
  auto* stub = intake_.get();
  UnaryCall<v1::IssueTicketResponse>::Start(
      loop_, settings_,
      [stub](grpc::ClientContext* context, const v1::IssueTicketRequest& r, grpc::CompletionQueue* queue) {
        return stub->PrepareAsyncIssueTicket(context, r, queue);
      },
      request, Recorded<v1::IssueTicketResponse>(Metric::kIssueTicket, std::move(done)));
}

void QueueClient::OpenCounter(const CounterRef& counter, CounterDone done) {
  auto* stub = counters_.get();
  UnaryCall<v1::CounterResponse>::Start(
      loop_, settings_,
      [stub](grpc::ClientContext* context, const v1::CounterRequest& r, grpc::CompletionQueue* queue) {
        return stub->PrepareAsyncOpenCounter(context, r, queue);
      },
      ToCounterRequest(counter),
      Recorded<v1::CounterResponse>(
          Metric::kOpenCounter,
          [done = std::move(done)](const grpc::Status& status, const v1::CounterResponse& reply) {
            done(status, reply.counter());
          }));
}

void QueueClient::CallNext(const CounterRef& counter, TicketDone done) {
  auto* stub = counters_.get();
  UnaryCall<v1::TicketResponse>::Start(
      loop_, settings_,
      [stub](grpc::ClientContext* context, const v1::CounterRequest& r, grpc::CompletionQueue* queue) {
        return stub->PrepareAsyncCallNext(context, r, queue);
      },
      ToCounterRequest(counter),
      Recorded<v1::TicketResponse>(
          Metric::kCallNext,
          [done = std::move(done)](const grpc::Status& status, const v1::TicketResponse& reply) {
            done(status, reply.ticket());
          }));
}

void QueueClient::Act(TicketVerb verb, const CounterRef& counter, const std::string& number,
                      TicketDone done) {
  using Prepare = std::unique_ptr<grpc::ClientAsyncResponseReader<v1::TicketResponse>> (
      CounterService::Stub::*)(grpc::ClientContext*, const v1::TicketActionRequest&, grpc::CompletionQueue*);
  Prepare prepare = &CounterService::Stub::PrepareAsyncStartServing;
  Metric metric = Metric::kStartServing;
  if (verb == TicketVerb::kComplete) {
    prepare = &CounterService::Stub::PrepareAsyncComplete;
    metric = Metric::kComplete;
  } else if (verb == TicketVerb::kMarkNoShow) {
    prepare = &CounterService::Stub::PrepareAsyncMarkNoShow;
    metric = Metric::kMarkNoShow;
  }
  auto* stub = counters_.get();
  UnaryCall<v1::TicketResponse>::Start(
      loop_, settings_,
      [stub, prepare](grpc::ClientContext* context, const v1::TicketActionRequest& r,
                      grpc::CompletionQueue* queue) { return (stub->*prepare)(context, r, queue); },
      ToActionRequest(counter, number),
      Recorded<v1::TicketResponse>(
          metric, [done = std::move(done)](const grpc::Status& status, const v1::TicketResponse& reply) {
            done(status, reply.ticket());
          }));
}

void QueueClient::Transfer(const CounterRef& counter, const std::string& number,
                           const std::string& to_field_id, TicketDone done) {
  v1::TransferRequest request;
  request.set_centre_id(counter.centre_id);
  request.set_counter_id(counter.counter_id);
  request.set_clerk_id(counter.clerk_id);
  request.set_number(number);
  request.set_to_field_id(to_field_id);
  auto* stub = counters_.get();
  UnaryCall<v1::TicketResponse>::Start(
      loop_, settings_,
      [stub](grpc::ClientContext* context, const v1::TransferRequest& r, grpc::CompletionQueue* queue) {
        return stub->PrepareAsyncTransfer(context, r, queue);
      },
      request,
      Recorded<v1::TicketResponse>(
          Metric::kTransfer,
          [done = std::move(done)](const grpc::Status& status, const v1::TicketResponse& reply) {
            done(status, reply.ticket());
          }));
}

}  // namespace qms::bench

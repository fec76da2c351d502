#include "bench/basic_workloads.h"

#include <chrono>
#include <cstdio>
#include <random>

#include "bench/unary_call.h"

namespace qms::bench {

EchoWorkload::EchoWorkload(WorkerLoop* loop, const std::shared_ptr<grpc::Channel>& channel,
                           CallSettings settings, WorkerRecorder* recorder, size_t payload_bytes)
    : loop_(loop),
      settings_(std::move(settings)),
      recorder_(recorder),
      stub_(v1::EchoService::NewStub(channel)) {
  request_.set_payload(std::string(payload_bytes, 'q'));
}

void EchoWorkload::Start(TimePoint /*scheduled*/, Done done) {
  auto* stub = stub_.get();
  UnaryCall<v1::EchoReply>::Start(
      loop_, settings_,
      [stub](grpc::ClientContext* context, const v1::EchoRequest& request, grpc::CompletionQueue* queue) {
        return stub->PrepareAsyncEcho(context, request, queue);
      },
      request_,
      [this, done = std::move(done)](const grpc::Status& status, const v1::EchoReply&, uint64_t micros) {
        recorder_->active()->Record(Metric::kEcho, micros, status.error_code());
        done(status.error_code());
      });
}

std::vector<IssueTarget> IssueTargetsOf(const std::vector<CentreLayout>& centres) {
  std::vector<IssueTarget> targets;
  size_t most_fields = 0;
  for (const auto& centre : centres) most_fields = std::max(most_fields, centre.field_ids.size());
  for (size_t field = 0; field < most_fields; ++field) {
    for (const auto& centre : centres) {
      if (field < centre.field_ids.size()) targets.push_back({centre.centre_id, centre.field_ids[field]});
    }
  }
  return targets;
}

std::string FreshRequestIdPrefix(const std::string& tag) {
  std::random_device device;
  const uint64_t entropy = (static_cast<uint64_t>(device()) << 32) ^ device() ^
                           static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(entropy));
  return tag.substr(0, 3) + hex + "-";
}

IssueWorkload::IssueWorkload(std::unique_ptr<QueueClient> client,
                             std::shared_ptr<const std::vector<IssueTarget>> targets, size_t first_target,
                             std::string request_id_prefix)
    : client_(std::move(client)),
      targets_(std::move(targets)),
      next_target_(targets_->empty() ? 0 : first_target % targets_->size()),
      request_id_prefix_(std::move(request_id_prefix)) {}

void IssueWorkload::Start(TimePoint /*scheduled*/, Done done) {
  const IssueTarget& target = (*targets_)[next_target_];
  next_target_ = (next_target_ + 1) % targets_->size();
  v1::IssueTicketRequest request;
  request.set_centre_id(target.centre_id);
  request.set_field_id(target.field_id);
  request.set_priority(v1::NORMAL);
  request.set_channel(v1::KIOSK);
  request.set_request_id(request_id_prefix_ + std::to_string(sequence_++));
  client_->IssueTicket(request,
                       [done = std::move(done)](const grpc::Status& status, const v1::IssueTicketResponse&) {
                         done(status.error_code());
                       });
}

}  // namespace qms::bench

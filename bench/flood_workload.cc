#include "bench/flood_workload.h"

#include "bench/bench_clock.h"

namespace qms::bench {

FloodIssueWorkload::FloodIssueWorkload(std::unique_ptr<QueueClient> flood_client,
                                       std::unique_ptr<QueueClient> other_client,
                                       std::shared_ptr<const std::vector<IssueTarget>> flood_targets,
                                       std::shared_ptr<const std::vector<IssueTarget>> other_targets,
                                       size_t first_other, double flood_share, std::string request_id_prefix,
                                       WorkerRecorder* recorder)
    : flood_client_(std::move(flood_client)),
      other_client_(std::move(other_client)),
      flood_targets_(std::move(flood_targets)),
      other_targets_(std::move(other_targets)),
      next_other_(other_targets_->empty() ? 0 : first_other % other_targets_->size()),
      flood_share_(flood_share),
      request_id_prefix_(std::move(request_id_prefix)),
      recorder_(recorder) {}

void FloodIssueWorkload::Start(TimePoint /*scheduled*/, Done done) {
  flood_credit_ += flood_share_;
  const bool flood = flood_credit_ >= 1 || other_targets_->empty();
  if (flood_credit_ >= 1) flood_credit_ -= 1;
  const auto& targets = flood ? *flood_targets_ : *other_targets_;
  size_t& next = flood ? next_flood_ : next_other_;
  const IssueTarget& target = targets[next];
  next = (next + 1) % targets.size();
  v1::IssueTicketRequest request;
  request.set_centre_id(target.centre_id);
  request.set_field_id(target.field_id);
  request.set_priority(v1::NORMAL);
  request.set_channel(v1::KIOSK);
  request.set_request_id(request_id_prefix_ + std::to_string(sequence_++));
  const Metric group = flood ? Metric::kIssueFlood : Metric::kIssueOthers;
  const TimePoint started = BenchClock::now();
  QueueClient* client = flood ? flood_client_.get() : other_client_.get();
  client->IssueTicket(request, [this, group, started, done = std::move(done)](
                                   const grpc::Status& status, const v1::IssueTicketResponse&) {
    recorder_->active()->Record(group, MicrosBetween(started, BenchClock::now()), status.error_code());
    done(status.error_code());
  });
}

}  // namespace qms::bench

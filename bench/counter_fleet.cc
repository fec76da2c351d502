#include "bench/counter_fleet.h"

#include <algorithm>

#include "bench/parallel_steps.h"

namespace qms::bench {

CounterFleet::CounterFleet(QueueClient* client, const std::vector<const CentreLayout*>& centres)
    : client_(client) {
  // Counter k of every centre before counter k+1 of any, so that a free list
  // taken in order spreads calls across centres.
  size_t most_counters = 0;
  for (const CentreLayout* centre : centres) most_counters = std::max(most_counters, centre->counters.size());
  for (size_t k = 0; k < most_counters; ++k) {
    for (const CentreLayout* centre : centres) {
      if (k >= centre->counters.size()) continue;
      const CounterLayout& layout = centre->counters[k];
      FleetCounter counter;
      counter.ref = {centre->centre_id, layout.counter_id,
                     "bench-" + centre->centre_id + "-" + layout.counter_id};
      counter.centre = centre;
      counter.field_ids = layout.field_ids.empty() ? centre->field_ids : layout.field_ids;
      if (counter.field_ids.empty()) continue;  // nothing it could ever call
      counters_.push_back(std::move(counter));
    }
  }
}

void CounterFleet::Prepare(const FleetPreparation& preparation, std::function<void()> done) {
  OpenAll([this, preparation, done = std::move(done)]() mutable {
    RunParallelSteps(
        holding_.size(), preparation.parallel,
        [this](size_t i, std::function<void()> finished) { Recover(holding_[i], std::move(finished)); },
        [this] { return !stopped_; },
        [this, preparation, done = std::move(done)]() mutable { FillQueues(preparation, std::move(done)); });
  });
}

void CounterFleet::OpenAll(std::function<void()> done) {
  RunParallelSteps(
      counters_.size(), 256,
      [this](size_t i, std::function<void()> finished) {
        client_->OpenCounter(counters_[i].ref, [this, i, finished = std::move(finished)](
                                                   const grpc::Status& status, const v1::Counter& counter) {
          if (status.ok() && !counter.current_number().empty()) holding_.push_back(i);
          finished();
        });
      },
      [this] { return !stopped_; }, std::move(done));
}

void CounterFleet::Recover(size_t counter_index, std::function<void()> done) {
  const CounterRef ref = counters_[counter_index].ref;
  client_->Act(TicketVerb::kStartServing, ref, "",
               [this, ref, done = std::move(done)](const grpc::Status&, const v1::Ticket&) mutable {
                 client_->Act(TicketVerb::kComplete, ref, "",
                              [done = std::move(done)](const grpc::Status&, const v1::Ticket&) { done(); });
               });
}

void CounterFleet::FillQueues(const FleetPreparation& preparation, std::function<void()> done) {
  const size_t per_counter = static_cast<size_t>(std::max(0, preparation.tickets_per_counter));
  RunParallelSteps(
      counters_.size() * per_counter, preparation.parallel,
      [this, preparation](size_t step, std::function<void()> finished) {
        // Round after round over all counters, so a short fill still spreads.
        const FleetCounter& counter = counters_[step % counters_.size()];
        const size_t round = step / counters_.size();
        v1::IssueTicketRequest request;
        request.set_centre_id(counter.ref.centre_id);
        request.set_field_id(counter.field_ids[round % counter.field_ids.size()]);
        request.set_priority(v1::NORMAL);
        request.set_channel(v1::KIOSK);
        request.set_request_id(preparation.request_id_prefix + std::to_string(step));
        client_->IssueTicket(
            request, [finished = std::move(finished)](const grpc::Status&, const v1::IssueTicketResponse&) {
              finished();
            });
      },
      [this] { return !stopped_; }, std::move(done));
}

}  // namespace qms::bench

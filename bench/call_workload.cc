#include "bench/call_workload.h"

namespace qms::bench {

CallCycleWorkload::CallCycleWorkload(std::unique_ptr<QueueClient> client,
                                     const std::vector<const CentreLayout*>& centres,
                                     CallCycleOptions options, std::shared_ptr<CallTally> tally)
    : client_(std::move(client)),
      fleet_(client_.get(), centres),
      options_(std::move(options)),
      tally_(std::move(tally)) {
  for (size_t i = 0; i < fleet_.size(); ++i) free_counters_.push_back(i);
}

void CallCycleWorkload::Prepare(std::function<void()> ready) {
  fleet_.Prepare(options_.preparation, std::move(ready));
}

void CallCycleWorkload::Start(TimePoint /*scheduled*/, Done done) {
  if (stopped_ || fleet_.size() == 0) {
    done(grpc::StatusCode::FAILED_PRECONDITION);
    return;
  }
  if (free_counters_.empty()) {
    waiting_units_.push_back(std::move(done));
    return;
  }
  const size_t counter = free_counters_.front();
  free_counters_.pop_front();
  RunCycle(counter, std::move(done));
}

void CallCycleWorkload::Stop() {
  stopped_ = true;
  fleet_.Stop();
  // Only left when the drain deadline passed: they were never started.
  while (!waiting_units_.empty()) {
    Done done = std::move(waiting_units_.front());
    waiting_units_.pop_front();
    done(grpc::StatusCode::DEADLINE_EXCEEDED);
  }
}

void CallCycleWorkload::RunCycle(size_t counter, Done done) {
  const CounterRef& ref = fleet_.counters()[counter].ref;
  client_->CallNext(ref, [this, counter, done = std::move(done)](const grpc::Status& status,
                                                                 const v1::Ticket& ticket) mutable {
    if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
      // The counter still holds a ticket (an earlier run, or a failed step).
      tally_->recoveries.fetch_add(1);
      fleet_.Recover(counter, [this, counter, done = std::move(done)]() mutable {
        EndCycle(counter, std::move(done), grpc::StatusCode::FAILED_PRECONDITION);
      });
      return;
    }
    if (status.error_code() == grpc::StatusCode::NOT_FOUND || (status.ok() && ticket.number().empty())) {
      tally_->empty_calls.fetch_add(1);
      return EndCycle(counter, std::move(done), grpc::StatusCode::NOT_FOUND);
    }
    if (!status.ok()) return EndCycle(counter, std::move(done), status.error_code());
    FinishTicket(counter, ticket.number(), std::move(done));
  });
}

void CallCycleWorkload::FinishTicket(size_t counter, const std::string& number, Done done) {
  const CounterRef& ref = fleet_.counters()[counter].ref;
  if (options_.finish != FinishStyle::kServe) {
    const TicketVerb verb =
        options_.finish == FinishStyle::kNoShow ? TicketVerb::kMarkNoShow : TicketVerb::kComplete;
    client_->Act(
        verb, ref, number,
        [this, counter, done = std::move(done)](const grpc::Status& status, const v1::Ticket&) mutable {
          EndCycle(counter, std::move(done), status.error_code());
        });
    return;
  }
  client_->Act(
      TicketVerb::kStartServing, ref, number,
      [this, counter, number, done = std::move(done)](const grpc::Status& status, const v1::Ticket&) mutable {
        if (!status.ok()) return EndCycle(counter, std::move(done), status.error_code());
        const CounterRef& same = fleet_.counters()[counter].ref;
        client_->Act(TicketVerb::kComplete, same, number,
                     [this, counter, done = std::move(done)](const grpc::Status& completed,
                                                             const v1::Ticket&) mutable {
                       EndCycle(counter, std::move(done), completed.error_code());
                     });
      });
}

void CallCycleWorkload::EndCycle(size_t counter, Done done, grpc::StatusCode code) {
  if (code == grpc::StatusCode::OK) tally_->cycles.fetch_add(1);
  done(code);
  if (!waiting_units_.empty() && !stopped_) {
    Done next = std::move(waiting_units_.front());
    waiting_units_.pop_front();
    RunCycle(counter, std::move(next));
    return;
  }
  free_counters_.push_back(counter);
}

}  // namespace qms::bench

#include "bench/mixed_workload.h"

namespace qms::bench {

MixedWorkload::MixedWorkload(std::unique_ptr<QueueClient> client,
                             const std::vector<const CentreLayout*>& centres,
                             std::shared_ptr<const std::vector<IssueTarget>> targets, size_t first_target,
                             MixedOptions options)
    : client_(std::move(client)),
      fleet_(client_.get(), centres),
      targets_(std::move(targets)),
      next_target_(targets_->empty() ? 0 : first_target % targets_->size()),
      options_(std::move(options)),
      progress_(fleet_.size()),
      random_(options_.seed) {
  for (size_t i = 0; i < fleet_.size(); ++i) idle_counters_.push_back(i);
}

void MixedWorkload::Prepare(std::function<void()> ready) {
  fleet_.Prepare(options_.preparation, std::move(ready));
}

void MixedWorkload::Stop() { fleet_.Stop(); }

void MixedWorkload::Start(TimePoint /*scheduled*/, Done done) {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  if (idle_counters_.empty() || uniform(random_) < options_.issue_share) {
    Issue(std::move(done));
    return;
  }
  const size_t counter = idle_counters_.front();
  idle_counters_.pop_front();
  Advance(counter, std::move(done));
}

void MixedWorkload::Issue(Done done) {
  if (targets_->empty()) {
    done(grpc::StatusCode::FAILED_PRECONDITION);
    return;
  }
  const IssueTarget& target = (*targets_)[next_target_];
  next_target_ = (next_target_ + 1) % targets_->size();
  v1::IssueTicketRequest request;
  request.set_centre_id(target.centre_id);
  request.set_field_id(target.field_id);
  request.set_priority(v1::NORMAL);
  request.set_channel(v1::KIOSK);
  request.set_request_id(options_.request_id_prefix + std::to_string(sequence_++));
  client_->IssueTicket(request,
                       [done = std::move(done)](const grpc::Status& status, const v1::IssueTicketResponse&) {
                         done(status.error_code());
                       });
}

void MixedWorkload::Advance(size_t counter, Done done) {
  const CounterRef& ref = fleet_.counters()[counter].ref;
  const CounterProgress state = progress_[counter];
  switch (state.next) {
    case Step::kCall:
      client_->CallNext(ref, [this, counter, done = std::move(done)](const grpc::Status& status,
                                                                     const v1::Ticket& ticket) mutable {
        const bool called = status.ok() && !ticket.number().empty();
        const grpc::StatusCode code =
            status.ok() && !called ? grpc::StatusCode::NOT_FOUND : status.error_code();
        if (code == grpc::StatusCode::FAILED_PRECONDITION) {
          // Holds a ticket from an earlier run: finish it, then call again.
          fleet_.Recover(counter, [this, counter, done = std::move(done), code]() mutable {
            AfterStep(counter, Step::kCall, "", std::move(done), code);
          });
          return;
        }
        AfterStep(counter, called ? Step::kStartOrNoShow : Step::kCall, ticket.number(), std::move(done),
                  code);
      });
      return;
    case Step::kStartOrNoShow: {
      std::uniform_real_distribution<double> uniform(0.0, 1.0);
      const bool no_show = uniform(random_) < options_.no_show_share;
      client_->Act(no_show ? TicketVerb::kMarkNoShow : TicketVerb::kStartServing, ref, state.number,
                   [this, counter, no_show, number = state.number, done = std::move(done)](
                       const grpc::Status& status, const v1::Ticket&) mutable {
                     // On failure give up on the ticket: the next CallNext recovers.
                     const Step next = status.ok() && !no_show ? Step::kComplete : Step::kCall;
                     AfterStep(counter, next, number, std::move(done), status.error_code());
                   });
      return;
    }
    case Step::kComplete:
      client_->Act(
          TicketVerb::kComplete, ref, state.number,
          [this, counter, done = std::move(done)](const grpc::Status& status, const v1::Ticket&) mutable {
            AfterStep(counter, Step::kCall, "", std::move(done), status.error_code());
          });
      return;
  }
}

void MixedWorkload::AfterStep(size_t counter, Step next, const std::string& number, Done done,
                              grpc::StatusCode code) {
  progress_[counter].next = next;
  progress_[counter].number = number;
  idle_counters_.push_back(counter);
  done(code);
}

}  // namespace qms::bench

#include "bench/crash_traffic.h"

#include <chrono>
#include <thread>

namespace qms::bench::crash {

namespace {

constexpr auto kCallDeadline = std::chrono::seconds(10);

// A failed call ends the actor's round. After the kill it is the kill's;
// before, it is recorded as unexpected.
bool Failed(const grpc::Status& status, const RoundSignals& signals, CrashLedger* ledger,
            const std::string& what) {
  if (!signals.killed.load()) ledger->Unexpected(what + ": " + status.error_message());
  return false;
}

// ---------------------------------------------------------------- kiosk

class Kiosk : public Actor {
 public:
  Kiosk(int index, std::string prefix) : index_(index), prefix_(std::move(prefix)) {}

  bool Settle(const ServerStubs&, const RoundSignals&, CrashLedger*) override { return true; }

  bool Step(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) override {
    if (!pending_) {
      const int line = static_cast<int>((static_cast<uint64_t>(index_) + next_) % Lines().size());
      pending_.emplace();
      pending_->set_centre_id(Lines()[line].centre);
      pending_->set_field_id(Lines()[line].field);
      pending_->set_priority(v1::NORMAL);
      pending_->set_request_id(prefix_ + "-k" + std::to_string(index_) + "-" + std::to_string(next_++));
      line_ = line;
    }
    v1::IssueTicketResponse response;
    const grpc::Status s = stubs.intake->IssueTicket(CallContext().get(), *pending_, &response);
    if (!s.ok()) return Failed(s, signals, ledger, "IssueTicket " + pending_->request_id());
    ledger->AckIssue(line_, pending_->request_id(), response.ticket());
    pending_.reset();
    return true;
  }

  bool Idle() const override { return !pending_; }

 private:
  const int index_;
  const std::string prefix_;
  uint64_t next_ = 0;
  std::optional<v1::IssueTicketRequest> pending_;  // sent, no reply yet
  int line_ = 0;
};

// ---------------------------------------------------------------- clerk

class Clerk : public Actor {
 public:
  Clerk(int line, uint64_t seed) : line_(line), rng_(seed) {}

  bool Settle(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) override {
    const Line& line = Lines()[line_];
    v1::CounterRequest open = CounterRequest();
    v1::CounterResponse opened;
    grpc::Status s = stubs.counters->OpenCounter(CallContext().get(), open, &opened);
    if (!s.ok()) return Failed(s, signals, ledger, "OpenCounter " + line.centre + "/" + line.counter);
    const std::string at_counter = opened.counter().current_number();
    if (at_counter != current_ && !at_counter.empty()) {
      if (!call_pending_) {
        ledger->Loss("counter " + line.centre + "/" + line.counter + " holds " + at_counter + ", expected " +
                     (current_.empty() ? std::string("none") : current_));
      }
      current_ = at_counter;
    }
    call_pending_ = false;
    if (current_.empty()) return true;
    v1::GetTicketRequest get;
    get.set_centre_id(line.centre);
    get.set_number(current_);
    v1::GetTicketResponse found;
    s = stubs.intake->GetTicket(CallContext().get(), get, &found);
    if (!s.ok()) return Failed(s, signals, ledger, "GetTicket " + line.centre + "/" + current_);
    const v1::Ticket& t = found.ticket();
    if (t.state() == v1::CALLED && next_ == Next::kCall) {
      ledger->AdoptCall(line_, t);
    } else {
      ledger->Observe(line_, t);
    }
    FollowState(t);
    return true;
  }

  bool Step(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) override {
    if (next_ == Next::kCall) return Call(stubs, signals, ledger);
    if (next_ == Next::kRate) return Rate(stubs, signals, ledger);
    const bool start = next_ == Next::kStart;
    ledger->SetPending(line_, current_, start ? v1::SERVING : v1::DONE, v1::RATING_UNSPECIFIED);
    v1::TicketActionRequest action = Action();
    v1::TicketResponse response;
    const grpc::Status s = start ? stubs.counters->StartServing(CallContext().get(), action, &response)
                                 : stubs.counters->Complete(CallContext().get(), action, &response);
    if (!s.ok()) return Failed(s, signals, ledger, (start ? "StartServing " : "Complete ") + current_);
    ledger->AckChange(line_, response.ticket());
    next_ = start ? Next::kComplete : Next::kRate;
    return true;
  }

  bool Idle() const override { return current_.empty() && !call_pending_; }

 private:
  enum class Next { kCall, kStart, kComplete, kRate };

  v1::CounterRequest CounterRequest() const {
    v1::CounterRequest r;
    r.set_centre_id(Lines()[line_].centre);
    r.set_counter_id(Lines()[line_].counter);
    r.set_clerk_id("nv-crash-" + std::to_string(line_));
    return r;
  }

  v1::TicketActionRequest Action() const {
    v1::TicketActionRequest r;
    r.set_centre_id(Lines()[line_].centre);
    r.set_counter_id(Lines()[line_].counter);
    r.set_clerk_id("nv-crash-" + std::to_string(line_));
    r.set_number(current_);
    return r;
  }

  // Where the clerk goes on from, given the ticket as the server has it.
  void FollowState(const v1::Ticket& t) {
    switch (t.state()) {
      case v1::CALLED: next_ = Next::kStart; return;
      case v1::SERVING: next_ = Next::kComplete; return;
      case v1::DONE:
        if (t.rating() == v1::RATING_UNSPECIFIED) {
          next_ = Next::kRate;
          return;
        }
        break;
      default: break;
    }
    current_.clear();
    next_ = Next::kCall;
  }

  bool Call(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) {
    call_pending_ = true;
    v1::TicketResponse response;
    const grpc::Status s = stubs.counters->CallNext(CallContext().get(), CounterRequest(), &response);
    if (s.error_code() == grpc::StatusCode::NOT_FOUND) {  // nobody waiting: nothing changed
      call_pending_ = false;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      return true;
    }
    if (!s.ok()) return Failed(s, signals, ledger, "CallNext at " + Lines()[line_].centre);
    call_pending_ = false;
    ledger->AckCall(line_, response.ticket());
    current_ = response.ticket().number();
    next_ = Next::kStart;
    rating_ = static_cast<v1::Rating>(1 + rng_() % 3);
    return true;
  }

  bool Rate(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) {
    ledger->SetPending(line_, current_, v1::DONE, rating_);
    v1::RateServiceRequest rate;
    rate.set_centre_id(Lines()[line_].centre);
    rate.set_number(current_);
    rate.set_counter_id(Lines()[line_].counter);
    rate.set_rating(rating_);
    v1::TicketResponse response;
    const grpc::Status s = stubs.counters->RateService(CallContext().get(), rate, &response);
    if (!s.ok()) return Failed(s, signals, ledger, "RateService " + current_);
    ledger->AckRating(line_, response.ticket());
    current_.clear();
    next_ = Next::kCall;
    return true;
  }

  const int line_;
  std::mt19937_64 rng_;
  std::string current_;  // the ticket at the counter
  Next next_ = Next::kCall;
  bool call_pending_ = false;  // a CallNext sent, no reply yet
  v1::Rating rating_ = v1::SATISFIED;
};

// ---------------------------------------------------------------- dossier clerk

class DossierClerk : public Actor {
 public:
  DossierClerk(int index, std::string prefix, std::vector<std::string> procedures)
      : index_(index), prefix_(std::move(prefix)), procedures_(std::move(procedures)) {}

  bool Settle(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) override {
    if (process_.empty()) return true;
    v1::GetDossierRequest get;
    get.set_code(process_);
    v1::DossierResponse found;
    const grpc::Status s = stubs.deadline->GetDossier(CallContext().get(), get, &found);
    if (!s.ok()) return Failed(s, signals, ledger, "GetDossier " + process_);
    ledger->ObserveDossier(found.dossier());
    if (found.dossier().status() != v1::ACCEPTED) process_.clear();
    return true;
  }

  bool Step(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) override {
    if (!process_.empty()) return StartProcessing(stubs, signals, ledger);
    if (!pending_) {
      pending_.emplace();
      const Line& line = Lines()[(static_cast<size_t>(index_) + next_ * 2) % Lines().size()];
      pending_->set_centre_id(line.centre);
      pending_->set_procedure_code(procedures_[next_ % procedures_.size()]);
      pending_->set_request_id(prefix_ + "-d" + std::to_string(index_) + "-" + std::to_string(next_));
      pending_->set_applicant_name("Nguyễn Văn Thử");
      pending_->set_clerk_id("nv-crash-d" + std::to_string(index_));
      ++next_;
    }
    v1::ReceiveDossierResponse response;
    const grpc::Status s = stubs.deadline->ReceiveDossier(CallContext().get(), *pending_, &response);
    if (!s.ok()) return Failed(s, signals, ledger, "ReceiveDossier " + pending_->request_id());
    ledger->AckReceive(*pending_, response.dossier());
    if (next_ % 2 == 0 && response.dossier().status() == v1::ACCEPTED) process_ = response.dossier().code();
    pending_.reset();
    return true;
  }

  bool Idle() const override { return !pending_ && process_.empty(); }

 private:
  bool StartProcessing(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) {
    ledger->SetDossierPending(process_, v1::PROCESSING);
    v1::DossierActionRequest action;
    action.set_code(process_);
    action.set_clerk_id("nv-crash-d" + std::to_string(index_));
    v1::DossierResponse response;
    const grpc::Status s = stubs.deadline->StartProcessing(CallContext().get(), action, &response);
    if (!s.ok()) return Failed(s, signals, ledger, "StartProcessing " + process_);
    ledger->AckDossierChange(response.dossier());
    process_.clear();
    return true;
  }

  const int index_;
  const std::string prefix_;
  const std::vector<std::string> procedures_;
  uint64_t next_ = 0;
  std::optional<v1::ReceiveDossierRequest> pending_;  // sent, no reply yet
  std::string process_;                               // received (ACCEPTED), to start processing
};

}  // namespace

ServerStubs::ServerStubs(const std::string& address) {
  grpc::ChannelArguments args;
  // A channel of its own, without a subchannel in backoff from the last life.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 500);
  channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
  intake = v1::IntakeService::NewStub(channel);
  counters = v1::CounterService::NewStub(channel);
  stats = v1::StatsService::NewStub(channel);
  deadline = v1::DeadlineService::NewStub(channel);
}

std::unique_ptr<grpc::ClientContext> CallContext() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  return context;
}

void Actor::RunRound(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger,
                     uint64_t max_steps) {
  if (!Settle(stubs, signals, ledger)) return;
  for (uint64_t i = 0; i < max_steps && !signals.stop.load(); ++i) {
    if (!Step(stubs, signals, ledger)) return;
  }
}

std::unique_ptr<Actor> MakeKiosk(int index, std::string prefix) {
  return std::make_unique<Kiosk>(index, std::move(prefix));
}

std::unique_ptr<Actor> MakeClerk(int line, uint64_t seed) { return std::make_unique<Clerk>(line, seed); }

std::unique_ptr<Actor> MakeDossierClerk(int index, std::string prefix, std::vector<std::string> procedures) {
  return std::make_unique<DossierClerk>(index, std::move(prefix), std::move(procedures));
}

}  // namespace qms::bench::crash

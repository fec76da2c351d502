#include "tests/bench/fake_queue_server.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <vector>

#include "qms/v1/queue.grpc.pb.h"
#include "services/echo_service/echo_service.h"

namespace qms::bench::testing {
namespace {

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct FakeCounter {
  v1::Counter counter;
  std::string current;  // ticket number at the counter
};

struct FakeCentre {
  v1::Centre info;
  std::map<std::string, std::deque<std::string>> waiting;  // by field
  std::map<std::string, int> next_number;                  // by field
  std::map<std::string, v1::Ticket> tickets;               // by number
  std::map<std::string, FakeCounter> counters;
  std::vector<v1::CentreEvent> events;
};

grpc::Status Fail(grpc::StatusCode code, const std::string& message) { return grpc::Status(code, message); }

}  // namespace

class FakeQueueServer::State {
 public:
  explicit State(int centres) {
    for (int i = 1; i <= centres; ++i) {
      FakeCentre& centre = centres_[std::to_string(10000 + i)];
      centre.info.set_centre_id(std::to_string(10000 + i));
      centre.info.set_name_vi("Phường Thử " + std::to_string(i));
      for (const auto& [id, prefix] : {std::pair{"chung_thuc", "A"}, std::pair{"ho_tich", "B"}}) {
        auto* field = centre.info.add_fields();
        field->set_field_id(id);
        field->set_prefix(prefix);
      }
      AddCounter(centre, "1", {"chung_thuc", "ho_tich"});
      AddCounter(centre, "2", {"chung_thuc"});
    }
  }

  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, FakeCentre> centres_;

  FakeCentre* Find(const std::string& id) {
    auto it = centres_.find(id);
    return it == centres_.end() ? nullptr : &it->second;
  }

  void Publish(FakeCentre& centre, v1::EventKind kind, const v1::Ticket* ticket) {
    v1::CentreEvent event;
    event.set_seq(centre.events.size() + 1);
    event.set_at_us(NowMicros());
    event.set_kind(kind);
    if (ticket != nullptr) *event.mutable_ticket() = *ticket;
    centre.events.push_back(std::move(event));
    changed.notify_all();
  }

 private:
  static void AddCounter(FakeCentre& centre, const std::string& id, std::vector<std::string> fields) {
    FakeCounter& counter = centre.counters[id];
    counter.counter.set_counter_id(id);
    counter.counter.set_state(v1::CLOSED);
    for (const auto& field : fields) {
      auto* weight = counter.counter.add_fields();
      weight->set_field_id(field);
      weight->set_weight(1.0);
    }
    *centre.info.add_counters() = counter.counter;
  }
};

class FakeQueueServer::Services final : public v1::DirectoryService::Service,
                                        public v1::IntakeService::Service,
                                        public v1::CounterService::Service,
                                        public v1::WatchService::Service {
 public:
  explicit Services(State* state) : state_(state) {}

  grpc::Status ListCentres(grpc::ServerContext*, const v1::ListCentresRequest* request,
                           v1::ListCentresResponse* response) override {
    std::lock_guard<std::mutex> lock(state_->mutex);
    const size_t page = request->page_size() == 0 ? 100 : request->page_size();
    const size_t first = request->page_token().empty() ? 0 : std::stoul(request->page_token());
    size_t index = 0;
    for (const auto& [id, centre] : state_->centres_) {
      if (index >= first && index < first + page) {
        v1::Centre* out = response->add_centres();
        *out = centre.info;
        out->clear_counters();
      }
      ++index;
    }
    if (first + page < index) response->set_next_page_token(std::to_string(first + page));
    return grpc::Status::OK;
  }

  grpc::Status GetCentre(grpc::ServerContext*, const v1::GetCentreRequest* request,
                         v1::Centre* response) override {
    std::lock_guard<std::mutex> lock(state_->mutex);
    FakeCentre* centre = state_->Find(request->centre_id());
    if (centre == nullptr) return Fail(grpc::NOT_FOUND, "no centre");
    *response = centre->info;
    return grpc::Status::OK;
  }

  grpc::Status IssueTicket(grpc::ServerContext*, const v1::IssueTicketRequest* request,
                           v1::IssueTicketResponse* response) override {
    std::lock_guard<std::mutex> lock(state_->mutex);
    FakeCentre* centre = state_->Find(request->centre_id());
    if (centre == nullptr) return Fail(grpc::NOT_FOUND, "no centre");
    if (request->request_id().empty() || request->request_id().size() > 64) {
      return Fail(grpc::INVALID_ARGUMENT, "request_id");
    }
    auto replay = issued_.find(request->request_id());
    if (replay != issued_.end()) {
      *response->mutable_ticket() = centre->tickets[replay->second];
      response->set_replayed(true);
      return grpc::Status::OK;
    }
    const std::string prefix = request->field_id() == "chung_thuc" ? "A"
                               : request->field_id() == "ho_tich"  ? "B"
                                                                   : "";
    if (prefix.empty()) return Fail(grpc::NOT_FOUND, "no field");
    v1::Ticket ticket;
    ticket.set_centre_id(centre->info.centre_id());
    ticket.set_number(prefix + std::to_string(++centre->next_number[request->field_id()]));
    ticket.set_field_id(request->field_id());
    ticket.set_original_field_id(request->field_id());
    ticket.set_priority(request->priority());
    ticket.set_state(v1::WAITING);
    ticket.set_issued_at_us(NowMicros());
    centre->tickets[ticket.number()] = ticket;
    centre->waiting[request->field_id()].push_back(ticket.number());
    issued_[request->request_id()] = ticket.number();
    *response->mutable_ticket() = ticket;
    state_->Publish(*centre, v1::ISSUED, &ticket);
    return grpc::Status::OK;
  }

  grpc::Status OpenCounter(grpc::ServerContext*, const v1::CounterRequest* request,
                           v1::CounterResponse* response) override {
    std::lock_guard<std::mutex> lock(state_->mutex);
    FakeCounter* counter = FindCounter(request->centre_id(), request->counter_id());
    if (counter == nullptr) return Fail(grpc::NOT_FOUND, "no counter");
    counter->counter.set_state(v1::OPEN);
    counter->counter.set_clerk_id(request->clerk_id());
    counter->counter.set_current_number(counter->current);
    *response->mutable_counter() = counter->counter;
    return grpc::Status::OK;
  }

  grpc::Status CallNext(grpc::ServerContext*, const v1::CounterRequest* request,
                        v1::TicketResponse* response) override {
    std::lock_guard<std::mutex> lock(state_->mutex);
    FakeCentre* centre = state_->Find(request->centre_id());
    FakeCounter* counter = FindCounter(request->centre_id(), request->counter_id());
    if (counter == nullptr) return Fail(grpc::NOT_FOUND, "no counter");
    if (counter->counter.state() != v1::OPEN) return Fail(grpc::FAILED_PRECONDITION, "counter not open");
    if (!counter->current.empty()) return Fail(grpc::FAILED_PRECONDITION, "counter holds a ticket");
    for (const auto& weight : counter->counter.fields()) {
      auto& queue = centre->waiting[weight.field_id()];
      if (queue.empty()) continue;
      v1::Ticket& ticket = centre->tickets[queue.front()];
      queue.pop_front();
      ticket.set_state(v1::CALLED);
      ticket.set_counter_id(request->counter_id());
      ticket.set_called_at_us(NowMicros());
      counter->current = ticket.number();
      *response->mutable_ticket() = ticket;
      state_->Publish(*centre, v1::CALLED_EVENT, &ticket);
      return grpc::Status::OK;
    }
    return Fail(grpc::NOT_FOUND, "no ticket is waiting");
  }

  grpc::Status StartServing(grpc::ServerContext*, const v1::TicketActionRequest* request,
                            v1::TicketResponse* response) override {
    return Move(*request, {v1::CALLED}, v1::SERVING, v1::SERVING_STARTED, false, response);
  }
  grpc::Status Complete(grpc::ServerContext*, const v1::TicketActionRequest* request,
                        v1::TicketResponse* response) override {
    return Move(*request, {v1::CALLED, v1::SERVING}, v1::DONE, v1::COMPLETED, true, response);
  }
  grpc::Status MarkNoShow(grpc::ServerContext*, const v1::TicketActionRequest* request,
                          v1::TicketResponse* response) override {
    return Move(*request, {v1::CALLED}, v1::NO_SHOW, v1::MARKED_NO_SHOW, true, response);
  }

  grpc::Status Transfer(grpc::ServerContext*, const v1::TransferRequest* request,
                        v1::TicketResponse* response) override {
    v1::TicketActionRequest action;
    action.set_centre_id(request->centre_id());
    action.set_counter_id(request->counter_id());
    action.set_number(request->number());
    grpc::Status status =
        Move(action, {v1::CALLED, v1::SERVING}, v1::WAITING, v1::TRANSFERRED_EVENT, true, response);
    if (!status.ok()) return status;
    std::lock_guard<std::mutex> lock(state_->mutex);
    FakeCentre* centre = state_->Find(request->centre_id());
    v1::Ticket& ticket = centre->tickets[response->ticket().number()];
    ticket.set_field_id(request->to_field_id().empty() ? ticket.field_id() : request->to_field_id());
    centre->waiting[ticket.field_id()].push_back(ticket.number());
    return grpc::Status::OK;
  }

  grpc::Status WatchCentre(grpc::ServerContext* context, const v1::WatchCentreRequest* request,
                           grpc::ServerWriter<v1::CentreEvent>* writer) override {
    std::unique_lock<std::mutex> lock(state_->mutex);
    FakeCentre* centre = state_->Find(request->centre_id());
    if (centre == nullptr) return Fail(grpc::NOT_FOUND, "no centre");
    size_t sent = centre->events.size();
    v1::CentreEvent first;
    first.set_seq(sent);
    first.set_at_us(NowMicros());
    first.mutable_snapshot()->set_service_day(20250701);
    lock.unlock();
    if (!writer->Write(first)) return grpc::Status::OK;
    lock.lock();
    // Bounded by the client: the bench cancels its streams when it ends.
    while (!context->IsCancelled()) {
      state_->changed.wait_for(lock, std::chrono::milliseconds(50));
      std::vector<v1::CentreEvent> batch(centre->events.begin() + static_cast<long>(sent),
                                         centre->events.end());
      sent = centre->events.size();
      lock.unlock();
      for (const auto& event : batch) {
        if (!writer->Write(event)) return grpc::Status::OK;
      }
      lock.lock();
    }
    return grpc::Status::OK;
  }

 private:
  FakeCounter* FindCounter(const std::string& centre_id, const std::string& counter_id) {
    FakeCentre* centre = state_->Find(centre_id);
    if (centre == nullptr) return nullptr;
    auto it = centre->counters.find(counter_id);
    return it == centre->counters.end() ? nullptr : &it->second;
  }

  grpc::Status Move(const v1::TicketActionRequest& request, std::vector<v1::TicketState> from,
                    v1::TicketState to, v1::EventKind kind, bool leaves_counter,
                    v1::TicketResponse* response) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    FakeCentre* centre = state_->Find(request.centre_id());
    FakeCounter* counter = FindCounter(request.centre_id(), request.counter_id());
    if (counter == nullptr) return Fail(grpc::NOT_FOUND, "no counter");
    const std::string number = request.number().empty() ? counter->current : request.number();
    if (number.empty() || number != counter->current)
      return Fail(grpc::FAILED_PRECONDITION, "not at this counter");
    v1::Ticket& ticket = centre->tickets[number];
    if (std::find(from.begin(), from.end(), ticket.state()) == from.end()) {
      return Fail(grpc::FAILED_PRECONDITION, "wrong state");
    }
    ticket.set_state(to);
    if (leaves_counter) counter->current.clear();
    *response->mutable_ticket() = ticket;
    state_->Publish(*centre, kind, &ticket);
    return grpc::Status::OK;
  }

  State* state_;
  std::map<std::string, std::string> issued_;  // request id -> number (guarded by state_->mutex)
};

FakeQueueServer::FakeQueueServer(int centres)
    : state_(std::make_unique<State>(centres)), services_(std::make_unique<Services>(state_.get())) {
  static EchoServiceImpl echo;  // stateless
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
  builder.RegisterService(static_cast<v1::DirectoryService::Service*>(services_.get()));
  builder.RegisterService(static_cast<v1::IntakeService::Service*>(services_.get()));
  builder.RegisterService(static_cast<v1::CounterService::Service*>(services_.get()));
  builder.RegisterService(static_cast<v1::WatchService::Service*>(services_.get()));
  builder.RegisterService(&echo);
  server_ = builder.BuildAndStart();
}

FakeQueueServer::~FakeQueueServer() {
  if (server_) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
}

std::string FakeQueueServer::target() const { return "127.0.0.1:" + std::to_string(port_); }

}  // namespace qms::bench::testing

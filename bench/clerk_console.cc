#include "bench/clerk_console.h"

#include <nlohmann/json.hpp>

namespace qms::bench {
namespace {

// The ticket number of a TicketResponse ("" when there is none).
std::string TicketNumberOf(const std::string& body) {
  const nlohmann::json reply = nlohmann::json::parse(body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) return "";
  const auto ticket = reply.find("ticket");
  if (ticket == reply.end() || !ticket->is_object()) return "";
  const auto number = ticket->find("number");
  return number != ticket->end() && number->is_string() ? number->get<std::string>() : "";
}

}  // namespace

ClerkConsole::ClerkConsole(boost::asio::io_context* io, const GatewayAddress* address,
                           std::chrono::milliseconds timeout, const GatewayCentre& centre,
                           std::string clerk_prefix, CallMatcher* matcher, GatewayRecorder* recorder,
                           Metrics metrics)
    : address_(address), matcher_(matcher), recorder_(recorder), metrics_(metrics), timer_(*io) {
  for (const GatewayCentre::Counter& counter : centre.counters) {
    free_.push_back(desks_.size());
    desks_.push_back({counter.id, "/api/c/" + centre.id + "/counters/" + counter.id + "/",
                      clerk_prefix + counter.id, std::make_shared<HttpConnection>(io, address, timeout)});
  }
}

void ClerkConsole::Start(TimePoint start, TimePoint end, double calls_per_second) {
  next_due_ = start;
  end_ = end;
  interval_ =
      std::chrono::duration_cast<BenchClock::duration>(std::chrono::duration<double>(1.0 / calls_per_second));
  Arm();
}

void ClerkConsole::EndLoad(bool interrupted) {
  ended_ = true;
  if (interrupted) timer_.cancel();
}

void ClerkConsole::Arm() {
  if (ended_ || next_due_ >= end_) return;
  ++armed_;
  timer_.expires_at(next_due_);
  timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->OnDue();  // counts the call (and arms the next) before this one is let go
    --self->armed_;
  });
}

void ClerkConsole::OnDue() {
  due_.push_back(next_due_);
  ++outstanding_;
  next_due_ += interval_;
  Arm();
  CallWaiting();
}

void ClerkConsole::CallWaiting() {
  while (!due_.empty() && !free_.empty()) {
    const size_t desk = free_.front();
    free_.pop_front();
    const TimePoint due = due_.front();
    due_.pop_front();
    Call(desk, due);
  }
}

std::string ClerkConsole::ClerkBody(size_t desk, const std::string& number) const {
  nlohmann::json body = {{"clerk_id", desks_[desk].clerk_id}};
  if (!number.empty()) body["number"] = number;
  return body.dump();
}

void ClerkConsole::Call(size_t desk, TimePoint due) {
  const TimePoint sent = BenchClock::now();
  recorder_->Record(metrics_.call_lag, MicrosBetween(due, sent));
  const uint64_t call = matcher_->CallSent(sent);
  desks_[desk].connection->Send("POST", desks_[desk].path + "call-next", ClerkBody(desk, ""),
                                [self = shared_from_this(), desk, call, sent](HttpReply reply) {
                                  self->OnCalled(desk, call, sent, reply);
                                });
}

void ClerkConsole::OnCalled(size_t desk, uint64_t call, TimePoint sent, const HttpReply& reply) {
  const TimePoint now = BenchClock::now();
  const std::string number = reply.ok() ? TicketNumberOf(reply.body) : "";
  if (!number.empty()) {
    recorder_->Record(metrics_.call_next, MicrosBetween(sent, now));
    matcher_->CallAnswered(call, number);
    ++calls_answered_;
    return Complete(desk, number);
  }
  matcher_->CallFailed(call);
  recorder_->RecordError(metrics_.call_next, reply.ok() ? "BAD_REPLY" : reply.ErrorName());
  if (reply.status == 404) ++calls_without_ticket_;  // nobody waiting for this counter
  // 409: the counter still holds a ticket (an earlier run, a lost reply):
  // complete whatever it holds before it calls again.
  if (reply.status == 409) return Complete(desk, "");
  Free(desk);
}

void ClerkConsole::Complete(size_t desk, const std::string& number) {
  const TimePoint sent = BenchClock::now();
  desks_[desk].connection->Send("POST", desks_[desk].path + "complete", ClerkBody(desk, number),
                                [self = shared_from_this(), desk, sent](HttpReply reply) {
                                  if (reply.ok()) {
                                    self->recorder_->Record(self->metrics_.complete,
                                                            MicrosBetween(sent, BenchClock::now()));
                                  } else {
                                    self->recorder_->RecordError(self->metrics_.complete, reply.ErrorName());
                                  }
                                  self->Free(desk);
                                });
}

void ClerkConsole::Free(size_t desk) {
  free_.push_back(desk);
  --outstanding_;
  CallWaiting();
}

}  // namespace qms::bench

#include "bench/crash_checks.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

namespace qms::bench::crash {

namespace {

// fn(0..count-1) on `threads` threads.
void ParallelFor(size_t count, int threads, const std::function<void(size_t)>& fn) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < std::max(1, threads); ++t) {
    workers.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < count;) fn(i);
    });
  }
  for (auto& w : workers) w.join();
}

void CheckTicket(const ServerStubs& stubs, const TicketRecord& r, CrashLedger* ledger) {
  const Line& line = Lines()[r.line];
  if (r.request_id.empty()) {
    ledger->Violation(line.centre + "/" + r.number + " was called but its issue was never acknowledged");
  }
  v1::GetTicketRequest get;
  get.set_centre_id(line.centre);
  get.set_number(r.number);
  v1::GetTicketResponse found;
  const grpc::Status s = stubs.intake->GetTicket(CallContext().get(), get, &found);
  if (!s.ok()) return ledger->Loss(line.centre + "/" + r.number + ": " + s.error_message());
  ledger->Observe(r.line, found.ticket());
}

void CheckDossier(const ServerStubs& stubs, const DossierRecord& r, CrashLedger* ledger) {
  v1::GetDossierRequest get;
  get.set_code(r.code);
  v1::DossierResponse found;
  const grpc::Status s = stubs.deadline->GetDossier(CallContext().get(), get, &found);
  if (!s.ok()) return ledger->Loss("dossier " + r.code + ": " + s.error_message());
  ledger->ObserveDossier(found.dossier());
}

void RetryIssue(const ServerStubs& stubs, const TicketRecord& r, CrashLedger* ledger) {
  const Line& line = Lines()[r.line];
  v1::IssueTicketRequest issue;
  issue.set_centre_id(line.centre);
  issue.set_field_id(line.field);
  issue.set_priority(v1::NORMAL);
  issue.set_request_id(r.request_id);
  v1::IssueTicketResponse response;
  const grpc::Status s = stubs.intake->IssueTicket(CallContext().get(), issue, &response);
  if (!s.ok()) return ledger->Violation("retry of " + r.request_id + ": " + s.error_message());
  if (!response.replayed()) ledger->Violation("retry of " + r.request_id + " issued a new ticket");
  ledger->AckIssue(r.line, r.request_id, response.ticket());  // counts it, compares the number
}

void RetryRating(const ServerStubs& stubs, const TicketRecord& r, CrashLedger* ledger) {
  const Line& line = Lines()[r.line];
  v1::RateServiceRequest rate;
  rate.set_centre_id(line.centre);
  rate.set_number(r.number);
  rate.set_counter_id(line.counter);
  rate.set_rating(r.rating);
  v1::TicketResponse response;
  const grpc::Status s = stubs.counters->RateService(CallContext().get(), rate, &response);
  ledger->CountRetry();
  if (!s.ok() || response.ticket().rating() != r.rating) {
    ledger->Violation("retry of the rating of " + line.centre + "/" + r.number + ": " + s.error_message());
  }
}

void RetryReceive(const ServerStubs& stubs, const DossierRecord& r, CrashLedger* ledger) {
  v1::ReceiveDossierResponse response;
  const grpc::Status s = stubs.deadline->ReceiveDossier(CallContext().get(), r.request, &response);
  if (!s.ok()) return ledger->Violation("retry of " + r.request_id + ": " + s.error_message());
  if (!response.replayed()) ledger->Violation("retry of " + r.request_id + " received a new dossier");
  ledger->AckReceive(r.request, response.dossier());  // counts it, compares code and due moments
}

}  // namespace

void CheckRecords(const ServerStubs& stubs, int threads, CrashLedger* ledger) {
  const std::vector<TicketRecord> tickets = ledger->Tickets();
  ParallelFor(tickets.size(), threads, [&](size_t i) { CheckTicket(stubs, tickets[i], ledger); });
  const std::vector<DossierRecord> dossiers = ledger->Dossiers();
  ParallelFor(dossiers.size(), threads, [&](size_t i) { CheckDossier(stubs, dossiers[i], ledger); });
}

void CheckRetries(const ServerStubs& stubs, int threads, CrashLedger* ledger) {
  const std::vector<TicketRecord> tickets = ledger->Tickets();
  ParallelFor(tickets.size(), threads, [&](size_t i) {
    if (!tickets[i].request_id.empty()) RetryIssue(stubs, tickets[i], ledger);
    if (tickets[i].rating != v1::RATING_UNSPECIFIED) RetryRating(stubs, tickets[i], ledger);
  });
  const std::vector<DossierRecord> dossiers = ledger->Dossiers();
  ParallelFor(dossiers.size(), threads, [&](size_t i) { RetryReceive(stubs, dossiers[i], ledger); });
}

void CheckNumbering(const ServerStubs& stubs, CrashLedger* ledger) {
  const std::vector<TicketRecord> tickets = ledger->Tickets();
  std::vector<uint32_t> acknowledged(Lines().size(), 0), highest(Lines().size(), 0);
  for (const TicketRecord& r : tickets) {
    acknowledged[r.line]++;
    highest[r.line] = std::max(highest[r.line], NumberValue(r.number));
  }
  for (size_t line = 0; line < Lines().size(); ++line) {
    const Line& l = Lines()[line];
    v1::DayStatsRequest request;
    request.set_centre_id(l.centre);
    v1::DayStats stats;
    grpc::Status s = stubs.stats->GetDayStats(CallContext().get(), request, &stats);
    if (!s.ok()) return ledger->Unexpected("GetDayStats " + l.centre + ": " + s.error_message());
    for (const v1::FieldStats& f : stats.fields()) {
      if (f.field_id() == l.field && f.tickets().issued() != acknowledged[line]) {
        ledger->Violation(l.centre + "/" + l.field + ": the server counts " +
                          std::to_string(f.tickets().issued()) + " tickets, " +
                          std::to_string(acknowledged[line]) + " were acknowledged");
      }
    }
    v1::IssueTicketRequest fresh;
    fresh.set_centre_id(l.centre);
    fresh.set_field_id(l.field);
    fresh.set_priority(v1::NORMAL);
    fresh.set_request_id("crashloop-fresh-" + std::to_string(line));
    v1::IssueTicketResponse issued;
    s = stubs.intake->IssueTicket(CallContext().get(), fresh, &issued);
    if (!s.ok()) return ledger->Unexpected("fresh IssueTicket: " + s.error_message());
    if (NumberValue(issued.ticket().number()) <= highest[line]) {
      ledger->Violation(l.centre + "/" + l.field + ": fresh ticket " + issued.ticket().number() +
                        " does not continue after number " + std::to_string(highest[line]));
    }
    ledger->AckIssue(static_cast<int>(line), fresh.request_id(), issued.ticket());
  }
}

void CheckWaitingOrder(const ServerStubs& stubs, CrashLedger* ledger) {
  std::vector<std::vector<TicketRecord>> waiting(Lines().size());
  for (const TicketRecord& r : ledger->Tickets()) {
    if (r.state == v1::WAITING) waiting[r.line].push_back(r);
  }
  for (size_t line = 0; line < Lines().size(); ++line) {
    auto& expected = waiting[line];
    std::sort(expected.begin(), expected.end(), [](const TicketRecord& a, const TicketRecord& b) {
      return NumberValue(a.number) < NumberValue(b.number);
    });
    const Line& l = Lines()[line];
    v1::CounterRequest counter;
    counter.set_centre_id(l.centre);
    counter.set_counter_id(l.counter);
    counter.set_clerk_id("nv-crash-" + std::to_string(line));
    for (size_t n = 0; n <= expected.size(); ++n) {
      v1::TicketResponse called;
      const grpc::Status s = stubs.counters->CallNext(CallContext().get(), counter, &called);
      if (s.error_code() == grpc::StatusCode::NOT_FOUND) {
        if (n < expected.size()) ledger->Loss(l.centre + "/" + expected[n].number + " no longer waits");
        break;
      }
      if (!s.ok())
        return ledger->Unexpected("CallNext " + l.centre + "/" + l.counter + ": " + s.error_message());
      ledger->AckCall(static_cast<int>(line), called.ticket());  // counts it, checks number order
      if (n == expected.size() || called.ticket().number() != expected[n].number) {
        ledger->Violation(l.centre + "/" + l.field + " called " + called.ticket().number() + ", expected " +
                          (n < expected.size() ? expected[n].number : std::string("none")));
      }
      v1::TicketActionRequest done;
      done.set_centre_id(l.centre);
      done.set_counter_id(l.counter);
      done.set_clerk_id(counter.clerk_id());
      const grpc::Status completed = stubs.counters->Complete(CallContext().get(), done, &called);
      if (!completed.ok()) return ledger->Unexpected("Complete: " + completed.error_message());
    }
  }
}

}  // namespace qms::bench::crash

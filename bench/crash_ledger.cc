#include "bench/crash_ledger.h"

#include <algorithm>
#include <cctype>

namespace qms::bench::crash {

namespace {

constexpr size_t kProblemsKept = 20;

std::string Name(const Line& line, const std::string& number) { return line.centre + "/" + number; }

std::string StateName(v1::TicketState s) { return v1::TicketState_Name(s); }

}  // namespace

const std::vector<Line>& Lines() {
  static const std::vector<Line> lines = {{"10001", "chung_thuc", "1"},
                                          {"10001", "ho_tich", "2"},
                                          {"10002", "chung_thuc", "1"},
                                          {"10002", "ho_tich", "2"}};
  return lines;
}

uint32_t NumberValue(const std::string& number) {
  uint32_t value = 0;
  for (size_t i = 1; i < number.size() && i < 10; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(number[i]))) return 0;
    value = value * 10 + static_cast<uint32_t>(number[i] - '0');
  }
  return value;
}

// ---------------------------------------------------------------- acknowledgements

TicketRecord& CrashLedger::RecordFor(int line, const v1::Ticket& t) {
  auto [it, fresh] = tickets_.try_emplace(Key{line, t.number()});
  TicketRecord& r = it->second;
  if (fresh) {
    r.line = line;
    r.number = t.number();
    r.queued_since_us = t.queued_since_us();
  }
  return r;
}

void CrashLedger::AckIssue(int line, const std::string& request_id, const v1::Ticket& t) {
  std::lock_guard<std::mutex> lock(mu_);
  const Key key{line, t.number()};
  if (auto it = issue_ids_.find(request_id); it != issue_ids_.end()) {
    counts_.retries++;
    if (it->second != key) {
      RecordViolation("retry of " + request_id + " answered " + t.number() + ", first " + it->second.second);
    }
    return;
  }
  const bool known = tickets_.count(key) > 0;
  TicketRecord& r = RecordFor(line, t);
  if (!r.request_id.empty()) {
    RecordViolation(Name(Lines()[line], t.number()) + " given to " + request_id + " and " + r.request_id);
    return;
  }
  r.request_id = request_id;
  issue_ids_[request_id] = key;
  counts_.tickets++;
  // A call may have been acknowledged first (its reply raced this one): the
  // ticket has moved on, and that state stands.
  if (!known) r.state = t.state();
}

void CrashLedger::CheckCallOrder(int line, const v1::Ticket& t) {
  counts_.order_checks++;
  const uint32_t value = NumberValue(t.number());
  if (value <= last_called_[line]) {
    RecordViolation("line " + Lines()[line].centre + "/" + Lines()[line].field + " called " + t.number() +
                    " after number " + std::to_string(last_called_[line]));
  }
  last_called_[line] = std::max(last_called_[line], value);
}

void CrashLedger::AckCall(int line, const v1::Ticket& t) {
  std::lock_guard<std::mutex> lock(mu_);
  CheckCallOrder(line, t);
  TicketRecord& r = RecordFor(line, t);
  r.state = t.state();
  r.pending = v1::TICKET_STATE_UNSPECIFIED;
  counts_.ticket_changes++;
}

void CrashLedger::AckChange(int line, const v1::Ticket& t) {
  std::lock_guard<std::mutex> lock(mu_);
  TicketRecord& r = RecordFor(line, t);
  r.state = t.state();
  r.pending = v1::TICKET_STATE_UNSPECIFIED;
  counts_.ticket_changes++;
}

void CrashLedger::AckRating(int line, const v1::Ticket& t) {
  std::lock_guard<std::mutex> lock(mu_);
  TicketRecord& r = RecordFor(line, t);
  if (r.rating != v1::RATING_UNSPECIFIED && r.rating != t.rating()) {
    RecordViolation(Name(Lines()[line], t.number()) + " rated " + v1::Rating_Name(t.rating()) + " after " +
                    v1::Rating_Name(r.rating));
  }
  if (r.rating == v1::RATING_UNSPECIFIED) counts_.ratings++;
  r.rating = t.rating();
  r.pending_rating = v1::RATING_UNSPECIFIED;
}

void CrashLedger::AckReceive(const v1::ReceiveDossierRequest& request, const v1::Dossier& d) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = receive_ids_.find(request.request_id()); it != receive_ids_.end()) {
    counts_.retries++;
    const DossierRecord& first = dossiers_[it->second];
    if (it->second != d.code() || first.due_at_us != d.due_at_us() ||
        first.original_due_at_us != d.original_due_at_us()) {
      RecordViolation("retry of " + request.request_id() + " answered " + d.code() + " due " +
                      std::to_string(d.due_at_us()) + ", first " + first.code + " due " +
                      std::to_string(first.due_at_us));
    }
    return;
  }
  auto [it, fresh] = dossiers_.try_emplace(d.code());
  if (!fresh) {
    RecordViolation("dossier code " + d.code() + " given to " + request.request_id() + " and " +
                    it->second.request_id);
    return;
  }
  DossierRecord& r = it->second;
  r.request_id = request.request_id();
  r.request = request;
  r.code = d.code();
  r.due_at_us = d.due_at_us();
  r.original_due_at_us = d.original_due_at_us();
  r.status = d.status();
  receive_ids_[r.request_id] = r.code;
  counts_.dossiers++;
}

void CrashLedger::AckDossierChange(const v1::Dossier& d) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = dossiers_.find(d.code());
  if (it == dossiers_.end()) return RecordViolation("change acknowledged for unknown dossier " + d.code());
  it->second.status = d.status();
  it->second.pending = v1::DOSSIER_STATUS_UNSPECIFIED;
  counts_.dossier_changes++;
}

void CrashLedger::SetPending(int line, const std::string& number, v1::TicketState state, v1::Rating rating) {
  std::lock_guard<std::mutex> lock(mu_);
  v1::Ticket t;
  t.set_number(number);
  TicketRecord& r = RecordFor(line, t);
  r.pending = state;
  r.pending_rating = rating;
}

void CrashLedger::SetDossierPending(const std::string& code, v1::DossierStatus status) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = dossiers_.find(code); it != dossiers_.end()) it->second.pending = status;
}

// ---------------------------------------------------------------- observations

bool CrashLedger::Observe(int line, const v1::Ticket& t) {
  std::lock_guard<std::mutex> lock(mu_);
  counts_.observed++;
  auto it = tickets_.find(Key{line, t.number()});
  const std::string name = Name(Lines()[line], t.number());
  if (it == tickets_.end()) {
    RecordViolation(name + " is on the server but was never acknowledged");
    return false;
  }
  TicketRecord& r = it->second;
  bool ok = true;
  if (t.state() != r.state) {
    if (r.pending != v1::TICKET_STATE_UNSPECIFIED && t.state() == r.pending) {
      r.state = r.pending;
      counts_.unknown_explained++;
    } else {
      RecordLoss(name + " acknowledged " + StateName(r.state) + ", found " + StateName(t.state()));
      ok = false;
    }
  }
  r.pending = v1::TICKET_STATE_UNSPECIFIED;
  if (t.rating() != r.rating) {
    if (r.pending_rating != v1::RATING_UNSPECIFIED && t.rating() == r.pending_rating) {
      r.rating = r.pending_rating;
      counts_.unknown_explained++;
    } else {
      RecordLoss(name + " acknowledged rating " + v1::Rating_Name(r.rating) + ", found " +
                 v1::Rating_Name(t.rating()));
      ok = false;
    }
  }
  r.pending_rating = v1::RATING_UNSPECIFIED;
  if (r.queued_since_us != 0 && t.queued_since_us() != r.queued_since_us) {
    RecordLoss(name + " queued since " + std::to_string(r.queued_since_us) + ", found " +
               std::to_string(t.queued_since_us()));
    ok = false;
  }
  return ok;
}

bool CrashLedger::AdoptCall(int line, const v1::Ticket& t) {
  std::lock_guard<std::mutex> lock(mu_);
  counts_.observed++;
  const bool known = tickets_.count(Key{line, t.number()}) > 0;
  TicketRecord& r = RecordFor(line, t);
  if (known && r.state != v1::WAITING && r.state != v1::TICKET_STATE_UNSPECIFIED) {
    RecordLoss(Name(Lines()[line], t.number()) + " acknowledged " + StateName(r.state) +
               ", found CALLED again");
    return false;
  }
  CheckCallOrder(line, t);
  r.state = t.state();
  r.pending = v1::TICKET_STATE_UNSPECIFIED;
  counts_.unknown_explained++;
  return true;
}

bool CrashLedger::ObserveDossier(const v1::Dossier& d) {
  std::lock_guard<std::mutex> lock(mu_);
  counts_.observed++;
  auto it = dossiers_.find(d.code());
  if (it == dossiers_.end()) {
    RecordViolation("dossier " + d.code() + " is on the server but was never acknowledged");
    return false;
  }
  DossierRecord& r = it->second;
  bool ok = true;
  if (d.status() != r.status) {
    if (r.pending != v1::DOSSIER_STATUS_UNSPECIFIED && d.status() == r.pending) {
      r.status = r.pending;
      counts_.unknown_explained++;
    } else {
      RecordLoss("dossier " + d.code() + " acknowledged " + v1::DossierStatus_Name(r.status) + ", found " +
                 v1::DossierStatus_Name(d.status()));
      ok = false;
    }
  }
  r.pending = v1::DOSSIER_STATUS_UNSPECIFIED;
  if (d.due_at_us() != r.due_at_us || d.original_due_at_us() != r.original_due_at_us) {
    RecordViolation("dossier " + d.code() + " due " + std::to_string(r.due_at_us) + " when received, now " +
                    std::to_string(d.due_at_us()));
    ok = false;
  }
  return ok;
}

// ---------------------------------------------------------------- problems and counts

void CrashLedger::Note(const std::string& what) {
  if (problems_.size() < kProblemsKept) problems_.push_back(what);
}

void CrashLedger::RecordLoss(const std::string& what) {
  counts_.losses++;
  Note("LOSS: " + what);
}

void CrashLedger::RecordViolation(const std::string& what) {
  counts_.violations++;
  Note("VIOLATION: " + what);
}

void CrashLedger::Loss(const std::string& what) {
  std::lock_guard<std::mutex> lock(mu_);
  RecordLoss(what);
}

void CrashLedger::Violation(const std::string& what) {
  std::lock_guard<std::mutex> lock(mu_);
  RecordViolation(what);
}

void CrashLedger::Unexpected(const std::string& what) {
  std::lock_guard<std::mutex> lock(mu_);
  counts_.unexpected_errors++;
  Note("UNEXPECTED: " + what);
}

void CrashLedger::CountRetry() {
  std::lock_guard<std::mutex> lock(mu_);
  counts_.retries++;
}

void CrashLedger::CountOrderCheck() {
  std::lock_guard<std::mutex> lock(mu_);
  counts_.order_checks++;
}

std::vector<TicketRecord> CrashLedger::Tickets() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<TicketRecord> out;
  out.reserve(tickets_.size());
  for (const auto& [key, r] : tickets_) out.push_back(r);
  return out;
}

std::vector<DossierRecord> CrashLedger::Dossiers() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DossierRecord> out;
  for (const auto& [code, r] : dossiers_) out.push_back(r);
  return out;
}

LedgerCounts CrashLedger::counts() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counts_;
}

std::vector<std::string> CrashLedger::problems() const {
  std::lock_guard<std::mutex> lock(mu_);
  return problems_;
}

}  // namespace qms::bench::crash

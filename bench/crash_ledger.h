// CrashLedger: everything qms-server acknowledged during a crash loop
// (qms-bench crashloop, bench/README.md "Crash loop"), and the judge of what
// is found on disk after each SIGKILL.
//
// Each record keeps the last acknowledged state and, when a request was on
// the wire at the kill, the state that request would have made (pending).
// After a restart the server may show either, nothing else: anything else is
// a loss (an acknowledged change gone) or a violation (a number given twice,
// a ticket called out of order, a retry answered differently, a due moment
// moved).
//
// Tickets live on four lines (centre, field), each served by exactly one
// counter with one field, all NORMAL: on a line, calls must come in number
// order, and numbers are the issue order.
//
// Thread safety: every method may be called from any thread.
#ifndef QMS_BENCH_CRASH_LEDGER_H_
#define QMS_BENCH_CRASH_LEDGER_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "qms/v1/deadline.pb.h"
#include "qms/v1/queue.pb.h"

namespace qms::bench::crash {

// A line: the centre, the field and the one counter that serves it.
struct Line {
  std::string centre, field, counter;
};
// The four lines of process::TwoCentreConfigYaml().
const std::vector<Line>& Lines();
// The number without its letter ("A012" -> 12); 0 when it has none.
uint32_t NumberValue(const std::string& number);

struct TicketRecord {
  int line = 0;
  std::string number;
  std::string request_id;  // "" until the issue is acknowledged
  int64_t queued_since_us = 0;
  v1::TicketState state = v1::TICKET_STATE_UNSPECIFIED;    // last acknowledged
  v1::TicketState pending = v1::TICKET_STATE_UNSPECIFIED;  // sent, no reply
  v1::Rating rating = v1::RATING_UNSPECIFIED;
  v1::Rating pending_rating = v1::RATING_UNSPECIFIED;
};

struct DossierRecord {
  std::string request_id;
  v1::ReceiveDossierRequest request;  // for the idempotent retry
  std::string code;
  int64_t due_at_us = 0;
  int64_t original_due_at_us = 0;
  v1::DossierStatus status = v1::DOSSIER_STATUS_UNSPECIFIED;
  v1::DossierStatus pending = v1::DOSSIER_STATUS_UNSPECIFIED;
};

// What was acknowledged and checked, and what went wrong.
struct LedgerCounts {
  uint64_t tickets = 0;            // issues acknowledged (first answers)
  uint64_t ticket_changes = 0;     // call, start, complete acknowledged
  uint64_t ratings = 0;            // ratings acknowledged
  uint64_t dossiers = 0;           // receipts acknowledged (first answers)
  uint64_t dossier_changes = 0;    // accepts acknowledged
  uint64_t observed = 0;           // records compared with what the server shows
  uint64_t retries = 0;            // idempotent retries compared with the first answer
  uint64_t order_checks = 0;       // calls compared with the issue order
  uint64_t unknown_explained = 0;  // requests in flight at a kill found applied
  uint64_t losses = 0;
  uint64_t violations = 0;
  uint64_t unexpected_errors = 0;  // RPC failures while the server was not being killed
};

class CrashLedger {
 public:
  // ---- acknowledgements (replies that said OK)
  // IssueTicket answered `t` for `request_id` (a first answer or a replay):
  // the same request id must always get the same number, and no number two
  // request ids.
  void AckIssue(int line, const std::string& request_id, const v1::Ticket& t);
  // CallNext at the line's counter answered `t`: it must be the next in
  // number order after the line's last call.
  void AckCall(int line, const v1::Ticket& t);
  // StartServing or Complete answered `t`.
  void AckChange(int line, const v1::Ticket& t);
  void AckRating(int line, const v1::Ticket& t);
  void AckReceive(const v1::ReceiveDossierRequest& request, const v1::Dossier& d);
  void AckDossierChange(const v1::Dossier& d);

  // ---- requests on the wire
  void SetPending(int line, const std::string& number, v1::TicketState state, v1::Rating rating);
  void SetDossierPending(const std::string& code, v1::DossierStatus status);

  // ---- what the server shows after a restart
  // `t` as the server shows it: its state must be the acknowledged or the
  // pending one (which then counts as acknowledged), and its queue time the
  // acknowledged one. False (and a loss recorded) otherwise.
  bool Observe(int line, const v1::Ticket& t);
  // A CallNext on the wire at the kill turned out applied: `t` sits CALLED
  // at the line's counter. It must have been waiting (or unknown: an issue
  // also on the wire) and be next in number order.
  bool AdoptCall(int line, const v1::Ticket& t);
  bool ObserveDossier(const v1::Dossier& d);

  void Loss(const std::string& what);
  void Violation(const std::string& what);
  void Unexpected(const std::string& what);
  void CountRetry();
  void CountOrderCheck();

  // Snapshots for the final checks.
  std::vector<TicketRecord> Tickets() const;
  std::vector<DossierRecord> Dossiers() const;
  LedgerCounts counts() const;
  // The first problems, in the order they were found (at most 20).
  std::vector<std::string> problems() const;

 private:
  using Key = std::pair<int, std::string>;  // line, number
  TicketRecord& RecordFor(int line, const v1::Ticket& t);
  void CheckCallOrder(int line, const v1::Ticket& t);
  // These three REQUIRE mu_ held.
  void RecordLoss(const std::string& what);
  void RecordViolation(const std::string& what);
  void Note(const std::string& what);

  mutable std::mutex mu_;
  std::map<Key, TicketRecord> tickets_;
  std::map<std::string, Key> issue_ids_;
  std::vector<uint32_t> last_called_ = std::vector<uint32_t>(4, 0);
  std::map<std::string, DossierRecord> dossiers_;   // by code
  std::map<std::string, std::string> receive_ids_;  // request id -> code
  LedgerCounts counts_;
  std::vector<std::string> problems_;
};

}  // namespace qms::bench::crash

#endif  // QMS_BENCH_CRASH_LEDGER_H_

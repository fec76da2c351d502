// The traffic of a crash loop: kiosks issuing, clerks calling, serving,
// completing and asking for a rating at the four lines' counters, and
// clerks receiving and accepting dossiers. Each actor is a cursor that
// outlives the rounds: what it had on the wire when the server was killed
// is settled after the restart (retried when idempotent, looked up when
// not) before it goes on. Every reply that says OK goes to the CrashLedger.
//
// Each actor runs on its own thread with blocking gRPC calls; one actor is
// never shared between threads.
#ifndef QMS_BENCH_CRASH_TRAFFIC_H_
#define QMS_BENCH_CRASH_TRAFFIC_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bench/crash_ledger.h"
#include "qms/v1/deadline.grpc.pb.h"
#include "qms/v1/queue.grpc.pb.h"

namespace qms::bench::crash {

// The stubs of one server life (a fresh channel after each restart, so no
// reconnect backoff carries over).
struct ServerStubs {
  explicit ServerStubs(const std::string& address);
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::IntakeService::Stub> intake;
  std::unique_ptr<v1::CounterService::Stub> counters;
  std::unique_ptr<v1::StatsService::Stub> stats;
  std::unique_ptr<v1::DeadlineService::Stub> deadline;
};

// Set by the driver: `killed` just before the SIGKILL (a failure after it
// is the kill's, not an error), `stop` to end a round without a kill.
struct RoundSignals {
  std::atomic<bool> killed{false};
  std::atomic<bool> stop{false};
};

// What every actor does. Settle and Step return false when the round is
// over for this actor (the server went away, or an unexpected error was
// recorded in the ledger).
class Actor {
 public:
  virtual ~Actor() = default;
  // After a restart: resolve what was on the wire at the kill.
  virtual bool Settle(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) = 0;
  // One request (and its bookkeeping).
  virtual bool Step(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger) = 0;
  // Nothing on the wire and no ticket or dossier half through its steps.
  virtual bool Idle() const = 0;
  // Settle, then Step until the round ends; bounded by `max_steps`.
  void RunRound(const ServerStubs& stubs, const RoundSignals& signals, CrashLedger* ledger,
                uint64_t max_steps);
};

// A kiosk: IssueTicket round-robin over the lines, request ids
// "{prefix}-{n}"; a request without a reply is sent again, same id.
std::unique_ptr<Actor> MakeKiosk(int index, std::string prefix);
// The clerk at one line's counter: CallNext, StartServing, Complete,
// RateService, then again. Opens the counter at each settle.
std::unique_ptr<Actor> MakeClerk(int line, uint64_t seed);
// A one-stop-shop clerk: ReceiveDossier at the counter (ACCEPTED, the due
// moment set; procedures and centres in turn), and StartProcessing for
// every second one.
std::unique_ptr<Actor> MakeDossierClerk(int index, std::string prefix, std::vector<std::string> procedures);

// Everything an actor sends goes with this deadline.
std::unique_ptr<grpc::ClientContext> CallContext();

}  // namespace qms::bench::crash

#endif  // QMS_BENCH_CRASH_TRAFFIC_H_

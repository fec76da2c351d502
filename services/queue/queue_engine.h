// QueueEngine: every centre's queue, made durable and concurrent.
//
// Each operation runs on its centre's state under that centre's mutex (held
// only in memory, never across I/O), is handed to the group-commit writer in
// the same critical section (so a centre's changes reach the disk in the
// order they were made), and its `done` callback runs once the change is
// fsync'd. Events are published to watchers at that moment too. Reads go
// through the writer as barriers, so a reply never shows state that is not
// yet durable. The callback runs on the writer's callback thread, or inline when the
// operation is refused; it must be short.
//
// When a write fails, the engine fails stop: every later operation gets
// UNAVAILABLE and the server must be restarted, which rebuilds from disk.
//
// Audit trail: every change (an operation run with an AuditNote, and the
// timers' automatic no-shows and day-end expiry, as "system") writes its
// qms.v1.AuditRecord in the same WriteSet as the change itself, so the record
// is on disk exactly when the change is (storage/audit_trail.h). An
// operation that changes nothing (a replay, a read, a refusal for the state
// of the queue) writes none, except a refusal because of who asked
// (PERMISSION_DENIED), which is recorded alone.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "services/base/clock.h"
#include "services/base/load_meter.h"
#include "services/config/system_config.h"
#include "services/queue/centre.h"
#include "services/queue/event_hub.h"
#include "services/queue/queue_audit.h"
#include "storage/group_commit_writer.h"
#include "storage/store.h"

namespace qms::queue {

struct OpResult {
  bool has_ticket = false;
  v1::Ticket ticket;
  Position position;
  bool replayed = false;
  bool has_counter = false;
  v1::Counter counter;
};

using OpDone = std::function<void(const Status&, const OpResult&)>;
using CentreOp = std::function<Status(Centre&, MicrosUtc now, Change*)>;

struct RecoveryStats {
  size_t centres = 0;
  size_t tickets = 0;
  size_t expired_from_earlier_day = 0;
  int64_t micros = 0;
};

class QueueEngine {
 public:
  // All pointers must outlive the engine.
  // `load` bounds the calls in flight (services/base/load_meter.h): past
  // it Execute answers RESOURCE_EXHAUSTED at once, doing nothing.
  QueueEngine(const config::SystemConfig* config, storage::Store* store, storage::GroupCommitWriter* writer,
              const Clock* clock, size_t events_kept_per_centre = 256, LoadLimits load = {});

  // Rebuilds today's queues from the store, expiring what an earlier day
  // left unfinished: PrepareRecovery, then RecoverCentres on one thread per
  // core. REQUIRES: called once, before any operation.
  [[nodiscard]] StatusOr<RecoveryStats> Recover();

  // Recovery while serving (docs/architecture.md, "Restart"), in two steps.
  // PrepareRecovery reads what all centres share (the citizen salt).
  // REQUIRES: called once, before any operation and RecoverCentres. After
  // it, operations may run: the first one that needs a centre not yet
  // recovered recovers it under that centre's lock (a few milliseconds),
  // so no answer is ever made from a partial state. A centre whose recovery
  // failed answers every operation with that failure (DATA_LOSS for an
  // unreadable record, UNAVAILABLE for a read error); the others serve.
  [[nodiscard]] Status PrepareRecovery();
  // Recovers every centre not yet recovered, on `threads` threads, and
  // waits until what the recovery wrote (day-end expiry of an earlier day)
  // is durable. Returns the totals over all centres recovered so far,
  // whoever recovered them, or the first failure. Stops early with
  // CANCELLED once *stop is true. kWhileServing runs the threads at a lower
  // priority (services/base/thread_priority.h), so that the calls being
  // served, which recover their own centre first, get the cores.
  // REQUIRES: PrepareRecovery first.
  enum class Pace { kBeforeServing, kWhileServing };
  [[nodiscard]] StatusOr<RecoveryStats> RecoverCentres(size_t threads,
                                                       const std::atomic<bool>* stop = nullptr,
                                                       Pace pace = Pace::kBeforeServing);

  // Runs `op` on the centre; `done` gets its outcome once durable.
  // NOT_FOUND for an unknown centre; UNAVAILABLE after a storage failure;
  // RESOURCE_EXHAUSTED when shed (the server or this centre too busy).
  // Without a note (reads) nothing goes to the audit trail.
  void Execute(const std::string& centre_id, const CentreOp& op, OpDone done);
  // The same for an operation that may change the queue: its change is
  // recorded in the audit trail as `note` says.
  void Execute(const std::string& centre_id, const AuditNote& note, const CentreOp& op, OpDone done);

  // The figures of the centre's closed `day` (closed_days.h): NOT_FOUND for
  // an unknown centre or a day without figures. Blocks on the store: never
  // call it from a gRPC thread.
  [[nodiscard]] Status ReadClosedDay(const std::string& centre_id, uint32_t day, v1::DayStats* out);

  // Salted SHA-256 of a citizen ID; the raw ID is never kept.
  std::string HashCitizen(const std::string& citizen_id) const;

  // Day rollover and automatic no-shows for every centre. Called every
  // second by a PeriodicTimer in qms-server, and directly by tests.
  void Tick();

  // A snapshot plus a subscription, consistent with each other: the
  // subscriber gets every event after the snapshot. With resume_after > 0 it
  // first tries to replay the missed events; `snapshot` is then left empty.
  [[nodiscard]] Status Watch(const std::string& centre_id, uint64_t resume_after, EventSubscriber* subscriber,
                             v1::CentreEvent* snapshot);
  void Unwatch(const std::string& centre_id, EventSubscriber* subscriber);

  const config::SystemConfig& config() const { return *config_; }
  const config::CentreConfig* FindCentre(const std::string& centre_id) const;
  const Clock& clock() const { return *clock_; }
  EventHub& hub() { return hub_; }
  const LoadMeter& load() const { return load_; }

 private:
  struct Slot {
    explicit Slot(const config::CentreConfig* cfg) : centre(cfg) {}
    std::mutex mu;
    Centre centre;
    uint64_t audit_seq = 0;         // the last one used; guarded by mu
    bool recovered = false;         // recovery tried (recovery_status says how); guarded by mu
    Status recovery_status;         // guarded by mu
    std::atomic<int> in_flight{0};  // calls admitted, not yet answered (load_)
  };
  using AuditRecords = std::vector<v1::AuditRecord>;
  Slot* FindSlot(const std::string& centre_id);
  // REQUIRES: slot->mu held.
  void EnsureDay(Slot* slot, MicrosUtc now);
  void Run(const std::string& centre_id, const AuditNote* note, const CentreOp& op, OpDone done);
  // REQUIRES: slot->mu held (for everything below that takes a Slot).
  // `writes`: more to write in the same write set (a closed day's figures).
  void Persist(Slot* slot, Change* change, AuditRecords records, std::function<void(const Status&)> done,
               storage::WriteSet writes = {});
  // Ends the centre's current day: expires what is unfinished and, in the
  // same write set, stores the day's figures in `day_stats`
  // (FiguresOfEndedDay, closed_days.h) unless `figures_stored`. Returns
  // the tickets expired. REQUIRES: slot->mu held.
  size_t CloseDay(Slot* slot, MicrosUtc now, bool figures_stored = false);
  // A record of the centre for `day`, numbered, timed and sourced; the
  // caller describes the who and the what.
  v1::AuditRecord& AddRecord(Slot* slot, uint32_t day, MicrosUtc now, AuditRecords* records);
  // The records of a timer's change: one per automatic no-show, one for a
  // day-end expiry.
  AuditRecords SystemRecords(Slot* slot, const Change& change, MicrosUtc now);
  Status LoadDay(Slot* slot, uint32_t day, size_t* tickets);
  // Recovers the centre unless already tried; its recovery status.
  // REQUIRES: slot->mu held.
  Status EnsureRecovered(Slot* slot);
  // Rebuilds one centre. REQUIRES: slot->mu held.
  Status RecoverSlot(Slot* slot, MicrosUtc now);
  std::optional<uint32_t> LatestDayBefore(uint32_t centre_key, uint32_t day);
  uint64_t LastEventSeq(uint32_t centre_key);
  // The highest ticket seq stored in [prefix, upper), 0 if none.
  uint32_t LastTicketSeq(const std::string& prefix, const std::string& upper);
  Status LoadOrCreateSalt();

  const config::SystemConfig* config_;
  storage::Store* store_;
  storage::GroupCommitWriter* writer_;
  const Clock* clock_;
  EventHub hub_;
  LoadMeter load_;
  std::string citizen_salt_;
  std::unordered_map<std::string, std::unique_ptr<Slot>> slots_;  // fixed after construction
  // Totals of the centres recovered so far (by RecoverCentres or on demand).
  std::atomic<size_t> recovered_centres_{0};
  std::atomic<size_t> recovered_tickets_{0};
  std::atomic<size_t> expired_from_earlier_day_{0};
};

}  // namespace qms::queue

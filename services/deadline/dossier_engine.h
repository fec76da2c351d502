// DossierEngine: every centre's dossiers, made durable and concurrent.
//
// Memory holds only what a restart rebuilds quickly: per centre, today's
// dossier-code counter (the highest number among today's request ids),
// today's request ids, today's report figures and the paused gauge. Dossiers themselves live in RocksDB (key
// encodings in dossier_keys.h); lists are range scans of the due index with an upper bound. 10 million stored
// dossiers cost nothing at start.
//
// Concurrency: each centre has a mutex held only in memory, never across
// I/O. A change is computed, handed to the group-commit writer in the same
// critical section (so a centre's changes reach the disk in the order they
// were made) and its `done` runs from the commit callback, once fsync'd.
// ReceiveDossier needs no read and runs on the caller's thread; everything
// that reads RocksDB (actions on an existing dossier, Get, List, Report)
// runs on the engine's own read threads, so a gRPC thread never waits on
// disk. An action reads the dossier without the lock and re-checks under it
// (an in-flight map of changes not yet durable, and per-centre stripe
// counters that tell whether the dossier changed meanwhile); only after
// repeated collisions does it read under the lock.
//
// Replies never show state that is not durable: reads go to RocksDB, which
// shows a write only after its group is synced.
//
// Overload: Receive, Act, Extend, Get and List are admitted by a LoadMeter
// (options.load, services/base/load_meter.h) before any work; past its bound
// the call is answered RESOURCE_EXHAUSTED at once, with nothing read,
// numbered or written. The count is given back where the engine answers.
//
// When a write fails the engine fails stop: every later operation gets
// UNAVAILABLE and the server must be restarted, which rebuilds from disk.
//
// Who: every request carries the caller (an Actor). When it is
// authenticated, its subject is the clerk recorded (Dossier.clerk_id at
// receipt, Dossier.last_clerk_id on every change) and the request's clerk_id
// is ignored; otherwise the request's clerk_id is recorded, as before access
// control. Every change (receive, action, extension) writes its
// qms.v1.AuditRecord in the same WriteSet as the change (storage/audit_trail.h,
// filed under the local day of the change).
//
// Agency codes must be unique across centres (dossier codes are numbered per
// agency); a centre without one uses its centre id.
//
// Calendars: each centre's dossiers are computed with its own calendar
// (DossierCentre::calendar, the working week of its province): due moments,
// pauses, extension flags, "due within" lists. The engine keeps no
// calendar of its own.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "qms/storage/deadline_records.pb.h"
#include "qms/v1/deadline.pb.h"
#include "services/base/actor.h"
#include "services/base/clock.h"
#include "services/base/load_meter.h"
#include "services/calendar/working_calendar.h"
#include "services/deadline/dossier_audit.h"
#include "services/deadline/dossier_documents.h"
#include "services/deadline/dossier_transitions.h"
#include "services/deadline/procedure_catalogue.h"
#include "storage/group_commit_writer.h"
#include "storage/store.h"

namespace qms::deadline {

// Whether the caller still wants the answer (through the service,
// access::StillWanted: not cancelled, deadline not passed). A call that
// waited for a read thread checks it when it gets one: one no longer wanted
// is answered with that status, and nothing of it is read or changed.
// Empty: always wanted.
using StillWanted = std::function<Status()>;
inline Status Ask(const StillWanted& still_wanted) { return still_wanted ? still_wanted() : Status::Ok(); }

struct ReceiveRequest {
  std::string centre_id;
  std::string procedure_code;
  std::string request_id;
  std::string ticket_number;
  std::string applicant_name;
  std::string clerk_id;
  bool online = false;
  Actor actor;
};

struct ActionRequest {
  std::string code;
  std::string clerk_id;
  std::string reason;
  Actor actor;
  StillWanted still_wanted;
};

struct ExtendRequest {
  std::string code;
  std::string clerk_id;
  ExtensionInput extension;
  Actor actor;
  StillWanted still_wanted;
};

// The outcome of one operation. Receive, Get and Accept fill `receipt`;
// Extend fills `letter`.
struct DossierResult {
  v1::Dossier dossier;
  bool has_receipt = false;
  v1::ReceiptSlip receipt;
  bool has_letter = false;
  v1::ApologyLetter letter;
  bool replayed = false;
};
// `result` may be moved from. Runs on the writer's callback thread, a read thread, or
// inline when refused at once; it must be short.
using DossierDone = std::function<void(const Status&, DossierResult* result)>;

struct ListQuery {
  std::string centre_id;
  std::vector<v1::DossierStatus> statuses;  // empty: every open status (1, 2, 4, 5, 6)
  std::string field_id;                     // empty: every field
  MicrosUtc due_before = 0;                 // 0: no bound; else sort moment < due_before
  bool overdue_only = false;                // running clock and due < now
  uint32_t due_within_working_hours = 0;    // running clock and now <= due <= now + H working hours
  uint32_t page_size = 50;                  // 1..500
  std::string page_token;
  StillWanted still_wanted;
};
struct ListResult {
  std::vector<v1::Dossier> dossiers;
  std::string next_page_token;
};
using ListDone = std::function<void(const Status&, ListResult* result)>;

struct ReportQuery {
  std::string centre_id;  // or
  std::string province;   // every centre of the province
  uint32_t day = 0;       // yyyymmdd; 0: today
  v1::DailyReportRequest::Format format = v1::DailyReportRequest::JSON;
};
using ReportDone = std::function<void(const Status&, v1::DailyReport* report)>;

// Told of every committed change, on the writer's callback thread; must only queue.
class DossierObserver {
 public:
  virtual ~DossierObserver() = default;
  virtual void OnDossierCommitted(uint32_t centre_key, const std::shared_ptr<const v1::Dossier>& dossier) = 0;
};

struct DossierRecoveryStats {
  size_t centres = 0;
  size_t request_ids = 0;  // today's, loaded for idempotency
  int64_t micros = 0;
};

struct DossierEngineOptions {
  DueRulesConfig rules;
  int read_threads = 2;
  // A list call examines at most this many index entries (filters that
  // match rarely then return a short page with a token to continue).
  size_t max_examined_per_page = 20000;
  // Bounds the calls in flight (services/base/load_meter.h): past it
  // Receive, Act, Extend, Get and List answer RESOURCE_EXHAUSTED at once,
  // doing nothing. Report is not metered (a few per centre a day).
  LoadLimits load;
};

class DossierEngine {
 public:
  // `default_calendar` is the calendar of the centres that name none (may be
  // nullptr when every centre names one). INVALID_ARGUMENT when two centres
  // share an agency code or a centre has no calendar. All pointers must
  // outlive the engine.
  [[nodiscard]] static StatusOr<std::unique_ptr<DossierEngine>> Create(
      std::vector<DossierCentre> centres, const ProcedureCatalogue* procedures,
      const WorkingCalendar* default_calendar, storage::Store* store, storage::GroupCommitWriter* writer,
      const Clock* clock, DossierEngineOptions options = {});
  ~DossierEngine();  // Shutdown()

  // Loads today's counters, request ids and figures. REQUIRES: called once,
  // before any operation.
  [[nodiscard]] StatusOr<DossierRecoveryStats> Recover();
  // Finishes queued reads and stops the read threads; later operations get
  // UNAVAILABLE. Call before the writer goes away.
  void Shutdown();

  // NOT_FOUND: unknown centre or procedure. ALREADY_EXISTS: the request id
  // was used today at this centre for another procedure. A retry with the
  // same request id and procedure returns the same dossier (replayed).
  void Receive(const ReceiveRequest& request, DossierDone done);
  // NOT_FOUND: no such dossier. FAILED_PRECONDITION: the status does not
  // allow the action (nothing changes). INVALID_ARGUMENT: reason missing.
  void Act(DossierAction action, const ActionRequest& request, DossierDone done);
  // As Act, plus ALREADY_EXISTS for a second extension (rule D4).
  void Extend(const ExtendRequest& request, DossierDone done);
  // The durable dossier and its receipt slip. NOT_FOUND when absent.
  void Get(const std::string& code, DossierDone done, StillWanted still_wanted = {});
  // Ordered by sort moment (due moment), then code. NOT_FOUND: unknown
  // centre, or a field the centre does not have; INVALID_ARGUMENT: a bad or foreign page token, or
  // overdue_only together with due_within_working_hours.
  void List(const ListQuery& query, ListDone done);
  // NOT_FOUND: unknown centre or a province with no centre.
  void Report(const ReportQuery& query, ReportDone done);

  // Rolls every centre to today and records the closing figures of days
  // that ended. Called every 5 s by a PeriodicTimer (DeadlineStack), and by tests.
  void Tick();

  // Set before serving (or nullptr); the observer must outlive its use.
  void SetObserver(DossierObserver* observer) { observer_.store(observer); }

  // Its `calendar` is never null.
  const DossierCentre* FindCentre(const std::string& centre_id) const;
  // The centre a dossier code belongs to (by its agency), or nullptr.
  const DossierCentre* CentreOfCode(const std::string& code) const;
  const std::vector<DossierCentre>& centres() const { return centres_; }
  const ProcedureCatalogue& procedures() const { return *procedures_; }
  const Clock& clock() const { return *clock_; }
  storage::Store* store() const { return store_; }
  const LoadMeter& load() const { return load_; }

  // Open dossiers of a centre whose running clock's due moment is before
  // `before`. A bounded range count; for reports and tests.
  [[nodiscard]] StatusOr<uint32_t> CountOverdue(uint32_t centre_key, MicrosUtc before) const;
  // The durable dossier, read from RocksDB on the calling thread (blocking:
  // never from a gRPC thread). NOT_FOUND when absent.
  [[nodiscard]] StatusOr<v1::Dossier> ReadDossier(const std::string& code) const;

 private:
  static constexpr size_t kStripes = 256;
  // A request id of today: its dossier is {agency}-{today}-{number}. Kept
  // small: a busy national day holds a million of these.
  struct RequestEntry {
    uint32_t number;
    const Procedure* procedure;
  };
  struct Slot {
    explicit Slot(const DossierCentre* c) : centre(c) {}
    const DossierCentre* centre;
    std::mutex mu;
    // ---- guarded by mu
    uint32_t day = 0;          // local day of the state below
    uint32_t last_number = 0;  // dossier-code counter of `day`
    // Days after the day of recovery that already have request ids on disk
    // (a clock that once ran ahead), with the highest number of each:
    // where the counter continues when such a day comes (RollDay), so that
    // no code is reused and no RocksDB read happens under `mu`.
    std::map<uint32_t, uint32_t> later_day_numbers;
    storage::DossierDayRecord today;  // figures().paused() is the gauge: dossiers in 5 or 6 now
    std::vector<storage::DossierDayRecord> days_to_close;
    std::unordered_map<std::string, RequestEntry> requests;  // today's
    std::array<uint64_t, kStripes> stripes{};                // bumped by every change
    uint64_t audit_seq = 0;                                  // the last one used
    // ---- guarded by in_flight_mu (taken inside mu, or alone)
    std::mutex in_flight_mu;
    std::unordered_map<std::string, std::shared_ptr<const v1::Dossier>> in_flight;
    // ---- atomic
    std::atomic<int> calls_in_flight{0};  // calls admitted by load_, not yet answered
  };
  // Computes the change of an existing dossier; runs under the slot lock.
  using Mutation = std::function<Status(v1::Dossier* d, MicrosUtc now, DossierResult* result)>;

  DossierEngine(std::vector<DossierCentre> centres, const ProcedureCatalogue* procedures,
                storage::Store* store, storage::GroupCommitWriter* writer, const Clock* clock,
                DossierEngineOptions options);

  Slot* FindSlot(const std::string& centre_id) const;
  Slot* SlotOfCode(const std::string& code) const;
  RuleContext rule_context(const Slot* slot) const { return {slot->centre->calendar, options_.rules}; }
  bool Refuse(const DossierDone& done) const;
  // Admission by load (load_): OK, and then Leave(slot) must come before the
  // call's answer, wherever it is made; or RESOURCE_EXHAUSTED, nothing to undo.
  [[nodiscard]] Status Enter(Slot* slot) { return load_.Enter(&slot->calls_in_flight, slot->centre->id); }
  void Leave(Slot* slot) { load_.Leave(&slot->calls_in_flight); }

  // ---- mutations (dossier_engine.cc)
  void Replay(Slot* slot, const std::string& code, const Procedure* procedure, DossierDone done);
  void Mutate(Slot* slot, const std::string& code, const ChangeNote& note, Mutation mutation,
              DossierDone done);
  // REQUIRES: slot->mu held.
  [[nodiscard]] Status RollDay(Slot* slot, MicrosUtc now);
  void ApplyAndPersist(Slot* slot, std::unique_lock<std::mutex>& lock, const v1::Dossier& before,
                       const ChangeNote& note, const Mutation& mutation, DossierDone done);
  // A numbered, timed record of the slot's centre for today. REQUIRES: slot->mu held.
  v1::AuditRecord NewAuditRecord(Slot* slot, MicrosUtc now);
  bool UpdateFigures(Slot* slot, const v1::Dossier& before, const v1::Dossier& after);
  void Persist(Slot* slot, std::shared_ptr<const v1::Dossier> after, storage::WriteSet writes,
               std::shared_ptr<DossierResult> result, DossierDone done);
  std::shared_ptr<const v1::Dossier> InFlight(Slot* slot, const std::string& code);

  // ---- recovery and day closing (dossier_engine_recovery.cc)
  [[nodiscard]] Status RecoverSlot(Slot* slot, uint32_t today, DossierRecoveryStats* stats);
  // Loads a day's request ids into the slot, and the code counter from
  // them; returns how many.
  [[nodiscard]] StatusOr<uint32_t> LoadRequestIds(Slot* slot, uint32_t day);
  // Dossiers received by a centre on a day: its request ids (a receive
  // writes no day figures; this count is the `received` figure).
  [[nodiscard]] StatusOr<uint32_t> CountRequests(uint32_t centre, uint32_t day) const;
  // The latest day figures at or before a day (day() 0 when none).
  [[nodiscard]] StatusOr<storage::DossierDayRecord> LatestDayRecord(uint32_t centre,
                                                                    uint32_t at_or_before) const;
  // The latest day at or before `at_or_before` with a request id, or 0.
  uint32_t LatestRequestDay(uint32_t centre, uint32_t at_or_before) const;
  // The highest dossier number of each day after `day` among a centre's
  // request ids (days without any are absent).
  [[nodiscard]] StatusOr<std::map<uint32_t, uint32_t>> LaterDayNumbers(uint32_t centre, uint32_t day) const;
  void CloseDay(Slot* slot, storage::DossierDayRecord record);

  // ---- queries (dossier_queries.cc, dossier_report.cc)
  [[nodiscard]] StatusOr<ListResult> ListNow(const Slot* slot, const ListQuery& query) const;
  [[nodiscard]] Status ReportNow(const ReportQuery& query, v1::DailyReport* report) const;
  [[nodiscard]] Status FiguresOf(Slot* slot, uint32_t day, MicrosUtc now, v1::CentreDayFigures* out) const;

  std::vector<DossierCentre> centres_;
  const ProcedureCatalogue* procedures_;
  storage::Store* store_;
  storage::GroupCommitWriter* writer_;
  const Clock* clock_;
  DossierEngineOptions options_;
  std::atomic<DossierObserver*> observer_{nullptr};
  // Fixed after construction.
  std::vector<std::unique_ptr<Slot>> slots_;
  std::unordered_map<std::string, Slot*> by_centre_id_;
  std::unordered_map<std::string, Slot*> by_agency_;
  std::atomic<bool> stopped_{false};
  LoadMeter load_;
  boost::asio::thread_pool reads_;
};

}  // namespace qms::deadline

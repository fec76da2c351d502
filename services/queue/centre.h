// Centre: the queue state of one centre for its current service day, and
// every operation on it. Pure domain logic: no storage, no threads, no gRPC.
// An operation either fails with a specific Status and changes nothing, or
// succeeds and describes what it changed in a Change (the tickets and
// counters to persist and the events to log and publish).
//
// Thread safety: none; QueueEngine serializes all calls for one centre.
#pragma once

#include <initializer_list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "qms/storage/records.pb.h"
#include "qms/v1/queue.pb.h"
#include "services/base/actor.h"
#include "services/base/status.h"
#include "services/config/system_config.h"
#include "services/queue/ticket.h"
#include "services/queue/waiting_line.h"

namespace qms::queue {

// What an operation changed; the engine persists it and publishes events.
struct Change {
  uint32_t service_day = 0;       // the day the records below belong to
  std::vector<uint32_t> tickets;  // seqs of tickets whose record changed
  std::vector<int16_t> counters;  // counters whose record changed
  std::vector<v1::CentreEvent> events;
  // (ticket seq, index in `events`) of every ticket event, in order. An
  // operation emits a ticket's event after its last change to the ticket,
  // so the event's ticket is the ticket's view after the change.
  std::vector<std::pair<uint32_t, size_t>> ticket_events;
  uint32_t primary_ticket = 0;  // the ticket the caller asked about, if any
  int16_t primary_counter = kNoCounter;
  bool replayed = false;  // an idempotent retry: nothing changed

  // The view of ticket `seq` made for this change's latest event about it,
  // or null when there is none (a read, a replay).
  const v1::Ticket* TicketView(uint32_t seq) const {
    for (auto it = ticket_events.rbegin(); it != ticket_events.rend(); ++it) {
      if (it->first == seq) return &events[it->second].ticket();
    }
    return nullptr;
  }
};

struct IssueRequest {
  std::string field_id;
  PriorityClass priority = v1::NORMAL;
  Channel channel = v1::KIOSK;
  std::string request_id;
  std::string citizen_hash;  // empty: no per-citizen cap
};

using qms::Actor;

// A counter or ticket action. When `actor` is authenticated, the clerk
// recorded (on the counter, its events and its tickets) is actor.subject and
// `clerk_id` is ignored; the counter's holder rules apply (CheckMayAct).
// Otherwise `clerk_id` is recorded as before access control existed.
struct CounterAction {
  // Brace-initialised in many places with the first four only.
  CounterAction(std::string counter_id = {}, std::string clerk_id = {}, std::string number = {},
                std::string reason = {}, Actor actor = {})
      : counter_id(std::move(counter_id)),
        clerk_id(std::move(clerk_id)),
        number(std::move(number)),
        reason(std::move(reason)),
        actor(std::move(actor)) {}
  std::string counter_id;
  std::string clerk_id;
  std::string number;  // empty: the ticket at the counter
  std::string reason;
  Actor actor;
};

struct TransferAction {
  CounterAction from;
  std::string to_field_id;
  std::string to_counter_id;
  bool requeue_at_end = false;
};

// The citizen's rating, from the screen of the counter that served them.
struct RateAction {
  RateAction(std::string counter_id = {}, std::string clerk_id = {}, std::string number = {},
             v1::Rating rating = v1::RATING_UNSPECIFIED, Actor actor = {})
      : counter_id(std::move(counter_id)),
        clerk_id(std::move(clerk_id)),
        number(std::move(number)),
        rating(rating),
        actor(std::move(actor)) {}
  std::string counter_id;
  std::string clerk_id;  // empty: not checked; ignored when actor is authenticated
  std::string number;
  v1::Rating rating = v1::RATING_UNSPECIFIED;
  Actor actor;
};

// What an action does to a counter, for the holder rules.
enum class CounterDuty {
  kOpen,          // OpenCounter
  kPauseOrClose,  // PauseCounter, CloseCounter: a supervisor may too
  kServe,         // every ticket action at the counter, and rating
};

struct Position {
  uint32_t ahead = 0;
  uint32_t wait_minutes = 0;
};

class Centre {
 public:
  explicit Centre(const config::CentreConfig* config);

  const config::CentreConfig& config() const { return *config_; }
  uint32_t service_day() const { return service_day_; }
  uint64_t last_event_seq() const { return next_event_seq_ - 1; }

  // Begins an empty service day. Counters start closed.
  void StartDay(uint32_t service_day);
  // Day end: every ticket not yet finished becomes EXPIRED and every counter
  // closes. The change belongs to the current (old) day.
  void ExpireDay(MicrosUtc now, Change* change);

  // ---- recovery (REQUIRES: StartDay first; tickets in seq order)
  void RestoreTicket(const storage::TicketRecord& record);
  // Room for `count` tickets, before restoring that many, and for a quarter
  // more: the day goes on after a restart, and a vector reserved to the
  // exact size would move every ticket on the first new one.
  void ReserveTickets(size_t count);
  void RestoreCounter(const storage::CounterRecord& record);
  void RestoreEventSeq(uint64_t last_seq);

  // ---- intake
  [[nodiscard]] Status Issue(const IssueRequest& request, MicrosUtc now, Change* change);
  [[nodiscard]] Status Cancel(const std::string& number, const std::string& reason, MicrosUtc now,
                              Change* change);
  [[nodiscard]] StatusOr<uint32_t> FindTicket(const std::string& number) const;

  // ---- counters
  // The holder rules, applied only when `actor` is authenticated (else OK):
  // the clerk who opened a counter holds it until it is closed; while held,
  // only the holder or an ADMIN may act on it, and a SUPERVISOR may pause or
  // close it. Anyone else gets PERMISSION_DENIED naming the holder ("counter 5
  // is held by lan until it is closed"). A SUPERVISOR never opens or serves.
  // A closed counter has no holder.
  [[nodiscard]] Status CheckMayAct(int16_t counter, const Actor& actor, CounterDuty duty) const;

  [[nodiscard]] Status OpenCounter(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status PauseCounter(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status CloseCounter(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status CallNext(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status CallTicket(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status Recall(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status StartServing(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status Complete(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status MarkNoShow(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status Park(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status Resume(const CounterAction& a, MicrosUtc now, Change* change);
  [[nodiscard]] Status Transfer(const TransferAction& a, MicrosUtc now, Change* change);
  // Stores the rating of a DONE ticket served at a.counter_id (and by
  // a.clerk_id when given) and emits RATED. A ticket is rated once: the same
  // rating again is a replay (OK, nothing changes), another one is
  // ALREADY_EXISTS naming the stored rating. INVALID_ARGUMENT for an
  // unspecified or unknown rating; NOT_FOUND for an unknown counter or
  // ticket; FAILED_PRECONDITION for a ticket not DONE or served elsewhere.
  [[nodiscard]] Status Rate(const RateAction& a, MicrosUtc now, Change* change);

  // Tickets CALLED longer than the policy's auto_no_show_minutes become
  // NO_SHOW. Does nothing when that policy is 0.
  void AutoNoShow(MicrosUtc now, Change* change);

  // ---- reads
  const Ticket& ticket(uint32_t seq) const { return tickets_[seq - 1]; }
  Position PositionOf(uint32_t seq) const;
  size_t ticket_count() const { return tickets_.size(); }
  size_t waiting_count() const;
  bool has_called_tickets() const;

  // ---- proto views (queue_views.cc)
  void ToProto(const Ticket& t, v1::Ticket* out) const;
  // The view of ticket `seq` after `change`: the one made for its event in
  // the change (copied, not converted again), else converted now.
  void TicketViewOf(uint32_t seq, const Change& change, v1::Ticket* out) const;
  // TicketRecordOf, its ticket as TicketViewOf gives it.
  void TicketRecordOf(uint32_t seq, const Change& change, storage::TicketRecord* out) const;
  void CounterToProto(int16_t counter, v1::Counter* out) const;
  void FieldQueueToProto(uint8_t field, MicrosUtc now, v1::FieldQueue* out) const;
  void Snapshot(MicrosUtc now, v1::CentreSnapshot* out) const;
  void TicketRecordOf(uint32_t seq, storage::TicketRecord* out) const;
  void CounterRecordOf(int16_t counter, storage::CounterRecord* out) const;
  std::string DisplayNumber(const Ticket& t) const;

 private:
  struct CounterRuntime {
    v1::CounterState state = v1::CLOSED;
    std::string clerk_id;
    std::string pause_reason;
    uint32_t current_seq = 0;  // 0: none
    uint32_t preferred_streak = 0;
  };
  struct FieldLines {
    WaitingLine preferred;
    WaitingLine normal;
    uint32_t next_number = 1;
    uint32_t issued = 0;
    std::vector<uint32_t> seq_by_number;  // index: number - number_start
    double avg_service_us = 0;            // moving average of service time
  };
  struct CitizenCount {
    uint32_t total = 0;
    std::vector<uint8_t> by_field;
  };

  int FieldIndex(const std::string& field_id) const;
  int CounterIndex(const std::string& counter_id) const;
  bool CounterServes(int16_t counter, uint8_t field) const;
  StatusOr<int16_t> FindCounter(const std::string& counter_id) const;
  // FindCounter, then CheckMayAct.
  StatusOr<int16_t> CounterFor(const CounterAction& a, CounterDuty duty) const;
  // CounterFor, and the counter must be OPEN.
  StatusOr<int16_t> OpenCounterFor(const CounterAction& a, CounterDuty duty) const;
  // The ticket the action is about (by number, or the counter's current one),
  // checked to be in one of `allowed` and, when at a counter, at this one.
  StatusOr<uint32_t> TicketAtCounter(const CounterAction& a, int16_t counter,
                                     std::initializer_list<TicketState> allowed) const;
  Status CheckIssueAllowed(int field, const IssueRequest& r, MicrosUtc now) const;
  Status CheckCounterFree(int16_t counter) const;
  uint32_t OpenCountersServing(uint8_t field) const;
  uint32_t EstimateWaitMinutes(uint8_t field, uint32_t ahead) const;

  // Admission: the one way a ticket joins the day, issued now (Issue) or
  // read back from the store (RestoreTicket), so a restored day counts
  // exactly as the issuing did. Appends `t`, counts it against its field's
  // daily cap and its citizen's caps, moves the field's next number past
  // it, indexes it by number and by request id (the first ticket of a
  // request id keeps it), and puts it in its line when WAITING.
  // REQUIRES: t.seq == ticket_count() + 1.
  const Ticket& Admit(Ticket t);
  void Enqueue(Ticket& t);
  void Dequeue(const Ticket& t);
  void AssignToCounter(Ticket& t, int16_t counter, const std::string& clerk, MicrosUtc now);
  void ReleaseCounter(Ticket& t);
  void RecordServiceTime(const Ticket& t);
  // The clerk recorded for an action: the authenticated caller, else the
  // clerk the request names, else the counter's clerk.
  std::string ClerkFor(int16_t counter, const CounterAction& a) const;
  // Moves the ticket at a counter to `to` and frees the counter.
  Status LeaveCounter(const CounterAction& a, std::initializer_list<TicketState> allowed, TicketState to,
                      v1::EventKind kind, MicrosUtc now, Change* change);

  void EmitTicketEvent(v1::EventKind kind, const Ticket& t, MicrosUtc now, Change* change,
                       const std::string& reason = {}, int from_field = -1);
  void EmitCounterEvent(v1::EventKind kind, int16_t counter, MicrosUtc now, Change* change);
  void Touch(Change* change, const Ticket& t) const;

  const config::CentreConfig* config_;
  uint32_t service_day_ = 0;
  uint64_t next_event_seq_ = 1;
  std::vector<Ticket> tickets_;
  std::vector<FieldLines> fields_;
  std::vector<CounterRuntime> counters_;
  std::vector<WaitingLine> directed_;  // per counter
  std::unordered_map<std::string, uint32_t> request_ids_;
  std::unordered_map<std::string, CitizenCount> citizens_;
};

}  // namespace qms::queue

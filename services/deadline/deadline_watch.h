// DeadlineWatch: the driver of WatchDeadlines. For each centre that has
// watchers it keeps one Asio steady_timer, armed at the next moment a
// dossier becomes due soon or overdue, found by a bounded seek on the due
// index (never by looking at every dossier). When it fires, the range of the
// index that crossed a threshold since the last pass is scanned, bounded
// above, and each dossier in it becomes an event:
//   OVERDUE   the running clock's due moment has passed (due < now);
//   DUE_SOON  the due moment came within the watcher's window
//             (due <= now + H working hours, H default 4, counted on the
//             centre's own calendar: a Saturday morning counts only where
//             the province works it).
// Changes committed by the engine (a new dossier, a resume, an extension)
// that land behind a threshold already passed become events at once.
//
// Semantics: events announce crossings after the subscription is in place;
// what was already due soon or overdue then is for ListDossiers to show.
// Delivery is at least once: a dossier whose due moment moves and crosses
// again is announced again.
//
// Threads: everything runs on one strand of the io_context given; the engine
// only posts to it. A subscriber's OnDeadlineEvent runs on that strand and
// must only queue the event (a slow watcher never slows anything). The timer
// waits at most a minute of real time, so a clock that jumps is noticed;
// Wake() re-evaluates at once (tests with a ManualClock use it).
//
// Lifetime: destroy only after the io_context stopped running handlers (its
// queued handlers then never run). The engine must outlive the watch.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "qms/v1/deadline.pb.h"
#include "services/deadline/dossier_engine.h"

namespace qms::deadline {

using DeadlineEventPtr = std::shared_ptr<const v1::DeadlineEvent>;

class DeadlineSubscriber {
 public:
  virtual ~DeadlineSubscriber() = default;
  virtual void OnDeadlineEvent(const DeadlineEventPtr& event) = 0;
};

class DeadlineWatch final : public DossierObserver {
 public:
  static constexpr uint32_t kDefaultDueSoonHours = 4;

  // Registers itself as the engine's observer.
  DeadlineWatch(boost::asio::io_context& io, DossierEngine* engine);
  ~DeadlineWatch() override;
  DeadlineWatch(const DeadlineWatch&) = delete;
  DeadlineWatch& operator=(const DeadlineWatch&) = delete;

  // NOT_FOUND for an unknown centre. The subscription takes effect on the
  // strand, shortly after, and then `on_subscribed` (if any) runs there;
  // `due_soon_working_hours` 0 means 4.
  [[nodiscard]] Status Subscribe(const std::string& centre_id, uint32_t due_soon_working_hours,
                                 std::shared_ptr<DeadlineSubscriber> subscriber,
                                 std::function<void()> on_subscribed = nullptr);
  // Takes effect on the strand; events already queued may still arrive.
  void Unsubscribe(const std::string& centre_id, const DeadlineSubscriber* subscriber);
  // Re-evaluates every watched centre now.
  void Wake();
  // Cancels every timer and drops every subscriber.
  void Stop();

  void OnDossierCommitted(uint32_t centre_key, const std::shared_ptr<const v1::Dossier>& dossier) override;

 private:
  struct Group {
    int64_t window = 0;       // working micros
    std::string soon_cursor;  // due-index keys below it were considered
    std::vector<std::shared_ptr<DeadlineSubscriber>> subscribers;
    std::unordered_map<std::string, MicrosUtc> announced;  // code -> due announced DUE_SOON
  };
  struct Watched {
    explicit Watched(boost::asio::io_context& io) : timer(io) {}
    uint32_t key = 0;
    const WorkingCalendar* calendar = nullptr;  // the centre's
    boost::asio::steady_timer timer;
    uint64_t generation = 0;
    MicrosUtc armed_for = 0;
    std::string overdue_cursor;                                    // keys below it were considered
    std::unordered_map<std::string, MicrosUtc> overdue_announced;  // code -> due announced OVERDUE
    std::vector<Group> groups;
  };

  // ---- strand only
  void AddSubscriber(const DossierCentre* centre, int64_t window,
                     std::shared_ptr<DeadlineSubscriber> subscriber,
                     const std::function<void()>& on_subscribed);
  void RemoveSubscriber(uint32_t key, const DeadlineSubscriber* subscriber);
  void HandleCommitted(uint32_t key, const std::shared_ptr<const v1::Dossier>& dossier);
  void Evaluate(Watched* w);
  bool ScanAndEmit(Watched* w, std::string* cursor, const std::string& upper, Group* group, MicrosUtc now);
  void Emit(Watched* w, v1::DeadlineEventKind kind, const v1::Dossier& d, Group* group, MicrosUtc now);
  void Arm(Watched* w);
  void Schedule(Watched* w, MicrosUtc next, MicrosUtc now);
  MicrosUtc FirstDueAtOrAfter(uint32_t key, const std::string& cursor) const;

  boost::asio::io_context& io_;
  DossierEngine* engine_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  std::unordered_map<uint32_t, std::unique_ptr<Watched>> watched_;  // strand only
  // Subscribers per centre key; the keys are fixed at construction, so the
  // writer's callback thread can test "anyone watching?" without locking.
  std::unordered_map<uint32_t, std::atomic<int>> subscriber_counts_;
  std::atomic<bool> stopped_{false};
};

}  // namespace qms::deadline

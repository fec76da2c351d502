#include "services/deadline/deadline_watch.h"

#include <algorithm>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <limits>

#include "services/deadline/dossier_keys.h"
#include "storage/keys.h"

namespace qms::deadline {

namespace {

constexpr MicrosUtc kNever = std::numeric_limits<MicrosUtc>::max();
// Real time a timer waits at most; a clock that jumps is noticed within it.
constexpr int64_t kMaxWaitMicros = 60 * kMicrosPerSecond;
// A future moment is waited for at least this long, so that a clock that
// stands still (tests) cannot make the timer spin.
constexpr int64_t kMinWaitMicros = 10'000;
// Events one pass emits at most per range; the rest follow in the next pass.
constexpr size_t kMaxEventsPerPass = 256;
// Entries kept for de-duplication before the memory is cleared.
constexpr size_t kMaxAnnounced = 4096;

bool Running(v1::DossierStatus s) { return s == v1::ACCEPTED || s == v1::PROCESSING; }

// True when (code, due) was announced already; records it otherwise.
bool AlreadyAnnounced(std::unordered_map<std::string, MicrosUtc>* announced, const std::string& code,
                      MicrosUtc due) {
  auto it = announced->find(code);
  if (it != announced->end() && it->second == due) return true;
  if (announced->size() >= kMaxAnnounced) announced->clear();
  (*announced)[code] = due;
  return false;
}

}  // namespace

DeadlineWatch::DeadlineWatch(boost::asio::io_context& io, DossierEngine* engine)
    : io_(io), engine_(engine), strand_(boost::asio::make_strand(io)) {
  for (const auto& c : engine->centres()) subscriber_counts_[c.key].store(0);
  engine_->SetObserver(this);
}

DeadlineWatch::~DeadlineWatch() { engine_->SetObserver(nullptr); }

Status DeadlineWatch::Subscribe(const std::string& centre_id, uint32_t due_soon_working_hours,
                                std::shared_ptr<DeadlineSubscriber> subscriber,
                                std::function<void()> on_subscribed) {
  const DossierCentre* centre = engine_->FindCentre(centre_id);
  if (!centre) return NotFound("centre " + centre_id + " does not exist");
  if (stopped_.load()) return Unavailable("the deadline watch is stopping");
  const uint32_t hours = due_soon_working_hours == 0 ? kDefaultDueSoonHours : due_soon_working_hours;
  subscriber_counts_.at(centre->key).fetch_add(1);
  boost::asio::post(
      strand_, [this, centre, window = int64_t{hours} * kMicrosPerHour, subscriber = std::move(subscriber),
                on_subscribed = std::move(on_subscribed)]() mutable {
        AddSubscriber(centre, window, std::move(subscriber), on_subscribed);
      });
  return Status::Ok();
}

void DeadlineWatch::Unsubscribe(const std::string& centre_id, const DeadlineSubscriber* subscriber) {
  const DossierCentre* centre = engine_->FindCentre(centre_id);
  if (!centre) return;
  const uint32_t key = centre->key;
  subscriber_counts_.at(key).fetch_sub(1);
  boost::asio::post(strand_, [this, key, subscriber] { RemoveSubscriber(key, subscriber); });
}

void DeadlineWatch::Wake() {
  boost::asio::post(strand_, [this] {
    for (auto& [key, w] : watched_) Evaluate(w.get());
  });
}

void DeadlineWatch::Stop() {
  stopped_.store(true);
  boost::asio::post(strand_, [this] {
    for (auto& [key, w] : watched_) w->timer.cancel();
    watched_.clear();
  });
}

void DeadlineWatch::OnDossierCommitted(uint32_t centre_key,
                                       const std::shared_ptr<const v1::Dossier>& dossier) {
  auto it = subscriber_counts_.find(centre_key);
  if (it == subscriber_counts_.end() || it->second.load() <= 0 || !Running(dossier->status())) return;
  boost::asio::post(strand_, [this, centre_key, dossier] { HandleCommitted(centre_key, dossier); });
}

// ---------------------------------------------------------------- strand

void DeadlineWatch::AddSubscriber(const DossierCentre* centre, int64_t window,
                                  std::shared_ptr<DeadlineSubscriber> subscriber,
                                  const std::function<void()>& on_subscribed) {
  if (stopped_.load()) return;
  const MicrosUtc now = engine_->clock().Now();
  const uint32_t key = centre->key;
  auto& w = watched_[key];
  if (!w) {
    w = std::make_unique<Watched>(io_);
    w->key = key;
    w->calendar = centre->calendar;
    w->overdue_cursor = DueKey(key, DueClock::kRunning, now, "");
  }
  auto group =
      std::find_if(w->groups.begin(), w->groups.end(), [&](const Group& g) { return g.window == window; });
  if (group == w->groups.end()) {
    Group fresh;
    fresh.window = window;
    fresh.soon_cursor = DueKey(key, DueClock::kRunning, w->calendar->AddWorkingMicros(now, window) + 1, "");
    w->groups.push_back(std::move(fresh));
    group = w->groups.end() - 1;
  }
  group->subscribers.push_back(std::move(subscriber));
  Arm(w.get());
  if (on_subscribed) on_subscribed();
}

void DeadlineWatch::RemoveSubscriber(uint32_t key, const DeadlineSubscriber* subscriber) {
  auto it = watched_.find(key);
  if (it == watched_.end()) return;
  Watched* w = it->second.get();
  for (auto& g : w->groups) {
    auto& subs = g.subscribers;
    subs.erase(std::remove_if(subs.begin(), subs.end(), [&](const auto& s) { return s.get() == subscriber; }),
               subs.end());
  }
  w->groups.erase(std::remove_if(w->groups.begin(), w->groups.end(),
                                 [](const Group& g) { return g.subscribers.empty(); }),
                  w->groups.end());
  if (w->groups.empty()) {
    w->timer.cancel();
    watched_.erase(it);
  }
}

void DeadlineWatch::HandleCommitted(uint32_t key, const std::shared_ptr<const v1::Dossier>& d) {
  auto it = watched_.find(key);
  if (it == watched_.end()) return;
  Watched* w = it->second.get();
  const MicrosUtc now = engine_->clock().Now();
  const std::string due_key = DueKey(key, DueClock::kRunning, d->due_at_us(), d->code());
  if (due_key < w->overdue_cursor) return Emit(w, v1::OVERDUE, *d, nullptr, now);
  // Overdue from d->due_at_us() + 1 on; an overdue dossier is not "due soon".
  MicrosUtc next = d->due_at_us() + 1;
  if (d->due_at_us() >= now) {
    for (auto& g : w->groups) {
      if (due_key < g.soon_cursor) {
        Emit(w, v1::DUE_SOON, *d, &g, now);
      } else {
        next = std::min(next, WhenWithinWorkingTime(d->due_at_us(), g.window, now, *w->calendar));
      }
    }
  }
  if (next < w->armed_for) Schedule(w, next, now);
}

void DeadlineWatch::Evaluate(Watched* w) {
  const MicrosUtc now = engine_->clock().Now();
  bool more = ScanAndEmit(w, &w->overdue_cursor, DueKey(w->key, DueClock::kRunning, now, ""), nullptr, now);
  for (auto& g : w->groups) {
    const MicrosUtc threshold = w->calendar->AddWorkingMicros(now, g.window);
    more |= ScanAndEmit(w, &g.soon_cursor, DueKey(w->key, DueClock::kRunning, threshold + 1, ""), &g, now);
  }
  if (!more) return Arm(w);
  // A burst: continue in a later pass, so other centres get their turn.
  boost::asio::post(strand_, [this, key = w->key] {
    auto it = watched_.find(key);
    if (it != watched_.end()) Evaluate(it->second.get());
  });
}

// Scans [*cursor, upper) of the running clocks; OVERDUE when `group` is
// null, else DUE_SOON for that group. Returns true when it stopped early.
bool DeadlineWatch::ScanAndEmit(Watched* w, std::string* cursor, const std::string& upper, Group* group,
                                MicrosUtc now) {
  if (upper <= *cursor) return false;
  size_t emitted = 0;
  auto it = engine_->store()->Scan(storage::Cf::kDossierDue, *cursor, upper);
  for (; it->Valid(); it->Next()) {
    if (emitted == kMaxEventsPerPass) {
      cursor->assign(it->key());
      return true;
    }
    MicrosUtc due = 0;
    std::string_view code;
    if (!ParseListKey(it->key(), 5, &due, &code)) continue;
    if (group && due < now) continue;  // overdue already: the overdue range announces it
    auto d = engine_->ReadDossier(std::string(code));
    if (!d.ok() || !Running(d->status()) || d->due_at_us() != due) continue;  // changed meanwhile
    Emit(w, group ? v1::DUE_SOON : v1::OVERDUE, *d, group, now);
    ++emitted;
  }
  *cursor = upper;
  return false;
}

void DeadlineWatch::Emit(Watched* w, v1::DeadlineEventKind kind, const v1::Dossier& d, Group* group,
                         MicrosUtc now) {
  auto* announced = group ? &group->announced : &w->overdue_announced;
  if (AlreadyAnnounced(announced, d.code(), d.due_at_us())) return;
  auto event = std::make_shared<v1::DeadlineEvent>();
  event->set_kind(kind);
  *event->mutable_dossier() = d;
  event->set_at_us(now);
  const DeadlineEventPtr shared = std::move(event);
  if (group) {
    for (const auto& s : group->subscribers) s->OnDeadlineEvent(shared);
    return;
  }
  for (const auto& g : w->groups) {
    for (const auto& s : g.subscribers) s->OnDeadlineEvent(shared);
  }
}

MicrosUtc DeadlineWatch::FirstDueAtOrAfter(uint32_t key, const std::string& cursor) const {
  const std::string upper = storage::PrefixUpperBound(DuePrefix(key, DueClock::kRunning));
  auto it = engine_->store()->Scan(storage::Cf::kDossierDue, cursor, upper);
  MicrosUtc due = 0;
  std::string_view code;
  if (!it->Valid() || !ParseListKey(it->key(), 5, &due, &code)) return kNever;
  return due;
}

void DeadlineWatch::Arm(Watched* w) {
  const MicrosUtc now = engine_->clock().Now();
  MicrosUtc next = kNever;
  const MicrosUtc first_overdue = FirstDueAtOrAfter(w->key, w->overdue_cursor);
  if (first_overdue != kNever) next = first_overdue + 1;
  for (const auto& g : w->groups) {
    const MicrosUtc first_soon = FirstDueAtOrAfter(w->key, g.soon_cursor);
    if (first_soon != kNever) {
      next = std::min(next, WhenWithinWorkingTime(first_soon, g.window, now, *w->calendar));
    }
  }
  Schedule(w, next, now);
}

void DeadlineWatch::Schedule(Watched* w, MicrosUtc next, MicrosUtc now) {
  w->armed_for = next;
  const int64_t wait = next <= now ? 0 : std::clamp<int64_t>(next - now, kMinWaitMicros, kMaxWaitMicros);
  const uint64_t generation = ++w->generation;
  w->timer.expires_after(std::chrono::microseconds(wait));
  w->timer.async_wait(boost::asio::bind_executor(
      strand_, [this, key = w->key, generation](const boost::system::error_code& ec) {
        if (ec) return;
        auto it = watched_.find(key);
        if (it == watched_.end() || it->second->generation != generation) return;
        Evaluate(it->second.get());
      }));
}

}  // namespace qms::deadline

#include "services/queue/event_hub.h"

#include <algorithm>

namespace qms::queue {

EventHub::EventHub(const std::vector<uint32_t>& centre_keys, size_t keep) : keep_(keep) {
  for (uint32_t key : centre_keys) centres_.emplace(key, std::make_unique<Watched>());
}

EventHub::Watched* EventHub::Find(uint32_t centre) {
  auto it = centres_.find(centre);
  return it == centres_.end() ? nullptr : it->second.get();
}

void EventHub::Publish(uint32_t centre, EventPtr event) {
  Watched* w = Find(centre);
  if (!w) return;
  std::lock_guard<std::mutex> lock(w->mu);
  for (auto& entry : w->subscribers) {
    if (event->seq() > entry.after_seq) entry.subscriber->OnEvent(event);
  }
  w->last_seq = event->seq();
  w->recent.push_back(std::move(event));
  if (w->recent.size() > keep_) w->recent.pop_front();
}

bool EventHub::Subscribe(uint32_t centre, EventSubscriber* subscriber, uint64_t after_seq,
                         const uint64_t* replay_from) {
  Watched* w = Find(centre);
  if (!w) return false;
  std::lock_guard<std::mutex> lock(w->mu);
  if (replay_from) {
    // Resumable only when the first event after *replay_from is still kept
    // (or nothing newer was published at all).
    const uint64_t last = w->last_seq;
    const uint64_t first = w->recent.empty() ? 0 : w->recent.front()->seq();
    const bool nothing_missed = *replay_from >= last;
    const bool kept = !w->recent.empty() && *replay_from + 1 >= first;
    if (!nothing_missed && !kept) return false;
    for (const auto& e : w->recent) {
      if (e->seq() > *replay_from) subscriber->OnEvent(e);
    }
    after_seq = std::max(after_seq, std::max(*replay_from, last));
  }
  w->subscribers.push_back({subscriber, after_seq});
  return true;
}

void EventHub::SetRecoveredSeq(uint32_t centre, uint64_t seq) {
  Watched* w = Find(centre);
  if (!w) return;
  std::lock_guard<std::mutex> lock(w->mu);
  w->last_seq = std::max(w->last_seq, seq);
}

void EventHub::Unsubscribe(uint32_t centre, EventSubscriber* subscriber) {
  Watched* w = Find(centre);
  if (!w) return;
  std::lock_guard<std::mutex> lock(w->mu);
  auto& subs = w->subscribers;
  subs.erase(
      std::remove_if(subs.begin(), subs.end(), [&](const auto& e) { return e.subscriber == subscriber; }),
      subs.end());
}

size_t EventHub::subscriber_count(uint32_t centre) {
  Watched* w = Find(centre);
  if (!w) return 0;
  std::lock_guard<std::mutex> lock(w->mu);
  return w->subscribers.size();
}

}  // namespace qms::queue

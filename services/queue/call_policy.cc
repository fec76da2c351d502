#include "services/queue/call_policy.h"

namespace qms::queue {

namespace {

double WeightedWait(const CallCandidate& c, MicrosUtc now) {
  return c.weight * static_cast<double>(now - c.key.queued_since);
}

// True when a should be taken before b within one class.
bool Before(const CallCandidate& a, const CallCandidate& b, MicrosUtc now) {
  const double wa = WeightedWait(a, now);
  const double wb = WeightedWait(b, now);
  if (wa != wb) return wa > wb;
  if (a.key.queued_since != b.key.queued_since) return a.key.queued_since < b.key.queued_since;
  if (a.field != b.field) return a.field < b.field;
  return a.key.seq < b.key.seq;
}

template <typename Pred>
std::optional<CallCandidate> Best(const std::vector<CallCandidate>& candidates, MicrosUtc now, Pred keep) {
  std::optional<CallCandidate> best;
  for (const auto& c : candidates) {
    if (!keep(c)) continue;
    if (!best || Before(c, *best, now)) best = c;
  }
  return best;
}

}  // namespace

std::optional<CallCandidate> ChooseNext(const std::vector<CallCandidate>& candidates,
                                        const config::QueuePolicy& policy, const CallerView& counter,
                                        MicrosUtc now) {
  if (auto directed = Best(candidates, now, [](const CallCandidate& c) { return c.directed; }))
    return directed;
  const MicrosUtc max_wait = static_cast<MicrosUtc>(policy.max_wait_minutes) * kMicrosPerMinute;
  auto starving =
      Best(candidates, now, [&](const CallCandidate& c) { return now - c.key.queued_since >= max_wait; });
  if (starving) return starving;
  auto preferred = Best(candidates, now, [](const CallCandidate& c) { return c.preferred; });
  auto normal = Best(candidates, now, [](const CallCandidate& c) { return !c.preferred; });
  if (counter.priority_counter) return preferred ? preferred : normal;
  if (preferred && (counter.preferred_streak < policy.priority_ratio || !normal)) return preferred;
  return normal ? normal : preferred;
}

}  // namespace qms::queue

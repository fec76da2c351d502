#include "services/base/load_meter.h"

#include <algorithm>

namespace qms {

Status LoadMeter::Enter(std::atomic<int>* centre, const std::string& centre_name) {
  const int total = total_.fetch_add(1, std::memory_order_relaxed) + 1;
  const int mine = centre->fetch_add(1, std::memory_order_relaxed) + 1;
  if (mine == 1) active_centres_.fetch_add(1, std::memory_order_relaxed);
  const int active = std::max(1, active_centres_.load(std::memory_order_relaxed));
  const int share = std::max(limits_.centre_floor, limits_.busy_in_flight / active);
  const bool full = total > limits_.max_in_flight;
  const bool over_share = total > limits_.busy_in_flight && mine > share;
  if (!full && !over_share) return Status::Ok();
  Leave(centre);
  shed_.fetch_add(1, std::memory_order_relaxed);
  if (full) {
    return ResourceExhausted("server busy: " + std::to_string(total - 1) +
                             " calls in flight; retry in 0.2 s");
  }
  return ResourceExhausted("server busy: centre " + centre_name + " has " + std::to_string(mine - 1) +
                           " calls in flight, its share while busy is " + std::to_string(share) +
                           "; retry in 0.2 s");
}

void LoadMeter::Leave(std::atomic<int>* centre) {
  if (centre->fetch_sub(1, std::memory_order_relaxed) == 1) {
    active_centres_.fetch_sub(1, std::memory_order_relaxed);
  }
  total_.fetch_sub(1, std::memory_order_relaxed);
}

}  // namespace qms

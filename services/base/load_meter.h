// LoadMeter: admission by load, so that a server offered more than it can
// do sheds the excess early and cheaply instead of queueing it until every
// caller's deadline has passed, and so that one flooding centre cannot take
// the capacity of the others.
//
// A call is "in flight" from Enter() until its answer (Leave()). Two bounds:
//   - past `max_in_flight` in all, every new call is shed;
//   - past `busy_in_flight` in all, a centre already holding more than its
//     fair share is shed: busy_in_flight divided among the centres that have
//     calls in flight, and never less than `centre_floor`.
// A shed call gets RESOURCE_EXHAUSTED "server busy ..., retry in 0.2 s" and
// costs a few atomic operations; nothing of it is done.
//
// Thread-safe and lock-free. Each centre's counter belongs to the caller
// (one per centre, living as long as the meter is used with it).
#pragma once

#include <atomic>
#include <string>

#include "services/base/status.h"

namespace qms {

struct LoadLimits {
  int max_in_flight = 4096;
  int busy_in_flight = 1024;
  int centre_floor = 32;
};

class LoadMeter {
 public:
  explicit LoadMeter(LoadLimits limits = {}) : limits_(limits) {}

  // OK: the call is admitted, and Leave(centre) must follow when it is
  // answered. RESOURCE_EXHAUSTED naming `centre_name`: shed, nothing to undo.
  [[nodiscard]] Status Enter(std::atomic<int>* centre, const std::string& centre_name);
  void Leave(std::atomic<int>* centre);

  int in_flight() const { return total_.load(std::memory_order_relaxed); }
  uint64_t shed() const { return shed_.load(std::memory_order_relaxed); }
  const LoadLimits& limits() const { return limits_; }

 private:
  const LoadLimits limits_;
  std::atomic<int> total_{0};
  std::atomic<int> active_centres_{0};  // centres with a call in flight
  std::atomic<uint64_t> shed_{0};
};

}  // namespace qms

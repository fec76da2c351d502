#include "services/base/thread_priority.h"

#include <algorithm>
#include <cerrno>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace qms {

void LowerThisThreadPriority(int steps) {
#if defined(__linux__)
  // On Linux, PRIO_PROCESS with a thread id sets that thread's nice value
  // alone (setpriority(2), "Bugs": threads do not share it).
  // Relative to now, so a server already started under `nice` keeps its
  // background work below its own calls.
  constexpr int kLowest = 19;
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;
  const int now = getpriority(PRIO_PROCESS, tid);
  if (errno != 0) return;
  (void)setpriority(PRIO_PROCESS, tid, std::min(now + steps, kLowest));
#else
  (void)steps;
#endif
}

}  // namespace qms

#include "services/base/thread_priority.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace qms {
namespace {

int NiceOfThisThread() {
  errno = 0;
  return getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
}

TEST(ThreadPriorityTest, LowersOnlyTheCallingThread) {
  const int before = NiceOfThisThread();
  int background = 0;
  std::thread worker([&] {
    LowerThisThreadPriority(10);
    background = NiceOfThisThread();
  });
  worker.join();
  EXPECT_EQ(background, std::min(before + 10, 19));
  EXPECT_EQ(NiceOfThisThread(), before) << "the caller's thread kept its priority";
}

}  // namespace
}  // namespace qms

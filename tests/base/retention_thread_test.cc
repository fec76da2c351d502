// RetentionThread: its passes run once at start and once per new local day,
// off the caller's thread, and a failed pass is logged.
#include "services/base/retention_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#endif

namespace qms {
namespace {

MicrosUtc Day(int d, int hour) { return LocalMoment(LocalDate{2025, 7, d}, hour * 60); }

class Recorder {
 public:
  void Add(const std::string& line) {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(line);
  }
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }
  // Waits (at most 10 s, polling) until `n` lines are in.
  bool WaitFor(size_t n) {
    for (int i = 0; i < 1000; ++i) {
      if (lines().size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

TEST(RetentionThreadTest, RunsAtStartAndAtEachNewDay) {
  ManualClock clock(Day(1, 8));
  Recorder log;
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> off_caller{true};
  RetentionThread thread(
      &clock,
      {[&](uint32_t today) -> StatusOr<std::string> {
         if (std::this_thread::get_id() == caller) off_caller = false;
         return "pass " + std::to_string(today);
       },
       [](uint32_t) -> StatusOr<std::string> { return Unavailable("disk full"); }},
      [&](const std::string& line) { log.Add(line); }, std::chrono::milliseconds(5));
  thread.Start();
  ASSERT_TRUE(log.WaitFor(2));
  clock.Set(Day(1, 17));  // the same day: nothing
  clock.Set(Day(2, 0) + kMicrosPerSecond);
  ASSERT_TRUE(log.WaitFor(4));
  thread.Stop();
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "pass 20250701");
  EXPECT_EQ(lines[1], "retention failed, tried again at the next day: UNAVAILABLE: disk full");
  EXPECT_EQ(lines[2], "pass 20250702");
  EXPECT_TRUE(off_caller);
}

#ifdef __linux__
// The passes yield the CPU to today's requests: their thread runs at nice
// 19, and only their thread (the caller's priority is untouched).
TEST(RetentionThreadTest, PassesRunAtTheLowestCpuPriority) {
  ManualClock clock(Day(1, 8));
  Recorder log;
  const int caller_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
  ASSERT_LT(caller_nice, RetentionThread::kPassNice);
  RetentionThread thread(
      &clock, {[](uint32_t) -> StatusOr<std::string> {
        errno = 0;
        const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
        return "nice " + std::to_string(errno == 0 ? nice : -100);
      }},
      [&](const std::string& line) { log.Add(line); }, std::chrono::milliseconds(5));
  thread.Start();
  ASSERT_TRUE(log.WaitFor(1));
  thread.Stop();
  EXPECT_EQ(log.lines()[0], "nice " + std::to_string(RetentionThread::kPassNice));
  EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid))), caller_nice);
}
#endif

TEST(RetentionThreadTest, StopsWithoutAPassWhenNeverStarted) {
  ManualClock clock(Day(1, 8));
  RetentionThread thread(&clock, {}, [](const std::string&) {});
  thread.Stop();  // nothing to join
}

}  // namespace
}  // namespace qms

// Clock: the one source of "now" for the engines, injected so that tests can
// run a whole service day in milliseconds. Times are microseconds since the
// Unix epoch, UTC. Local time is Asia/Ho_Chi_Minh, a fixed UTC+7 with no
// daylight saving, so no time zone database is needed.
#pragma once

#include <atomic>
#include <cstdint>

namespace qms {

using MicrosUtc = int64_t;

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;
constexpr int64_t kVietnamOffsetMicros = 7 * kMicrosPerHour;

class Clock {
 public:
  virtual ~Clock() = default;
  // Thread-safe.
  virtual MicrosUtc Now() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  MicrosUtc Now() const override;
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(MicrosUtc start) : now_(start) {}
  MicrosUtc Now() const override { return now_.load(std::memory_order_relaxed); }
  void Set(MicrosUtc t) { now_.store(t, std::memory_order_relaxed); }
  void Advance(int64_t micros) { now_.fetch_add(micros, std::memory_order_relaxed); }

 private:
  std::atomic<MicrosUtc> now_;
};

// A local civil date (Asia/Ho_Chi_Minh).
struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  bool operator==(const LocalDate& o) const { return year == o.year && month == o.month && day == o.day; }
  bool operator!=(const LocalDate& o) const { return !(*this == o); }
  bool operator<(const LocalDate& o) const { return ToYyyymmdd() < o.ToYyyymmdd(); }
  uint32_t ToYyyymmdd() const { return static_cast<uint32_t>(year * 10000 + month * 100 + day); }
  static LocalDate FromYyyymmdd(uint32_t v) {
    return {static_cast<int>(v / 10000), static_cast<int>(v / 100 % 100), static_cast<int>(v % 100)};
  }
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
int64_t DaysFromCivil(const LocalDate& d);
LocalDate CivilFromDays(int64_t days);
// 1 Monday .. 7 Sunday.
int Weekday(const LocalDate& d);

// Local (UTC+7) date of an instant, and minutes since local midnight.
LocalDate LocalDateOf(MicrosUtc t);
int LocalMinuteOfDay(MicrosUtc t);
// The instant of a local date at the given minute of the day.
MicrosUtc LocalMoment(const LocalDate& d, int minute_of_day);

}  // namespace qms

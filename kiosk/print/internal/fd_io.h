// Small POSIX helpers shared by the printers: an owning descriptor and
// whole-buffer writes that give up when the other side stops reading.
#pragma once

#include <chrono>
#include <string>

#include "services/base/status.h"

namespace qms::print::internal {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { Reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.Release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int Release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void Reset();

 private:
  int fd_ = -1;
};

// "strerror(err)" in English whatever the locale, for messages.
std::string ErrnoText(int err);

// Writes all of `data` to `fd` (blocking or not). With a non-blocking fd it
// waits up to `stall` for each step of progress. On failure UNAVAILABLE:
// "<who>: <what went wrong>". Sockets are written with MSG_NOSIGNAL, so a
// closed peer is an error, not a SIGPIPE.
Status WriteAll(int fd, const std::string& data, std::chrono::milliseconds stall, const std::string& who,
                bool is_socket);

// Milliseconds left until `deadline`, at least 0, for poll().
int MillisUntil(std::chrono::steady_clock::time_point deadline);

}  // namespace qms::print::internal

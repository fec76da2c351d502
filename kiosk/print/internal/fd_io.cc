#include "kiosk/print/internal/fd_io.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qms::print::internal {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    Reset();
    fd_ = other.Release();
  }
  return *this;
}

void UniqueFd::Reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::string ErrnoText(int err) {
  const char* text = strerrordesc_np(err);  // not translated, unlike strerror
  return text != nullptr ? text : "error " + std::to_string(err);
}

int MillisUntil(std::chrono::steady_clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

Status WriteAll(int fd, const std::string& data, std::chrono::milliseconds stall, const std::string& who,
                bool is_socket) {
  size_t done = 0;
  while (done < data.size()) {
    const size_t want = data.size() - done;
    const ssize_t n = is_socket ? ::send(fd, data.data() + done, want, MSG_NOSIGNAL)
                                : ::write(fd, data.data() + done, want);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(stall.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready == 0) {
        return Unavailable(who + ": the printer stopped taking data (" + std::to_string(done) + " of " +
                           std::to_string(data.size()) +
                           " bytes sent in time); is it out of paper or offline?");
      }
      continue;  // writable, or an error the next write reports
    }
    const int err = n < 0 ? errno : EIO;
    return Unavailable(who + ": write failed after " + std::to_string(done) + " of " +
                       std::to_string(data.size()) + " bytes: " + ErrnoText(err));
  }
  return Status::Ok();
}

}  // namespace qms::print::internal

// lp: printers: a CUPS queue set up as raw (no driver), through the `lp`
// command, run without a shell so that nothing in the spec is interpreted.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "kiosk/print/internal/fd_io.h"
#include "kiosk/print/internal/printers.h"

extern char** environ;

namespace qms::print::internal {
namespace {

constexpr size_t kMaxOutputKept = 1024;

// Blocks SIGPIPE in the calling thread while alive, so that writing to a
// child that exited early fails with EPIPE instead of killing the gateway;
// discards a SIGPIPE left pending before restoring the mask.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeBlock() {
    const timespec zero{0, 0};
    while (sigtimedwait(&pipe_, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

 private:
  sigset_t pipe_, old_;
};

struct Child {
  pid_t pid = -1;
  UniqueFd stdin_fd;   // ours to write, non-blocking
  UniqueFd output_fd;  // its stdout and stderr, merged
};

class LpPrinter : public SerialPrinter {
 public:
  LpPrinter(const std::string& spec, const PrinterSpec& parsed, const PrinterOptions& options)
      : SerialPrinter(spec), name_(parsed.name), options_(options) {}

 protected:
  Status Send(const PrintJob& job) override {
    StatusOr<Child> child = Spawn();
    if (!child.ok()) return child.status();
    std::string output;
    size_t sent = 0;
    const bool finished = Exchange(&*child, job.escpos, &sent, &output);
    if (!finished) ::kill(child->pid, SIGKILL);
    int wstatus = 0;
    while (::waitpid(child->pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (!finished) return Unavailable(spec() + ": " + options_.lp_program + " stopped responding; killed");
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) {
      if (sent == job.escpos.size()) return Status::Ok();
      return Unavailable(spec() + ": " + options_.lp_program + " took only " + std::to_string(sent) + " of " +
                         std::to_string(job.escpos.size()) + " bytes");
    }
    const std::string how = WIFEXITED(wstatus) ? "exited with " + std::to_string(WEXITSTATUS(wstatus))
                                               : "was killed by signal " + std::to_string(WTERMSIG(wstatus));
    while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
    return Unavailable(spec() + ": " + options_.lp_program + " " + how +
                       (output.empty() ? "" : ": " + output));
  }

 private:
  StatusOr<Child> Spawn() {
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0) return Unavailable(spec() + ": pipe: " + ErrnoText(errno));
    UniqueFd in_read(in[0]), in_write(in[1]);
    if (::pipe2(out, O_CLOEXEC) != 0) return Unavailable(spec() + ": pipe: " + ErrnoText(errno));
    UniqueFd out_read(out[0]), out_write(out[1]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_read.get(), 0);
    posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);
    posix_spawn_file_actions_adddup2(&actions, out_write.get(), 2);
    std::vector<std::string> args = {options_.lp_program, "-d", name_, "-o", "raw"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    Child child;
    const int err =
        ::posix_spawnp(&child.pid, options_.lp_program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) {
      return Unavailable(spec() + ": cannot run '" + options_.lp_program + "': " + ErrnoText(err) +
                         (err == ENOENT ? " (install the CUPS client, package cups-client)" : ""));
    }
    ::fcntl(in_write.get(), F_SETFL, O_NONBLOCK);
    child.stdin_fd = std::move(in_write);
    child.output_fd = std::move(out_read);
    return child;
  }

  // Writes `job` to the child's stdin while collecting its output, until it
  // closes its output; `sent` counts the bytes it took. False when nothing
  // moved for io_timeout.
  bool Exchange(Child* child, const std::string& job, size_t* sent_out, std::string* output) {
    SigpipeBlock no_sigpipe;
    size_t& sent = *sent_out;
    for (;;) {
      if (child->stdin_fd.valid() && sent == job.size()) child->stdin_fd.Reset();  // EOF for lp
      pollfd p[2] = {{child->output_fd.get(), POLLIN, 0}, {child->stdin_fd.get(), POLLOUT, 0}};
      const int ready =
          ::poll(p, child->stdin_fd.valid() ? 2 : 1, static_cast<int>(options_.io_timeout.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return false;
      if (p[0].revents != 0) {
        char buf[512];
        const ssize_t n = ::read(child->output_fd.get(), buf, sizeof buf);
        if (n == 0) return true;  // the child closed its output: it is exiting
        if (n > 0 && output->size() < kMaxOutputKept) output->append(buf, static_cast<size_t>(n));
      }
      if (child->stdin_fd.valid() && p[1].revents != 0) {
        const ssize_t n = ::write(child->stdin_fd.get(), job.data() + sent, job.size() - sent);
        if (n > 0) sent += static_cast<size_t>(n);
        if (n < 0 && errno != EAGAIN && errno != EINTR) child->stdin_fd.Reset();  // EPIPE: it quit early
      }
    }
  }

  const std::string name_;
  const PrinterOptions options_;
};

}  // namespace

std::unique_ptr<Printer> NewLpPrinter(const std::string& spec, const PrinterSpec& parsed,
                                      const PrinterOptions& options) {
  return std::make_unique<LpPrinter>(spec, parsed, options);
}

}  // namespace qms::print::internal

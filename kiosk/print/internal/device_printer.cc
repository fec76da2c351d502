// dev: printers: a printer's device node, e.g. /dev/usb/lp0 from the usblp
// driver. Opened for each job, so unplugging and replugging the printer
// between tickets needs no restart.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "kiosk/print/internal/fd_io.h"
#include "kiosk/print/internal/printers.h"

namespace qms::print::internal {
namespace {

class DevicePrinter : public SerialPrinter {
 public:
  DevicePrinter(const std::string& spec, const PrinterSpec& parsed, const PrinterOptions& options)
      : SerialPrinter(spec), path_(parsed.path), options_(options) {}

 protected:
  Status Send(const PrintJob& job) override {
    // Non-blocking, so that a printer out of paper (which stops reading)
    // costs io_timeout, not a worker thread forever.
    UniqueFd fd(::open(path_.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (!fd.valid()) return Unavailable(spec() + ": cannot open " + path_ + ": " + Hint(errno));
    return WriteAll(fd.get(), job.escpos, options_.io_timeout, spec(), false);
  }

 private:
  static std::string Hint(int err) {
    switch (err) {
      case ENOENT:
      case ENODEV:
      case ENXIO: return ErrnoText(err) + " (is the printer plugged in and on?)";
      case EACCES:
      case EPERM: return ErrnoText(err) + " (add the gateway's user to the group that owns it, usually lp)";
      case EBUSY: return ErrnoText(err) + " (another program holds the printer)";
      default: return ErrnoText(err);
    }
  }

  const std::string path_;
  const PrinterOptions options_;
};

}  // namespace

std::unique_ptr<Printer> NewDevicePrinter(const std::string& spec, const PrinterSpec& parsed,
                                          const PrinterOptions& options) {
  return std::make_unique<DevicePrinter>(spec, parsed, options);
}

}  // namespace qms::print::internal

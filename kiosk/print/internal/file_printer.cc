// file: printers, for tests, demos and spool folders that another program
// (or an operator with `cat job.escpos > /dev/usb/lp0`) forwards.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <ctime>

#include "kiosk/print/internal/fd_io.h"
#include "kiosk/print/internal/printers.h"

namespace qms::print::internal {
namespace {

constexpr std::chrono::milliseconds kNoStall{60000};  // regular files never stall

// yyyymmddHHMMSS in the machine's local time (the centre's).
std::string Stamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &local);
  return buf;
}

class FilePrinter : public SerialPrinter {
 public:
  FilePrinter(const std::string& spec, const PrinterSpec& parsed)
      : SerialPrinter(spec),
        path_(parsed.path),
        directory_(parsed.kind == PrinterSpec::Kind::kFileDirectory) {}

 protected:
  Status Send(const PrintJob& job) override { return directory_ ? SendToDirectory(job) : Append(job); }

 private:
  Status Append(const PrintJob& job) {
    UniqueFd fd(::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
    if (!fd.valid()) return Unavailable(spec() + ": cannot open " + path_ + ": " + ErrnoText(errno));
    return WriteAll(fd.get(), job.escpos, kNoStall, spec(), false);
  }

  Status SendToDirectory(const PrintJob& job) {
    if (::mkdir(path_.c_str(), 0755) != 0 && errno != EEXIST) {
      return Unavailable(spec() + ": cannot make the folder " + path_ + ": " + ErrnoText(errno));
    }
    std::string stem = "ticket-";
    if (!job.centre_id.empty()) stem += FileNamePart(job.centre_id) + "-";
    if (!job.number.empty()) stem += FileNamePart(job.number) + "-";
    stem += Stamp();
    const std::string dir = path_.back() == '/' ? path_ : path_ + "/";
    // A reprint within the same second gets -2, -3, ...: never overwrite.
    for (int attempt = 1; attempt <= 100; ++attempt) {
      const std::string base = dir + stem + (attempt == 1 ? "" : "-" + std::to_string(attempt));
      UniqueFd fd(::open((base + ".escpos").c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
      if (!fd.valid() && errno == EEXIST) continue;
      if (!fd.valid())
        return Unavailable(spec() + ": cannot create " + base + ".escpos: " + ErrnoText(errno));
      Status written = WriteAll(fd.get(), job.escpos, kNoStall, spec(), false);
      if (!written.ok() || job.png.empty()) return written;
      return WritePng(base + ".png", job.png);
    }
    return Unavailable(spec() + ": 100 jobs named " + stem + " already; clean the folder");
  }

  Status WritePng(const std::string& path, const std::string& png) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.valid()) return Unavailable(spec() + ": cannot create " + path + ": " + ErrnoText(errno));
    return WriteAll(fd.get(), png, kNoStall, spec(), false);
  }

  const std::string path_;
  const bool directory_;
};

}  // namespace

std::string FileNamePart(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (out.size() == 40) break;
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    out.push_back(keep && static_cast<unsigned char>(c) < 0x80 ? c : '_');
  }
  return out;
}

std::unique_ptr<Printer> NewFilePrinter(const std::string& spec, const PrinterSpec& parsed) {
  return std::make_unique<FilePrinter>(spec, parsed);
}

}  // namespace qms::print::internal

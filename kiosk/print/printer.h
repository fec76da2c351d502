// Printer: where a ticket's ESC/POS bytes go, chosen by a spec string in the
// gateway's configuration:
//
//   file:PATH       PATH an existing directory or ending in '/': one file per
//                   job, PATH/ticket-<centre>-<number>-<yyyymmddHHMMSS>.escpos
//                   and the .png preview beside it (the directory is made if
//                   missing); otherwise every job is appended to the file PATH.
//   tcp:HOST:PORT   a raw network printer (JetDirect, usually port 9100):
//                   connect, write the job, close. An IPv6 host in brackets:
//                   tcp:[fd00::5]:9100.
//   dev:PATH        a printer device, e.g. dev:/dev/usb/lp0: open write-only,
//                   write, close.
//   lp:NAME         a CUPS queue: runs `lp -d NAME -o raw` (no shell) with the
//                   job on its standard input.
//
// Thread-safe: a Printer takes one job at a time; concurrent Print calls
// wait for each other. Print blocks for up to the timeouts below: call it on
// a worker thread, never on a network thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "services/base/status.h"

namespace qms::print {

struct PrintJob {
  std::string centre_id;  // names spool files (file: directories); may be empty
  std::string number;     // names spool files; may be empty
  std::string escpos;     // the bytes the printer receives
  std::string png;        // preview kept beside a spool file; may be empty
};

struct PrinterOptions {
  // tcp: how long to wait for the connection.
  std::chrono::milliseconds connect_timeout{3000};
  // tcp:, dev:, lp:: how long a write may make no progress before the job
  // is given up (a printer out of paper stops reading).
  std::chrono::milliseconds io_timeout{10000};
  // lp: the program run, looked up in PATH; tests substitute a fake.
  std::string lp_program = "lp";
};

class Printer {
 public:
  virtual ~Printer() = default;

  // Sends one job, whole. UNAVAILABLE, with a message an operator can act
  // on ("tcp:10.0.0.7:9100: connection refused ..."), when the printer
  // cannot take it; the job may then have been printed in part.
  [[nodiscard]] virtual Status Print(const PrintJob& job) = 0;

  // The spec the printer was opened with.
  virtual const std::string& spec() const = 0;
};

// Checks the spec's form only: a printer that is off or unplugged now may be
// on when the first ticket is printed. INVALID_ARGUMENT naming the problem
// (unknown kind, empty path, bad port, relative device path, ...).
StatusOr<std::unique_ptr<Printer>> OpenPrinter(const std::string& spec, const PrinterOptions& options = {});

}  // namespace qms::print

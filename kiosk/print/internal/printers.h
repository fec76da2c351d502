// The printer kinds behind OpenPrinter (printer.h), one file each.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "kiosk/print/internal/printer_spec.h"
#include "kiosk/print/printer.h"

namespace qms::print::internal {

// Serialises jobs: Print holds a mutex around Send, so each kind is written
// as if single-threaded.
class SerialPrinter : public Printer {
 public:
  explicit SerialPrinter(std::string spec) : spec_(std::move(spec)) {}
  Status Print(const PrintJob& job) final {
    std::lock_guard<std::mutex> lock(mu_);
    return Send(job);
  }
  const std::string& spec() const final { return spec_; }

 protected:
  virtual Status Send(const PrintJob& job) = 0;

 private:
  const std::string spec_;
  std::mutex mu_;
};

std::unique_ptr<Printer> NewFilePrinter(const std::string& spec, const PrinterSpec& parsed);
std::unique_ptr<Printer> NewTcpPrinter(const std::string& spec, const PrinterSpec& parsed,
                                       const PrinterOptions& options);
std::unique_ptr<Printer> NewDevicePrinter(const std::string& spec, const PrinterSpec& parsed,
                                          const PrinterOptions& options);
std::unique_ptr<Printer> NewLpPrinter(const std::string& spec, const PrinterSpec& parsed,
                                      const PrinterOptions& options);

// A file-name-safe form of `text`: ASCII letters, digits, '-' and '_' kept,
// anything else '_'; at most 40 characters.
std::string FileNamePart(const std::string& text);

}  // namespace qms::print::internal

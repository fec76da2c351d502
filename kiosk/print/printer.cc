#include "kiosk/print/printer.h"

#include "kiosk/print/internal/printer_spec.h"
#include "kiosk/print/internal/printers.h"

namespace qms::print {

StatusOr<std::unique_ptr<Printer>> OpenPrinter(const std::string& spec, const PrinterOptions& options) {
  StatusOr<internal::PrinterSpec> parsed = internal::ParsePrinterSpec(spec);
  if (!parsed.ok()) return parsed.status();
  using Kind = internal::PrinterSpec::Kind;
  switch (parsed->kind) {
    case Kind::kFileAppend:
    case Kind::kFileDirectory: return internal::NewFilePrinter(spec, *parsed);
    case Kind::kTcp: return internal::NewTcpPrinter(spec, *parsed, options);
    case Kind::kDevice: return internal::NewDevicePrinter(spec, *parsed, options);
    case Kind::kLp: return internal::NewLpPrinter(spec, *parsed, options);
  }
  return InvalidArgument("printer spec '" + spec + "': unknown kind");
}

}  // namespace qms::print

// The parsed form of a printer spec (printer.h lists the forms).
#pragma once

#include <string>

#include "services/base/status.h"

namespace qms::print::internal {

struct PrinterSpec {
  enum class Kind { kFileAppend, kFileDirectory, kTcp, kDevice, kLp };
  Kind kind = Kind::kFileAppend;
  std::string path;  // file and device kinds
  std::string host;  // tcp: without brackets
  int port = 0;      // tcp: 1..65535
  std::string name;  // lp: the CUPS destination
};

// INVALID_ARGUMENT with a message naming the problem and quoting the spec.
// kFileDirectory when the path ends in '/' or names an existing directory
// (the only check that looks at the filesystem).
StatusOr<PrinterSpec> ParsePrinterSpec(const std::string& spec);

}  // namespace qms::print::internal

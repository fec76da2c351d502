// Scratch folders and file reading for the printing tests.
#pragma once

#include <string>
#include <vector>

#include "kiosk/print/ticket_slip.h"
#include "tests/support/temp_dir.h"

namespace qms::print {

using TempDir = test::TempDir;

std::string ReadWholeFile(const std::string& path);
void WriteWholeFile(const std::string& path, const std::string& content, bool executable = false);
// Names in `dir`, sorted, without "." and "..".
std::vector<std::string> ListDir(const std::string& dir);

// A typical slip with the given number.
TicketSlip SampleSlip(const std::string& number = "B023");

}  // namespace qms::print

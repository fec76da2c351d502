// libFuzzer target: the procedure-catalogue loader (services/deadline) on
// any CSV text, and the time-limit parser on each line of it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "services/deadline/procedure_catalogue.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qms::deadline;
  const std::string text(reinterpret_cast<const char*>(data), size);
  size_t start = 0;
  for (int lines = 0; start <= text.size() && lines < 64; ++lines) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto limit = ParseTimeLimit(text.substr(start, end - start));
    // What parses prints back to the same limit.
    if (limit.ok()) {
      auto again = ParseTimeLimit(FormatTimeLimit(*limit));
      if (!again.ok() || FormatTimeLimit(*again) != FormatTimeLimit(*limit)) std::abort();
    }
    start = end + 1;
  }
  auto catalogue = ProcedureCatalogue::Parse(text, "fuzz.csv");
  if (catalogue.ok()) {
    for (const Procedure& p : catalogue->all()) {
      if (catalogue->Find(p.code) == nullptr) std::abort();
    }
  }
  return 0;
}

// libFuzzer target: the centre configuration loader (services/config) on
// any YAML text. It must answer OK or a status, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "services/config/config_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto config = qms::config::ParseSystemConfig(text, "fuzz.yaml");
  if (config.ok() && config->centres.empty() && config->provinces.empty()) {
    // Nothing: a config may be empty. Reading it is the test.
  }
  return 0;
}

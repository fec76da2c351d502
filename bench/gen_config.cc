// qms-gen-config: writes a centre config YAML (docs/config.md) with realistic
// names over the 34 provinces; --bench sets the load-test policy.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

#include "bench/config_generator.h"

int main(int argc, char** argv) {
  CLI::App app{"qms-gen-config: write a centre config (docs/config.md) for tests, demos and qms-bench"};
  qms::bench::ConfigGenOptions options;
  std::string out_path;
  app.add_option("--centres", options.centres, "number of centres")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_flag("--bench", options.bench,
               "load-test policy: accept_outside_hours, no demand control, no caps, no auto no-show");
  app.add_flag("--open-all-day", options.open_all_day, "hours 00:00-23:59 every day");
  app.add_option("--seed", options.seed, "names and counter counts follow from it")->capture_default_str();
  app.add_option("--id-base", options.id_base, "centre i (from 1) gets id id-base + i")
      ->check(CLI::Range(uint64_t{0}, uint64_t{899999999}))
      ->capture_default_str();
  app.add_option("--min-counters", options.min_counters, "fewest counters per centre")
      ->check(CLI::Range(1, 50))
      ->capture_default_str();
  app.add_option("--max-counters", options.max_counters, "most counters per centre")
      ->check(CLI::Range(1, 50))
      ->capture_default_str();
  app.add_option("-o,--out", out_path, "output file (default: standard output)");
  CLI11_PARSE(app, argc, argv);
  if (options.min_counters > options.max_counters) {
    std::cerr << "qms-gen-config: --min-counters is above --max-counters\n";
    return 2;
  }
  if (options.id_base + static_cast<uint64_t>(options.centres) > 999999999) {
    std::cerr << "qms-gen-config: ids would exceed 9 digits\n";
    return 2;
  }
  if (out_path.empty()) {
    qms::bench::WriteCentreConfig(options, std::cout);
    return std::cout ? 0 : 1;
  }
  std::ofstream out(out_path, std::ios::trunc);
  qms::bench::WriteCentreConfig(options, out);
  out.close();
  if (!out) {
    std::cerr << "qms-gen-config: cannot write " << out_path << "\n";
    return 1;
  }
  return 0;
}

// What the bench smoke tests share: a scratch folder per test, the options of
// a short bounded run writing its JSON there, and readers of that JSON.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/bench_options.h"

namespace qms::bench::smoke {

using nlohmann::json;

// An empty folder in the temp dir named after `prefix`, this process and the
// running test.
inline std::filesystem::path ScratchDirectory(const std::string& prefix) {
  const auto path = std::filesystem::temp_directory_path() /
                    (prefix + std::to_string(::getpid()) + "_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

// A quiet one-second run against `target`, bounded in drain and preparation,
// whose result goes to DIRECTORY/NAME.json.
inline CommonOptions ShortRun(const std::string& target, const std::filesystem::path& directory,
                              const std::string& name) {
  CommonOptions options;
  options.connection.target = target;
  options.quiet = true;
  options.duration_seconds = 1.0;
  options.drain_seconds = 10;
  options.prepare_timeout_seconds = 60;
  options.json_path = (directory / (name + ".json")).string();
  return options;
}

// The whole result file of a run.
inline json ReadResult(const CommonOptions& options) {
  std::ifstream in(options.json_path);
  return json::parse(in);
}

// Successful operations of `metric` in one run ("runs"[i]); 0 if absent.
inline uint64_t Ok(const json& run, const std::string& metric) {
  return run["metrics"].contains(metric) ? run["metrics"][metric]["ok"].get<uint64_t>() : 0;
}

// Errors of `metric` with the gRPC status `code` (e.g. "UNAVAILABLE").
inline uint64_t Errors(const json& run, const std::string& metric, const std::string& code) {
  if (!run["metrics"].contains(metric)) return 0;
  const json& errors = run["metrics"][metric]["errors"];
  return errors.contains(code) ? errors[code].get<uint64_t>() : 0;
}

// Failed operations of the run as a whole.
inline uint64_t Failed(const json& run) { return run["metrics"]["operation"]["failed"].get<uint64_t>(); }

}  // namespace qms::bench::smoke

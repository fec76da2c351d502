#include "services/server/protobuf_log.h"

#include <google/protobuf/stubs/logging.h>

#include <chrono>
#include <mutex>

namespace qms::server {

namespace {

constexpr auto kInterval = std::chrono::minutes(1);

std::mutex mu;
std::function<void(const std::string&)> sink_fn;
std::chrono::steady_clock::time_point last_shown;
bool shown_once = false;
uint64_t left_out = 0;

bool IsBadTextLine(const std::string& message) { return message.find("invalid UTF-8") != std::string::npos; }

void Handle(google::protobuf::LogLevel level, const char* file, int line, const std::string& message) {
  std::lock_guard<std::mutex> lock(mu);
  const std::string where = std::string("libprotobuf ") + file + ":" + std::to_string(line) + ": ";
  if (!IsBadTextLine(message)) {
    sink_fn(where + message);
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (shown_once && now - last_shown < kInterval) {
    ++left_out;
    return;
  }
  std::string text = where + message + " (request refused with INVALID_ARGUMENT";
  if (left_out > 0) text += "; " + std::to_string(left_out) + " more such requests since the last line";
  sink_fn(text + ")");
  shown_once = true;
  last_shown = now;
  left_out = 0;
}

}  // namespace

void LimitProtobufLog(std::function<void(const std::string&)> sink) {
  {
    std::lock_guard<std::mutex> lock(mu);
    sink_fn = std::move(sink);
  }
  google::protobuf::SetLogHandler(&Handle);
}

}  // namespace qms::server

#include "storage/stderr_logger.h"

#include <cstdarg>
#include <cstdio>

namespace qms::storage {

namespace {

class StderrLogger final : public rocksdb::Logger {
 public:
  explicit StderrLogger(std::string path)
      : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL), path_(std::move(path)) {}

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    char line[1024];
    std::vsnprintf(line, sizeof line, format, ap);
    std::fprintf(stderr, "rocksdb %s: %s\n", path_.c_str(), line);
  }

 private:
  const std::string path_;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> NewStderrLogger(std::string path) {
  return std::make_shared<StderrLogger>(std::move(path));
}

}  // namespace qms::storage

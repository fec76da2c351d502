// Status: the result of an operation across module boundaries. No exception
// crosses a module; a function that can fail returns a Status (or a
// StatusOr<T>). The codes match gRPC's one to one, so a service converts a
// Status to a grpc::Status without losing the specific code.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace qms {

enum class StatusCode {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status ResourceExhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }

namespace internal {
// Prints `status` and what was asked of it to stderr, then aborts.
[[noreturn]] void DieOfValueOnError(const Status& status);
// What a StatusOr made from an OK Status holds instead (there is no value).
Status OkStatusWithoutValue();
}  // namespace internal

// A value or the Status that explains why there is none. Reading the value
// of an error (value(), *, ->) is checked: it aborts the process naming the
// error, rather than reading memory that holds no value. Check ok() first.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok(); an OK status becomes an INTERNAL error.
  StatusOr(Status status)  // NOLINT
      : status_(status.ok() ? internal::OkStatusWithoutValue() : std::move(status)) {}
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() { return Checked(); }
  const T& value() const { return Checked(); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &Checked(); }
  T& operator*() { return Checked(); }
  const T& operator*() const { return Checked(); }

 private:
  T& Checked() {
    if (!value_) internal::DieOfValueOnError(status_);
    return *value_;
  }
  const T& Checked() const {
    if (!value_) internal::DieOfValueOnError(status_);
    return *value_;
  }

  Status status_;
  std::optional<T> value_;
};

}  // namespace qms

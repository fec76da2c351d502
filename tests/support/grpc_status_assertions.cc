#include "tests/support/grpc_status_assertions.h"

namespace qms::test {

::testing::AssertionResult HasCode(const grpc::Status& s, grpc::StatusCode code,
                                   const std::string& mentions) {
  if (s.error_code() != code) {
    return ::testing::AssertionFailure()
           << "code " << s.error_code() << " (" << s.error_message() << "), expected " << code;
  }
  if (code != grpc::StatusCode::OK && s.error_message().empty()) {
    return ::testing::AssertionFailure() << "code " << code << " without a message";
  }
  if (s.error_message().find(mentions) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "message \"" << s.error_message() << "\" does not mention \"" << mentions << "\"";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace qms::test

// Assertions on the status of an RPC, shared by every in-process service
// test: EXPECT_TRUE(HasCode(stub->Call(...), grpc::StatusCode::NOT_FOUND,
// "centre 999")).
#pragma once

#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include <string>

namespace qms::test {

// Passes when `s` has `code` and a message that contains `mentions`; a
// refusal (any code but OK) must carry a message.
::testing::AssertionResult HasCode(const grpc::Status& s, grpc::StatusCode code,
                                   const std::string& mentions = "");

}  // namespace qms::test

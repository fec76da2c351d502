// Checks shared by the bad-request tests of every service: each method,
// unary or streaming, answers bytes that are not a valid request with
// INVALID_ARGUMENT and a message naming the problem, and sends nothing else.
#pragma once

#include <gtest/gtest.h>

#include "tests/support/raw_grpc_call.h"

namespace qms::test {

inline void ExpectEveryMethodRefusesBadBytes(const std::shared_ptr<grpc::Channel>& channel,
                                             const std::vector<std::string>& services) {
  const auto methods = MethodsOf(services);
  ASSERT_FALSE(methods.empty());
  for (const auto* m : methods) {
    SCOPED_TRACE(PathOf(m));
    // Bytes that are not protobuf at all: a field tag with wire type 7.
    RawReply garbage = RawCall(channel, PathOf(m), std::string("\xff\xff\xff\xff", 4));
    EXPECT_EQ(garbage.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << garbage.status.error_message();
    EXPECT_NE(garbage.status.error_message().find("request is not valid protobuf"), std::string::npos)
        << garbage.status.error_message();
    EXPECT_EQ(garbage.messages, 0);

    // A text field holding bytes that are not UTF-8.
    const auto* text = FirstStringField(m->input_type());
    if (text == nullptr) continue;  // e.g. EchoRequest: bytes only
    RawReply bad_text = RawCall(channel, PathOf(m), LengthDelimited(text->number(), "\xff\xfe"));
    EXPECT_EQ(bad_text.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << bad_text.status.error_message();
    EXPECT_EQ(bad_text.status.error_message(),
              "request is not valid protobuf: the text field " + text->name() + " is not UTF-8");
    EXPECT_EQ(bad_text.messages, 0);
  }
}

}  // namespace qms::test

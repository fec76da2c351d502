// The gateway's own input checks.
#include "kiosk/gateway/request_checks.h"

#include <gtest/gtest.h>

namespace qms::gateway {
namespace {

TEST(RequestChecksTest, TicketNumbersAreALetterAndDigits) {
  EXPECT_TRUE(CheckTicketNumber("B023").ok());
  EXPECT_TRUE(CheckTicketNumber("A1").ok());
  for (const char* bad : {"", "B", "b023", "023", "B02x", "B02345678", "BB01", "B 01"}) {
    EXPECT_EQ(CheckTicketNumber(bad).code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(RequestChecksTest, IdentifiersAreBoundedPrintableAscii) {
  EXPECT_TRUE(CheckIdentifier("ho_tich", "field_id", true).ok());
  EXPECT_TRUE(CheckIdentifier("", "clerk_id", false).ok());
  EXPECT_NE(CheckIdentifier("", "field_id", true).message().find("field_id is required"), std::string::npos);
  EXPECT_EQ(CheckIdentifier("a b", "x", false).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckIdentifier("hộ_tịch", "x", false).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckIdentifier(std::string(65, 'a'), "x", false).code(), StatusCode::kInvalidArgument);
}

TEST(RequestChecksTest, FreeTextKeepsVietnameseAndRefusesControlCharacters) {
  EXPECT_TRUE(CheckFreeText("Nguyễn Thị Ngọc Ánh", "applicant_name", 200).ok());
  EXPECT_EQ(CheckFreeText("a\x1b[31m", "reason", 200).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckFreeText(std::string("a\0b", 3), "reason", 200).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckFreeText("x\xc2\x9b", "reason", 200).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckFreeText(std::string(201, 'a'), "reason", 200).code(), StatusCode::kInvalidArgument);
}

TEST(RequestChecksTest, QueryNumbersAreWholeAndInRange) {
  EXPECT_EQ(*ParseQueryNumber("42", "after", 0, 100), 42u);
  EXPECT_EQ(ParseQueryNumber("-1", "after", 0, 100).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseQueryNumber("1e3", "after", 0, 100).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseQueryNumber("101", "after", 0, 100).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseQueryNumber("99999999999999999999", "after", 0, 100).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace qms::gateway

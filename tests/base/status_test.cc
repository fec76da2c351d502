// Status and StatusOr (services/base/status.h): codes, text, and the checked
// value of an error.
#include "services/base/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace qms {
namespace {

StatusOr<std::string> Found(bool found) {
  if (!found) return NotFound("ticket A001 does not exist");
  return std::string("A001");
}

TEST(StatusTest, CodesAndText) {
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(Status::Ok().ToString(), "OK");
  const Status s = Unavailable("the disk failed");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(s.ToString(), "UNAVAILABLE: the disk failed");
}

TEST(StatusOrTest, AValueOrItsReason) {
  StatusOr<std::string> found = Found(true);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value(), "A001");
  EXPECT_EQ(*found, "A001");
  EXPECT_EQ(found->size(), 4u);
  const StatusOr<std::string> missing = Found(false);
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(StatusOrTest, AnOkStatusWithoutAValueIsAnError) {
  const StatusOr<int> odd(Status::Ok());
  EXPECT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().code(), StatusCode::kInternal);
}

TEST(StatusOrDeathTest, ReadingTheValueOfAnErrorAbortsNamingIt) {
  StatusOr<std::string> missing = Found(false);
  EXPECT_DEATH((void)missing.value(),
               "the value of an error was read \\(NOT_FOUND: ticket A001 does not exist\\)");
  EXPECT_DEATH((void)*missing, "NOT_FOUND");
  EXPECT_DEATH((void)missing->size(), "NOT_FOUND");
  const StatusOr<std::unique_ptr<int>> none(Internal("no"));
  EXPECT_DEATH((void)none.value(), "INTERNAL: no");
}

}  // namespace
}  // namespace qms

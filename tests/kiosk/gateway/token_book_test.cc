// TokenBook: the token file's format, its errors, and which token a call gets.
#include "kiosk/gateway/token_book.h"

#include <gtest/gtest.h>

namespace qms::gateway {
namespace {

TEST(TokenBookTest, ACentresOwnTokenWinsOverTheOneForEveryCentre) {
  auto book = TokenBook::Parse(
      "# role centre token\n"
      "kiosk 09187 k-09187   # the ward's kiosk\n"
      "kiosk * k-any\n"
      "\n"
      "board * b-any\n",
      "tokens.txt");
  ASSERT_TRUE(book.ok()) << book.status().message();
  EXPECT_EQ(book->size(), 3u);
  EXPECT_EQ(book->TokenFor(PageRole::kKiosk, "09187"), "k-09187");
  EXPECT_EQ(book->TokenFor(PageRole::kKiosk, "07696"), "k-any");
  EXPECT_EQ(book->TokenFor(PageRole::kBoard, "09187"), "b-any");
  EXPECT_EQ(book->TokenFor(PageRole::kCounter, "09187"), "");  // none set: no token sent
}

TEST(TokenBookTest, MalformedLinesAreRefusedWithFileAndLine) {
  auto expect_error = [](const std::string& text, const std::string& mentions) {
    auto book = TokenBook::Parse(text, "t.txt");
    ASSERT_FALSE(book.ok()) << text;
    EXPECT_EQ(book.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(book.status().message().find(mentions), std::string::npos) << book.status().message();
  };
  expect_error("admin * x\n", "t.txt:1: role \"admin\"");
  expect_error("\nkiosk 09187\n", "t.txt:2: expected ROLE CENTRE TOKEN");
  expect_error("kiosk 09187 a b\n", "more than ROLE CENTRE TOKEN");
  expect_error("kiosk ward7 a\n", "centre \"ward7\"");
  expect_error("kiosk * a\nkiosk * b\n", "t.txt:2: a second token");
  EXPECT_EQ(TokenBook::Load("/nonexistent/tokens").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace qms::gateway

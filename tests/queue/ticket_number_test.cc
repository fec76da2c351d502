// TicketNumber: the one format and parse of "B023"-style numbers.
#include "services/queue/ticket_number.h"

#include <gtest/gtest.h>

#include "services/queue/centre.h"
#include "tests/queue/test_config.h"

namespace qms::queue {
namespace {

TEST(TicketNumberTest, FormatsTheLetterAndAtLeastThreeDigits) {
  EXPECT_EQ((TicketNumber{'A', 1}.Format()), "A001");
  EXPECT_EQ((TicketNumber{'B', 23}.Format()), "B023");
  EXPECT_EQ((TicketNumber{'Z', 999}.Format()), "Z999");
  EXPECT_EQ((TicketNumber{'C', 1000}.Format()), "C1000");
  EXPECT_EQ((TicketNumber{'D', 0}.Format()), "D000");
}

TEST(TicketNumberTest, ParseReadsWhatFormatWrote) {
  for (char prefix : {'A', 'M', 'Z'}) {
    for (uint32_t seq : {0u, 1u, 23u, 999u, 1000u, 65535u, 9999999u}) {
      const TicketNumber n{prefix, seq};
      StatusOr<TicketNumber> back = TicketNumber::Parse(n.Format());
      ASSERT_TRUE(back.ok()) << n.Format() << ": " << back.status().ToString();
      EXPECT_EQ(*back, n) << n.Format();
    }
  }
}

TEST(TicketNumberTest, ParseNeedsNoPadding) {
  StatusOr<TicketNumber> n = TicketNumber::Parse("B7");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->prefix, 'B');
  EXPECT_EQ(n->seq, 7u);
  EXPECT_EQ(n->Format(), "B007");
  ASSERT_TRUE(TicketNumber::Parse("B0000007").ok());
  EXPECT_EQ(TicketNumber::Parse("B0000007")->seq, 7u);
}

void ExpectRefused(const std::string& text, const std::string& message) {
  StatusOr<TicketNumber> n = TicketNumber::Parse(text);
  ASSERT_FALSE(n.ok()) << text;
  EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument) << text;
  EXPECT_EQ(n.status().message(), message) << text;
}

TEST(TicketNumberTest, ParseRefusesWhatIsNotALetterAndDigits) {
  ExpectRefused("", "ticket number \"\" is not like B023");
  ExpectRefused("A", "ticket number \"A\" is not like B023");
  ExpectRefused("A12345678", "ticket number \"A12345678\" is not like B023");
  ExpectRefused("A01x", "ticket number \"A01x\" is not like B023");
  ExpectRefused("A-12", "ticket number \"A-12\" is not like B023");
  ExpectRefused("A 12", "ticket number \"A 12\" is not like B023");
  ExpectRefused("b023", "ticket number \"b023\" must start with a field's capital letter, like B023");
  ExpectRefused("1023", "ticket number \"1023\" must start with a field's capital letter, like B023");
  ExpectRefused(
      "\xC3\x81"
      "01",
      "ticket number \"\xC3\x81"
      "01\" must start with a field's capital letter, like B023");
}

TEST(TicketNumberTest, ParsePrefixChecksOnlyTheLengthAndTheLetter) {
  StatusOr<char> p = TicketNumber::ParsePrefix("Q1x");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, 'Q');
  EXPECT_FALSE(TicketNumber::ParsePrefix("q12").ok());
  EXPECT_FALSE(TicketNumber::ParsePrefix("Q").ok());
  EXPECT_FALSE(TicketNumber::ParsePrefix("Q12345678").ok());
}

// The centre's lookup reads numbers with TicketNumber, matching the letter
// to a field before it reads the digits.
TEST(TicketNumberTest, CentreFindsTicketsByTheirParsedNumber) {
  const config::CentreConfig config = testing::MakeCentre();
  Centre centre(&config);
  centre.StartDay(20250701);
  Change change;
  ASSERT_TRUE(
      centre.Issue({"ho_tich", v1::NORMAL, v1::KIOSK, "r1", ""}, testing::GoLiveAt(8, 0), &change).ok());
  const uint32_t seq = change.primary_ticket;
  EXPECT_EQ(centre.DisplayNumber(centre.ticket(seq)), "B001");
  for (const char* text : {"B001", "B1", "B0001"}) {
    StatusOr<uint32_t> found = centre.FindTicket(text);
    ASSERT_TRUE(found.ok()) << text << ": " << found.status().ToString();
    EXPECT_EQ(*found, seq);
  }
  EXPECT_EQ(centre.FindTicket("Q1x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(centre.FindTicket("Q1x").status().message(), "no field with prefix Q at centre 9187");
  EXPECT_EQ(centre.FindTicket("B1x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(centre.FindTicket("b001").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(centre.FindTicket("B002").status().message(), "ticket B002 was not issued today at centre 9187");
}

}  // namespace
}  // namespace qms::queue

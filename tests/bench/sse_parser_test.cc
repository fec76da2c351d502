// The bench's event-stream parser: the gateway's frames split at every
// position, CRLF, LF and CR line ends (a CRLF split across reads), comments,
// multi-line data, ids, retry, the byte order mark.
#include "bench/sse_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qms::bench {
namespace {

struct Collected {
  std::vector<SseEvent> events;
  SseParser parser{[this](const SseEvent& e) { events.push_back(e); }};
};

// What qms-gateway sends (kiosk/gateway/feed_hub.cc, http_session.cc).
const std::string kGatewayStream =
    "retry: 1000\n\n"
    "event: link\ndata: {\"live\":true,\"state\":\"live\",\"since_us\":1}\n\n"
    "id: 41\nevent: snapshot\ndata: {\"seq\":\"41\",\"snapshot\":{}}\n\n"
    ": ping\n\n"
    "id: 42\nevent: change\ndata: "
    "{\"seq\":\"42\",\"kind\":\"CALLED_EVENT\",\"ticket\":{\"number\":\"A007\"}}\n\n";

void ExpectGatewayEvents(const Collected& c, const std::string& where) {
  ASSERT_EQ(c.events.size(), 3u) << where;
  EXPECT_EQ(c.events[0].type, "link") << where;
  EXPECT_FALSE(c.events[0].has_id) << where;
  EXPECT_EQ(c.events[1].type, "snapshot") << where;
  EXPECT_EQ(c.events[1].id, "41") << where;
  EXPECT_EQ(c.events[2].type, "change") << where;
  EXPECT_EQ(c.events[2].id, "42") << where;
  EXPECT_TRUE(c.events[2].has_id) << where;
  EXPECT_EQ(c.events[2].data, "{\"seq\":\"42\",\"kind\":\"CALLED_EVENT\",\"ticket\":{\"number\":\"A007\"}}")
      << where;
  EXPECT_EQ(c.parser.comments(), 1u) << where;
  EXPECT_EQ(c.parser.retry_ms(), 1000) << where;
}

std::string WithLineEnds(const std::string& text, const std::string& end) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += end;
    } else {
      out += c;
    }
  }
  return out;
}

TEST(SseParserTest, GatewayStreamInOneRead) {
  Collected c;
  ASSERT_TRUE(c.parser.Feed(kGatewayStream));
  ExpectGatewayEvents(c, "one read");
  EXPECT_EQ(c.parser.last_event_id(), "42");
}

TEST(SseParserTest, EventSplitAtEveryPosition) {
  for (const std::string end : {"\n", "\r\n", "\r"}) {
    const std::string text = WithLineEnds(kGatewayStream, end);
    for (size_t cut = 0; cut <= text.size(); ++cut) {
      Collected c;
      c.parser.Feed(std::string_view(text).substr(0, cut));
      c.parser.Feed(std::string_view(text).substr(cut));
      ExpectGatewayEvents(
          c, "cut at " + std::to_string(cut) + " with " + std::to_string(end.size()) + "-byte ends");
    }
  }
}

TEST(SseParserTest, ByteByByteWithCrlf) {
  const std::string text = WithLineEnds(kGatewayStream, "\r\n");
  Collected c;
  for (char ch : text) c.parser.Feed(std::string_view(&ch, 1));
  ExpectGatewayEvents(c, "byte by byte");
}

TEST(SseParserTest, CrAtTheEndOfAReadIsOneLineEndWithTheNextLf) {
  Collected c;
  c.parser.Feed("data: a\r");
  c.parser.Feed("\ndata: b\r");
  EXPECT_TRUE(c.events.empty());
  c.parser.Feed("\n\r");  // the blank line ends with CR alone
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].data, "a\nb");
  c.parser.Feed("\ndata: c\n\n");  // that LF completes the CRLF: no second blank line
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[1].data, "c");
}

TEST(SseParserTest, FieldRules) {
  Collected c;
  c.parser.Feed(
      "data:no space\n"
      "data:  two spaces\n"
      "unknown: ignored\n"
      "data\n"
      "event: custom\n\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].type, "custom");
  EXPECT_EQ(c.events[0].data, "no space\n two spaces\n");
}

TEST(SseParserTest, EventsWithoutDataAreNotDispatchedButIdsStay) {
  Collected c;
  c.parser.Feed("id: 7\nevent: nothing\n\n: just a comment\n\ndata: x\n\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].type, "message");  // the type does not carry over
  EXPECT_EQ(c.events[0].id, "7");          // the id does
  EXPECT_FALSE(c.events[0].has_id);
  EXPECT_EQ(c.parser.comments(), 1u);
}

TEST(SseParserTest, ByteOrderMarkSplitAcrossReads) {
  Collected c;
  c.parser.Feed("\xEF");
  c.parser.Feed("\xBB");
  c.parser.Feed(
      "\xBF"
      "data: after the mark\n\n");
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].data, "after the mark");

  Collected plain;
  plain.parser.Feed("d");
  plain.parser.Feed("ata: x\n\n");
  ASSERT_EQ(plain.events.size(), 1u);
  EXPECT_EQ(plain.events[0].data, "x");
}

TEST(SseParserTest, RetryOnlyWithDigits) {
  Collected c;
  c.parser.Feed("retry: soon\n\n");
  EXPECT_EQ(c.parser.retry_ms(), -1);
  c.parser.Feed("retry: 2500\n\n");
  EXPECT_EQ(c.parser.retry_ms(), 2500);
}

TEST(SseParserTest, RefusesAnEventPastItsBound) {
  std::vector<SseEvent> events;
  SseParser parser([&events](const SseEvent& e) { events.push_back(e); }, 64);
  EXPECT_TRUE(parser.Feed("data: " + std::string(40, 'a') + "\n"));
  EXPECT_FALSE(parser.Feed("data: " + std::string(40, 'b') + "\n"));
}

}  // namespace
}  // namespace qms::bench

// The bench's HTTP/1.1 response parser: every framing, fed whole, byte by
// byte and split at every position; CRLF and bare LF; keep-alive rules;
// what it refuses.
#include "bench/http_response_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qms::bench {
namespace {

// Feeds `text` in pieces cut at `cuts` (ascending offsets).
size_t FeedInPieces(HttpResponseParser* parser, const std::string& text, const std::vector<size_t>& cuts) {
  size_t used = 0;
  size_t from = 0;
  for (size_t cut : cuts) {
    used += parser->Feed(std::string_view(text).substr(from, cut - from));
    from = cut;
  }
  used += parser->Feed(std::string_view(text).substr(from));
  return used;
}

const std::string kLengthResponse =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: application/json\r\n"
    "Content-Length: 28\r\n"
    "\r\n"
    "{\"ticket\":{\"number\":\"A001\"}}";

const std::string kChunkedResponse =
    "HTTP/1.1 200 OK\r\n"
    "Transfer-Encoding: chunked\r\n"
    "\r\n"
    "5;ext=1\r\n"
    "hello\r\n"
    "1A\r\n"
    ", world, in three chunks!!\r\n"
    "0\r\n"
    "X-Trailer: yes\r\n"
    "\r\n";

TEST(HttpResponseParserTest, ContentLengthInOneRead) {
  HttpResponseParser parser;
  EXPECT_EQ(parser.Feed(kLengthResponse), kLengthResponse.size());
  ASSERT_TRUE(parser.done()) << parser.error();
  EXPECT_EQ(parser.status(), 200);
  EXPECT_EQ(parser.Header("content-type"), "application/json");
  EXPECT_EQ(parser.body(), "{\"ticket\":{\"number\":\"A001\"}}");
  EXPECT_TRUE(parser.keep_alive());
  EXPECT_FALSE(parser.chunked());
}

TEST(HttpResponseParserTest, ContentLengthSplitAtEveryPosition) {
  for (size_t cut = 0; cut <= kLengthResponse.size(); ++cut) {
    HttpResponseParser parser;
    EXPECT_EQ(FeedInPieces(&parser, kLengthResponse, {cut}), kLengthResponse.size());
    ASSERT_TRUE(parser.done()) << "cut at " << cut << ": " << parser.error();
    EXPECT_EQ(parser.body(), "{\"ticket\":{\"number\":\"A001\"}}") << "cut at " << cut;
  }
}

TEST(HttpResponseParserTest, ChunkedByteByByte) {
  HttpResponseParser parser;
  for (char c : kChunkedResponse) {
    ASSERT_FALSE(parser.done());
    parser.Feed(std::string_view(&c, 1));
    ASSERT_FALSE(parser.failed()) << parser.error();
  }
  ASSERT_TRUE(parser.done());
  EXPECT_TRUE(parser.chunked());
  EXPECT_EQ(parser.body(), "hello, world, in three chunks!!");
  EXPECT_TRUE(parser.keep_alive());
}

TEST(HttpResponseParserTest, ChunkedSplitAtEveryPairOfPositions) {
  for (size_t a = 0; a <= kChunkedResponse.size(); a += 3) {
    for (size_t b = a; b <= kChunkedResponse.size(); ++b) {
      HttpResponseParser parser;
      FeedInPieces(&parser, kChunkedResponse, {a, b});
      ASSERT_TRUE(parser.done()) << a << "," << b << ": " << parser.error();
      ASSERT_EQ(parser.body(), "hello, world, in three chunks!!") << a << "," << b;
    }
  }
}

TEST(HttpResponseParserTest, BareLfLineEnds) {
  HttpResponseParser parser;
  parser.Feed("HTTP/1.1 404 Not Found\nContent-Length: 2\nConnection: close\n\n{}");
  ASSERT_TRUE(parser.done()) << parser.error();
  EXPECT_EQ(parser.status(), 404);
  EXPECT_EQ(parser.body(), "{}");
  EXPECT_FALSE(parser.keep_alive());

  HttpResponseParser chunked;
  chunked.Feed("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n");
  ASSERT_TRUE(chunked.done()) << chunked.error();
  EXPECT_EQ(chunked.body(), "abc");
}

TEST(HttpResponseParserTest, BodyUntilCloseStreamsToTheSink) {
  // The gateway's event streams: no length, no chunks, Connection: close.
  std::string streamed;
  HttpResponseParser parser;
  parser.SetBodySink([&streamed](std::string_view bytes) { streamed.append(bytes); });
  parser.Feed("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\nretry: 1");
  EXPECT_TRUE(parser.headers_done());
  EXPECT_TRUE(parser.body_until_close());
  EXPECT_FALSE(parser.done());
  parser.Feed("000\n\n");
  EXPECT_EQ(streamed, "retry: 1000\n\n");
  EXPECT_TRUE(parser.body().empty());
  EXPECT_FALSE(parser.keep_alive());
  parser.FeedEnd();
  EXPECT_TRUE(parser.done());
}

TEST(HttpResponseParserTest, ChunkedEventStreamToTheSink) {
  std::string streamed;
  HttpResponseParser parser;
  parser.SetBodySink([&streamed](std::string_view bytes) { streamed.append(bytes); });
  const std::string text =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/event-stream\r\n\r\n"
      "7\r\nid: 1\ne\r\nF\r\nvent: change\nda\r\n";
  for (char c : text) parser.Feed(std::string_view(&c, 1));
  EXPECT_EQ(streamed, "id: 1\nevent: change\nda");
  EXPECT_FALSE(parser.done());
  EXPECT_FALSE(parser.failed());
}

TEST(HttpResponseParserTest, StopsAtTheEndOfTheResponse) {
  HttpResponseParser parser;
  const std::string two = kLengthResponse + "HTTP/1.1 204 No Content\r\n\r\n";
  EXPECT_EQ(parser.Feed(two), kLengthResponse.size());
  ASSERT_TRUE(parser.done());
  parser.Reset();
  EXPECT_EQ(parser.Feed(std::string_view(two).substr(kLengthResponse.size())),
            two.size() - kLengthResponse.size());
  ASSERT_TRUE(parser.done());
  EXPECT_EQ(parser.status(), 204);
  EXPECT_TRUE(parser.body().empty());
}

TEST(HttpResponseParserTest, SkipsInterimResponses) {
  HttpResponseParser parser;
  parser.Feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx");
  ASSERT_TRUE(parser.done()) << parser.error();
  EXPECT_EQ(parser.status(), 201);
  EXPECT_EQ(parser.body(), "x");
}

TEST(HttpResponseParserTest, KeepAliveRules) {
  HttpResponseParser http10;
  http10.Feed("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(http10.done());
  EXPECT_FALSE(http10.keep_alive());

  HttpResponseParser http10_kept;
  http10_kept.Feed("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n");
  EXPECT_TRUE(http10_kept.keep_alive());

  HttpResponseParser closing;
  closing.Feed("HTTP/1.1 503 Service Unavailable\r\nConnection: foo, Close\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(closing.done());
  EXPECT_EQ(closing.status(), 503);
  EXPECT_FALSE(closing.keep_alive());
}

TEST(HttpResponseParserTest, ConnectionClosedTooEarly) {
  HttpResponseParser nothing;
  EXPECT_FALSE(nothing.received_any());
  nothing.FeedEnd();
  EXPECT_TRUE(nothing.failed());
  EXPECT_EQ(nothing.error(), "connection closed before any response");

  HttpResponseParser half;
  half.Feed(kLengthResponse.substr(0, kLengthResponse.size() - 3));
  EXPECT_TRUE(half.received_any());
  half.FeedEnd();
  EXPECT_TRUE(half.failed());
  EXPECT_FALSE(half.done());
}

TEST(HttpResponseParserTest, RefusesWhatIsNotHttp) {
  const std::vector<std::string> bad = {
      "SSH-2.0-OpenSSH_9.2\r\n\r\n",
      "HTTP/1.1 2000 OK\r\n\r\n",
      "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
  };
  for (const std::string& text : bad) {
    HttpResponseParser parser;
    parser.Feed(text);
    EXPECT_TRUE(parser.failed()) << text;
    EXPECT_FALSE(parser.error().empty()) << text;
  }
}

TEST(HttpResponseParserTest, BoundsHeadersAndBodies) {
  HttpResponseParser::Limits limits;
  limits.max_header_bytes = 64;
  limits.max_body_bytes = 4;
  HttpResponseParser headers(limits);
  headers.Feed("HTTP/1.1 200 OK\r\nX-Long: " + std::string(100, 'a') + "\r\n\r\n");
  EXPECT_TRUE(headers.failed());

  HttpResponseParser body(limits);
  body.Feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n12345");
  EXPECT_TRUE(body.failed());

  HttpResponseParser until_close(limits);
  until_close.Feed("HTTP/1.1 200 OK\r\n\r\n123");
  EXPECT_FALSE(until_close.failed());
  until_close.Feed("45");
  EXPECT_TRUE(until_close.failed());
}

}  // namespace
}  // namespace qms::bench

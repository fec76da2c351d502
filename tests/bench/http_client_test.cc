// The bench's HTTP client against a scripted server on 127.0.0.1 (an
// ephemeral port): keep-alive reuse, a connection the server closed while
// idle, bounded waits, refused connections, and event streams whose frames
// arrive split across writes. Every wait is bounded; nothing asserts speed.
#include "bench/http_client.h"

#include <gtest/gtest.h>

#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <functional>
#include <optional>
#include <thread>

namespace qms::bench {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Accepts connections on 127.0.0.1 and runs `script` on each, one after the
// other, on its own thread. At most `connections` are accepted.
class ScriptedServer {
 public:
  using Script = std::function<void(tcp::socket& socket, int connection)>;

  ScriptedServer(int connections, Script script)
      : acceptor_(io_, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this, connections, script] {
      for (int i = 0; i < connections; ++i) {
        tcp::socket socket(io_);
        boost::system::error_code ec;
        acceptor_.accept(socket, ec);
        if (ec) return;
        ++accepted_;
        script(socket, i);
      }
    });
  }
  ~ScriptedServer() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    thread_.join();
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  int accepted() const { return accepted_.load(); }

 private:
  net::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<int> accepted_{0};
};

// Reads one request head and its Content-Length body; "" when the peer closed.
std::string ReadRequest(tcp::socket& socket, net::streambuf* buffer) {
  boost::system::error_code ec;
  const size_t head = net::read_until(socket, *buffer, "\r\n\r\n", ec);
  if (ec) return "";
  std::string text(net::buffers_begin(buffer->data()), net::buffers_begin(buffer->data()) + head);
  buffer->consume(head);
  const size_t at = text.find("Content-Length: ");
  if (at != std::string::npos) {
    const size_t length = std::stoul(text.substr(at + 16));
    if (buffer->size() < length)
      net::read(socket, *buffer, net::transfer_exactly(length - buffer->size()), ec);
    text.append(net::buffers_begin(buffer->data()), net::buffers_begin(buffer->data()) + length);
    buffer->consume(length);
  }
  return text;
}

// Writes `pieces` one by one with a pause between, so the client reads them
// in separate reads.
void WriteInPieces(tcp::socket& socket, const std::vector<std::string>& pieces) {
  for (const std::string& piece : pieces) {
    boost::system::error_code ec;
    net::write(socket, net::buffer(piece), ec);
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
  }
}

GatewayAddress Loopback(uint16_t port) {
  GatewayAddress address;
  std::string error;
  EXPECT_TRUE(ResolveGatewayUrl("http://127.0.0.1:" + std::to_string(port), false, &address, &error))
      << error;
  return address;
}

// Sends one request on `connection` and runs `io` until the reply (bounded).
HttpReply Exchange(net::io_context& io, HttpConnection& connection, const std::string& body) {
  std::optional<HttpReply> reply;
  connection.Send("POST", "/api/c/10001/tickets", body, [&reply](HttpReply r) { reply = std::move(r); });
  io.restart();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!reply && std::chrono::steady_clock::now() < until) io.run_for(std::chrono::milliseconds(20));
  return reply.value_or(HttpReply{"TEST_GAVE_UP", 0, "", ""});
}

TEST(HttpClientTest, KeepAliveCarriesSeveralRequestsOnOneConnection) {
  std::vector<std::string> requests;  // read once the server's thread has ended
  {
    ScriptedServer server(1, [&requests](tcp::socket& socket, int) {
      net::streambuf buffer;
      requests.push_back(ReadRequest(socket, &buffer));
      WriteInPieces(socket, {"HTTP/1.1 200 OK\r\nContent-Le", "ngth: 12\r\n\r\n{\"ticket\":", "1}"});
      requests.push_back(ReadRequest(socket, &buffer));
      WriteInPieces(socket, {"HTTP/1.1 429 Too Many Requests\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}",
                             "\r\n0\r\n\r\n"});
    });
    const GatewayAddress address = Loopback(server.port());
    net::io_context io;
    auto connection = std::make_shared<HttpConnection>(&io, &address, std::chrono::seconds(5));
    const HttpReply first = Exchange(io, *connection, "{\"field_id\":\"chung_thuc\"}");
    ASSERT_TRUE(first.ok()) << first.failure << " " << first.detail;
    EXPECT_EQ(first.body, "{\"ticket\":1}");
    const HttpReply second = Exchange(io, *connection, "{}");
    EXPECT_FALSE(second.ok());
    EXPECT_EQ(second.status, 429);
    EXPECT_EQ(second.ErrorName(), "HTTP_429");
    EXPECT_EQ(second.body, "{}");
    EXPECT_EQ(connection->connects(), 1u);
    connection->Close();
  }
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].find("POST /api/c/10001/tickets HTTP/1.1\r\n"), std::string::npos);
  EXPECT_NE(requests[0].find("Content-Type: application/json\r\n"), std::string::npos);
  EXPECT_NE(requests[0].find("\r\n\r\n{\"field_id\":\"chung_thuc\"}"), std::string::npos);
}

TEST(HttpClientTest, RetriesOnceWhenTheServerClosedAnIdleConnection) {
  ScriptedServer server(2, [](tcp::socket& socket, int connection) {
    net::streambuf buffer;
    ReadRequest(socket, &buffer);
    WriteInPieces(socket, {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + std::to_string(connection)});
    // Connection 0 ends here, as an idle keep-alive connection would.
  });
  const GatewayAddress address = Loopback(server.port());
  net::io_context io;
  auto connection = std::make_shared<HttpConnection>(&io, &address, std::chrono::seconds(5));
  EXPECT_EQ(Exchange(io, *connection, "{}").body, "0");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the close reaches the client
  const HttpReply again = Exchange(io, *connection, "{}");
  ASSERT_TRUE(again.ok()) << again.failure << " " << again.detail;
  EXPECT_EQ(again.body, "1");
  EXPECT_EQ(connection->connects(), 2u);
}

TEST(HttpClientTest, WaitsAreBounded) {
  ScriptedServer server(1, [](tcp::socket& socket, int) {
    net::streambuf buffer;
    ReadRequest(socket, &buffer);
    net::write(socket, net::buffer(std::string("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhal")));
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // never the rest in time
  });
  const GatewayAddress address = Loopback(server.port());
  net::io_context io;
  auto connection = std::make_shared<HttpConnection>(&io, &address, std::chrono::milliseconds(200));
  const HttpReply reply = Exchange(io, *connection, "{}");
  EXPECT_EQ(reply.failure, "TIMEOUT");
  EXPECT_EQ(reply.ErrorName(), "TIMEOUT");
}

TEST(HttpClientTest, RefusedAndHalfAnsweredRequests) {
  uint16_t closed_port = 0;
  {
    ScriptedServer gone(0, [](tcp::socket&, int) {});
    closed_port = gone.port();
  }
  const GatewayAddress nobody = Loopback(closed_port);
  net::io_context io;
  auto refused = std::make_shared<HttpConnection>(&io, &nobody, std::chrono::seconds(2));
  EXPECT_EQ(Exchange(io, *refused, "{}").failure, "CONNECT");

  ScriptedServer half(1, [](tcp::socket& socket, int) {
    net::streambuf buffer;
    ReadRequest(socket, &buffer);
    net::write(socket, net::buffer(std::string("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhal")));
  });
  const GatewayAddress address = Loopback(half.port());
  auto connection = std::make_shared<HttpConnection>(&io, &address, std::chrono::seconds(5));
  EXPECT_EQ(Exchange(io, *connection, "{}").failure, "CLOSED");
}

struct StreamSeen {
  int status = 0;
  std::vector<SseEvent> events;
  std::string end;
};

// Opens an event stream on `address` and runs until it ends (bounded).
StreamSeen ReadStream(const GatewayAddress& address, const std::string& last_event_id) {
  net::io_context io;
  StreamSeen seen;
  EventStreamClient::Callbacks callbacks;
  callbacks.on_open = [&seen](int status) { seen.status = status; };
  callbacks.on_event = [&seen](const SseEvent& e, TimePoint) { seen.events.push_back(e); };
  callbacks.on_end = [&seen](const std::string& why, const std::string&) { seen.end = why; };
  auto stream = std::make_shared<EventStreamClient>(&io, &address, std::chrono::seconds(5),
                                                    std::chrono::seconds(5), callbacks);
  stream->Start("/api/c/10001/events", last_event_id);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (seen.end.empty() && std::chrono::steady_clock::now() < until)
    io.run_for(std::chrono::milliseconds(20));
  stream->Stop();
  return seen;
}

TEST(HttpClientTest, EventStreamFramesSplitAcrossWrites) {
  std::string request;  // read once the server's thread has ended
  StreamSeen seen;
  {
    ScriptedServer server(1, [&request](tcp::socket& socket, int) {
      net::streambuf buffer;
      request = ReadRequest(socket, &buffer);
      WriteInPieces(socket, {"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                             "Connection: close\r\n\r\nretry: 1000\n\nevent: link\ndata: {}\n\nid: 8\nev",
                             "ent: change\r\ndata: {\"kind\":\"CALLED_EVENT\"}\r", "\n\r\n: ping\n\nid: 9\n",
                             "event: change\ndata: {}\n\n"});
    });
    seen = ReadStream(Loopback(server.port()), "7");
  }
  EXPECT_EQ(seen.status, 200);
  ASSERT_EQ(seen.events.size(), 3u);
  EXPECT_EQ(seen.events[0].type, "link");
  EXPECT_EQ(seen.events[1].id, "8");
  EXPECT_EQ(seen.events[1].data, "{\"kind\":\"CALLED_EVENT\"}");
  EXPECT_EQ(seen.events[2].id, "9");
  EXPECT_EQ(seen.end, "CLOSED");
  EXPECT_NE(request.find("GET /api/c/10001/events HTTP/1.1\r\n"), std::string::npos);
  EXPECT_NE(request.find("Accept: text/event-stream\r\n"), std::string::npos);
  EXPECT_NE(request.find("Last-Event-ID: 7\r\n"), std::string::npos);
}

TEST(HttpClientTest, EventStreamRefusedByTheGateway) {
  ScriptedServer server(2, [](tcp::socket& socket, int connection) {
    net::streambuf buffer;
    ReadRequest(socket, &buffer);
    net::write(socket, net::buffer(std::string(
                           connection == 0 ? "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}"
                                           : "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>")));
  });
  const GatewayAddress address = Loopback(server.port());
  const StreamSeen not_found = ReadStream(address, "");
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(not_found.end, "HTTP_404");
  EXPECT_TRUE(not_found.events.empty());
  const StreamSeen html = ReadStream(address, "");
  EXPECT_EQ(html.end, "NOT_EVENT_STREAM");
}

TEST(HttpClientTest, GatewayUrlIsLoopbackOnlyUnlessAllowed) {
  GatewayAddress address;
  std::string error;
  EXPECT_TRUE(ResolveGatewayUrl("http://127.0.0.1:8080/", false, &address, &error)) << error;
  EXPECT_EQ(address.port, 8080);
  EXPECT_EQ(address.host_header, "127.0.0.1:8080");
  EXPECT_TRUE(ResolveGatewayUrl("http://[::1]:8081", false, &address, &error)) << error;
  EXPECT_EQ(address.host_header, "[::1]:8081");
  EXPECT_TRUE(ResolveGatewayUrl("http://localhost:8082", false, &address, &error)) << error;
  for (const auto& endpoint : address.endpoints) EXPECT_TRUE(endpoint.address().is_loopback());

  EXPECT_FALSE(ResolveGatewayUrl("http://10.1.2.3:8080", false, &address, &error));
  EXPECT_NE(error.find("--allow-remote"), std::string::npos);
  EXPECT_FALSE(ResolveGatewayUrl("http://example.org:80", false, &address, &error));
  EXPECT_FALSE(ResolveGatewayUrl("https://127.0.0.1:8443", false, &address, &error));
  EXPECT_FALSE(ResolveGatewayUrl("http://127.0.0.1:8080/api", false, &address, &error));
  EXPECT_FALSE(ResolveGatewayUrl("http://127.0.0.1:99999", false, &address, &error));
  // Allowed, a literal address needs no lookup.
  EXPECT_TRUE(ResolveGatewayUrl("http://10.1.2.3:8080", true, &address, &error)) << error;
}

}  // namespace
}  // namespace qms::bench

// HttpServer on a loopback port: keep-alive, limits, bad bytes, event
// streams and their bounds, and an address already in use; every one over
// HTTP and over HTTPS (the same code path must behave the same). Then what
// only HTTPS has: plain HTTP refused, a bounded handshake, bad files.
#include "kiosk/gateway/http_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <future>
#include <thread>

#include "tests/kiosk/gateway/http_test_client.h"
#include "tests/support/demo_certs.h"

namespace qms::gateway {
namespace {

using test::BodyOf;
using test::RawConnection;
using test::StatusOf;
using test::TlsClientContext;
using ::testing::HasSubstr;

// The parameter: true for HTTPS.
class HttpServerTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      certs_ = std::make_unique<qms::test::DemoCerts>();
      ASSERT_TRUE(certs_->ok()) << certs_->dir();
      tls_client_ = std::make_unique<TlsClientContext>(certs_->ca());
      ASSERT_TRUE(tls_client_->ok());
    }
    router_.Add("GET", "/hello/{name}", [](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
      ex->Reply(HttpReply::Json(200, "{\"hello\":\"" + p.at("name") + "\",\"q\":\"" +
                                         (r.query.count("q") ? r.query.at("q") : "") + "\"}"));
    });
    router_.Add("POST", "/echo", [](const HttpRequest& r, const PathParams&, ExchangePtr ex) {
      ex->Reply(HttpReply::Json(200, r.body));
    });
    router_.Add("GET", "/forgotten", [](const HttpRequest&, const PathParams&, ExchangePtr) {});
    router_.Add("GET", "/stream", [this](const HttpRequest&, const PathParams&, ExchangePtr ex) {
      auto stream = ex->StartEventStream();
      stream->OnClose([this] { stream_closed_.set_value(); });
      stream_.set_value(stream);
    });
  }
  void Start(HttpLimits limits = {}) {
    server_ = std::make_unique<HttpServer>(&io_, &router_, limits);
    if (GetParam()) {
      Status s = server_->ServeHttps(certs_->server_cert(), certs_->server_key());
      ASSERT_TRUE(s.ok()) << s.message();
    }
    EXPECT_EQ(server_->https(), GetParam());
    ASSERT_TRUE(server_->Listen("127.0.0.1:0").ok());
    server_->Start();
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    if (server_) {
      std::promise<void> stopped;
      boost::asio::post(io_, [this, &stopped] {
        server_->Stop();
        stopped.set_value();
      });
      stopped.get_future().wait();
    }
    work_.reset();
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }
  // The client's TLS for HTTPS, null for HTTP.
  const TlsClientContext* tls() const { return tls_client_.get(); }
  std::string Get(RawConnection* c, const std::string& target) {
    c->Send("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n");
    return c->ReadResponse();
  }

  std::unique_ptr<qms::test::DemoCerts> certs_;
  std::unique_ptr<TlsClientContext> tls_client_;
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      io_.get_executor()};
  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::promise<std::shared_ptr<EventStream>> stream_;
  std::promise<void> stream_closed_;
};

TEST_P(HttpServerTest, AnswersSeveralRequestsOnOneKeptAliveConnection) {
  Start();
  RawConnection c(server_->port(), tls());
  ASSERT_TRUE(c.connected());
  std::string r = Get(&c, "/hello/B%C3%A2n?q=x+y%21");
  EXPECT_EQ(StatusOf(r), 200);
  EXPECT_EQ(BodyOf(r), "{\"hello\":\"Bân\",\"q\":\"x y!\"}");
  EXPECT_THAT(r, HasSubstr("Content-Type: application/json"));
  c.Send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
      "7\r\n\r\n{\"a\":1}");
  r = c.ReadResponse();
  EXPECT_EQ(StatusOf(r), 200);
  EXPECT_EQ(BodyOf(r), "{\"a\":1}");
  EXPECT_EQ(StatusOf(Get(&c, "/nowhere")), 404);
  EXPECT_EQ(StatusOf(Get(&c, "/hello/again")), 200);
}

TEST_P(HttpServerTest, ABodyOrHeaderPastTheLimitIsRefused) {
  HttpLimits limits;
  limits.body_bytes = 1024;
  limits.header_bytes = 2048;
  Start(limits);
  RawConnection body(server_->port(), tls());
  body.Send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'x'));
  std::string r = body.ReadResponse();
  EXPECT_EQ(StatusOf(r), 413);
  EXPECT_THAT(BodyOf(r), HasSubstr("\"code\":\"INVALID_ARGUMENT\""));

  RawConnection header(server_->port(), tls());
  header.Send("GET /hello/x HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(4096, 'y') + "\r\n\r\n");
  EXPECT_EQ(StatusOf(header.ReadResponse()), 431);
}

TEST_P(HttpServerTest, BytesThatAreNotHttpGet400AndTheConnectionCloses) {
  Start();
  RawConnection c(server_->port(), tls());
  c.Send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 binary\r\n\r\n", 24));
  std::string r = c.ReadResponse();
  EXPECT_EQ(StatusOf(r), 400);
  c.ReadUntil([](const std::string&) { return false; }, std::chrono::seconds(2));
  EXPECT_TRUE(c.closed_by_peer());
  // The server still serves others.
  RawConnection next(server_->port(), tls());
  EXPECT_EQ(StatusOf(Get(&next, "/hello/x")), 200);
}

TEST_P(HttpServerTest, AHandlerThatNeverAnswersGives500NotAHang) {
  Start();
  RawConnection c(server_->port(), tls());
  std::string r = Get(&c, "/forgotten");
  EXPECT_EQ(StatusOf(r), 500);
}

TEST_P(HttpServerTest, AnEventStreamCarriesFramesAndEndsWhenTheBrowserGoes) {
  Start();
  RawConnection c(server_->port(), tls());
  c.Send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n");
  auto stream = stream_.get_future().get();
  ASSERT_TRUE(stream->Push(std::make_shared<const std::string>("id: 1\nevent: change\ndata: {}\n\n")));
  std::string got = c.ReadUntil([](const std::string& r) { return r.find("id: 1") != std::string::npos; });
  EXPECT_THAT(got, HasSubstr("Content-Type: text/event-stream"));
  EXPECT_THAT(got, HasSubstr("retry: 1000"));
  EXPECT_THAT(got, HasSubstr("id: 1\nevent: change\ndata: {}\n\n"));
  c.Close();
  EXPECT_EQ(stream_closed_.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_TRUE(stream->closed());
  EXPECT_FALSE(stream->Push(std::make_shared<const std::string>("late")));
}

TEST_P(HttpServerTest, AStreamWhoseBrowserStopsReadingIsDroppedAtItsBound) {
  HttpLimits limits;
  limits.stream_bytes = 2 * 1024 * 1024;
  Start(limits);
  RawConnection c(server_->port(), tls());
  c.Send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n");
  auto stream = stream_.get_future().get();
  const auto frame = std::make_shared<const std::string>("data: " + std::string(256 * 1024, 'x') + "\n\n");
  // The client reads nothing: the kernel's buffers fill, then the stream's
  // queue; a bounded number of pushes must hit the bound.
  int pushed = 0;
  for (; pushed < 400 && stream->Push(frame); ++pushed)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_LT(pushed, 400);
  EXPECT_EQ(stream_closed_.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
}

TEST_P(HttpServerTest, AStreamWhoseBrowserStopsReadingIsDroppedWhenItsWriteStallsBelowItsBound) {
  // A quiet page: its queue never reaches its bound, but a write that does
  // not finish within stream_write_stall means the client stopped reading.
  HttpLimits limits;
  limits.stream_bytes = 64 * 1024 * 1024;
  limits.stream_frames = 4096;
  limits.stream_write_stall = std::chrono::milliseconds(300);
  Start(limits);
  RawConnection c(server_->port(), tls());
  c.Send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n");
  auto stream = stream_.get_future().get();
  // 16 MB: more than the kernel's buffers on both sides take, well under
  // the queue's bound; the client reads nothing.
  const auto frame = std::make_shared<const std::string>("data: " + std::string(1024 * 1024, 'x') + "\n\n");
  int pushed = 0;
  for (; pushed < 16 && stream->Push(frame); ++pushed) {
  }
  EXPECT_EQ(pushed, 16);  // not dropped for its queue
  EXPECT_EQ(stream_closed_.get_future().wait_for(std::chrono::seconds(20)), std::future_status::ready);
  EXPECT_TRUE(stream->closed());
  EXPECT_FALSE(stream->Push(frame));
}

TEST_P(HttpServerTest, ASecondServerOnTheSameAddressIsRefusedNamingIt) {
  Start();
  const std::string address = server_->address();
  boost::asio::io_context other_io;
  HttpServer second(&other_io, &router_, {});
  Status s = second.Listen(address);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("cannot listen on " + address + ": the address is already in use"));
  EXPECT_EQ(second.Listen("not-an-address").code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Transports, HttpServerTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Https" : "Http";
                         });

class HttpsServerTest : public HttpServerTest {};

TEST_P(HttpsServerTest, PlainHttpOnTheHttpsPortGets400SayingHttpsAndIsClosed) {
  Start();
  RawConnection plain(server_->port());
  std::string r = Get(&plain, "/hello/x");
  EXPECT_EQ(StatusOf(r), 400);
  EXPECT_THAT(BodyOf(r), HasSubstr("https://"));
  EXPECT_THAT(BodyOf(r), ::testing::Not(HasSubstr("hello")));
  plain.ReadUntil([](const std::string&) { return false; }, std::chrono::seconds(2));
  EXPECT_TRUE(plain.closed_by_peer());
  RawConnection secure(server_->port(), tls());
  ASSERT_TRUE(secure.connected());
  EXPECT_EQ(StatusOf(Get(&secure, "/hello/x")), 200);
}

TEST_P(HttpsServerTest, AClientThatDoesNotTrustTheCertificateCannotConnect) {
  Start();
  qms::test::DemoCerts other;
  ASSERT_TRUE(other.ok());
  TlsClientContext other_trust(other.ca());
  RawConnection c(server_->port(), &other_trust);
  EXPECT_FALSE(c.connected());
  RawConnection good(server_->port(), tls());
  EXPECT_TRUE(good.connected());
}

TEST_P(HttpsServerTest, AConnectionThatNeverStartsTheHandshakeIsClosedAtTheIdleLimit) {
  HttpLimits limits;
  limits.idle = std::chrono::seconds(1);
  Start(limits);
  RawConnection silent(server_->port());
  silent.ReadUntil([](const std::string&) { return false; }, std::chrono::seconds(20));
  EXPECT_TRUE(silent.closed_by_peer());
}

TEST_P(HttpsServerTest, BadCertificateFilesAreRefusedNamingThem) {
  HttpServer server(&io_, &router_, {});
  const std::string missing = certs_->dir() + "/missing.pem";
  Status s = server.ServeHttps(missing, certs_->server_key());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("--https-cert " + missing + ": no such file"));
  s = server.ServeHttps(certs_->server_cert(), certs_->gateway_key());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("--https-key " + certs_->gateway_key() + " is not the key"));
  EXPECT_FALSE(server.https());
}

INSTANTIATE_TEST_SUITE_P(Transports, HttpsServerTest, ::testing::Values(true),
                         [](const ::testing::TestParamInfo<bool>&) { return "Https"; });

}  // namespace
}  // namespace qms::gateway

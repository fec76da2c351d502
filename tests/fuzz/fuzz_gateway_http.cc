// libFuzzer target: the gateway's edge (kiosk/gateway) on any bytes from a
// client: Boost.Beast's HTTP parser with the gateway's limits, the step to
// HttpRequest (internal/http_request.h: percent-decoding, the query), the
// router on the gateway's own route patterns, the JSON body into the
// route's request message (json_mapping.h), the gateway's request checks
// (request_checks.h) and the error envelope. The handlers here stop where
// the real ones call the server.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "kiosk/gateway/internal/http_request.h"
#include "kiosk/gateway/json_mapping.h"
#include "kiosk/gateway/request_checks.h"
#include "kiosk/gateway/router.h"
#include "qms/v1/deadline.pb.h"
#include "qms/v1/queue.pb.h"

namespace qms::gateway {
namespace {

namespace http = boost::beast::http;

class RecordingExchange final : public Exchange {
 public:
  void Reply(HttpReply reply) override { replies_.push_back(std::move(reply)); }
  std::shared_ptr<EventStream> StartEventStream() override { return nullptr; }
  const std::vector<HttpReply>& replies() const { return replies_; }

 private:
  std::vector<HttpReply> replies_;
};

// Every string field of `m` through the check the gateway gives fields of
// that kind; the first refusal is the answer.
Status CheckFields(const google::protobuf::Message& m) {
  const auto* d = m.GetDescriptor();
  const auto* r = m.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const auto* f = d->field(i);
    if (f->type() != google::protobuf::FieldDescriptor::TYPE_STRING || f->is_repeated()) continue;
    const std::string value = r->GetString(m, f);
    const bool text =
        f->name() == "reason" || f->name() == "applicant_name" || f->name() == "apology_letter_no";
    Status s = text ? CheckFreeText(value, f->name().c_str(), 500)
               : f->name() == "ticket_number" || f->name() == "number"
                   ? (value.empty() ? Status::Ok() : CheckTicketNumber(value))
                   : CheckIdentifier(value, f->name().c_str(), false);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

// A handler that reads a body of type M, as the gateway's POST routes do.
template <class M>
Handler BodyRoute() {
  return [](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
    for (const auto& [name, value] : p) {
      if (Status s = CheckIdentifier(value, name.c_str(), true); !s.ok()) return ex->Reply(BadRequest(s));
    }
    M request;
    if (Status s = FromJson(r.body, &request); !s.ok()) return ex->Reply(BadRequest(s));
    if (Status s = CheckFields(request); !s.ok()) return ex->Reply(BadRequest(s));
    // What the gateway prints of a message it parsed reads back the same.
    M again;
    if (!FromJson(ToJson(request), &again).ok()) std::abort();
    ex->Reply(JsonReply(again));
  };
}

// A GET route: its path values and query numbers checked.
Handler QueryRoute() {
  return [](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
    for (const auto& [name, value] : p) {
      Status s = name == "number" ? CheckTicketNumber(value) : CheckIdentifier(value, name.c_str(), true);
      if (!s.ok()) return ex->Reply(BadRequest(s));
    }
    for (const auto& [name, value] : r.query) {
      auto n = ParseQueryNumber(value, name.c_str(), 0, UINT64_MAX >> 1);
      if (!n.ok()) return ex->Reply(BadRequest(n.status()));
    }
    ex->Reply(GrpcErrorReply(grpc::Status(grpc::StatusCode::UNAVAILABLE, r.path)));
  };
}

const Router& Routes() {
  static const Router* router = [] {
    auto* r = new Router;
    for (const char* get :
         {"/api/c/{centre}", "/api/c/{centre}/daily-report", "/api/c/{centre}/dossiers",
          "/api/c/{centre}/dossiers/{code}", "/api/c/{centre}/events", "/api/c/{centre}/stats",
          "/api/c/{centre}/tickets/{number}", "/c/{centre}/t/{number}/qr.svg"})
      r->Add("GET", get, QueryRoute());
    r->Add("POST", "/api/c/{centre}/tickets", BodyRoute<v1::IssueTicketRequest>());
    r->Add("POST", "/api/c/{centre}/tickets/{number}/cancel", BodyRoute<v1::CancelTicketRequest>());
    r->Add("POST", "/api/c/{centre}/tickets/{number}/rating", BodyRoute<v1::RateServiceRequest>());
    r->Add("POST", "/api/c/{centre}/counters/{counter}/transfer", BodyRoute<v1::TransferRequest>());
    r->Add("POST", "/api/c/{centre}/counters/{counter}/{action}", BodyRoute<v1::CounterRequest>());
    r->Add("POST", "/api/c/{centre}/dossiers", BodyRoute<v1::ReceiveDossierRequest>());
    r->Add("POST", "/api/c/{centre}/dossiers/{code}/extend", BodyRoute<v1::ExtendDeadlineRequest>());
    r->Add("POST", "/api/c/{centre}/dossiers/{code}/{action}", BodyRoute<v1::DossierActionRequest>());
    return r;
  }();
  return *router;
}

}  // namespace
}  // namespace qms::gateway

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qms::gateway;
  http::request_parser<http::string_body> parser;
  parser.header_limit(8 * 1024);  // HttpLimits' defaults
  parser.body_limit(16 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  boost::asio::const_buffer bytes(data, size);
  size_t used = 0;
  for (int parts = 0; parts < 64 && used < size && !parser.is_done(); ++parts) {
    const size_t n = parser.put(boost::asio::buffer(bytes + used), ec);
    if (ec || n == 0) break;
    used += n;
  }
  if (!parser.is_done()) {
    parser.put_eof(ec);
    if (!parser.is_done()) return 0;
  }
  const HttpRequest request = internal::ToHttpRequest(parser.get(), "127.0.0.1:1");
  auto exchange = std::make_shared<RecordingExchange>();
  Routes().Dispatch(request, exchange);
  if (exchange->replies().size() != 1) std::abort();
  return 0;
}

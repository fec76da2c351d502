// Routes of the live pages: the centre's event stream (every page listens to
// it) and the spoken call the board plays (a WAV per announcement).
#include <boost/asio/post.hpp>

#include "kiosk/gateway/gateway_parts.h"
#include "kiosk/gateway/request_checks.h"

namespace qms::gateway {

namespace {

// Where a page resumes: Last-Event-ID (an EventSource reconnecting), else
// ?after=SEQ, else 0 (from the snapshot).
StatusOr<uint64_t> ResumeAfter(const HttpRequest& r) {
  std::string after = r.last_event_id;
  if (after.empty()) {
    auto it = r.query.find("after");
    if (it != r.query.end()) after = it->second;
  }
  if (after.empty()) return uint64_t{0};
  return ParseQueryNumber(after, "after", 0, UINT64_MAX >> 1);
}

}  // namespace

void AddBoardRoutes(Router* router, GatewayParts* parts) {
  router->Add("GET", "/api/c/{centre}/events",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                if (centre.empty()) return;
                auto after = ResumeAfter(r);
                if (!Accept(after.status(), ex)) return;
                parts->hub->Subscribe(centre, ex->StartEventStream(), *after);
              });

  router->Add(
      "GET", "/api/c/{centre}/voice", [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
        const std::string centre = ServedCentre(*parts, p, ex);
        if (centre.empty()) return;
        auto q = [&r](const char* name) {
          auto it = r.query.find(name);
          return it == r.query.end() ? std::string() : it->second;
        };
        const std::string number = q("number");
        const std::string counter = q("counter");
        const bool recall = q("recall") == "1" || q("recall") == "true";
        if (!Accept(CheckTicketNumber(number), ex) || !Accept(CheckIdentifier(counter, "counter", true), ex))
          return;
        if (parts->voice == nullptr) {
          return ex->Reply(
              ErrorReply(404, "NOT_FOUND", "Cổng này không đọc số.", "This gateway has no voice.", ""));
        }
        const std::string counter_name = parts->centres->CounterName(centre, counter);
        boost::asio::post(*parts->pool, [parts, ex, number, counter, counter_name, recall] {
          auto wav = parts->voice->AnnouncementWav(number, counter, counter_name, recall);
          if (!wav.ok()) {
            return ex->Reply(ErrorReply(503, "UNAVAILABLE", "Không đọc được số này.",
                                        "The call could not be spoken.", wav.status().message()));
          }
          ex->Reply({200, "audio/wav", **wav, {{"Cache-Control", "public, max-age=3600"}}});
        });
      });
}

}  // namespace qms::gateway

// The pages and their assets (built into --web-dir by the build, see
// kiosk/web), the list of centres at /, and /healthz.
#include <fstream>
#include <mutex>
#include <sstream>

#include "kiosk/gateway/gateway_parts.h"

namespace qms::gateway {

namespace {

std::string ContentTypeOf(const std::string& name) {
  auto ends = [&name](const char* ext) {
    const std::string e(ext);
    return name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".wav")) return "audio/wav";
  if (ends(".map")) return "application/json";
  return "application/octet-stream";
}

bool SafeName(const std::string& name) {
  if (name.empty() || name.size() > 128 || name[0] == '.') return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
  }
  return true;
}

// The built files, read once: they do not change while the gateway runs.
class StaticFiles {
 public:
  explicit StaticFiles(std::string dir) : dir_(std::move(dir)) {}
  HttpReply Get(const std::string& relative, const char* cache_control) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(relative);
    if (it == cache_.end()) {
      std::ifstream in(dir_ + "/" + relative, std::ios::binary);
      if (!in) {
        return ErrorReply(404, "NOT_FOUND", "Không có tệp này.", "No such file.", relative);
      }
      std::stringstream body;
      body << in.rdbuf();
      it = cache_.emplace(relative, body.str()).first;
    }
    return {200, ContentTypeOf(relative), it->second, {{"Cache-Control", cache_control}}};
  }

 private:
  const std::string dir_;
  std::mutex mu_;
  std::map<std::string, std::string> cache_;
};

}  // namespace

void AddPageRoutes(Router* router, GatewayParts* parts) {
  auto files = std::make_shared<StaticFiles>(parts->web_dir);
  const char* kPage = "no-cache";  // pages: always the current build

  router->Add("GET", "/", [files, kPage](const HttpRequest&, const PathParams&, ExchangePtr ex) {
    ex->Reply(files->Get("index.html", kPage));
  });
  for (const char* page : {"kiosk", "board", "counter", "dashboard"}) {
    router->Add("GET", std::string("/c/{centre}/") + page,
                [parts, files, page, kPage](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
                  if (!ServedCentre(*parts, p, ex).empty())
                    ex->Reply(files->Get(std::string(page) + ".html", kPage));
                });
  }
  router->Add("GET", "/c/{centre}/t/{number}",
              [parts, files, kPage](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
                if (!ServedCentre(*parts, p, ex).empty()) ex->Reply(files->Get("ticket.html", kPage));
              });
  router->Add("GET", "/assets/{file}", [files](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
    const std::string& name = p.at("file");
    if (!SafeName(name))
      return ex->Reply(ErrorReply(404, "NOT_FOUND", "Không có tệp này.", "No such file.", ""));
    ex->Reply(files->Get("assets/" + name, "max-age=300"));
  });

  router->Add("GET", "/healthz", [parts](const HttpRequest&, const PathParams&, ExchangePtr ex) {
    Health health;
    health.set_gateway("ok");
    health.set_server(parts->link->target());
    health.set_channel(parts->link->ChannelState());
    health.set_listen(parts->listen);
    health.set_open_connections(
        static_cast<uint32_t>(parts->open_connections ? parts->open_connections() : 0));
    bool all_live = true;
    for (const auto& id : parts->centres->served()) {
      const FeedHub::CentreState s = parts->hub->State(id);
      CentreLink* link = health.add_centres();
      link->set_centre_id(id);
      link->set_live(s.live);
      link->set_state(s.state);
      link->set_since_us(s.since_us);
      link->set_last_seq(s.last_seq);
      link->set_pages(static_cast<uint32_t>(s.pages));
      link->set_pages_dropped(s.pages_dropped);
      link->set_kept_events(static_cast<uint32_t>(s.kept_events));
      all_live = all_live && s.live;
    }
    health.set_server_reachable(all_live);
    HttpReply reply = JsonReply(health);
    reply.headers.push_back({"Cache-Control", "no-store"});
    ex->Reply(std::move(reply));
  });
}

}  // namespace qms::gateway

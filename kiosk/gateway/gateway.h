// Gateway: qms-gateway assembled. It serves the pages of one or more
// centres over HTTP and bridges them to qms-server over gRPC: one live
// WatchCentre feed per centre fanned out to every page, unary calls for
// every action, tickets printed, calls spoken. Its HTTP API is in
// docs/gateway.md.
//
// Threads: one io thread runs every connection and timer (Run); a small
// worker pool renders and prints tickets and synthesises speech; gRPC runs
// its own threads and hands results to the io thread or straight to the
// connection.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/gateway/centre_directory.h"
#include "kiosk/gateway/centre_feed.h"
#include "kiosk/gateway/feed_hub.h"
#include "kiosk/gateway/gateway_parts.h"
#include "kiosk/gateway/http_server.h"
#include "kiosk/gateway/router.h"
#include "kiosk/gateway/server_link.h"
#include "kiosk/gateway/ticket_printing.h"
#include "services/base/status.h"

namespace qms::gateway {

struct GatewayOptions {
  std::string server = "127.0.0.1:50051";
  std::vector<std::string> centres;
  std::string listen = "127.0.0.1:8080";
  // "SPEC" for every centre, or "CENTRE=SPEC"; SPEC as kiosk/print/README.md.
  std::vector<std::string> printers;
  std::string paper = "80";
  bool voice = true;
  std::string voice_dir;    // recorded clips; empty: espeak-ng
  std::string tokens_file;  // empty: calls carry no token
  std::string web_dir;
  std::string public_url;              // empty: http(s)://<listen address>
  proto::ClientTlsOptions server_tls;  // to qms-server: plaintext unless server_tls.ca_file
  std::string https_cert;              // both set: the pages over HTTPS
  std::string https_key;
  std::chrono::milliseconds call_timeout{5000};
  HttpLimits limits;
};

class Gateway {
 public:
  // Checks the options, loads tokens, opens printers and the voice, and
  // binds the listener (FAILED_PRECONDITION naming the address when it is
  // in use). Nothing is served until Run.
  [[nodiscard]] static StatusOr<std::unique_ptr<Gateway>> Create(GatewayOptions options);
  ~Gateway();

  // Serves until Stop; then closes connections and streams and returns.
  void Run();
  // From any thread (a signal handler's io callback included).
  void Stop();

  const std::string& address() const { return address_; }
  const std::string& public_url() const { return parts_.public_url; }
  const std::vector<std::string>& centres() const { return options_.centres; }
  bool voice_on() const { return voice_ != nullptr; }
  bool https() const { return http_->https(); }

 private:
  explicit Gateway(GatewayOptions options);
  Status Open();

  GatewayOptions options_;
  boost::asio::io_context io_;
  boost::asio::thread_pool pool_{2};
  std::unique_ptr<ServerLink> link_;
  FeedHub hub_;
  std::unique_ptr<CentreDirectory> directory_;
  std::unique_ptr<TicketPrinting> printing_;
  std::unique_ptr<voice::Voice> voice_;
  GatewayParts parts_;
  Router router_;
  std::unique_ptr<HttpServer> http_;
  std::vector<std::shared_ptr<CentreFeed>> feeds_;
  std::string address_;
};

// "09187,07696" -> ids; INVALID_ARGUMENT for an id that is not 1-9 digits
// or a list with none.
[[nodiscard]] StatusOr<std::vector<std::string>> ParseCentreList(const std::string& list);

}  // namespace qms::gateway

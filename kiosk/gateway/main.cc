// qms-gateway: flags -> options -> gateway -> serve until SIGINT/SIGTERM.
#include <absl/synchronization/mutex.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "kiosk/gateway/gateway.h"
#include "qms/client_tls_flags.h"

namespace {

void Log(const std::string& line) { std::cerr << "qms-gateway: " << line << std::endl; }

// Every open page holds a connection (its event stream): raise the soft
// limit on open files to the hard one, so a busy centre is not refused at
// Linux's default of 1,024.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// The pages: installed beside the program (<prefix>/share/qms/web, see
// kiosk/web/CMakeLists.txt), else the build's kiosk/web/dist.
std::string DefaultWebDir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "qms" / "web";
    if (std::filesystem::exists(installed / "index.html", ec)) return installed.string();
  }
#ifdef QMS_WEB_DIR
  return QMS_WEB_DIR;
#else
  return "web";
#endif
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"qms-gateway: a centre's kiosk, board, counter and supervisor pages, bridged to qms-server"};
  qms::gateway::GatewayOptions options;
  std::string centres;
  int timeout_ms = 5000;
  int stream_stall_ms = static_cast<int>(options.limits.stream_write_stall.count());
  bool no_voice = false;
  app.add_option("--server", options.server, "qms-server address, HOST:PORT");
  app.add_option("--centres", centres, "the centres served, comma-separated ids, e.g. 09187,07696")
      ->required();
  app.add_option("--listen", options.listen, "HOST:PORT to serve the pages on (port 0: any free one)");
  app.add_option("--printer", options.printers,
                 "ticket printer: SPEC for every centre or CENTRE=SPEC; SPEC is file:PATH, tcp:HOST:PORT, "
                 "dev:PATH or lp:NAME (repeatable)");
  app.add_option("--paper", options.paper, "thermal paper width in mm: 80 or 58")
      ->check(CLI::IsMember({"58", "80"}));
  app.add_option("--voice-dir", options.voice_dir,
                 "recorded clips, one WAV per word (kiosk/voice/README.md)");
  app.add_flag("--no-voice", no_voice, "do not speak calls (the board still shows them)");
  app.add_option("--tokens", options.tokens_file, "bearer tokens per page role and centre (docs/gateway.md)");
  app.add_option("--web-dir", options.web_dir, "the built pages (default: the build's kiosk/web/dist)");
  app.add_option("--public-url", options.public_url,
                 "the gateway's address as phones reach it, for the QR code (default http(s)://<listen>)");
  app.add_option("--call-timeout-ms", timeout_ms, "deadline of each call to the server")
      ->check(CLI::Range(100, 60000));
  app.add_option(
         "--stream-stall-ms", stream_stall_ms,
         "drop an event stream whose write has not finished after this long (its page stopped reading)")
      ->check(CLI::Range(100, 3600 * 1000))
      ->capture_default_str();
  // Transport security (docs/tls.md): the pages over HTTPS, and the link to
  // qms-server over TLS (--tls-ca) or mutual TLS (with --tls-cert, --tls-key).
  app.add_option("--https-cert", options.https_cert, "serve the pages over HTTPS with this PEM certificate");
  app.add_option("--https-key", options.https_key, "the PEM private key of --https-cert");
  qms::proto::AddClientTlsFlags(&app, &options.server_tls);
  CLI11_PARSE(app, argc, argv);
  // As in qms-server: Debian's Abseil leaves absl::Mutex deadlock detection
  // on, and every lock inside gRPC then updates one global lock graph.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  auto ids = qms::gateway::ParseCentreList(centres);
  if (!ids.ok()) {
    Log(ids.status().message());
    return 2;
  }
  options.centres = std::move(*ids);
  options.voice = !no_voice;
  options.call_timeout = std::chrono::milliseconds(timeout_ms);
  options.limits.stream_write_stall = std::chrono::milliseconds(stream_stall_ms);
  if (options.web_dir.empty()) options.web_dir = DefaultWebDir();
  std::signal(SIGPIPE, SIG_IGN);
  RaiseOpenFileLimit();

  auto gateway = qms::gateway::Gateway::Create(options);
  if (!gateway.ok()) {
    Log(gateway.status().message());
    return gateway.status().code() == qms::StatusCode::kInvalidArgument ? 2 : 1;
  }
  qms::gateway::Gateway* g = gateway->get();
  std::string list;
  for (const auto& c : g->centres()) list += (list.empty() ? "" : ", ") + c;
  Log(std::string("listening on ") + (g->https() ? "https://" : "http://") + g->address() + " for centres " +
      list + " (server " + options.server + " over " + qms::proto::Describe(options.server_tls) +
      (g->voice_on() ? ", voice on" : ", voice off") + ")");

  // Signals are waited for on a thread of their own so Stop can be posted
  // to the io thread the gateway runs on.
  boost::asio::io_context signal_io;
  boost::asio::signal_set signals(signal_io, SIGINT, SIGTERM);
  signals.async_wait([g](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    Log("signal " + std::to_string(sig) + ": stopping");
    g->Stop();
  });
  std::thread signal_thread([&signal_io] { signal_io.run(); });
  g->Run();
  signal_io.stop();
  signal_thread.join();
  Log("stopped");
  return 0;
}

#include "kiosk/gateway/gateway.h"

#include <boost/asio/post.hpp>
#include <sstream>

#include "kiosk/print/printer.h"

namespace qms::gateway {

StatusOr<std::vector<std::string>> ParseCentreList(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string id; std::getline(in, id, ',');) {
    if (id.empty()) continue;
    if (id.size() > 9 || id.find_first_not_of("0123456789") != std::string::npos)
      return InvalidArgument("--centres: \"" + id + "\" is not a centre id (1-9 digits)");
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  if (out.empty())
    return InvalidArgument("--centres: give at least one centre id, e.g. --centres 09187,07696");
  return out;
}

namespace {

StatusOr<std::map<std::string, std::unique_ptr<print::Printer>>> OpenPrinters(const GatewayOptions& options) {
  std::map<std::string, std::unique_ptr<print::Printer>> printers;
  for (const std::string& given : options.printers) {
    std::vector<std::string> centres = options.centres;
    std::string spec = given;
    const size_t eq = given.find('=');
    const size_t colon = given.find(':');
    if (eq != std::string::npos && (colon == std::string::npos || eq < colon)) {
      centres = {given.substr(0, eq)};
      spec = given.substr(eq + 1);
      if (std::find(options.centres.begin(), options.centres.end(), centres[0]) == options.centres.end())
        return InvalidArgument("--printer " + given + ": centre " + centres[0] + " is not in --centres");
    }
    for (const auto& centre : centres) {
      auto printer = print::OpenPrinter(spec);
      if (!printer.ok()) return InvalidArgument("--printer " + given + ": " + printer.status().message());
      printers[centre] = std::move(*printer);
    }
  }
  return printers;
}

}  // namespace

Gateway::Gateway(GatewayOptions options) : options_(std::move(options)) {}

Gateway::~Gateway() = default;

StatusOr<std::unique_ptr<Gateway>> Gateway::Create(GatewayOptions options) {
  std::unique_ptr<Gateway> gateway(new Gateway(std::move(options)));
  if (Status s = gateway->Open(); !s.ok()) return s;
  return gateway;
}

Status Gateway::Open() {
  if (options_.centres.empty()) return InvalidArgument("--centres: give at least one centre id");
  TokenBook tokens;
  if (!options_.tokens_file.empty()) {
    auto loaded = TokenBook::Load(options_.tokens_file);
    if (!loaded.ok()) return loaded.status();
    tokens = std::move(*loaded);
  }
  if (options_.https_cert.empty() != options_.https_key.empty()) {
    return InvalidArgument(options_.https_cert.empty() ? "--https-key needs --https-cert"
                                                       : "--https-cert needs --https-key");
  }
  auto channel = ServerLink::OpenChannel(options_.server, options_.server_tls);
  if (!channel.ok()) return channel.status();
  auto paper = print::ParsePaper(options_.paper);
  if (!paper.ok()) return InvalidArgument("--paper: " + paper.status().message());
  auto printers = OpenPrinters(options_);
  if (!printers.ok()) return printers.status();
  if (options_.voice) {
    voice::VoiceOptions voice_options;
    voice_options.clips_dir = options_.voice_dir;
    auto opened = voice::Voice::Open(voice_options);
    if (!opened.ok()) return InvalidArgument("voice: " + opened.status().message());
    voice_ = std::move(*opened);
  }

  http_ = std::make_unique<HttpServer>(&io_, &router_, options_.limits);
  if (!options_.https_cert.empty()) {
    if (Status s = http_->ServeHttps(options_.https_cert, options_.https_key); !s.ok()) return s;
  }
  if (Status s = http_->Listen(options_.listen); !s.ok()) return s;
  address_ = http_->address();
  const std::string public_url = options_.public_url.empty()
                                     ? (http_->https() ? "https://" : "http://") + address_
                                     : options_.public_url;

  link_ = std::make_unique<ServerLink>(options_.server, std::move(*channel), std::move(tokens),
                                       options_.call_timeout);
  directory_ = std::make_unique<CentreDirectory>(link_.get(), options_.centres, &io_);
  printing_ =
      std::make_unique<TicketPrinting>(directory_.get(), std::move(*printers), *paper, public_url, &pool_);
  for (const auto& centre : options_.centres) {
    hub_.AddCentre(centre);
    feeds_.push_back(std::make_shared<CentreFeed>(link_.get(), &hub_, centre, &io_));
  }

  parts_.link = link_.get();
  parts_.hub = &hub_;
  parts_.centres = directory_.get();
  parts_.printing = printing_.get();
  parts_.voice = voice_.get();
  parts_.pool = &pool_;
  parts_.web_dir = options_.web_dir;
  parts_.public_url = public_url;
  parts_.listen = address_;
  parts_.open_connections = [http = http_.get()] { return http->open_connections(); };
  AddPageRoutes(&router_, &parts_);
  AddKioskRoutes(&router_, &parts_);
  AddCounterRoutes(&router_, &parts_);
  AddDossierRoutes(&router_, &parts_);
  AddBoardRoutes(&router_, &parts_);
  AddDashboardRoutes(&router_, &parts_);
  return Status::Ok();
}

void Gateway::Run() {
  http_->Start();
  directory_->Start();
  for (auto& feed : feeds_) feed->Start();
  io_.run();
  // Stopped: end the feeds (waits for gRPC to let go of them), let the
  // connections and timers see their end, finish queued print jobs.
  for (auto& feed : feeds_) feed->Stop();
  io_.restart();
  io_.poll();
  pool_.join();
}

void Gateway::Stop() {
  boost::asio::post(io_, [this] {
    http_->Stop();
    directory_->Stop();
    io_.stop();
  });
}

}  // namespace qms::gateway

// qms-server: flags -> config -> storage -> engines -> services -> wait.
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include "services/config/config_loader.h"
#include "services/echo_service/echo_service.h"
#include "services/queue/queue_timers.h"
#include "services/queue_service/queue_stack.h"

namespace {

struct Flags {
  std::string config = "config/demo.yaml";
  std::string data_dir = "data";
  std::string listen = "127.0.0.1:50051";
  std::string services = "queue";
};

void Log(const std::string& line) { std::cerr << "qms-server: " << line << std::endl; }

std::set<std::string> SplitServices(const std::string& list) {
  std::set<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.insert(item);
  }
  return out;
}

int Run(const Flags& flags) {
  const auto wanted = SplitServices(flags.services);
  for (const auto& s : wanted) {
    if (s != "queue") {
      Log("--services: unknown service \"" + s + "\" (known: queue)");
      return 2;
    }
  }
  auto config = qms::config::LoadSystemConfig(flags.config);
  if (!config.ok()) {
    Log(config.status().message());
    return 2;
  }
  qms::SystemClock clock;
  std::unique_ptr<qms::service::QueueStack> queue;
  if (wanted.count("queue")) {
    auto opened = qms::service::QueueStack::Open(&*config, flags.data_dir + "/queue", &clock);
    if (!opened.ok()) {
      Log(opened.status().ToString());
      return 1;
    }
    queue = std::move(*opened);
    const auto& r = queue->recovery();
    Log("queue: " + std::to_string(r.centres) + " centres, " + std::to_string(r.tickets) +
        " tickets of today recovered in " + std::to_string(r.micros / 1000) + " ms");
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(flags.listen, grpc::InsecureServerCredentials(), &port);
  qms::EchoServiceImpl echo;
  builder.RegisterService(&echo);
  if (queue) queue->RegisterServices(&builder);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    Log("cannot listen on " + flags.listen);
    return 1;
  }
  server->GetHealthCheckService()->SetServingStatus(true);
  const std::string host = flags.listen.substr(0, flags.listen.rfind(':'));
  Log("listening on " + host + ":" + std::to_string(port) + " (services: " + flags.services + ", echo)");

  boost::asio::io_context io;
  std::unique_ptr<qms::queue::QueueTimers> timers;
  if (queue) {
    timers = std::make_unique<qms::queue::QueueTimers>(io, queue->engine());
    timers->Start();
  }
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int sig) {
    Log("signal " + std::to_string(sig) + ": shutting down");
    if (timers) timers->Stop();
    server->GetHealthCheckService()->SetServingStatus(false);
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  });
  io.run();
  server->Wait();
  Log("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"qms-server: queue and deadline services for public service centres"};
  Flags flags;
  app.add_option("--config", flags.config, "centre configuration file (YAML, see docs/config.md)");
  app.add_option("--data-dir", flags.data_dir, "folder for the service databases");
  app.add_option("--listen", flags.listen, "HOST:PORT to serve gRPC on (port 0 picks a free one)");
  app.add_option("--services", flags.services, "comma-separated: queue");
  CLI11_PARSE(app, argc, argv);
  return Run(flags);
}

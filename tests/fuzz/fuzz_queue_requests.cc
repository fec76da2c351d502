// libFuzzer target: any request to any method of the five queue services
// (IntakeService, CounterService, WatchService, DirectoryService,
// StatsService), through a real QueueStack on RocksDB with auth off. Input
// format and the property checked: fuzz_request_input.h. The store is in
// $TMPDIR and the clock stands still on a Tuesday at 09:00, inside opening
// hours, so the engine runs its real rules on every call.
#include <grpcpp/grpcpp.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "services/access/access_gate.h"
#include "services/base/clock.h"
#include "services/config/config_loader.h"
#include "services/queue_service/queue_stack.h"
#include "tests/fuzz/fuzz_request_input.h"
#include "tests/support/raw_grpc_call.h"

namespace qms::fuzz {
namespace {

struct QueueServer {
  config::SystemConfig config;
  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<access::AccessGate> gate;
  std::unique_ptr<service::QueueStack> stack;
  std::unique_ptr<grpc::Server> server;
  std::shared_ptr<grpc::Channel> channel;
  std::vector<const google::protobuf::MethodDescriptor*> methods;
};

[[noreturn]] void Fail(const char* what, const Status& s) {
  std::fprintf(stderr, "fuzz_queue_requests: %s: %s\n", what, s.ToString().c_str());
  std::abort();
}

// Built once per process and never destroyed: the fuzzer exits with it.
QueueServer* Server() {
  static QueueServer* server = [] {
    auto* s = new QueueServer;
    auto config = config::LoadSystemConfig(QMS_SOURCE_DIR "/config/demo.yaml");
    if (!config.ok()) Fail("config", config.status());
    s->config = std::move(*config);
    s->clock = std::make_unique<ManualClock>(LocalMoment(LocalDate{2025, 7, 1}, 9 * 60));
    s->gate = access::AccessGate::InsecureNoAuth();
    std::string dir = (std::filesystem::temp_directory_path() / "qms_fuzz_queue_XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) std::abort();
    auto stack = service::QueueStack::Open(&s->config, dir, s->clock.get(), s->gate.get());
    if (!stack.ok()) Fail("open", stack.status());
    s->stack = std::move(*stack);
    grpc::ServerBuilder builder;
    s->stack->RegisterServices(&builder);
    s->server = builder.BuildAndStart();
    if (!s->server) std::abort();
    s->channel = s->server->InProcessChannel(grpc::ChannelArguments());
    s->methods = test::MethodsOf({"qms.v1.IntakeService", "qms.v1.CounterService", "qms.v1.WatchService",
                                  "qms.v1.DirectoryService", "qms.v1.StatsService"});
    if (s->methods.empty()) std::abort();
    return s;
  }();
  return server;
}

}  // namespace
}  // namespace qms::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto* server = qms::fuzz::Server();
  qms::fuzz::CallAndCheck(server->channel, qms::fuzz::DecodeFuzzCall(data, size, server->methods));
  return 0;
}

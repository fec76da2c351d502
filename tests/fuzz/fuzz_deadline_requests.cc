// libFuzzer target: any request to any method of DeadlineService, through a
// real DeadlineStack on RocksDB with auth off, the real procedure catalogue
// (config/procedures.csv) and calendar overrides. Input format and the
// property checked: fuzz_request_input.h. The store is in $TMPDIR; the
// clock stands still on Monday 2026-03-02 at 08:00.
#include <grpcpp/grpcpp.h>
#include <stdlib.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "services/access/access_gate.h"
#include "services/base/clock.h"
#include "services/deadline_service/deadline_stack.h"
#include "tests/fuzz/fuzz_request_input.h"
#include "tests/support/raw_grpc_call.h"

namespace qms::fuzz {
namespace {

using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

struct DeadlineServer {
  config::SystemConfig config;
  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<access::AccessGate> gate;
  boost::asio::io_context io;
  std::unique_ptr<WorkGuard> work;
  std::thread io_thread;
  std::unique_ptr<service::DeadlineStack> stack;
  std::unique_ptr<grpc::Server> server;
  std::shared_ptr<grpc::Channel> channel;
  std::vector<const google::protobuf::MethodDescriptor*> methods;
};

[[noreturn]] void Fail(const char* what, const Status& s) {
  std::fprintf(stderr, "fuzz_deadline_requests: %s: %s\n", what, s.ToString().c_str());
  std::abort();
}

config::CentreConfig Centre(const char* id, const char* name, const char* province, const char* agency) {
  config::CentreConfig c;
  c.id = id;
  c.key = static_cast<uint32_t>(std::stoul(id));
  c.name_vi = name;
  c.province = province;
  c.agency_code = agency;
  c.fields = {{"chung_thuc", 'A', "Chứng thực", "Certification"},
              {"ho_tich", 'B', "Hộ tịch", "Civil status"}};
  return c;
}

// Built once per process and never destroyed: the fuzzer exits with it.
DeadlineServer* Server() {
  static DeadlineServer* server = [] {
    auto* s = new DeadlineServer;
    s->config.centres = {Centre("101", "Phường Kinh Bắc", "Bắc Ninh", "000.17.22.H56"),
                         Centre("202", "Phường Kiến An", "Hải Phòng", "000.14.31.H27")};
    s->clock = std::make_unique<ManualClock>(LocalMoment(LocalDate{2026, 3, 2}, 8 * 60));
    s->gate = access::AccessGate::InsecureNoAuth();
    s->work = std::make_unique<WorkGuard>(s->io.get_executor());
    s->io_thread = std::thread([s] { s->io.run(); });
    auto inputs =
        service::LoadDeadlineInputs(QMS_SOURCE_DIR "/config/procedures.csv",
                                    QMS_SOURCE_DIR "/services/calendar/calendar_overrides.yaml", s->config);
    if (!inputs.ok()) Fail("inputs", inputs.status());
    std::string dir = (std::filesystem::temp_directory_path() / "qms_fuzz_deadline_XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) std::abort();
    auto stack = service::DeadlineStack::Open(&s->config, std::move(*inputs), dir, s->clock.get(), &s->io,
                                              s->gate.get());
    if (!stack.ok()) Fail("open", stack.status());
    s->stack = std::move(*stack);
    grpc::ServerBuilder builder;
    s->stack->RegisterServices(&builder);
    s->server = builder.BuildAndStart();
    if (!s->server) std::abort();
    s->channel = s->server->InProcessChannel(grpc::ChannelArguments());
    s->methods = test::MethodsOf({"qms.v1.DeadlineService"});
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

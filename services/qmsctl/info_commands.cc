// status, centres, health: read-only views for operators and monitoring.
#include <grpcpp/generic/generic_stub.h>

#include <future>
#include <iostream>
#include <map>
#include <memory>

#include "services/qmsctl/commands.h"
#include "services/qmsctl/labels.h"

namespace qms::ctl {

namespace {

constexpr int kMaxPages = 10000;  // a bound on ListCentres paging, far above 3,321 centres

struct InfoOptions {
  std::string centre, province, service;
};

// The snapshot that opens every WatchCentre stream; the stream is then
// cancelled, so `status` costs one short-lived stream.
grpc::Status ReadSnapshot(Session& session, const std::string& centre, v1::CentreEvent* snapshot) {
  v1::WatchCentreRequest request;
  request.set_centre_id(centre);
  auto ctx = session.NewContext();
  auto reader = session.watch().WatchCentre(ctx.get(), request);
  const bool got = reader->Read(snapshot);
  ctx->TryCancel();
  v1::CentreEvent ignored;
  for (int i = 0; i < 4096 && reader->Read(&ignored); ++i) {
  }
  grpc::Status finished = reader->Finish();
  if (!got)
    return finished.ok() ? grpc::Status(grpc::StatusCode::UNKNOWN, "stream ended before its snapshot")
                         : finished;
  return grpc::Status::OK;
}

int RunStatus(Session& session, const InfoOptions& o) {
  v1::GetCentreRequest request;
  request.set_centre_id(o.centre);
  v1::Centre centre;
  if (int rc = session.Call(session.directory(), &v1::DirectoryService::Stub::GetCentre, request, &centre);
      rc != kExitOk)
    return rc;
  v1::CentreEvent snapshot;
  const grpc::Status status = ReadSnapshot(session, o.centre, &snapshot);
  if (!status.ok()) return session.Fail(status);
  if (session.json()) {
    std::cout << "{\"centre\":" << ToJson(centre) << ",\"snapshot\":" << ToJson(snapshot) << "}" << std::endl;
    return kExitOk;
  }
  const CentreNames names(centre);
  const v1::CentreSnapshot& s = snapshot.snapshot();
  std::cout << "Trung tâm " << centre.centre_id() << " · " << centre.name_vi() << " / " << centre.name_en()
            << " · " << centre.province() << " · ngày " << s.service_day() << " · sự kiện #" << snapshot.seq()
            << "\nHàng chờ / queues:\n";
  for (const auto& q : s.queues()) std::cout << "  " << QueueLine(q, names) << "\n";
  std::map<std::string, v1::TicketState> active;
  for (const auto& t : s.active()) active[t.number()] = t.state();
  std::cout << "Quầy / counters:\n";
  for (const auto& c : s.counters()) {
    std::cout << "  " << CounterLine(c);
    if (auto it = active.find(c.current_number()); it != active.end()) {
      std::cout << " (" << StateLabel(it->second) << ")";
    }
    std::cout << "\n";
  }
  std::cout << std::flush;
  return kExitOk;
}

int RunCentres(Session& session, const InfoOptions& o) {
  v1::ListCentresResponse all;
  v1::ListCentresRequest request;
  request.set_province(o.province);
  for (int page = 0; page < kMaxPages; ++page) {
    v1::ListCentresResponse response;
    if (int rc =
            session.Call(session.directory(), &v1::DirectoryService::Stub::ListCentres, request, &response);
        rc != kExitOk)
      return rc;
    for (auto& c : *response.mutable_centres()) *all.add_centres() = std::move(c);
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  return session.Show(all, [&] {
    for (const auto& c : all.centres()) {
      std::cout << c.centre_id() << " · " << c.name_vi() << " · " << c.province() << " · " << c.fields_size()
                << " lĩnh vực · mã cơ quan " << c.agency_code() << "\n";
    }
    std::cout << all.centres_size() << " trung tâm" << std::endl;
  });
}

// grpc.health.v1.HealthCheckRequest{service} on the wire: field 1, string.
grpc::ByteBuffer HealthRequest(const std::string& service) {
  std::string bytes;
  if (!service.empty()) {
    bytes += '\x0a';
    bytes += static_cast<char>(service.size());  // REQUIRES: size < 128 (checked by the option)
    bytes += service;
  }
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// HealthCheckResponse.status (field 1, varint): 0 UNKNOWN, 1 SERVING,
// 2 NOT_SERVING, 3 SERVICE_UNKNOWN. Unknown fields are skipped.
int HealthStatus(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return 0;
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  if (bytes.size() >= 2 && bytes[0] == '\x08') return static_cast<unsigned char>(bytes[1]) & 0x7f;
  return 0;
}

int RunHealth(Session& session, const InfoOptions& o) {
  grpc::GenericStub stub(session.channel());
  grpc::ByteBuffer request = HealthRequest(o.service);
  grpc::ByteBuffer response;
  auto ctx = session.NewContext();
  std::promise<grpc::Status> done;
  stub.UnaryCall(ctx.get(), "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  grpc::Status status = done.get_future().get();  // bounded: the context carries the deadline
  if (!status.ok()) return session.Fail(status);
  static const char* kNames[] = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};
  const int code = HealthStatus(response);
  const char* name = code >= 0 && code < 4 ? kNames[code] : "UNKNOWN";
  if (session.json()) {
    std::cout << "{\"status\":\"" << name << "\"}" << std::endl;
  } else {
    std::cout << name << std::endl;
  }
  return code == 1 ? kExitOk : kExitUnavailable;
}

}  // namespace

void AddInfoCommands(CLI::App& app, Action* selected) {
  auto status = std::make_shared<InfoOptions>();
  CLI::App* cmd = app.add_subcommand("status", "Queues per field and counters of a centre");
  cmd->add_option("--centre", status->centre, "centre id")->required();
  cmd->callback([status, selected] { *selected = [status](Session& s) { return RunStatus(s, *status); }; });

  auto centres = std::make_shared<InfoOptions>();
  cmd = app.add_subcommand("centres", "List the centres (ListCentres, every page)");
  cmd->add_option("--province", centres->province, "only this province, e.g. \"Hải Phòng\"");
  cmd->callback(
      [centres, selected] { *selected = [centres](Session& s) { return RunCentres(s, *centres); }; });

  auto health = std::make_shared<InfoOptions>();
  cmd = app.add_subcommand("health", "Standard gRPC health check (grpc.health.v1.Health/Check)");
  cmd->add_option("--service", health->service, "service name to check (default: the whole server)")
      ->check(CLI::Validator([](std::string& v) { return v.size() < 128 ? "" : "at most 127 bytes"; },
                             "SERVICE"));
  cmd->callback([health, selected] { *selected = [health](Session& s) { return RunHealth(s, *health); }; });
}

}  // namespace qms::ctl

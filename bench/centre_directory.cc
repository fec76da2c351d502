#include "bench/centre_directory.h"

#include <algorithm>

#include "qms/v1/queue.grpc.pb.h"

namespace qms::bench {
namespace {

CentreLayout ToLayout(const v1::Centre& centre) {
  CentreLayout layout;
  layout.centre_id = centre.centre_id();
  for (const auto& field : centre.fields()) layout.field_ids.push_back(field.field_id());
  for (const auto& counter : centre.counters()) {
    CounterLayout counter_layout;
    counter_layout.counter_id = counter.counter_id();
    for (const auto& weight : counter.fields()) counter_layout.field_ids.push_back(weight.field_id());
    layout.counters.push_back(std::move(counter_layout));
  }
  return layout;
}

grpc::Status ListAll(v1::DirectoryService::Stub* stub, const CallSettings& settings, size_t limit,
                     std::vector<CentreLayout>* centres) {
  std::string page_token;
  // Bounded: 10,000 pages of 1,000 is far beyond any real country.
  for (int page = 0; page < 10000; ++page) {
    v1::ListCentresRequest request;
    request.set_page_size(1000);
    request.set_page_token(page_token);
    v1::ListCentresResponse response;
    grpc::ClientContext context;
    settings.Apply(&context);
    grpc::Status status = stub->ListCentres(&context, request, &response);
    if (!status.ok()) return status;
    for (const auto& centre : response.centres()) {
      if (limit != 0 && centres->size() >= limit) return grpc::Status::OK;
      centres->push_back(ToLayout(centre));
    }
    page_token = response.next_page_token();
    if (page_token.empty()) return grpc::Status::OK;
  }
  return grpc::Status::OK;
}

}  // namespace

grpc::Status LoadCentres(const Connections& connections, size_t limit, bool with_counters,
                         std::vector<CentreLayout>* centres) {
  auto stub = v1::DirectoryService::NewStub(connections.ForWorker(0));
  CallSettings settings = connections.call_settings();
  settings.timeout_ms = std::max(settings.timeout_ms, 30000);
  grpc::Status status = ListAll(stub.get(), settings, limit, centres);
  if (!status.ok()) return grpc::Status(status.error_code(), "ListCentres: " + status.error_message());
  for (CentreLayout& layout : *centres) {
    if (!with_counters) break;
    v1::GetCentreRequest request;
    request.set_centre_id(layout.centre_id);
    v1::Centre centre;
    grpc::ClientContext context;
    settings.Apply(&context);
    status = stub->GetCentre(&context, request, &centre);
    if (!status.ok()) {
      return grpc::Status(status.error_code(),
                          "GetCentre " + layout.centre_id + ": " + status.error_message());
    }
    layout = ToLayout(centre);
  }
  if (centres->empty())
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "the server hosts no centre");
  return grpc::Status::OK;
}

std::vector<const CentreLayout*> CentresForWorker(const std::vector<CentreLayout>& centres, int worker_index,
                                                  int worker_count) {
  std::vector<const CentreLayout*> mine;
  for (size_t i = static_cast<size_t>(worker_index); i < centres.size();
       i += static_cast<size_t>(worker_count)) {
    mine.push_back(&centres[i]);
  }
  return mine;
}

}  // namespace qms::bench

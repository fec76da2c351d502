#ifndef QMS_BENCH_CENTRE_DIRECTORY_H_
#define QMS_BENCH_CENTRE_DIRECTORY_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "bench/connections.h"

namespace qms::bench {

struct CounterLayout {
  std::string counter_id;
  std::vector<std::string> field_ids;  // the fields it serves
};

// What the bench needs to know about a centre, read from DirectoryService so
// that the bench works against whatever config the server was started with.
struct CentreLayout {
  std::string centre_id;
  std::vector<std::string> field_ids;
  std::vector<CounterLayout> counters;  // only when asked for
};

// Lists up to `limit` centres (0: all) in the server's order. With
// `with_counters` it also asks GetCentre for each, since ListCentres leaves
// counters out. Fails with the RPC's status, or FAILED_PRECONDITION when the
// server hosts no usable centre.
[[nodiscard]] grpc::Status LoadCentres(const Connections& connections, size_t limit, bool with_counters,
                                       std::vector<CentreLayout>* centres);

// Centres handled by one worker: every `worker_count`-th, from `worker_index`.
std::vector<const CentreLayout*> CentresForWorker(const std::vector<CentreLayout>& centres, int worker_index,
                                                  int worker_count);

}  // namespace qms::bench

#endif  // QMS_BENCH_CENTRE_DIRECTORY_H_

// A QueueEngine on a real RocksDB store, opened and closed the one way the
// engine tests need: the store at `options.path`, its group-commit writer,
// the engine over both (not yet recovered). Closing destroys the writer
// first, so that it drains every pending callback while the engine and the
// store it points into still exist, as QueueStack does.
#pragma once

#include <memory>

#include "services/queue/queue_engine.h"
#include "storage/group_commit_writer.h"
#include "storage/store.h"

namespace qms::queue::testing {

struct EngineOnDisk {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<storage::GroupCommitWriter> writer;
  std::unique_ptr<QueueEngine> engine;
};

[[nodiscard]] inline Status OpenEngineOnDisk(const config::SystemConfig* config, const Clock* clock,
                                             const storage::StoreOptions& options, EngineOnDisk* out,
                                             LoadLimits load = {}) {
  auto store = storage::Store::Open(options);
  if (!store.ok()) return store.status();
  out->store = std::move(*store);
  out->writer = std::make_unique<storage::GroupCommitWriter>(out->store.get());
  out->engine = std::make_unique<QueueEngine>(config, out->store.get(), out->writer.get(), clock, 256, load);
  return Status::Ok();
}

inline void CloseEngineOnDisk(EngineOnDisk* e) {
  e->writer.reset();
  e->engine.reset();
  e->store.reset();
}

}  // namespace qms::queue::testing

// The RocksDB info log of a store, to the process's stderr (the server's own
// log) instead of a LOG file in the data folder: warnings and errors only,
// each line "rocksdb DIR: message".
//
// Why not RocksDB's LOG file: on a full disk its appends fail, and RocksDB
// 7.8 then aborts the process on the next line it logs (an assertion in its
// file writer, reached from the error handler that reports the full disk).
// A failed write must cost the store, never the process
// (tests/blackbox/disk_full_test.cc). Thread-safe.
#pragma once

#include <rocksdb/env.h>

#include <memory>
#include <string>

namespace qms::storage {

std::shared_ptr<rocksdb::Logger> NewStderrLogger(std::string path);

}  // namespace qms::storage

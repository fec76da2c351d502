// The checks after the last round of a crash loop, against the restarted
// server, once every actor has settled what it had on the wire. Each check
// compares the server with the CrashLedger and records any loss or
// violation there:
//   CheckRecords    every acknowledged ticket (state, rating, queue time)
//                   and dossier (status, due moments) as last acknowledged;
//   CheckRetries    every acknowledged issue, receipt and rating sent again
//                   with its request id answers the same (replayed);
//   CheckNumbering  the server counts as many tickets per line as were
//                   acknowledged, and a fresh ticket continues after the
//                   highest number;
//   CheckWaitingOrder  the tickets still waiting are called in issue order,
//                   and none is missing or extra. It calls them: run it last.
#ifndef QMS_BENCH_CRASH_CHECKS_H_
#define QMS_BENCH_CRASH_CHECKS_H_

#include "bench/crash_ledger.h"
#include "bench/crash_traffic.h"

namespace qms::bench::crash {

// `threads` blocking callers share the records.
void CheckRecords(const ServerStubs& stubs, int threads, CrashLedger* ledger);
void CheckRetries(const ServerStubs& stubs, int threads, CrashLedger* ledger);
void CheckNumbering(const ServerStubs& stubs, CrashLedger* ledger);
void CheckWaitingOrder(const ServerStubs& stubs, CrashLedger* ledger);

}  // namespace qms::bench::crash

#endif  // QMS_BENCH_CRASH_CHECKS_H_

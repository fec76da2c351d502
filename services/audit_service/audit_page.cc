#include "services/audit_service/audit_page.h"

#include <cinttypes>
#include <cstdio>
#include <vector>

#include "storage/audit_trail.h"

namespace qms::service {

std::string AuditPageToken(const AuditPosition& p) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%" PRIu32 ".%" PRIu32 ".%" PRIu64 ".%" PRIu64, p.centre, p.day,
                p.queue_after, p.deadline_after);
  return buf;
}

Status ParseAuditPageToken(const std::string& token, uint32_t centre, uint32_t day, AuditPosition* out) {
  *out = AuditPosition{centre, day, 0, 0};
  if (token.empty()) return Status::Ok();
  AuditPosition p;
  int consumed = 0;
  if (token.size() > 80 ||
      std::sscanf(token.c_str(), "%" SCNu32 ".%" SCNu32 ".%" SCNu64 ".%" SCNu64 "%n", &p.centre, &p.day,
                  &p.queue_after, &p.deadline_after, &consumed) != 4 ||
      static_cast<size_t>(consumed) != token.size() || AuditPageToken(p) != token) {
    return InvalidArgument("page_token is not one this server gave");
  }
  if (p.centre != centre || p.day != day) {
    return InvalidArgument("page_token belongs to another centre or day; start again without it");
  }
  *out = p;
  return Status::Ok();
}

namespace {

// The next records of one store, and whether it has more.
struct Run {
  std::vector<v1::AuditRecord> records;
  size_t next = 0;
  bool more = false;
  bool exhausted() const { return next == records.size() && !more; }
};

Status ReadRun(storage::Store* store, uint32_t centre, uint32_t day, uint64_t after, uint32_t limit,
               Run* run) {
  if (store == nullptr) return Status::Ok();
  return storage::ReadAuditDay(store, centre, day, after, limit, &run->records, &run->more);
}

bool QueueFirst(const v1::AuditRecord& q, const v1::AuditRecord& d) { return q.at_us() <= d.at_us(); }

}  // namespace

Status ReadAuditPage(storage::Store* queue, storage::Store* deadline, const AuditPosition& from,
                     uint32_t page_size, v1::ListAuditResponse* out) {
  Run q, d;
  if (Status s = ReadRun(queue, from.centre, from.day, from.queue_after, page_size, &q); !s.ok()) return s;
  if (Status s = ReadRun(deadline, from.centre, from.day, from.deadline_after, page_size, &d); !s.ok())
    return s;
  AuditPosition next = from;
  while (static_cast<uint32_t>(out->records_size()) < page_size) {
    const bool have_q = q.next < q.records.size();
    const bool have_d = d.next < d.records.size();
    if (!have_q && !have_d) break;
    Run& take = (have_q && (!have_d || QueueFirst(q.records[q.next], d.records[d.next]))) ? q : d;
    v1::AuditRecord& r = take.records[take.next++];
    (&take == &q ? next.queue_after : next.deadline_after) = r.seq();
    out->add_records()->Swap(&r);
  }
  if (!q.exhausted() || !d.exhausted()) out->set_next_page_token(AuditPageToken(next));
  return Status::Ok();
}

}  // namespace qms::service

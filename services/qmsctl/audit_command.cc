// audit: a centre's audit trail of one day (AuditService/ListAudit), every
// page, one line per record, oldest first.
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include "qms/v1/audit.grpc.pb.h"
#include "services/qmsctl/commands.h"

namespace qms::ctl {

namespace {

constexpr int kMaxPages = 100000;  // a bound on paging: 100 million records
constexpr int64_t kOffsetMicros = 7LL * 3600 * 1000000;

struct AuditOptions {
  std::string centre, date;
  uint32_t page_size = 500;
  bool json = false;  // as the global --json, also accepted after `audit`
};

// "HH:MM:SS" local time.
std::string LocalClock(int64_t micros_utc) {
  const std::time_t seconds = static_cast<std::time_t>((micros_utc + kOffsetMicros) / 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

// "2026-03-02" to 20260302; false if malformed.
bool ParseDate(const std::string& text, uint32_t* out) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || text.size() != 10) return false;
  if (y < 2000 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  *out = static_cast<uint32_t>(y * 10000 + m * 100 + d);
  return true;
}

// Who, as a supervisor reads it: "lan (CLERK) từ ipv4:10.0.0.7:51234",
// "anonymous (chưa xác thực / unauthenticated, cán bộ nv01) từ ...", "system".
std::string Who(const v1::AuditRecord& r) {
  std::string out = r.subject();
  if (r.authenticated()) {
    if (!r.role().empty()) out += " (" + r.role() + ")";
  } else if (r.subject() != "system") {
    out += " (chưa xác thực / unauthenticated";
    if (!r.clerk_id().empty()) out += ", cán bộ " + r.clerk_id();
    out += ")";
  }
  if (!r.peer().empty()) out += " từ " + r.peer();
  return out;
}

// "08:03:11 hàng đợi · lan (CLERK) từ ipv4:10.0.0.7:51234 · CallNext quầy 5 → B023 · OK"
std::string AuditLine(const v1::AuditRecord& r) {
  const char* source = r.source() == v1::AUDIT_DEADLINE ? "hồ sơ" : "hàng đợi";
  return LocalClock(r.at_us()) + " " + source + " · " + Who(r) + " · " + r.summary() + " · " + r.result();
}

int RunAudit(Session& session, const AuditOptions& o) {
  v1::ListAuditRequest request;
  request.set_centre_id(o.centre);
  request.set_page_size(o.page_size);
  if (!o.date.empty()) {
    uint32_t day = 0;
    if (!ParseDate(o.date, &day)) {
      std::cerr << "qmsctl: --date must be YYYY-MM-DD, got \"" << o.date << "\"" << std::endl;
      return kExitUsage;
    }
    request.set_day(day);
  }
  const bool json = o.json || session.json();
  size_t count = 0;
  for (int page = 0; page < kMaxPages; ++page) {
    v1::ListAuditResponse response;
    if (int rc = session.Call(session.audit(), &v1::AuditService::Stub::ListAudit, request, &response);
        rc != kExitOk)
      return rc;
    for (const auto& r : response.records()) {
      if (json) {
        session.PrintJson(r);
      } else {
        std::cout << AuditLine(r) << "\n";
      }
    }
    count += static_cast<size_t>(response.records_size());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  if (!json) std::cout << count << " bản ghi / records" << std::endl;
  return kExitOk;
}

}  // namespace

void AddAuditCommand(CLI::App& app, Action* selected) {
  auto o = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "Audit trail of a centre's day: who did what (ListAudit)");
  cmd->add_option("--centre", o->centre, "centre id")->required();
  cmd->add_option("--date", o->date, "YYYY-MM-DD, local (default today)");
  cmd->add_flag("--json", o->json, "one JSON object (qms.v1.AuditRecord) per record and line");
  cmd->add_option("--page-size", o->page_size, "records per call (at most 1000)")->check(CLI::Range(1, 1000));
  cmd->callback([o, selected] { *selected = [o](Session& s) { return RunAudit(s, *o); }; });
}

}  // namespace qms::ctl

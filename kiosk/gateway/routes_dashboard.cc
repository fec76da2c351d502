// Routes of the supervisor dashboard and the counter's rating screen: the
// day's statistics (from the server's memory), today's report as CSV, and
// the citizen's rating of a completed ticket.
#include <mutex>

#include "kiosk/gateway/day_report_csv.h"
#include "kiosk/gateway/gateway_parts.h"
#include "kiosk/gateway/request_checks.h"

namespace qms::gateway {

namespace {

void GetDayStats(GatewayParts* parts, const std::string& centre,
                 std::function<void(const grpc::Status&, v1::DayStats*)> done) {
  v1::DayStatsRequest request;
  request.set_centre_id(centre);
  parts->link->Call(PageRole::kSupervisor, centre, parts->link->stats(),
                    &v1::StatsService::Stub::async_interface::GetDayStats, std::move(request),
                    std::move(done));
}

// The two halves of report.csv, asked for at once; the reply goes when both
// have answered.
struct ReportParts {
  std::mutex mu;
  int pending = 2;
  grpc::Status stats_status;
  v1::DayStats stats;
  grpc::Status dossiers_status;
  v1::DailyReport dossiers;
};

void ReplyReport(GatewayParts* parts, const std::string& centre, const std::shared_ptr<ReportParts>& r,
                 const ExchangePtr& ex) {
  if (!r->stats_status.ok()) return ex->Reply(GrpcErrorReply(r->stats_status));
  auto info = parts->centres->Find(centre);
  std::string csv =
      DayReportCsv(info ? &*info : nullptr, r->stats, r->dossiers_status.ok() ? &r->dossiers : nullptr,
                   r->dossiers_status.error_message());
  ex->Reply({200,
             "text/csv; charset=utf-8",
             std::move(csv),
             {{"Content-Disposition", "attachment; filename=\"bao-cao-" + centre + "-" +
                                          std::to_string(r->stats.service_day()) + ".csv\""},
              {"Cache-Control", "no-store"}}});
}

}  // namespace

void AddDashboardRoutes(Router* router, GatewayParts* parts) {
  router->Add("GET", "/api/c/{centre}/stats",
              [parts](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                if (!centre.empty()) GetDayStats(parts, centre, ReplyWith<v1::DayStats>(ex));
              });

  router->Add(
      "GET", "/api/c/{centre}/report.csv", [parts](const HttpRequest&, const PathParams& p, ExchangePtr ex) {
        const std::string centre = ServedCentre(*parts, p, ex);
        if (centre.empty()) return;
        auto r = std::make_shared<ReportParts>();
        auto finish = [parts, centre, r, ex] {
          std::lock_guard<std::mutex> lock(r->mu);
          if (--r->pending == 0) ReplyReport(parts, centre, r, ex);
        };
        GetDayStats(parts, centre, [r, finish](const grpc::Status& s, v1::DayStats* stats) {
          {
            std::lock_guard<std::mutex> lock(r->mu);
            r->stats_status = s;
            if (s.ok()) r->stats.Swap(stats);
          }
          finish();
        });
        v1::DailyReportRequest request;
        request.set_centre_id(centre);
        parts->link->Call(PageRole::kSupervisor, centre, parts->link->deadline(),
                          &v1::DeadlineService::Stub::async_interface::GetDailyReport, std::move(request),
                          [r, finish](const grpc::Status& s, v1::DailyReport* report) {
                            {
                              std::lock_guard<std::mutex> lock(r->mu);
                              r->dossiers_status = s;
                              if (s.ok()) r->dossiers.Swap(report);
                            }
                            finish();
                          });
      });

  router->Add("POST", "/api/c/{centre}/tickets/{number}/rating",
              [parts](const HttpRequest& r, const PathParams& p, ExchangePtr ex) {
                const std::string centre = ServedCentre(*parts, p, ex);
                if (centre.empty() || !Accept(CheckTicketNumber(p.at("number")), ex)) return;
                v1::RateServiceRequest request;
                if (!ParseBody(r, &request, ex) ||
                    !SamePathValue(request.mutable_centre_id(), centre, "centre_id", ex) ||
                    !SamePathValue(request.mutable_number(), p.at("number"), "number", ex) ||
                    !Accept(CheckIdentifier(request.counter_id(), "counter_id", true), ex) ||
                    !Accept(CheckIdentifier(request.clerk_id(), "clerk_id", false), ex))
                  return;
                parts->link->Call(PageRole::kCounter, centre, parts->link->counters(),
                                  &v1::CounterService::Stub::async_interface::RateService, std::move(request),
                                  ReplyWith<v1::TicketResponse>(ex), r.bearer);
              });
}

}  // namespace qms::gateway

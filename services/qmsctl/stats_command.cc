// stats: a centre's figures of today (StatsService.GetDayStats), as readable
// lines for a supervisor or as the DayStats message in JSON.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "services/qmsctl/commands.h"
#include "services/qmsctl/labels.h"

namespace qms::ctl {

namespace {

// "6:30" (minutes:seconds), "1:05:00" from an hour on; rounded to the second.
std::string MinSec(double seconds) {
  const long total = std::lround(seconds);
  char buf[32];
  if (total >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", total / 60, total % 60);
  }
  return buf;
}

// "4 số · TB 6:30 · p50 5:00 · p90 12:00"; "chưa có" when there is none.
std::string DurationText(const v1::DurationStats& d) {
  if (d.count() == 0) return "chưa có";
  return std::to_string(d.count()) + " số · TB " + MinSec(d.mean_seconds()) + " · p50 " +
         MinSec(d.p50_seconds()) + " · p90 " + MinSec(d.p90_seconds());
}

// "3 lượt · Rất hài lòng 1 · Hài lòng 1 · Không hài lòng 1 · hài lòng 66,7%"
std::string RatingText(const v1::RatingCounts& r) {
  if (r.rated() == 0) return "chưa có";
  char share[16];
  std::snprintf(share, sizeof share, "%.1f%%", r.satisfaction_share() * 100);
  std::string percent = share;
  for (char& c : percent) c = c == '.' ? ',' : c;  // Vietnamese decimal comma
  return std::to_string(r.rated()) + " lượt · " + RatingLabel(v1::VERY_SATISFIED) + " " +
         std::to_string(r.very_satisfied()) + " · " + RatingLabel(v1::SATISFIED) + " " +
         std::to_string(r.satisfied()) + " · " + RatingLabel(v1::DISSATISFIED) + " " +
         std::to_string(r.dissatisfied()) + " · hài lòng " + percent;
}

// Every state, zeros included, so that lines line up from day to day.
std::string CountsText(const v1::TicketCounts& c) {
  std::string out = std::to_string(c.issued()) + " số đã phát · " + std::to_string(c.waiting()) +
                    " đang chờ · " + std::to_string(c.called()) + " đã gọi · " + std::to_string(c.serving()) +
                    " đang phục vụ · " + std::to_string(c.parked()) + " tạm gác · " +
                    std::to_string(c.served()) + " đã xong · " + std::to_string(c.no_show()) +
                    " vắng mặt · " + std::to_string(c.cancelled()) + " đã huỷ · " +
                    std::to_string(c.expired()) + " hết hạn";
  if (c.transferred_out() > 0) out += " · " + std::to_string(c.transferred_out()) + " chuyển đi";
  if (c.transferred_in() > 0) out += " · " + std::to_string(c.transferred_in()) + " chuyển đến";
  return out;
}

void PrintStats(const v1::DayStats& s, const CentreNames& names) {
  std::cout << "Thống kê ngày " << s.service_day() << " · trung tâm " << s.centre_id() << " · lúc "
            << LocalClock(s.computed_at_us()) << " (thời gian: phút:giây)\n"
            << "Tổng / total: " << CountsText(s.total()) << "\n"
            << "Chờ đến lượt gọi / wait: " << DurationText(s.wait()) << "\n"
            << "Phục vụ / service: " << DurationText(s.service()) << "\n"
            << "Đánh giá / ratings: " << RatingText(s.ratings()) << "\n"
            << "Lĩnh vực / fields:\n";
  for (const auto& f : s.fields()) {
    std::cout << "  " << names.Field(f.field_id()) << ": " << CountsText(f.tickets()) << "\n"
              << "    chờ " << DurationText(f.wait()) << " | phục vụ " << DurationText(f.service())
              << " | đánh giá " << RatingText(f.ratings()) << "\n";
  }
  std::cout << "Cán bộ / clerks:\n";
  if (s.clerks_size() == 0) std::cout << "  chưa có\n";
  for (const auto& c : s.clerks()) {
    std::cout << "  " << c.clerk_id() << ": " << c.served() << " đã xong · " << c.no_show() << " vắng mặt"
              << " · phục vụ TB "
              << (c.service().count() ? MinSec(c.service().mean_seconds()) : std::string("--"))
              << " · đánh giá " << RatingText(c.ratings()) << "\n";
  }
  std::cout << "Quầy / counters:\n";
  for (const auto& c : s.counters()) {
    std::cout << "  " << CounterLine(c.counter()) << " · " << c.served() << " đã xong · " << c.no_show()
              << " vắng mặt\n";
  }
  std::cout << "Theo giờ / by hour:\n";
  for (const auto& h : s.hours()) {
    if (h.issued() == 0 && h.called() == 0 && h.served() == 0) continue;  // the hours of the chart's bars
    char hour[8];
    std::snprintf(hour, sizeof hour, "%02u:00", h.hour());
    std::cout << "  " << hour << " " << h.issued() << " đến · " << h.called() << " gọi · " << h.served()
              << " xong · chờ " << DurationText(h.wait()) << "\n";
  }
  std::cout << std::flush;
}

int RunStats(Session& session, const std::string& centre) {
  v1::DayStatsRequest request;
  request.set_centre_id(centre);
  v1::DayStats stats;
  if (int rc = session.Call(session.stats(), &v1::StatsService::Stub::GetDayStats, request, &stats);
      rc != kExitOk)
    return rc;
  return session.Show(stats, [&] {
    CentreNames names;
    names.Load(session, centre);
    PrintStats(stats, names);
  });
}

}  // namespace

void AddStatsCommand(CLI::App& app, Action* selected) {
  auto centre = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("stats", "Today's figures of a centre (GetDayStats)");
  cmd->add_option("--centre", *centre, "centre id")->required();
  cmd->callback([centre, selected] { *selected = [centre](Session& s) { return RunStats(s, *centre); }; });
}

}  // namespace qms::ctl

#include "kiosk/gateway/day_report_csv.h"

#include <cstdio>
#include <initializer_list>

namespace qms::gateway {

namespace {

std::string Minutes(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", seconds / 60.0);
  return text;
}

std::string Share(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100.0);
  return text;
}

void Row(std::string* out, std::initializer_list<std::string> fields) {
  bool first = true;
  for (const auto& f : fields) {
    if (!first) *out += ',';
    *out += CsvField(f);
    first = false;
  }
  *out += "\r\n";
}

std::string N(uint64_t n) { return std::to_string(n); }

std::string FieldName(const v1::Centre* centre, const std::string& id) {
  if (centre) {
    for (const auto& f : centre->fields()) {
      if (f.field_id() == id) return f.name_vi();
    }
  }
  return id;
}

std::string Day(uint32_t yyyymmdd) {
  char text[16];
  std::snprintf(text, sizeof text, "%02u/%02u/%04u", yyyymmdd % 100, yyyymmdd / 100 % 100, yyyymmdd / 10000);
  return text;
}

}  // namespace

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string DayReportCsv(const v1::Centre* centre, const v1::DayStats& day, const v1::DailyReport* dossiers,
                         const std::string& dossiers_error) {
  std::string out = "\xEF\xBB\xBF";
  const std::string name = centre ? centre->name_vi() : day.centre_id();
  Row(&out, {"Báo cáo ngày / Day report", name + " (" + day.centre_id() + ")", Day(day.service_day())});
  out += "\r\n";

  const v1::TicketCounts& t = day.total();
  Row(&out, {"Chỉ số / Measure", "Giá trị / Value"});
  Row(&out, {"Số đã phát / Issued", N(t.issued())});
  Row(&out, {"Đã phục vụ / Served", N(t.served())});
  Row(&out, {"Vắng mặt / No-show", N(t.no_show())});
  Row(&out, {"Đã huỷ / Cancelled", N(t.cancelled())});
  Row(&out, {"Hết hạn cuối ngày / Expired", N(t.expired())});
  Row(&out, {"Đang chờ / Waiting now", N(t.waiting())});
  Row(&out, {"Chờ trung vị (phút) / Wait p50 (min)", Minutes(day.wait().p50_seconds())});
  Row(&out, {"Chờ P90 (phút) / Wait p90 (min)", Minutes(day.wait().p90_seconds())});
  Row(&out, {"Phục vụ trung bình (phút) / Mean service (min)", Minutes(day.service().mean_seconds())});
  Row(&out, {"Rất hài lòng / Very satisfied", N(day.ratings().very_satisfied())});
  Row(&out, {"Hài lòng / Satisfied", N(day.ratings().satisfied())});
  Row(&out, {"Không hài lòng / Dissatisfied", N(day.ratings().dissatisfied())});
  Row(&out, {"Tỉ lệ hài lòng / Satisfied share",
             day.ratings().rated() ? Share(day.ratings().satisfaction_share()) : ""});
  out += "\r\n";

  Row(&out, {"Lĩnh vực / Field", "Mã / Id", "Đã phát / Issued", "Đã phục vụ / Served", "Vắng mặt / No-show",
             "Đã huỷ / Cancelled", "Chờ trung vị (phút) / Wait p50", "Chờ P90 (phút) / Wait p90",
             "Phục vụ TB (phút) / Mean service", "Đánh giá / Rated", "Tỉ lệ hài lòng / Satisfied"});
  for (const auto& f : day.fields()) {
    Row(&out,
        {FieldName(centre, f.field_id()), f.field_id(), N(f.tickets().issued()), N(f.tickets().served()),
         N(f.tickets().no_show()), N(f.tickets().cancelled()), Minutes(f.wait().p50_seconds()),
         Minutes(f.wait().p90_seconds()), Minutes(f.service().mean_seconds()), N(f.ratings().rated()),
         f.ratings().rated() ? Share(f.ratings().satisfaction_share()) : ""});
  }
  out += "\r\n";

  Row(&out, {"Cán bộ / Clerk", "Đã phục vụ / Served", "Vắng mặt / No-show",
             "Phục vụ TB (phút) / Mean service", "Đánh giá / Rated", "Tỉ lệ hài lòng / Satisfied"});
  for (const auto& c : day.clerks()) {
    Row(&out, {c.clerk_id(), N(c.served()), N(c.no_show()), Minutes(c.service().mean_seconds()),
               N(c.ratings().rated()), c.ratings().rated() ? Share(c.ratings().satisfaction_share()) : ""});
  }
  out += "\r\n";

  Row(&out, {"Giờ / Hour", "Đến / Arrivals", "Được gọi / Called", "Đã phục vụ / Served",
             "Chờ TB (phút) / Mean wait", "Chờ P90 (phút) / Wait p90"});
  for (const auto& h : day.hours()) {
    if (h.issued() == 0 && h.called() == 0 && h.served() == 0) continue;
    char hour[16];
    std::snprintf(hour, sizeof hour, "%02u:00", h.hour());
    Row(&out, {hour, N(h.issued()), N(h.called()), N(h.served()), Minutes(h.wait().mean_seconds()),
               Minutes(h.wait().p90_seconds())});
  }
  out += "\r\n";

  Row(&out, {"Hồ sơ / Dossiers", "Giá trị / Value"});
  if (dossiers == nullptr) {
    Row(&out, {"Không lấy được số liệu hồ sơ / Dossier figures unavailable", dossiers_error});
    return out;
  }
  const v1::CentreDayFigures& d = dossiers->total();
  Row(&out, {"Tiếp nhận / Received", N(d.received())});
  Row(&out, {"Giải quyết trước hạn / Resolved early", N(d.resolved_early())});
  Row(&out, {"Giải quyết đúng hạn / Resolved on time", N(d.resolved_on_time())});
  Row(&out, {"Giải quyết quá hạn / Resolved late", N(d.resolved_late())});
  Row(&out, {"Đang quá hạn / Open overdue", N(d.open_overdue())});
  Row(&out, {"Tạm dừng / Paused", N(d.paused())});
  Row(&out, {"Gia hạn / Extended", N(d.extended())});
  Row(&out, {"Tỉ lệ đúng hạn / On-time rate", Share(d.on_time_rate())});
  return out;
}

}  // namespace qms::gateway

#include "services/deadline/dossier_report.h"

#include <boost/asio/post.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "services/deadline/dossier_engine.h"
#include "services/deadline/dossier_keys.h"

namespace qms::deadline {

namespace {

void Add(const v1::CentreDayFigures& f, v1::CentreDayFigures* total) {
  total->set_received(total->received() + f.received());
  total->set_resolved_early(total->resolved_early() + f.resolved_early());
  total->set_resolved_on_time(total->resolved_on_time() + f.resolved_on_time());
  total->set_resolved_late(total->resolved_late() + f.resolved_late());
  total->set_open_overdue(total->open_overdue() + f.open_overdue());
  total->set_paused(total->paused() + f.paused());
  total->set_extended(total->extended() + f.extended());
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Rate(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", r);
  return buf;
}

std::string CsvLine(uint32_t day, const std::string& id, const std::string& name, const std::string& province,
                    const v1::CentreDayFigures& f) {
  std::string line =
      std::to_string(day) + "," + CsvField(id) + "," + CsvField(name) + "," + CsvField(province);
  for (uint32_t v : {f.received(), f.resolved_early(), f.resolved_on_time(), f.resolved_late(),
                     f.open_overdue(), f.paused(), f.extended()}) {
    line += "," + std::to_string(v);
  }
  return line + "," + Rate(f.on_time_rate()) + "\n";
}

nlohmann::json FiguresJson(const v1::CentreDayFigures& f) {
  return {{"centre_id", f.centre_id()},
          {"received", f.received()},
          {"resolved_early", f.resolved_early()},
          {"resolved_on_time", f.resolved_on_time()},
          {"resolved_late", f.resolved_late()},
          {"open_overdue", f.open_overdue()},
          {"paused", f.paused()},
          {"extended", f.extended()},
          {"on_time_rate", f.on_time_rate()}};
}

std::string CommonProvince(const std::vector<const DossierCentre*>& centres) {
  if (centres.empty()) return "";
  for (const auto* c : centres) {
    if (c->province != centres.front()->province) return "";
  }
  return centres.front()->province;
}

}  // namespace

double OnTimeRate(const v1::CentreDayFigures& f) {
  const uint32_t resolved = f.resolved_early() + f.resolved_on_time() + f.resolved_late();
  if (resolved == 0) return 1.0;
  return static_cast<double>(f.resolved_early() + f.resolved_on_time()) / resolved;
}

void FinishReport(const std::vector<const DossierCentre*>& centres, v1::DailyReportRequest::Format format,
                  v1::DailyReport* report) {
  v1::CentreDayFigures* total = report->mutable_total();
  total->Clear();
  for (auto& f : *report->mutable_centres()) {
    f.set_on_time_rate(OnTimeRate(f));
    Add(f, total);
  }
  total->set_centre_id("total");
  total->set_on_time_rate(OnTimeRate(*total));
  report->set_rendered(format == v1::DailyReportRequest::CSV ? RenderCsv(centres, *report)
                                                             : RenderJson(centres, *report));
}

std::string RenderCsv(const std::vector<const DossierCentre*>& centres, const v1::DailyReport& report) {
  std::string out =
      "day,centre_id,centre_name,province,received,resolved_early,resolved_on_time,resolved_late,"
      "open_overdue,paused,extended,on_time_rate\n";
  for (int i = 0; i < report.centres_size() && i < static_cast<int>(centres.size()); ++i) {
    out +=
        CsvLine(report.day(), centres[i]->id, centres[i]->name_vi, centres[i]->province, report.centres(i));
  }
  out += CsvLine(report.day(), "total", "", CommonProvince(centres), report.total());
  return out;
}

std::string RenderJson(const std::vector<const DossierCentre*>& centres, const v1::DailyReport& report) {
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 0; i < report.centres_size() && i < static_cast<int>(centres.size()); ++i) {
    nlohmann::json row = FiguresJson(report.centres(i));
    row["centre_name"] = centres[i]->name_vi;
    row["province"] = centres[i]->province;
    rows.push_back(std::move(row));
  }
  nlohmann::json doc = {
      {"day", report.day()}, {"centres", std::move(rows)}, {"total", FiguresJson(report.total())}};
  const std::string province = CommonProvince(centres);
  if (!province.empty()) doc["province"] = province;
  return doc.dump(2) + "\n";
}

// ---------------------------------------------------------------- engine

Status DossierEngine::FiguresOf(Slot* slot, uint32_t day, MicrosUtc now, v1::CentreDayFigures* out) const {
  storage::DossierDayRecord record;
  bool live = false;
  {
    std::lock_guard<std::mutex> lock(slot->mu);
    if (day == slot->day) {
      record = slot->today;
      live = true;
    }
  }
  if (!live) {
    std::string value;
    Status s = store_->Get(storage::Cf::kDossierIndex, DayKey(slot->centre->key, day), &value);
    if (!s.ok() && s.code() != StatusCode::kNotFound)
      return Unavailable("cannot read day figures: " + s.message());
    if (s.ok() && !record.ParseFromString(value)) {
      return Status(StatusCode::kDataLoss, "unreadable day figures at centre " + slot->centre->id);
    }
  }
  if (!live && !record.closed()) {
    auto received = CountRequests(slot->centre->key, day);
    if (!received.ok()) return received.status();
    record.mutable_figures()->set_received(*received);
  }
  *out = record.figures();
  out->set_centre_id(slot->centre->id);
  if (live) {
    auto overdue = CountOverdue(slot->centre->key, now);
    if (!overdue.ok()) return overdue.status();
    out->set_open_overdue(*overdue);
  }
  return Status::Ok();
}

Status DossierEngine::ReportNow(const ReportQuery& q, v1::DailyReport* report) const {
  const MicrosUtc now = clock_->Now();
  report->set_day(q.day != 0 ? q.day : LocalDateOf(now).ToYyyymmdd());
  std::vector<const DossierCentre*> centres;
  for (const auto& slot : slots_) {
    const bool wanted =
        q.centre_id.empty() ? slot->centre->province == q.province : slot->centre->id == q.centre_id;
    if (!wanted) continue;
    centres.push_back(slot->centre);
    if (Status s = FiguresOf(slot.get(), report->day(), now, report->add_centres()); !s.ok()) return s;
  }
  FinishReport(centres, q.format, report);
  return Status::Ok();
}

void DossierEngine::Report(const ReportQuery& query, ReportDone done) {
  v1::DailyReport empty;
  if (query.centre_id.empty() == query.province.empty()) {
    return done(InvalidArgument("give either centre_id or province"), &empty);
  }
  if (!query.centre_id.empty() && !FindSlot(query.centre_id)) {
    return done(NotFound("centre " + query.centre_id + " does not exist"), &empty);
  }
  if (!query.province.empty()) {
    bool any = false;
    for (const auto& c : centres_) any = any || c.province == query.province;
    if (!any) return done(NotFound("no centre in province " + query.province), &empty);
  }
  if (stopped_.load() || writer_->failed()) {
    return done(Unavailable("the deadline service is stopping or its storage failed"), &empty);
  }
  boost::asio::post(reads_, [this, query, done = std::move(done)] {
    v1::DailyReport report;
    Status s = ReportNow(query, &report);
    done(s, &report);
  });
}

}  // namespace qms::deadline

#include "kiosk/gateway/ticket_printing.h"

#include <boost/asio/post.hpp>
#include <cstdio>
#include <ctime>

#include "kiosk/print/ticket_job.h"

namespace qms::gateway {

std::string LocalTimeText(int64_t micros_utc) {
  const std::time_t local = static_cast<std::time_t>(micros_utc / 1000000 + 7 * 3600);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char text[32];
  std::snprintf(text, sizeof text, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900,
                tm.tm_hour, tm.tm_min);
  return text;
}

TicketPrinting::TicketPrinting(const CentreDirectory* centres,
                               std::map<std::string, std::unique_ptr<print::Printer>> printers,
                               print::Paper paper, std::string public_url, boost::asio::thread_pool* pool)
    : centres_(centres),
      printers_(std::move(printers)),
      paper_(paper),
      public_url_(std::move(public_url)),
      pool_(pool) {}

std::string TicketPrinting::StatusUrl(const std::string& centre, const std::string& number) const {
  return public_url_ + "/c/" + centre + "/t/" + number;
}

print::TicketSlip TicketPrinting::SlipOf(const std::string& centre, const v1::Ticket& ticket, uint32_t ahead,
                                         uint32_t wait_minutes) const {
  print::TicketSlip slip;
  slip.number = ticket.number();
  slip.centre_name = centres_->CentreName(centre);
  if (auto info = centres_->Find(centre)) {
    if (const v1::FieldInfo* f = centres_->FindField(*info, ticket.field_id())) {
      slip.field_name_vi = f->name_vi();
      slip.field_name_en = f->name_en();
    }
  }
  if (slip.field_name_vi.empty()) slip.field_name_vi = ticket.field_id();
  slip.priority = ticket.priority() == v1::PRIORITY || ticket.priority() == v1::APPOINTMENT;
  slip.people_ahead = ahead;
  slip.wait_minutes = wait_minutes;
  slip.issued_at = LocalTimeText(ticket.issued_at_us());
  slip.status_url = StatusUrl(centre, ticket.number());
  slip.footer_vi = "Vui lòng giữ phiếu đến lượt. Xin cảm ơn!";
  return slip;
}

PrintOutcome TicketPrinting::Print(const std::string& centre, const v1::IssueTicketResponse& issued,
                                   bool reprint) {
  auto it = printers_.find(centre);
  PrintOutcome outcome;
  if (it == printers_.end()) {
    outcome.set_state("off");
    outcome.set_message("no printer is set for this centre");
    return outcome;
  }
  outcome.set_printer(it->second->spec());
  const std::string number = issued.ticket().number();
  const uint32_t day = issued.ticket().service_day();
  const std::string outcome_key = centre + "/" + number;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto& [printed_day, numbers] = printed_[centre];
    if (printed_day != day) {
      printed_day = day;
      numbers.clear();
    }
    if (!reprint && !numbers.insert(number).second) {
      outcome.set_state("skipped");
      outcome.set_message("already printed");
      return outcome;
    }
    outcome.set_state("queued");
    outcomes_[outcome_key] = outcome;
  }
  print::Printer* printer = it->second.get();
  print::TicketSlip slip =
      SlipOf(centre, issued.ticket(), issued.position_ahead(), issued.estimated_wait_minutes());
  boost::asio::post(*pool_, [this, centre, slip, printer, outcome, number, outcome_key]() mutable {
    auto job = print::BuildPrintJob(centre, slip, paper_);
    Status s = job.ok() ? printer->Print(*job) : job.status();
    std::lock_guard<std::mutex> lock(mu_);
    if (s.ok()) {
      outcome.set_state("printed");
    } else {
      outcome.set_state("failed");
      outcome.set_message(s.message());
      printed_[centre].second.erase(number);  // a retry may print it
    }
    outcomes_[outcome_key] = outcome;
  });
  return outcome;
}

PrintOutcome TicketPrinting::LastOutcome(const std::string& centre, const std::string& number) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = outcomes_.find(centre + "/" + number);
  if (it != outcomes_.end()) return it->second;
  PrintOutcome none;
  none.set_state(printers_.count(centre) ? "none" : "off");
  return none;
}

void TicketPrinting::Preview(const std::string& centre, const v1::GetTicketResponse& status,
                             std::function<void(StatusOr<std::string>)> done) {
  print::TicketSlip slip =
      SlipOf(centre, status.ticket(), status.position_ahead(), status.estimated_wait_minutes());
  boost::asio::post(*pool_, [this, slip, done = std::move(done)] { done(print::TicketPng(slip, paper_)); });
}

}  // namespace qms::gateway

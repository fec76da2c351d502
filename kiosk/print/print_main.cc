// qms-print-ticket: renders a sample queue ticket and writes its PNG preview
// and/or sends it to a printer, so that an operator can test a printer (and
// its paper width) before opening day. Every field of the slip has a flag.
//
//   qms-print-ticket --paper 80 --png /tmp/ticket.png --printer tcp:192.168.1.50:9100
#include <CLI/CLI.hpp>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>

#include "kiosk/print/internal/font_choice.h"
#include "kiosk/print/ticket_job.h"

namespace {

std::string NowText() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M", &local);
  return buf;
}

int Fail(const std::string& what) {
  std::cerr << "qms-print-ticket: " << what << "\n";
  return 1;
}

// The sample slip, every field of which a flag can change.
qms::print::TicketSlip SampleSlip() {
  qms::print::TicketSlip slip;
  slip.centre_name = "Trung tâm Phục vụ hành chính công phường Nguyễn Trãi";
  slip.number = "B023";
  slip.field_name_vi = "Hộ tịch";
  slip.field_name_en = "Civil status";
  slip.people_ahead = 12;
  slip.wait_minutes = 25;
  slip.issued_at = NowText();
  slip.status_url = "https://qms.example.vn/c/nguyen-trai/t/B023";
  slip.footer_vi = "Vui lòng giữ phiếu đến lượt. Xin cảm ơn!";
  return slip;
}

struct ToolOptions {
  qms::print::TicketSlip slip = SampleSlip();
  std::string centre_id = "nguyen-trai";
  std::string paper = "80";
  std::string png_path;
  std::string printer_spec;
  std::string cut = "partial";
  qms::print::EscPosOptions escpos;
};

void AddFlags(CLI::App& app, ToolOptions* o) {
  qms::print::TicketSlip& slip = o->slip;
  app.add_option("--centre-name", slip.centre_name, "Centre name at the top")->capture_default_str();
  app.add_option("--centre-id", o->centre_id, "Centre id, for spool file names")->capture_default_str();
  app.add_option("--number", slip.number, "Ticket number")->capture_default_str();
  app.add_option("--field-vi", slip.field_name_vi, "Field, Vietnamese")->capture_default_str();
  app.add_option("--field-en", slip.field_name_en, "Field, English")->capture_default_str();
  app.add_flag("--priority", slip.priority, "Priority ticket");
  app.add_option("--people-ahead", slip.people_ahead, "People waiting ahead")->capture_default_str();
  app.add_option("--wait-minutes", slip.wait_minutes, "Estimated wait, minutes")->capture_default_str();
  app.add_option("--issued-at", slip.issued_at, "Issue time as printed (dd/mm/yyyy HH:MM; default now)");
  app.add_option("--status-url", slip.status_url, "Address in the QR code ('' for none)")
      ->capture_default_str();
  app.add_option("--footer", slip.footer_vi, "Footer line")->capture_default_str();
  app.add_option("--paper", o->paper, "Paper width in mm")
      ->check(CLI::IsMember({"58", "80"}))
      ->capture_default_str();
  app.add_option("--png", o->png_path, "Write the preview PNG here");
  app.add_option("--printer", o->printer_spec, "Printer: file:PATH, tcp:HOST:PORT, dev:PATH or lp:NAME");
  app.add_option("--band-rows", o->escpos.band_rows, "Rows per GS v 0 band")
      ->check(CLI::Range(1, 4095))
      ->capture_default_str();
  app.add_option("--feed-lines", o->escpos.feed_lines, "Lines fed before the cut")
      ->check(CLI::Range(0, 255))
      ->capture_default_str();
  app.add_option("--cut", o->cut, "partial, full or none")
      ->check(CLI::IsMember({"partial", "full", "none"}))
      ->capture_default_str();
}

int Run(ToolOptions& o) {
  if (o.png_path.empty() && o.printer_spec.empty()) return Fail("give --png FILE and/or --printer SPEC");
  using qms::print::Cut;
  o.escpos.cut = o.cut == "full" ? Cut::kFull : o.cut == "none" ? Cut::kNone : Cut::kPartial;
  std::unique_ptr<qms::print::Printer> printer;
  if (!o.printer_spec.empty()) {
    auto opened = qms::print::OpenPrinter(o.printer_spec);
    if (!opened.ok()) return Fail(opened.status().ToString());
    printer = std::move(*opened);
  }
  auto job = qms::print::BuildPrintJob(o.centre_id, o.slip, *qms::print::ParsePaper(o.paper), o.escpos);
  if (!job.ok()) return Fail(job.status().ToString());
  std::cout << "font: " << qms::print::internal::TicketFontFamily() << "\n";
  if (!o.png_path.empty()) {
    std::ofstream out(o.png_path, std::ios::binary);
    out << job->png;
    if (!out.flush()) return Fail("cannot write " + o.png_path);
    std::cout << "preview: " << o.png_path << "\n";
  }
  if (printer != nullptr) {
    qms::Status printed = printer->Print(*job);
    if (!printed.ok()) return Fail(printed.ToString());
    std::cout << "printed " << job->escpos.size() << " bytes to " << o.printer_spec << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ToolOptions options;
  CLI::App app{"Render a sample queue ticket to a PNG and/or print it (printer test)"};
  AddFlags(app, &options);
  CLI11_PARSE(app, argc, argv);
  return Run(options);
}

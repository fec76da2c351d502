// TicketPrinting: the citizen's ticket on the centre's thermal printer, and
// its PNG preview. Rendering and printing run on the gateway's worker pool,
// never on its network thread. A kiosk's retry of a ticket already printed
// (the server answers `replayed`) does not print it again.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "kiosk/gateway/centre_directory.h"
#include "kiosk/gateway/gateway_api.pb.h"
#include "kiosk/print/printer.h"
#include "kiosk/print/ticket_slip.h"

namespace qms::gateway {

class TicketPrinting {
 public:
  // `printers`: the printer of each centre (absent: none). `public_url`:
  // the gateway's address as phones reach it, for the QR code.
  TicketPrinting(const CentreDirectory* centres,
                 std::map<std::string, std::unique_ptr<print::Printer>> printers, print::Paper paper,
                 std::string public_url, boost::asio::thread_pool* pool);

  bool HasPrinter(const std::string& centre) const { return printers_.count(centre) > 0; }
  std::string StatusUrl(const std::string& centre, const std::string& number) const;

  // Queues the ticket just issued (or, with `reprint`, again) for the
  // printer and returns at once: "queued", "off" (no printer) or "skipped"
  // (already printed). The job's end is read with LastOutcome: the kiosk
  // shows the ticket without waiting for paper.
  PrintOutcome Print(const std::string& centre, const v1::IssueTicketResponse& issued, bool reprint);
  // The state of the last job of that ticket: "queued", "printed",
  // "failed" (with why), or "none".
  PrintOutcome LastOutcome(const std::string& centre, const std::string& number) const;
  // The PNG of the ticket as it prints, with the position of `status`.
  void Preview(const std::string& centre, const v1::GetTicketResponse& status,
               std::function<void(StatusOr<std::string>)> done);

  // The slip of a ticket (pure; public for tests).
  print::TicketSlip SlipOf(const std::string& centre, const v1::Ticket& ticket, uint32_t ahead,
                           uint32_t wait_minutes) const;

 private:
  const CentreDirectory* centres_;
  std::map<std::string, std::unique_ptr<print::Printer>> printers_;
  const print::Paper paper_;
  const std::string public_url_;
  boost::asio::thread_pool* pool_;
  mutable std::mutex mu_;
  // Per centre: the service day and the numbers printed on it (kept for
  // that day only).
  std::map<std::string, std::pair<uint32_t, std::set<std::string>>> printed_;
  std::map<std::string, PrintOutcome> outcomes_;  // "centre/number": the last job's
};

// "30/11/2026 09:14" in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
std::string LocalTimeText(int64_t micros_utc);

}  // namespace qms::gateway

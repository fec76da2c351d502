#include "kiosk/print/ticket_job.h"

#include "kiosk/print/png.h"
#include "kiosk/print/ticket_layout.h"

namespace qms::print {

StatusOr<PrintJob> BuildPrintJob(const std::string& centre_id, const TicketSlip& slip, Paper paper,
                                 const EscPosOptions& escpos) {
  StatusOr<RenderedTicket> ticket = RenderTicket(slip, paper);
  if (!ticket.ok()) return ticket.status();
  StatusOr<std::string> png = EncodePng(ticket->raster);
  if (!png.ok()) return png.status();
  PrintJob job;
  job.centre_id = centre_id;
  job.number = slip.number;
  job.escpos = EncodeEscPos(ticket->raster, escpos);
  job.png = std::move(*png);
  return job;
}

StatusOr<std::string> TicketPng(const TicketSlip& slip, Paper paper) {
  StatusOr<RenderedTicket> ticket = RenderTicket(slip, paper);
  if (!ticket.ok()) return ticket.status();
  return EncodePng(ticket->raster);
}

}  // namespace qms::print

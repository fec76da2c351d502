// What the gateway calls after a ticket is issued: the print job of a slip
// (ESC/POS and its PNG preview, from one render) and the preview alone.
// Thread-safe; each call renders (a few milliseconds): use a worker thread.
#pragma once

#include <string>

#include "kiosk/print/escpos.h"
#include "kiosk/print/printer.h"
#include "kiosk/print/ticket_slip.h"
#include "services/base/status.h"

namespace qms::print {

// Errors as RenderTicket's (ticket_layout.h) and EncodePng's (png.h).
StatusOr<PrintJob> BuildPrintJob(const std::string& centre_id, const TicketSlip& slip, Paper paper,
                                 const EscPosOptions& escpos = {});

// The PNG of exactly what BuildPrintJob would print.
StatusOr<std::string> TicketPng(const TicketSlip& slip, Paper paper);

}  // namespace qms::print

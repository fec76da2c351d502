// The font family the ticket is drawn in, chosen once through fontconfig.
#pragma once

#include <string>

namespace qms::print::internal {

// The first installed family of "Noto Sans", "DejaVu Sans" that covers
// Vietnamese (fontconfig's lang "vi"); if neither is installed, the family
// fontconfig matches for "Sans" with Vietnamese coverage; "Sans" if even
// that fails. Computed on first call, then cached. Thread-safe.
const std::string& TicketFontFamily();

}  // namespace qms::print::internal

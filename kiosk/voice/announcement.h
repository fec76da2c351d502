// What the board says when a clerk calls a ticket, as words and as text.
//
//   call:    "Mời số bê hai mươi ba đến quầy số năm"
//   recall:  "Xin mời lại số bê hai mươi ba đến quầy số năm"
//
// The counter: an id of ASCII digits is read "quầy số" and its number ("5",
// "05": "quầy số năm"); otherwise the counter's name is spoken as given
// ("Quầy ưu tiên": "quầy ưu tiên"), or, with no name, "quầy" and the id. In a
// name or an id, a run of digits is read as a number ("Quầy 12": "quầy mười
// hai"), and a letter alone is named when it is written in capitals or
// touches a digit ("Quầy B": "quầy bê", "12A": "mười hai a"); other words
// stay as they are, in lower case, so "Quầy y tế" stays "quầy y tế".
//
// All functions are pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "kiosk/voice/spoken_numbers.h"
#include "services/base/status.h"

namespace qms::voice {

struct Announcement {
  // What is spoken, in order: NFC UTF-8, lower case, one syllable each, no
  // digits. The words a clip library needs (README.md).
  std::vector<std::string> words;
  // The words joined by spaces, first letter in capitals: "Mời số bê hai
  // mươi ba đến quầy số năm". The key of the phrase cache.
  std::string text;
  // For the screen, with the ticket and counter as written: "Mời số B023 đến
  // quầy số 5", "Mời số A001 đến Quầy ưu tiên".
  std::string display_text;
};

// INVALID_ARGUMENT (quoting the input) for a ticket TicketWords rejects, a
// counter with neither an id nor a name that yields a word, or text that is
// not UTF-8.
[[nodiscard]] StatusOr<Announcement> DescribeAnnouncement(const std::string& ticket_number,
                                                          const std::string& counter_id,
                                                          const std::string& counter_name, bool recall,
                                                          const NumberStyle& style = {});

// The words that speak a counter ("quầy", "số", "năm"), by the rules above.
[[nodiscard]] StatusOr<std::vector<std::string>> CounterWords(const std::string& counter_id,
                                                              const std::string& counter_name,
                                                              const NumberStyle& style = {});

// Every word an announcement can need except those of counter names: the
// fixed words of the call and the recall, every letter name, every number
// word. Sorted, without repeats. The list a centre records (README.md).
std::vector<std::string> AnnouncementVocabulary(const NumberStyle& style = {});

}  // namespace qms::voice

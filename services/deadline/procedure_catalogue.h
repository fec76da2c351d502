// ProcedureCatalogue: the administrative procedures a centre receives
// dossiers for, each with its statutory time limit and fee. Loaded once at
// start from a CSV file (config/procedures.csv) and read-only afterwards.
//
// File format: UTF-8 CSV, one header line naming the columns in any order,
// then one procedure per line. Fields may be quoted ("a, b"; "" is a quote
// inside quotes); a quoted field may not span lines. Blank lines and lines
// starting with '#' are skipped.
//   code        required, national style: digits and dots, e.g. 1.001193
//   field       required, the field id of the centre configuration
//   name_vi     required
//   name_en     required
//   time_limit  required: "same_day", "N working days" (N 1..365) or
//               "N working hours" (N 1..2000); "1 working day" and
//               "1 working hour" are accepted
//   fee_vnd     optional: a non-negative whole number of dong (0 if absent)
//   fee_note, note, and any column whose name starts with "x_": free text,
//               kept for people, ignored here
// Any other column, a missing required column or value, a bad time limit or
// fee, or a code listed twice stops loading with INVALID_ARGUMENT
// "FILE:LINE: what is wrong".
//
// Thread safety: immutable after construction; safe to read from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "services/base/status.h"

namespace qms::deadline {

enum class LimitKind { kSameDay, kWorkingDays, kWorkingHours };

struct TimeLimit {
  LimitKind kind = LimitKind::kSameDay;
  uint32_t value = 0;  // days or hours; 0 for kSameDay
};

struct Procedure {
  std::string code;
  std::string field_id;
  std::string name_vi;
  std::string name_en;
  TimeLimit limit;
  int64_t fee_vnd = 0;
};

// Parses "same_day", "N working days", "N working hours". INVALID_ARGUMENT
// with a message that quotes `text` otherwise.
[[nodiscard]] StatusOr<TimeLimit> ParseTimeLimit(const std::string& text);
// The inverse, for display: "same_day", "3 working days", "8 working hours".
std::string FormatTimeLimit(const TimeLimit& limit);

class ProcedureCatalogue {
 public:
  ProcedureCatalogue() = default;

  // Parses CSV text; `source_name` prefixes error messages.
  [[nodiscard]] static StatusOr<ProcedureCatalogue> Parse(const std::string& csv_text,
                                                          const std::string& source_name);
  // Reads and parses a file. NOT_FOUND if it cannot be read.
  [[nodiscard]] static StatusOr<ProcedureCatalogue> Load(const std::string& path);
  // Builds a catalogue from values (tests). INVALID_ARGUMENT on a duplicate code.
  [[nodiscard]] static StatusOr<ProcedureCatalogue> FromList(std::vector<Procedure> procedures);

  // nullptr when unknown. The pointer stays valid as long as the catalogue.
  const Procedure* Find(const std::string& code) const;
  // In file order.
  const std::vector<Procedure>& all() const { return procedures_; }

 private:
  std::vector<Procedure> procedures_;
  std::unordered_map<std::string, size_t> by_code_;
};

}  // namespace qms::deadline

// DossierEngine: GetDossier and ListDossiers, served from RocksDB on the
// read threads. Lists merge the index ranges the query needs (running,
// paused, not started, closed by status), each scanned between a lower and
// an upper key, in (sort moment, code) order.
//
// Page token: hex of [version u8 = 1][query fingerprint u32][sort_us u64][code],
// the position of the last entry examined; the next page starts after it.
#include <algorithm>
#include <boost/asio/post.hpp>
#include <limits>

#include "services/deadline/dossier_engine.h"
#include "services/deadline/dossier_keys.h"
#include "storage/keys.h"

namespace qms::deadline {

namespace {

using storage::Cf;

constexpr uint8_t kTokenVersion = 1;
constexpr uint32_t kMaxPageSize = 500;
constexpr uint32_t kDefaultPageSize = 50;

constexpr uint32_t Bit(int status) { return 1u << status; }
constexpr uint32_t kOpenBits = Bit(v1::REGISTERED) | Bit(v1::ACCEPTED) | Bit(v1::PROCESSING) |
                               Bit(v1::SUPPLEMENT_REQUESTED) | Bit(v1::FINANCIAL_OBLIGATION);
constexpr uint32_t kRunningBits = Bit(v1::ACCEPTED) | Bit(v1::PROCESSING);
constexpr uint32_t kPausedBits = Bit(v1::SUPPLEMENT_REQUESTED) | Bit(v1::FINANCIAL_OBLIGATION);
constexpr v1::DossierStatus kClosedStatuses[] = {v1::NOT_ACCEPTED, v1::WITHDRAWN, v1::STOPPED, v1::RESOLVED,
                                                 v1::RESULT_RETURNED};

void Mix(uint32_t* h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    *h ^= c;
    *h *= 16777619u;
  }
  *h ^= 0xff;  // separator
  *h *= 16777619u;
}

// FNV-1a of what selects the dossiers, so a token only continues its own query.
uint32_t Fingerprint(const ListQuery& q, uint32_t status_bits) {
  uint32_t h = 2166136261u;
  Mix(&h, q.centre_id);
  Mix(&h, std::to_string(status_bits));
  Mix(&h, q.field_id);
  Mix(&h, std::to_string(q.due_before));
  Mix(&h, q.overdue_only ? "1" : "0");
  Mix(&h, std::to_string(q.due_within_working_hours));
  return h;
}

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

bool Unhex(const std::string& hex, std::string* out) {
  if (hex.size() % 2 != 0) return false;
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

std::string EncodeToken(uint32_t fingerprint, std::string_view position) {
  std::string raw;
  raw.push_back(static_cast<char>(kTokenVersion));
  storage::AppendU32(&raw, fingerprint);
  raw.append(position);
  return Hex(raw);
}

// The position a token continues after, or an error for a token that is not
// ours or belongs to another query.
StatusOr<std::string> DecodeToken(const std::string& token, uint32_t fingerprint) {
  std::string raw;
  if (token.size() > 512 || !Unhex(token, &raw) || raw.size() < 13 ||
      raw[0] != static_cast<char>(kTokenVersion)) {
    return InvalidArgument("page_token is not a token this service gave out");
  }
  if (storage::ReadU32(raw, 1) != fingerprint) {
    return InvalidArgument("page_token belongs to a different query; repeat the same filters or start again");
  }
  return raw.substr(5);
}

struct Source {
  size_t prefix_size = 0;
  std::unique_ptr<storage::Store::RangeIterator> it;
  std::string_view Position() const { return it->key().substr(prefix_size); }
};

struct Range {
  uint32_t status_bits = 0;
  MicrosUtc lower = 0;                                      // sort moment >= lower
  MicrosUtc upper = std::numeric_limits<MicrosUtc>::max();  // sort moment < upper
};

StatusOr<Range> RangeOf(const ListQuery& q, MicrosUtc now, const WorkingCalendar& calendar) {
  Range r;
  for (v1::DossierStatus s : q.statuses) {
    if (s <= 0 || s > v1::RESULT_RETURNED)
      return InvalidArgument("statuses: unknown status " + std::to_string(s));
    r.status_bits |= Bit(s);
  }
  if (r.status_bits == 0) r.status_bits = kOpenBits;
  if (q.overdue_only && q.due_within_working_hours > 0) {
    return InvalidArgument("overdue_only and due_within_working_hours exclude each other; ask one at a time");
  }
  if (q.overdue_only) {
    r.status_bits &= kRunningBits;
    r.upper = now;
  }
  if (q.due_within_working_hours > 0) {
    r.status_bits &= kRunningBits;
    r.lower = now;
    r.upper = calendar.AddWorkingMicros(now, int64_t{q.due_within_working_hours} * kMicrosPerHour) + 1;
  }
  if (q.due_before > 0) r.upper = std::min(r.upper, q.due_before);
  return r;
}

// The index ranges a set of statuses lives in: (column family, prefix).
std::vector<std::pair<Cf, std::string>> SourcePrefixes(uint32_t key, uint32_t bits) {
  std::vector<std::pair<Cf, std::string>> prefixes;
  if (bits & kRunningBits) prefixes.emplace_back(Cf::kDossierDue, DuePrefix(key, DueClock::kRunning));
  if (bits & kPausedBits) prefixes.emplace_back(Cf::kDossierDue, DuePrefix(key, DueClock::kPaused));
  if (bits & Bit(v1::REGISTERED))
    prefixes.emplace_back(Cf::kDossierDue, DuePrefix(key, DueClock::kNotStarted));
  for (v1::DossierStatus s : kClosedStatuses) {
    if (bits & Bit(s)) prefixes.emplace_back(Cf::kDossierIndex, ClosedPrefix(key, s));
  }
  return prefixes;
}

struct PageFilter {
  uint32_t status_bits = 0;
  std::string field_id;
  uint32_t page_size = kDefaultPageSize;
  size_t max_examined = 0;
};

struct Page {
  std::vector<std::string> codes;
  std::string last_position;  // of the last entry examined
  bool more = false;          // entries remain after it
};

// Merges the sources in (sort moment, code) order and keeps the codes that
// pass the filter, until the page is full or max_examined entries were seen.
StatusOr<Page> MergePage(std::vector<Source>* sources, const PageFilter& f) {
  Page page;
  size_t examined = 0;
  for (;;) {
    Source* next = nullptr;
    for (auto& s : *sources) {
      if (s.it->Valid() && (!next || s.Position() < next->Position())) next = &s;
    }
    if (!next || page.codes.size() >= f.page_size || examined >= f.max_examined) break;
    const std::string_view value = next->it->value();
    page.last_position.assign(next->Position());
    ++examined;
    if ((f.status_bits & Bit(ListValueStatus(value))) &&
        (f.field_id.empty() || ListValueField(value) == f.field_id)) {
      page.codes.emplace_back(page.last_position.substr(8));
    }
    next->it->Next();
  }
  for (auto& s : *sources) {
    if (Status read = s.it->status(); !read.ok())
      return Unavailable("cannot read the due index: " + read.message());
    page.more = page.more || s.it->Valid();
  }
  return page;
}

// The records of a page, with one MultiGet.
StatusOr<std::vector<v1::Dossier>> ReadDossiers(storage::Store* store,
                                                const std::vector<std::string>& codes) {
  std::vector<std::string> values;
  const std::vector<Status> read = store->MultiGet(Cf::kDossiers, codes, &values);
  std::vector<v1::Dossier> dossiers(codes.size());
  for (size_t i = 0; i < codes.size(); ++i) {
    if (!read[i].ok()) return Unavailable("cannot read dossier " + codes[i] + ": " + read[i].message());
    if (!dossiers[i].ParseFromString(values[i])) {
      return Status(StatusCode::kDataLoss, "dossier " + codes[i] + " is unreadable");
    }
  }
  return dossiers;
}

}  // namespace

void DossierEngine::Get(const std::string& code, DossierDone done, StillWanted still_wanted) {
  Slot* slot = SlotOfCode(code);
  if (!slot) {
    DossierResult none;
    return done(NotFound("dossier " + code + " does not exist"), &none);
  }
  if (Refuse(done)) return;
  if (Status s = Enter(slot); !s.ok()) {
    DossierResult none;
    return done(s, &none);
  }
  boost::asio::post(reads_, [this, slot, code, done = std::move(done), wanted = std::move(still_wanted)] {
    DossierResult r;
    if (Status s = Ask(wanted); !s.ok()) {
      Leave(slot);
      return done(s, &r);
    }
    auto d = ReadDossier(code);
    if (d.ok()) {
      r.dossier = std::move(*d);
      if (const Procedure* p = procedures_->Find(r.dossier.procedure_code())) {
        r.has_receipt = true;
        r.receipt = MakeReceiptSlip(r.dossier, *slot->centre, *p);
      }
    }
    Leave(slot);
    done(d.status(), &r);
  });
}

void DossierEngine::List(const ListQuery& query, ListDone done) {
  ListResult empty;
  Slot* slot = FindSlot(query.centre_id);
  if (!slot) return done(NotFound("centre " + query.centre_id + " does not exist"), &empty);
  const auto& fields = slot->centre->field_ids;
  if (!query.field_id.empty() && std::find(fields.begin(), fields.end(), query.field_id) == fields.end()) {
    return done(NotFound("field " + query.field_id + " does not exist at centre " + query.centre_id), &empty);
  }
  if (stopped_.load() || writer_->failed()) {
    return done(Unavailable("the deadline service is stopping or its storage failed"), &empty);
  }
  if (Status s = Enter(slot); !s.ok()) return done(s, &empty);
  boost::asio::post(reads_, [this, slot, query, done = std::move(done)] {
    ListResult empty;
    if (Status s = Ask(query.still_wanted); !s.ok()) {
      Leave(slot);
      return done(s, &empty);
    }
    auto result = ListNow(slot, query);
    Leave(slot);
    done(result.status(), result.ok() ? &*result : &empty);
  });
}

StatusOr<ListResult> DossierEngine::ListNow(const Slot* slot, const ListQuery& q) const {
  auto range = RangeOf(q, clock_->Now(), *slot->centre->calendar);
  if (!range.ok()) return range.status();
  const uint32_t fingerprint = Fingerprint(q, range->status_bits);
  std::string lower = ListPosition(range->lower, "");
  if (!q.page_token.empty()) {
    auto after = DecodeToken(q.page_token, fingerprint);
    if (!after.ok()) return after.status();
    after->push_back('\0');  // the smallest position after the token's
    lower = std::max(lower, *after);
  }
  const std::string upper = ListPosition(range->upper, "");
  ListResult out;
  if (range->status_bits == 0 || lower >= upper) return out;

  std::vector<Source> sources;
  for (auto& [cf, prefix] : SourcePrefixes(slot->centre->key, range->status_bits)) {
    Source s;
    s.prefix_size = prefix.size();
    s.it = store_->Scan(cf, prefix + lower, prefix + upper);
    sources.push_back(std::move(s));
  }
  PageFilter filter;
  filter.status_bits = range->status_bits;
  filter.field_id = q.field_id;
  filter.page_size = q.page_size == 0 ? kDefaultPageSize : std::min<uint32_t>(q.page_size, kMaxPageSize);
  filter.max_examined = options_.max_examined_per_page;
  auto page = MergePage(&sources, filter);
  if (!page.ok()) return page.status();
  if (page->more) out.next_page_token = EncodeToken(fingerprint, page->last_position);
  auto dossiers = ReadDossiers(store_, page->codes);
  if (!dossiers.ok()) return dossiers.status();
  out.dossiers = std::move(*dossiers);
  return out;
}

}  // namespace qms::deadline

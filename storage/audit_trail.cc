#include "storage/audit_trail.h"

#include "storage/keys.h"

namespace qms::storage {

void PutAuditRecord(uint32_t centre, const v1::AuditRecord& record, WriteSet* writes) {
  writes->Put(Cf::kAudit, AuditKey(centre, record.service_day(), record.seq()), record.SerializeAsString());
}

uint64_t LastAuditSeq(Store* store, uint32_t centre) {
  // Days sort before seqs in the key, and seqs grow across days, so the
  // highest seq is in the latest day's last key.
  const std::string prefix = CentrePrefix(centre);
  std::string key, value;
  auto found = store->LastKeyInRange(Cf::kAudit, prefix, PrefixUpperBound(prefix), &key, &value);
  AuditKeyParts parts;
  if (!found.ok() || !*found || !ParseAuditKey(key, &parts) || parts.centre != centre) return 0;
  return parts.seq;
}

Status ReadAuditDay(Store* store, uint32_t centre, uint32_t service_day, uint64_t after_seq, size_t limit,
                    std::vector<v1::AuditRecord>* out, bool* more) {
  const std::string prefix = CentreDayPrefix(centre, service_day);
  *more = false;
  size_t taken = 0;
  for (auto it =
           store->Scan(Cf::kAudit, AuditKey(centre, service_day, after_seq + 1), PrefixUpperBound(prefix));
       it->Valid(); it->Next()) {
    if (taken == limit) {
      *more = true;
      break;
    }
    v1::AuditRecord& record = out->emplace_back();
    if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      out->pop_back();
      return Status(StatusCode::kDataLoss, "unreadable audit record of centre " + std::to_string(centre) +
                                               " on " + std::to_string(service_day));
    }
    ++taken;
  }
  return Status::Ok();
}

}  // namespace qms::storage

#include "qms/request_parsing.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/stubs/common.h>
#include <google/protobuf/unknown_field_set.h>

#include <atomic>

namespace qms::proto {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// The largest field number protobuf allows; no request declares it.
constexpr int kParseErrorField = 536870911;

std::atomic<uint64_t> unparsable{0};

// The path of the first string field in `fields` (read as `type`) whose bytes
// are not UTF-8, or empty. Nested messages are searched too.
std::string FirstNonUtf8Field(const UnknownFieldSet& fields, const Descriptor* type, int depth) {
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& f = fields.field(i);
    if (f.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    const FieldDescriptor* field = type->FindFieldByNumber(f.number());
    if (field == nullptr) continue;
    const std::string& bytes = f.length_delimited();
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      // The same check protobuf's parser applies, so the two always agree.
      if (!google::protobuf::internal::IsStructurallyValidUTF8(bytes.data(), static_cast<int>(bytes.size())))
        return field->name();
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE && depth < 8) {
      UnknownFieldSet nested;
      if (!nested.ParseFromString(bytes)) continue;
      std::string inner = FirstNonUtf8Field(nested, field->message_type(), depth + 1);
      if (!inner.empty()) return field->name() + "." + inner;
    }
  }
  return {};
}

std::string Diagnose(const std::string& wire, const Descriptor* type) {
  UnknownFieldSet fields;
  if (fields.ParseFromString(wire)) {
    const std::string field = FirstNonUtf8Field(fields, type, 0);
    if (!field.empty()) return "request is not valid protobuf: the text field " + field + " is not UTF-8";
  }
  return "request is not valid protobuf: its bytes do not parse as " + type->name();
}

}  // namespace

std::string RequestParseError(const google::protobuf::Message& request) {
  const UnknownFieldSet& unknown = request.GetReflection()->GetUnknownFields(request);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const UnknownField& f = unknown.field(i);
    if (f.number() == kParseErrorField && f.type() == UnknownField::TYPE_LENGTH_DELIMITED)
      return f.length_delimited();
  }
  return {};
}

uint64_t UnparsableRequests() { return unparsable.load(std::memory_order_relaxed); }

namespace internal {

void MarkUnparsable(const std::string& wire, google::protobuf::Message* msg) {
  unparsable.fetch_add(1, std::memory_order_relaxed);
  const std::string reason = Diagnose(wire, msg->GetDescriptor());
  msg->Clear();
  msg->GetReflection()->MutableUnknownFields(msg)->AddLengthDelimited(kParseErrorField, reason);
}

}  // namespace internal
}  // namespace qms::proto

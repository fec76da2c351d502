#include "kiosk/gateway/json_mapping.h"

#include <google/protobuf/util/json_util.h>

#include <nlohmann/json.hpp>

namespace qms::gateway {

namespace {

struct Plain {
  const char* code;
  const char* vi;
  const char* en;
};

Plain PlainOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::INVALID_ARGUMENT:
      return {"INVALID_ARGUMENT", "Yêu cầu không hợp lệ.", "The request is not valid."};
    case grpc::StatusCode::NOT_FOUND: return {"NOT_FOUND", "Không tìm thấy.", "Not found."};
    case grpc::StatusCode::ALREADY_EXISTS:
      return {"ALREADY_EXISTS", "Việc này đã được làm.", "This was done already."};
    case grpc::StatusCode::FAILED_PRECONDITION:
      return {"FAILED_PRECONDITION", "Không làm được việc này ở trạng thái hiện tại.",
              "This cannot be done in the current state."};
    case grpc::StatusCode::PERMISSION_DENIED:
      return {"PERMISSION_DENIED", "Không có quyền làm việc này.", "Not permitted."};
    case grpc::StatusCode::UNAUTHENTICATED:
      return {"UNAUTHENTICATED", "Thiết bị chưa được cấp quyền với máy chủ.",
              "This device is not authorised by the server."};
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return {"RESOURCE_EXHAUSTED", "Đã hết lượt.", "No more can be taken."};
    case grpc::StatusCode::UNAVAILABLE:
      return {"UNAVAILABLE", "Hệ thống tạm thời không sẵn sàng. Vui lòng đến quầy hướng dẫn.",
              "The system is not available right now. Please go to reception."};
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return {"DEADLINE_EXCEEDED", "Máy chủ không trả lời kịp. Vui lòng thử lại.",
              "The server did not answer in time. Please try again."};
    case grpc::StatusCode::CANCELLED:
      return {"CANCELLED", "Yêu cầu đã bị huỷ.", "The request was cancelled."};
    default:
      return {"INTERNAL", "Lỗi hệ thống. Vui lòng đến quầy hướng dẫn.",
              "System error. Please go to reception."};
  }
}

}  // namespace

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string out;
  // Printing a message the program built cannot fail.
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

Status FromJson(const std::string& json, google::protobuf::Message* out) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(json.empty() ? "{}" : json, out, options);
  if (!status.ok())
    return InvalidArgument("body is not a valid " + out->GetDescriptor()->name() + ": " +
                           std::string(status.message()));
  return Status::Ok();
}

HttpReply JsonReply(const google::protobuf::Message& message) {
  return HttpReply::Json(200, ToJson(message));
}

HttpReply ErrorReply(int http_status, const std::string& code, const std::string& message_vi,
                     const std::string& message_en, const std::string& detail) {
  nlohmann::json body = {{"error",
                          {{"code", code},
                           {"http", http_status},
                           {"message_vi", message_vi},
                           {"message_en", message_en},
                           {"detail", detail}}}};
  return HttpReply::Json(http_status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

HttpReply BadRequest(const Status& status) {
  return ErrorReply(400, "INVALID_ARGUMENT", "Yêu cầu không hợp lệ.", "The request is not valid.",
                    status.message());
}

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return 200;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE: return 400;
    case grpc::StatusCode::UNAUTHENTICATED: return 401;
    case grpc::StatusCode::PERMISSION_DENIED: return 403;
    case grpc::StatusCode::NOT_FOUND: return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ABORTED: return 409;
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return 429;
    case grpc::StatusCode::CANCELLED: return 499;
    case grpc::StatusCode::UNAVAILABLE: return 503;
    case grpc::StatusCode::DEADLINE_EXCEEDED: return 504;
    default: return 500;
  }
}

HttpReply GrpcErrorReply(const grpc::Status& status) {
  const Plain plain = PlainOf(status.error_code());
  return ErrorReply(HttpStatusOf(status.error_code()), plain.code, plain.vi, plain.en,
                    status.error_message());
}

}  // namespace qms::gateway

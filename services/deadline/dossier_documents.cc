#include "services/deadline/dossier_documents.h"

#include <cstdio>

namespace qms::deadline {

namespace {

const char kNationalHeader[] =
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n";

std::string CentreHeader(const DossierCentre& centre) {
  return "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\n" + centre.name_vi + "\n" + kNationalHeader + "\n";
}

std::string OrUnknown(const std::string& s) { return s.empty() ? "(không ghi)" : s; }

}  // namespace

std::string FormatVnd(int64_t amount) {
  const bool negative = amount < 0;
  std::string digits = std::to_string(negative ? -amount : amount);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string FormatLocalMoment(MicrosUtc t) {
  const LocalDate d = LocalDateOf(t);
  const int minute = LocalMinuteOfDay(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02d giờ %02d phút, ngày %02d/%02d/%04d", minute / 60, minute % 60, d.day,
                d.month, d.year);
  return buf;
}

v1::ReceiptSlip MakeReceiptSlip(const v1::Dossier& d, const DossierCentre& centre,
                                const Procedure& procedure) {
  v1::ReceiptSlip slip;
  slip.set_centre_name(centre.name_vi);
  slip.set_agency_code(centre.agency_code);
  slip.set_dossier_code(d.code());
  slip.set_procedure_name(procedure.name_vi);
  slip.set_applicant_name(d.applicant_name());
  slip.set_received_at_us(d.received_at_us());
  slip.set_appointment_at_us(d.due_at_us());
  slip.set_fee_vnd(procedure.fee_vnd);
  slip.set_clerk_id(d.clerk_id());
  std::string text = CentreHeader(centre);
  text += "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n";
  text += "Mã hồ sơ: " + d.code() + "\n";
  text += "Tiếp nhận hồ sơ của: " + OrUnknown(d.applicant_name()) + "\n";
  text += "Nội dung yêu cầu giải quyết: " + procedure.name_vi + " (mã thủ tục " + procedure.code + ")\n";
  text += "Thời gian nhận hồ sơ: " + FormatLocalMoment(d.received_at_us()) + "\n";
  if (d.due_at_us() != 0) {
    text += "Thời gian trả kết quả giải quyết hồ sơ: " + FormatLocalMoment(d.due_at_us()) + "\n";
  } else {
    text += "Thời gian trả kết quả giải quyết hồ sơ: sẽ được hẹn khi hồ sơ được tiếp nhận\n";
  }
  text += "Phí, lệ phí: " + FormatVnd(procedure.fee_vnd) + " đồng\n";
  text += "Người tiếp nhận: " + OrUnknown(d.clerk_id()) + "\n";
  slip.set_text_vi(std::move(text));
  return slip;
}

v1::ApologyLetter MakeApologyLetter(const v1::Dossier& d, const DossierCentre& centre) {
  const v1::Extension& e = d.extension();
  v1::ApologyLetter letter;
  letter.set_centre_name(centre.name_vi);
  letter.set_dossier_code(d.code());
  letter.set_applicant_name(d.applicant_name());
  letter.set_original_due_at_us(d.original_due_at_us());
  letter.set_new_due_at_us(e.new_due_at_us());
  letter.set_reason(e.reason());
  letter.set_letter_no(e.apology_letter_no());
  std::string text = CentreHeader(centre);
  text += "Số: " + e.apology_letter_no() + "\n";
  text += "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ\n";
  text += "Kính gửi: " + OrUnknown(d.applicant_name()) + "\n";
  text += "Ngày " + FormatLocalMoment(d.received_at_us()) + ", Trung tâm phục vụ hành chính công " +
          centre.name_vi + " tiếp nhận hồ sơ mã số " + d.code() + ", hẹn trả kết quả vào " +
          FormatLocalMoment(d.original_due_at_us()) + ".\n";
  text += "Đến nay hồ sơ chưa giải quyết xong. Lý do: " + e.reason() + "\n";
  text += "Trung tâm xin lỗi ông/bà và hẹn trả kết quả vào " + FormatLocalMoment(e.new_due_at_us()) + ".\n";
  text += "Rất mong nhận được sự thông cảm của ông/bà.\n";
  letter.set_text_vi(std::move(text));
  return letter;
}

}  // namespace qms::deadline

// The rating screen's words. The citizen sees both languages at once
// (Vietnamese large, English under it), so each entry is used in both.

export const RATING_STRINGS = {
  question: ['Quý vị có hài lòng với việc phục vụ hôm nay không?', 'How satisfied are you with our service today?'],
  VERY_SATISFIED: ['Rất hài lòng', 'Very satisfied'],
  SATISFIED: ['Hài lòng', 'Satisfied'],
  DISSATISFIED: ['Không hài lòng', 'Not satisfied'],
  ticket: ['Số {number} · {counter}', 'Ticket {number} · {counter}'],
  thanks: ['Cảm ơn quý vị đã đánh giá!', 'Thank you for your rating!'],
  already: ['Số này đã được đánh giá. Cảm ơn quý vị!', 'This ticket has been rated already. Thank you!'],
  failed: ['Chưa ghi nhận được đánh giá.', 'The rating could not be recorded.'],
  closesIn: ['Tự đóng sau {n} giây', 'Closes in {n} s'],
  skip: ['Bỏ qua', 'Skip'],
  idleTitle: ['Đánh giá mức độ hài lòng', 'Rate our service'],
  idleText: ['Sau khi được phục vụ, xin mời quý vị chạm vào một biểu tượng để đánh giá.', 'Once you have been served, please touch a face to rate our service.'],
  counterMissing: ['Địa chỉ trang cần có số quầy (…?view=rating&counter=5).', 'The address needs a counter (…?view=rating&counter=5).'],
  counterUnknown: ['Trung tâm không có quầy {counter}.', 'The centre has no counter {counter}.'],
  sending: ['Đang gửi…', 'Sending…'],
};

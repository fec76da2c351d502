// Every string the display board shows: [Vietnamese, English]. The board
// speaks Vietnamese; ?lang=en shows its text in English.
export const T = {
  title: ['Bảng gọi số', 'Queue display'],
  nowCalling: ['Đang mời', 'Now calling'],
  lastCall: ['Số vừa gọi', 'Last call'],
  noCalls: ['Chưa có số nào được gọi', 'No number called yet'],
  counters: ['Quầy đang phục vụ', 'Counters'],
  free: ['Đang chờ gọi số', 'Waiting to call'],
  paused: ['Tạm dừng', 'Paused'],
  noCounters: ['Chưa có quầy nào mở', 'No counter is open yet'],
  recent: ['Các số vừa gọi', 'Recent calls'],
  toCounter: ['đến {counter}', 'to {counter}'],
  recall: ['gọi lại', 'again'],
  waiting: ['Đang chờ', 'Waiting'],
  people: ['{n} người', '{n} people'],
  aboutMinutes: ['~{m} phút', '~{m} min'],
  stopped: ['Ngừng cấp số', 'No more tickets'],
  soundOn: ['Bật âm thanh', 'Turn sound on'],
  soundBlocked: ['Trình duyệt đang chặn âm thanh: chạm để bật loa gọi số.', 'The browser is blocking sound: touch to turn the calls on.'],
  live: ['Trực tuyến', 'Live'],
  offline: ['Mất kết nối', 'Offline'],
};

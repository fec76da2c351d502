// A morning's DayStats (proto/qms/v1/queue.proto, as the gateway prints it:
// snake_case, int64 as strings, every field present), for the dashboard's
// browser run while the gateway has no /stats route yet. The queue and
// counter figures of the live feed come from the real server; these are the
// day's aggregates only.

const dur = (count, mean, p50, p90, max) => ({ count, mean_seconds: mean, p50_seconds: p50, p90_seconds: p90, max_seconds: max });
const ratings = (very, sat, dis) => {
  const rated = very + sat + dis;
  return { very_satisfied: very, satisfied: sat, dissatisfied: dis, rated, satisfaction_share: rated ? (very + sat) / rated : 0 };
};
const counts = (issued, waiting, served, noShow, cancelled, extra = {}) => ({
  issued, waiting, called: 0, serving: 0, parked: 0, served, no_show: noShow, cancelled, expired: 0, transferred_out: 0, transferred_in: 0, ...extra,
});

const ARRIVALS = { 7: 18, 8: 41, 9: 37, 10: 29, 11: 12 };
const SERVED = { 7: 9, 8: 30, 9: 35, 10: 31, 11: 8 };
const WAITS = { 7: [240, 520], 8: [610, 1380], 9: [840, 1690], 10: [700, 1320], 11: [420, 900] };

export function dayStats(centreId, counters) {
  const hours = [];
  for (let h = 0; h < 24; h += 1) {
    const w = WAITS[h];
    hours.push({
      hour: h,
      issued: ARRIVALS[h] || 0,
      called: SERVED[h] ? SERVED[h] + 2 : 0,
      served: SERVED[h] || 0,
      wait: w ? dur(SERVED[h] + 2, (w[0] + w[1]) / 2, w[0], w[1], w[1] + 300) : dur(0, 0, 0, 0, 0),
    });
  }
  return {
    centre_id: centreId,
    service_day: 20261201,
    computed_at_us: String(Date.now() * 1000),
    total: counts(137, 12, 113, 7, 3, { called: 1, serving: 1 }),
    wait: dur(123, 690, 612, 1512, 2210),
    service: dur(113, 402, 330, 780, 1500),
    ratings: ratings(61, 27, 6),
    fields: [
      { field_id: 'chung_thuc', tickets: counts(88, 7, 74, 4, 2), wait: dur(80, 540, 480, 1100, 1900), service: dur(74, 260, 240, 420, 700), ratings: ratings(44, 15, 2) },
      { field_id: 'ho_tich', tickets: counts(31, 3, 26, 2, 1), wait: dur(29, 820, 760, 1640, 2210), service: dur(26, 610, 560, 980, 1500), ratings: ratings(12, 8, 3) },
      { field_id: 'dat_dai', tickets: counts(10, 2, 7, 1, 0), wait: dur(8, 1200, 1100, 2100, 2210), service: dur(7, 900, 840, 1400, 1500), ratings: ratings(3, 2, 1) },
      { field_id: 'ho_kinh_doanh', tickets: counts(8, 0, 6, 0, 0), wait: dur(6, 980, 900, 1500, 1600), service: dur(6, 720, 700, 900, 950), ratings: ratings(2, 2, 0) },
    ],
    clerks: [
      { clerk_id: 'Nguyen.Thi.Lan', served: 34, no_show: 2, service: dur(34, 290, 260, 480, 700), ratings: ratings(20, 8, 1) },
      { clerk_id: 'Tran.Van.Minh', served: 31, no_show: 1, service: dur(31, 310, 280, 520, 760), ratings: ratings(17, 7, 2) },
      { clerk_id: 'Le.Thi.Hoa', served: 27, no_show: 3, service: dur(27, 560, 520, 900, 1500), ratings: ratings(14, 6, 2) },
      { clerk_id: 'Pham.Duc.Anh', served: 21, no_show: 1, service: dur(21, 640, 600, 1000, 1400), ratings: ratings(10, 6, 1) },
    ],
    hours,
    counters: counters.map((c, i) => ({ counter: c, served: [30, 28, 0, 24, 19, 12, 0][i] || 0, no_show: i % 3, ratings: ratings(i, 1, 0) })),
  };
}

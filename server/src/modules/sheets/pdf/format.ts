/** Figures and dates of the printed reports, written as the web client writes them in Vietnamese. */

const SCORE = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** Hundredths as a score: 123450 → "1.234,5"; null → "–" (the client's score format). */
export function viScore(h: number | null | undefined): string {
  return h == null ? '–' : SCORE.format(h / 100);
}

/** A plain number up to two places: 0.875 → "0,88" (the client shows an index so). */
export function viNumber(n: number | null | undefined): string {
  return n == null || Number.isNaN(n) ? '–' : SCORE.format(n);
}

function partsOf(at: Date, timeZone: string): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(at)) out[p.type] = p.value;
  return out as Record<'day' | 'month' | 'year' | 'hour' | 'minute', string>;
}

/**
 * The date line of an administrative document: "Hà Nội, ngày 05 tháng 3 năm 2026". As Decree
 * 30/2020/NĐ-CP writes it: a day below 10 and the months 1 and 2 take a leading zero.
 */
export function viDateLine(place: string, at: Date, timeZone: string): string {
  const p = partsOf(at, timeZone);
  const month = Number(p.month);
  return `${place}, ngày ${p.day} tháng ${month <= 2 ? p.month : String(month)} năm ${p.year}`;
}

/** A moment as the client writes it in Vietnamese: 31/03/2026 14:05, in the period's time zone. */
export function viDateTime(at: Date, timeZone: string): string {
  const p = partsOf(at, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

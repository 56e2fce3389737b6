import type { Lang } from './dictionary';

/** Number and date formats of a language: vi-VN writes 98,75 and 1.000; en-US 98.75 and 1,000. */
export interface Format {
  locale: string;
  /** a score or any decimal, up to two places: 98,75 */
  score(n: number | null | undefined): string;
  /** a whole number with grouping: 1.000 */
  int(n: number): string;
  /** a share 0–1 as a percentage: 91,2 % */
  percent(share: number, digits?: number): string;
  /** a decimal for an editable field: no grouping, the language's decimal mark */
  plain(n: number | null | undefined): string;
  /** a file size: 1,5 MB */
  bytes(n: number): string;
  /** a day in one format per language: 31/03/2026 (vi), 2026-03-31 (en), in the period's time zone */
  date(iso: string | null | undefined, timeZone?: string): string;
  /** a moment: 31/03/2026 14:05 (vi), 2026-03-31 14:05 (en), in the period's time zone */
  dateTime(iso: string | null | undefined, timeZone?: string): string;
}

/** The time zone of a period unless it names another: the province's. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const partsCache = new Map<string, Intl.DateTimeFormat>();
/** Day, month, year, hour and minute of a moment in a time zone (24-hour clock). */
function partsOf(iso: string, timeZone: string): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    partsCache.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(d)) out[p.type] = p.value;
  return out as Record<'day' | 'month' | 'year' | 'hour' | 'minute', string>;
}

export function makeFormat(lang: Lang): Format {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-US';
  const score = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 6, useGrouping: false });
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const day = (p: NonNullable<ReturnType<typeof partsOf>>) => (lang === 'vi' ? `${p.day}/${p.month}/${p.year}` : `${p.year}-${p.month}-${p.day}`);
  return {
    locale,
    score: (n) => (n === null || n === undefined || Number.isNaN(n) ? '–' : score.format(n)),
    int: (n) => int.format(n),
    percent: (share, digits = 1) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share),
    plain: (n) => (n === null || n === undefined ? '' : plain.format(n)),
    bytes: (n) => (n < 1024 ? `${int.format(n)} B` : n < 1024 * 1024 ? `${score.format(n / 1024)} KB` : `${score.format(n / 1024 / 1024)} MB`),
    date: (iso, timeZone = DEFAULT_TIME_ZONE) => {
      const p = iso ? partsOf(iso, timeZone) : null;
      return p ? day(p) : '–';
    },
    dateTime: (iso, timeZone = DEFAULT_TIME_ZONE) => {
      const p = iso ? partsOf(iso, timeZone) : null;
      return p ? `${day(p)} ${p.hour}:${p.minute}` : '–';
    },
  };
}


/** A moment as the value of a datetime-local field in a time zone: "2026-03-31T17:00". */
export function toZonedInput(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  const p = iso ? partsOf(iso, timeZone) : null;
  return p ? `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}` : '';
}

/** A datetime-local value read in a time zone → the moment (ISO); null when empty or not a date. */
export function fromZonedInput(value: string, timeZone = DEFAULT_TIME_ZONE): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  // the wall time read as UTC, moved back by the zone's offset; a second pass settles a moment
  // near a daylight-saving change, where the offset at the first guess is not the one at the answer
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (at: number) => {
    const p = partsOf(new Date(at).toISOString(), timeZone)!;
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - Math.floor(at / 60_000) * 60_000;
  };
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return new Date(guess).toISOString();
}

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
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
}

export function makeFormat(lang: Lang): Format {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-US';
  const score = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 6, useGrouping: false });
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return {
    locale,
    score: (n) => (n === null || n === undefined || Number.isNaN(n) ? '–' : score.format(n)),
    int: (n) => int.format(n),
    percent: (share, digits = 1) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share),
    plain: (n) => (n === null || n === undefined ? '' : plain.format(n)),
    bytes: (n) => (n < 1024 ? `${int.format(n)} B` : n < 1024 * 1024 ? `${score.format(n / 1024)} KB` : `${score.format(n / 1024 / 1024)} MB`),
    date: (iso) => (iso ? date.format(new Date(iso)) : '–'),
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : '–'),
  };
}

/**
 * A decimal typed by a person: "98,75", "98.75", " 4 " → the number; "" → null; anything else
 * → NaN. Both marks are accepted as the decimal mark (scores and figures are typed without
 * thousands separators); spaces, including the narrow ones of vi-VN, are ignored.
 */
export function parseDecimal(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return NaN;
  return Number(s);
}

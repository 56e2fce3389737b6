import type { Lang } from './dictionary';

/**
 * How a number typed by a person reads in their language. Vietnamese writes 1.500 for one
 * thousand five hundred and 1,5 for one and a half; English the other way round. A text that
 * the other language would read differently, where this one has no clear reading, is
 * `ambiguous` (vi "1,500": 1,5 here but 1500 to an English eye; vi "1.5": no Vietnamese number,
 * 1.5 in English) and must be rewritten before it is saved; anything else that is no number is
 * `invalid`.
 */
export type NumberReading =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'ambiguous'; readings: [number, number] }
  | { kind: 'invalid' };

const MARKS: Record<Lang, { decimal: string; group: string }> = {
  vi: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

const esc = (c: string) => (c === '.' ? '\\.' : c);

/** The value of `text` read strictly with these marks: grouping in threes, one decimal mark; null if it does not read. */
function strict(text: string, decimal: string, group: string): number | null {
  const g = esc(group);
  const d = esc(decimal);
  const re = new RegExp(`^([-+]?)(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d+))?$`);
  const m = re.exec(text);
  if (!m) return null;
  const whole = m[2].split(group).join('');
  const value = Number(`${m[1] === '-' ? '-' : ''}${whole}${m[3] ? `.${m[3]}` : ''}`);
  return Number.isFinite(value) ? value : null;
}

/** "1.500" (vi) → 1500, "1,5" (vi) → 1.5, "1,500" (vi) → ambiguous, "abc" → invalid, "" → empty. */
export function readNumber(text: string, lang: Lang): NumberReading {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^−/, '-');
  if (s === '') return { kind: 'empty' };
  const own = MARKS[lang];
  const other = MARKS[lang === 'vi' ? 'en' : 'vi'];
  const mine = strict(s, own.decimal, own.group);
  const theirs = strict(s, other.decimal, other.group);
  if (mine !== null && theirs !== null && mine !== theirs) {
    // both read it: a clear reading here unless the text looks like the other language's habit,
    // one separator with exactly three digits after it and a short non-zero whole part
    const single = /^[-+]?[1-9]\d{0,2}[.,]\d{3}$/.test(s);
    const looksDecimalHere = s.includes(own.decimal);
    if (single && looksDecimalHere) return { kind: 'ambiguous', readings: [mine, theirs] };
    return { kind: 'number', value: mine };
  }
  if (mine !== null) return { kind: 'number', value: mine };
  if (theirs !== null) {
    // "1.5" in Vietnamese: no Vietnamese number (groups are three digits), but an English one
    const plainInt = strict(s.replace(/[.,]/g, ''), own.decimal, own.group);
    return plainInt === null ? { kind: 'invalid' } : { kind: 'ambiguous', readings: [theirs, plainInt] };
  }
  return { kind: 'invalid' };
}

/** A number as it will be saved, written the language's way with grouping: 1.500 / 1,500; 1,5 / 1.5. */
export function showNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 6 }).format(value);
}

/** The language of a Format's locale. */
export const langOfLocale = (locale: string): Lang => (locale.startsWith('vi') ? 'vi' : 'en');

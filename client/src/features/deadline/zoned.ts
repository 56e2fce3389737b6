import type { Format } from '../../i18n/format';

/** A moment shown in a period's time zone, whatever the browser's: "17:00 30/06/2026" becomes "30/06/2026 17:00 (Asia/Ho_Chi_Minh)", one format per language (i18n/format.ts). */
export const formatInZone = (fmt: Pick<Format, 'dateTime'>, iso: string, timeZone: string): string => `${fmt.dateTime(iso, timeZone)} (${timeZone})`;

/** What is left until `iso`, in days, hours and minutes; null once it has passed. */
export function remaining(iso: string, now: number): { days: number; hours: number; minutes: number } | null {
  const ms = new Date(iso).getTime() - now;
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

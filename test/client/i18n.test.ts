import { en } from '../../client/src/i18n/en';
import { vi } from '../../client/src/i18n/vi';
import { formatInZone } from '../../client/src/features/deadline/zoned';
import { fromZonedInput, makeFormat, toZonedInput } from '../../client/src/i18n/format';
import { translate } from '../../client/src/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('should have every Vietnamese message in English, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(vi[key].trim()).not.toBe('');
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(vi[key])]);
    }
  });

  it('should fill placeholders', () => {
    expect(translate('vi', 'figures.rescaled', { points: '4' })).toBe('— 4 điểm không áp dụng');
    expect(translate('en', 'figures.rescaled', { points: '4' })).toBe('— 4 points not applicable');
  });

  it('should write numbers as vi-VN does (98,75; 1.000) and en-US does (98.75; 1,000)', () => {
    const v = makeFormat('vi');
    const e = makeFormat('en');
    expect(v.score(98.75)).toBe('98,75');
    expect(v.score(150)).toBe('150');
    expect(v.int(1000)).toBe('1.000');
    expect(v.plain(1234.5)).toBe('1234,5');
    expect(e.score(98.75)).toBe('98.75');
    expect(e.int(1000)).toBe('1,000');
    expect(v.score(null)).toBe('–');
  });

  it('should write dates and times in one format per language, in the province’s time zone', () => {
    const v = makeFormat('vi');
    const e = makeFormat('en');
    // 23:01 UTC on 1 December is 06:01 on 2 December in Ho Chi Minh City
    expect(v.dateTime('2026-12-01T23:01:00Z')).toBe('02/12/2026 06:01');
    expect(v.date('2026-12-01T23:01:00Z')).toBe('02/12/2026');
    expect(e.dateTime('2026-12-01T23:01:00Z')).toBe('2026-12-02 06:01');
    expect(e.date('2026-03-31T10:00:00Z')).toBe('2026-03-31');
    expect(v.dateTime('2026-12-01T23:01:00Z', 'UTC')).toBe('01/12/2026 23:01');
    expect(v.dateTime(null)).toBe('–');
  });

  it('should turn a deadline typed in the province’s time zone into the moment and back', () => {
    expect(fromZonedInput('2026-03-31T17:00')).toBe('2026-03-31T10:00:00.000Z');
    expect(toZonedInput('2026-03-31T10:00:00.000Z')).toBe('2026-03-31T17:00');
    expect(fromZonedInput('')).toBeNull();
  });

  it('should read a time typed in a zone with daylight saving at the offset of that day', () => {
    // New York: UTC-5 in winter, UTC-4 in summer; the day the clocks change is read at the offset after the change
    expect(fromZonedInput('2026-01-15T17:00', 'America/New_York')).toBe('2026-01-15T22:00:00.000Z');
    expect(fromZonedInput('2026-07-15T17:00', 'America/New_York')).toBe('2026-07-15T21:00:00.000Z');
    expect(fromZonedInput('2026-03-08T12:00', 'America/New_York')).toBe('2026-03-08T16:00:00.000Z');
    expect(toZonedInput(fromZonedInput('2026-11-01T17:00', 'America/New_York'), 'America/New_York')).toBe('2026-11-01T17:00');
  });

  it('should show a deadline in the period’s zone in the one format of the language, with the zone named', () => {
    expect(formatInZone(makeFormat('vi'), '2026-06-30T10:00:00Z', 'Asia/Ho_Chi_Minh')).toBe('30/06/2026 17:00 (Asia/Ho_Chi_Minh)');
    expect(formatInZone(makeFormat('en'), '2026-06-30T10:00:00Z', 'Asia/Ho_Chi_Minh')).toBe('2026-06-30 17:00 (Asia/Ho_Chi_Minh)');
  });
});

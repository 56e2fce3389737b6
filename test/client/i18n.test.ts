import { en } from '../../client/src/i18n/en';
import { vi } from '../../client/src/i18n/vi';
import { makeFormat, parseDecimal } from '../../client/src/i18n/format';
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

  it('should read a decimal typed with either mark, and refuse what is not a number', () => {
    expect(parseDecimal('98,75')).toBe(98.75);
    expect(parseDecimal(' 98.75 ')).toBe(98.75);
    expect(parseDecimal('-0,5')).toBe(-0.5);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('1,2,3')).toBeNaN();
    expect(parseDecimal('abc')).toBeNaN();
  });
});

/**
 * Issue 16, point 2: Vietnamese number entry. "1.500" is fifteen hundred and "1,5" one and a
 * half in Vietnamese (the other way round in English); a text that could be read both ways, or
 * no number at all, is flagged beside the field before saving; what will be saved shows as the
 * person types.
 */
import { fireEvent, screen } from '@testing-library/react';
import { checkDraft, EMPTY_DRAFT } from '../../client/src/features/scoring/draft';
import { makeFormat } from '../../client/src/i18n/format';
import { readNumber } from '../../client/src/i18n/numbers';
import { leaf, renderInput } from './harness';

describe('readNumber', () => {
  it.each([
    ['1.500', 1500],
    ['1,5', 1.5],
    ['1500', 1500],
    ['1.500,25', 1500.25],
    ['1.000.000', 1000000],
    ['0,125', 0.125],
    ['-0,5', -0.5],
    [' 2 ', 2],
  ])('vi: %p is %p', (text, value) => {
    expect(readNumber(text, 'vi')).toEqual({ kind: 'number', value });
  });

  it.each([
    ['1,500', 1500],
    ['1.5', 1.5],
    ['1,000,000', 1000000],
    ['0.125', 0.125],
  ])('en: %p is %p', (text, value) => {
    expect(readNumber(text, 'en')).toEqual({ kind: 'number', value });
  });

  it('flags what the other language would read differently', () => {
    expect(readNumber('1,500', 'vi')).toEqual({ kind: 'ambiguous', readings: [1.5, 1500] });
    expect(readNumber('1.5', 'vi')).toEqual({ kind: 'ambiguous', readings: [1.5, 15] });
    expect(readNumber('1,000,000', 'vi')).toEqual({ kind: 'ambiguous', readings: [1000000, 1000000] });
    expect(readNumber('1.500', 'en')).toEqual({ kind: 'ambiguous', readings: [1.5, 1500] });
    expect(readNumber('1,5', 'en').kind).toBe('ambiguous');
  });

  it('says when there is no number and when there is nothing', () => {
    for (const text of ['abc', '1,2,3', '1.2.3,4,5', '--1', '1e5', ',']) expect(readNumber(text, 'vi')).toEqual({ kind: 'invalid' });
    expect(readNumber('  ', 'vi')).toEqual({ kind: 'empty' });
  });
});

describe('number fields of the scoring input', () => {
  const ratio = leaf({ method: 'RATIO', maxScore: 4 });
  const vi = makeFormat('vi');

  it('should read "1.500" as fifteen hundred and show what will be saved as the person types', () => {
    renderInput(ratio);
    fireEvent.change(screen.getByLabelText('Tử số'), { target: { value: '1.200' } });
    fireEvent.change(screen.getByLabelText('Mẫu số'), { target: { value: '1.500' } });
    expect(screen.getAllByTestId('will-save').map((e) => e.textContent)).toEqual(['Sẽ lưu: 1.200', 'Sẽ lưu: 1.500']);
    expect(screen.getByTestId('ratio-rate').textContent).toBe('Tỷ lệ 80% → được 80% số điểm');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(checkDraft(ratio, { ...EMPTY_DRAFT, numerator: '1.200', denominator: '1.500' }, vi).value).toEqual({ numerator: 1200, denominator: 1500 });
  });

  it('should flag "1,500" beside the field and not save it', () => {
    renderInput(ratio);
    fireEvent.change(screen.getByLabelText('Tử số'), { target: { value: '1,500' } });
    fireEvent.change(screen.getByLabelText('Mẫu số'), { target: { value: '2' } });
    const [flag] = screen.getAllByTestId('will-save');
    expect(flag.textContent).toBe('Chưa rõ số nào');
    expect(screen.getByLabelText('Tử số').getAttribute('aria-describedby')).toContain(flag.id);
    expect(screen.getByRole('alert').textContent).toBe('“1,500” có thể hiểu là 1,5 hoặc 1.500. Hãy viết lại cho rõ (một nghìn năm trăm: 1.500 hoặc 1500; một phẩy năm: 1,5).');
    expect(checkDraft(ratio, { ...EMPTY_DRAFT, numerator: '1,500', denominator: '2' }, vi).value).toBeNull();
  });

  it('should refuse a numerator above its denominator unless the criterion allows it', () => {
    renderInput(ratio);
    fireEvent.change(screen.getByLabelText('Tử số'), { target: { value: '1.500' } });
    fireEvent.change(screen.getByLabelText('Mẫu số'), { target: { value: '1.000' } });
    expect(screen.getByRole('alert').textContent).toBe('Tử số (1.500) lớn hơn mẫu số (1.000): tiêu chí này không cho phép tỷ lệ trên 100%.');
    const above = leaf({ method: 'RATIO', maxScore: 4, allowAboveFull: true });
    expect(checkDraft(above, { ...EMPTY_DRAFT, numerator: '1.500', denominator: '1.000' }, vi).value).toEqual({ numerator: 1500, denominator: 1000 });
  });

  it('should read English the English way', () => {
    renderInput(leaf({ method: 'MANUAL', maxScore: 2000 }), 'en');
    fireEvent.change(screen.getByLabelText('Points'), { target: { value: '1,500' } });
    expect(screen.getByTestId('will-save').textContent).toBe('Will save: 1,500');
    expect(screen.getByTestId('score-preview').textContent).toContain('1,500');
  });

  it('should flag a text that is no number', () => {
    renderInput(leaf({ method: 'MANUAL', maxScore: 2 }));
    fireEvent.change(screen.getByLabelText('Điểm'), { target: { value: 'hai' } });
    expect(screen.getByTestId('will-save').textContent).toBe('Không phải số');
    expect(screen.getByRole('alert').textContent).toBe('Hãy nhập một số (ví dụ 2,5).');
  });
});

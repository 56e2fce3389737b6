import { fireEvent, screen } from '@testing-library/react';
import { checkDraft, draftFromValue, previewScore, EMPTY_DRAFT } from '../../client/src/features/scoring/draft';
import { makeFormat } from '../../client/src/i18n/format';
import { leaf, renderInput } from './harness';

const vi = makeFormat('vi');
const preview = () => screen.getByTestId('score-preview').textContent;

describe('ScoreInput: MANUAL (a number on the step)', () => {
  const c = leaf({ method: 'MANUAL', maxScore: 2, step: 0.25 });

  it('should show the score of a value on the step, written the Vietnamese way', () => {
    renderInput(c);
    fireEvent.change(screen.getByLabelText('Điểm'), { target: { value: '1,25' } });
    expect(preview()).toBe('Điểm: 1,25/2');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('should refuse a value off the step or above the maximum, saying why', () => {
    renderInput(c);
    const input = screen.getByLabelText('Điểm');
    fireEvent.change(input, { target: { value: '1,3' } });
    expect(screen.getByRole('alert').textContent).toBe('Giá trị phải theo bước 0,25.');
    fireEvent.change(input, { target: { value: '2,5' } });
    expect(screen.getByRole('alert').textContent).toBe('Giá trị phải từ 0 đến 2.');
    fireEvent.change(input, { target: { value: 'abc' } });
    expect(screen.getByRole('alert').textContent).toBe('Hãy nhập một số (ví dụ 2,5).');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('should step with the arrow keys and the buttons, staying within 0 and the maximum', () => {
    const view = renderInput(c);
    const input = screen.getByLabelText('Điểm') as HTMLInputElement;
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.value).toBe('0');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.value).toBe('0,5');
    fireEvent.click(screen.getByRole('button', { name: 'Tăng 0,25' }));
    expect(input.value).toBe('0,75');
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tăng 0,25' }));
    expect(input.value).toBe('2');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.value).toBe('1,75');
    expect(view.last().points).toBe('1,75');
  });

  it('should send the number typed, with either decimal mark', () => {
    expect(checkDraft(c, { ...EMPTY_DRAFT, points: '1,75' }, vi)).toEqual({ value: { points: 1.75 }, problem: null });
    // "1.75" is no Vietnamese number (a dot groups thousands): flagged, not guessed
    expect(checkDraft(c, { ...EMPTY_DRAFT, points: '1.75' }, vi)).toEqual({ value: null, problem: { key: 'input.ambiguous', params: { text: '1.75', a: '1,75', b: '175' } } });
    expect(checkDraft(c, { ...EMPTY_DRAFT, points: '' }, vi)).toEqual({ value: null, problem: null });
  });

  it('should write numbers the English way in English', () => {
    renderInput(c, 'en');
    fireEvent.change(screen.getByLabelText('Points'), { target: { value: '1.25' } });
    expect(preview()).toBe('Score: 1.25/2');
  });

  it('should accept any hundredth when the leaf has no step', () => {
    const plain = leaf({ method: 'MANUAL', maxScore: 4.5 });
    expect(checkDraft(plain, { ...EMPTY_DRAFT, points: '3,37' }, vi).value).toEqual({ points: 3.37 });
    expect(checkDraft(plain, { ...EMPTY_DRAFT, points: '3,3751' }, vi).problem?.key).toBe('input.step');
    // three decimals after a short whole part could be English thousands: flagged (numbers.test.tsx)
    expect(checkDraft(plain, { ...EMPTY_DRAFT, points: '3,375' }, vi).problem?.key).toBe('input.ambiguous');
  });
});

describe('ScoreInput: BOOLEAN (có/không)', () => {
  it('should give the maximum for có and 0 for không', () => {
    const view = renderInput(leaf({ method: 'BOOLEAN', maxScore: 1.5 }));
    expect(preview()).toBe('Chưa có điểm (tối đa 1,5)');
    fireEvent.click(screen.getByRole('radio', { name: /Có/ }));
    expect(view.last().met).toBe(true);
    expect(preview()).toBe('Điểm: 1,5/1,5');
    fireEvent.click(screen.getByRole('radio', { name: /Không/ }));
    expect(view.last().met).toBe(false);
    expect(preview()).toBe('Điểm: 0/1,5');
  });
});

describe('ScoreInput: TIERS (one level)', () => {
  const c = leaf({
    method: 'TIERS',
    maxScore: 3,
    tierOptions: [
      { label: 'Đầy đủ', share: 1 },
      { label: 'Một phần', share: 0.5 },
      { label: 'Không', share: 0 },
    ],
  });

  it('should list every tier with its share and points and score the one chosen', () => {
    const view = renderInput(c);
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(3);
    expect(radios[1].closest('label')!.textContent).toBe('Một phần50% · 1,5 điểm');
    fireEvent.click(radios[1]);
    expect(view.last().tier).toBe('Một phần');
    expect(preview()).toBe('Điểm: 1,5/3');
    expect(checkDraft(c, view.last(), vi).value).toEqual({ tier: 'Một phần' });
  });
});

describe('ScoreInput: RATIO (numerator and denominator)', () => {
  const withThresholds = leaf({
    method: 'RATIO',
    maxScore: 4,
    thresholdOptions: [
      { minPercent: 90, share: 1, ratio: false },
      { minPercent: 70, share: 0.5, ratio: false },
      { minPercent: 0, share: 0, ratio: false },
    ],
  });

  it('should show the computed rate and the share its threshold gives', () => {
    renderInput(withThresholds);
    fireEvent.change(screen.getByLabelText('Tử số'), { target: { value: '912' } });
    expect(screen.getByTestId('ratio-rate').textContent).toBe('Nhập tử số và mẫu số để tính tỷ lệ.');
    fireEvent.change(screen.getByLabelText('Mẫu số'), { target: { value: '1000' } });
    expect(screen.getByTestId('ratio-rate').textContent).toBe('Tỷ lệ 91,2% → được 100% số điểm');
    expect(preview()).toBe('Điểm: 4/4');
    fireEvent.change(screen.getByLabelText('Tử số'), { target: { value: '800' } });
    expect(screen.getByTestId('ratio-rate').textContent).toBe('Tỷ lệ 80% → được 50% số điểm');
    expect(preview()).toBe('Điểm: 2/4');
  });

  it('should use the rate itself without thresholds, capped at 1, rounded half up to hundredths', () => {
    const plain = leaf({ method: 'RATIO', maxScore: 0.5, allowAboveFull: true });
    expect(previewScore(plain, { ...EMPTY_DRAFT, numerator: '1', denominator: '3' }, vi)).toBe(0.17);
    expect(previewScore(plain, { ...EMPTY_DRAFT, numerator: '5', denominator: '4' }, vi)).toBe(0.5);
    const ratioShare = leaf({ method: 'RATIO', maxScore: 4, thresholdOptions: [{ minPercent: 100, share: 1, ratio: false }, { minPercent: 0, share: null, ratio: true }] });
    expect(previewScore(ratioShare, { ...EMPTY_DRAFT, numerator: '85', denominator: '100' }, vi)).toBe(3.4);
  });

  it('should refuse a zero denominator and a lone figure', () => {
    expect(checkDraft(withThresholds, { ...EMPTY_DRAFT, numerator: '5', denominator: '0' }, vi).problem?.key).toBe('input.denominatorPositive');
    expect(checkDraft(withThresholds, { ...EMPTY_DRAFT, numerator: '5' }, vi).problem?.key).toBe('input.ratioBoth');
    expect(checkDraft(withThresholds, { ...EMPTY_DRAFT, numerator: '912', denominator: '1000' }, vi).value).toEqual({ numerator: 912, denominator: 1000 });
  });
});

describe('ScoreInput: RELATIVE (a figure against the best unit)', () => {
  it('should take the unit figure and say the score comes with the results', () => {
    const c = leaf({ method: 'RELATIVE', maxScore: 3 });
    const view = renderInput(c);
    fireEvent.change(screen.getByLabelText('Số liệu của đơn vị'), { target: { value: '87,5' } });
    expect(view.last().figure).toBe('87,5');
    expect(preview()).toBe('Tối đa 3 điểm, tính khi tổng hợp kết quả');
    expect(checkDraft(c, view.last(), vi).value).toEqual({ figure: 87.5 });
  });
});

describe('ScoreInput: DEDUCTION and BONUS', () => {
  it('should take a deduction between −max and 0', () => {
    const c = leaf({ method: 'DEDUCTION', maxScore: 1 });
    renderInput(c);
    const input = screen.getByLabelText('Điểm trừ');
    fireEvent.change(input, { target: { value: '-0,5' } });
    expect(preview()).toBe('Điểm: -0,5/1');
    fireEvent.change(input, { target: { value: '0,5' } });
    expect(screen.getByRole('alert').textContent).toBe('Giá trị phải từ -1 đến 0.');
  });

  it('should take a bonus between 0 and max', () => {
    const c = leaf({ method: 'BONUS', maxScore: 1 });
    renderInput(c);
    const input = screen.getByLabelText('Điểm thưởng');
    fireEvent.change(input, { target: { value: '1' } });
    expect(preview()).toBe('Điểm: 1/1');
    fireEvent.change(input, { target: { value: '1,5' } });
    expect(screen.getByRole('alert').textContent).toBe('Giá trị phải từ 0 đến 1.');
  });
});

describe('ScoreInput: not applicable', () => {
  it('should offer N/A only where the criterion allows it', () => {
    renderInput(leaf({ method: 'MANUAL', maxScore: 2 }));
    expect(screen.queryByLabelText('Không áp dụng')).toBeNull();
  });

  it('should disable the method input and send notApplicable alone', () => {
    const c = leaf({ method: 'BOOLEAN', maxScore: 1, allowNotApplicable: true });
    const view = renderInput(c);
    fireEvent.click(screen.getByLabelText('Không áp dụng'));
    expect(view.last().notApplicable).toBe(true);
    expect((screen.getByRole('radio', { name: /Có/ }) as HTMLInputElement).disabled).toBe(true);
    expect(preview()).toBe('Không áp dụng: không tính vào điểm');
    expect(checkDraft(c, view.last(), vi).value).toEqual({ notApplicable: true });
  });

  it('should start from a saved value, N/A included', () => {
    expect(draftFromValue({ points: null, met: null, tier: null, numerator: null, denominator: null, figure: null, notApplicable: true }, vi).notApplicable).toBe(true);
    expect(draftFromValue({ points: 1.25, met: null, tier: null, numerator: null, denominator: null, figure: null, notApplicable: null }, vi).points).toBe('1,25');
  });
});

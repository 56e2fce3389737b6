import { act, render, screen, waitFor, within } from '@testing-library/react';
import { I18nProvider } from '../../client/src/i18n';
import { PublicRoutes } from '../../client/src/features/public/PublicRoutes';
import type { PublicPeriod, PublicRanking, PublicUnitResult } from '../../client/src/features/public/data';

/**
 * The public results' pages (issue 17.1) as a reader sees them: no session, data from the JSON
 * routes (fetch, the browser's cache), Vietnamese unless the address says ?lang=en, a period not
 * yet published said as such, a tab per unit kind and the change against the previous period.
 */
const PERIOD: PublicPeriod = {
  id: 'p26', name: 'Kỳ 2026', year: 2026, frameworkName: 'Bộ chỉ số 2026', frameworkCode: 'FW', maxScore: 20, unitKinds: ['DISTRICT', 'COMMUNE'], publishedAt: '2026-12-01T03:00:00.000Z',
};
const group = (code: string, total: number) => ({ criterionId: `c${code}`, code, title: `Nhóm ${code}`, maxScore: 10, total, rank: 1 });
const row = (code: string, rank: number, total: number, rankChange: number | null, totalChange: number | null) => ({
  unit: { id: `u-${code}`, code, name: `Huyện ${code}`, kind: 'DISTRICT' as const },
  submitted: true, rank, total, maxScore: 20, index: total / 20, band: total >= 18 ? 'A' : 'B',
  previousRank: rankChange === null ? null : rank + rankChange, rankChange, previousTotal: totalChange === null ? null : total - totalChange, totalChange,
  groups: [group('1', total / 2), group('2', total / 2)],
});
const RANKING: PublicRanking = { period: PERIOD, unitKind: 'DISTRICT', rows: [row('A', 1, 18.5, 1, 2.25), row('B', 2, 16, -1, -0.5)] };
const UNIT: PublicUnitResult = {
  period: PERIOD,
  row: RANKING.rows[0],
  history: [
    { periodId: 'p25', periodName: 'Kỳ 2025', year: 2025, frameworkCode: 'CQDT', frameworkName: 'CQĐT', total: 16.25, maxScore: 20, index: 0.813, rank: 2, rankedUnits: 2, band: 'B', averageIndex: 0.7, groups: [{ code: '1', title: 'Sẵn sàng', total: 8, maxScore: 10, periodAverage: 7 }] },
    { periodId: 'p26', periodName: 'Kỳ 2026', year: 2026, frameworkCode: 'CQDT', frameworkName: 'CQĐT', total: 18.5, maxScore: 20, index: 0.925, rank: 1, rankedUnits: 2, band: 'A', averageIndex: 0.8, groups: [{ code: '1', title: 'Sẵn sàng', total: 9, maxScore: 10, periodAverage: 8 }] },
  ],
};

let answers: Record<string, [number, unknown]>;
const asked: string[] = [];

beforeEach(() => {
  asked.length = 0;
  localStorage.clear();
  answers = {
    '/public/data/periods.json': [200, [PERIOD]],
    '/public/data/periods/p26.json': [200, PERIOD],
    '/public/data/periods/p26/ranking/DISTRICT.json': [200, RANKING],
    '/public/data/periods/p26/ranking/COMMUNE.json': [200, { ...RANKING, unitKind: 'COMMUNE', rows: [] }],
    '/public/data/periods/p26/units/u-A.json': [200, UNIT],
    '/public/data/periods/p27.json': [404, { errors: [{ message: 'Period p27 not found.', extensions: { code: 'NOT_FOUND' } }] }],
  };
  (globalThis as any).fetch = jest.fn(async (url: string) => {
    asked.push(url);
    const [status, body] = answers[url] ?? [404, {}];
    return { ok: status === 200, status, json: async () => body } as Response;
  });
});

function open(address: string) {
  window.history.replaceState(null, '', address);
  return render(
    <I18nProvider>
      <PublicRoutes />
    </I18nProvider>,
  );
}

describe('the public results pages', () => {
  it('should list the published periods, each with its unit kinds, without anyone signed in', async () => {
    open('/public');
    const card = await screen.findByTestId('public-period-p26');
    expect(card.textContent).toContain('Kỳ 2026');
    expect(card.textContent).toContain('công bố ngày 01/12/2026');
    expect(within(card).getByRole('link', { name: 'Cấp huyện' }).getAttribute('href')).toBe('/public/periods/p26?kind=DISTRICT&lang=vi');
    expect(asked).toEqual(['/public/data/periods.json']);
  });

  it('should show the ranking of the first unit kind with the change against the previous period, and switch kinds by tab', async () => {
    open('/public/periods/p26');
    const table = await screen.findByTestId('public-ranking');
    expect(within(table).getByTestId('public-total-A').textContent).toBe('18,5');
    expect(within(table).getByTestId('public-row-A').textContent).toContain('▲ 1');
    expect(within(table).getByTestId('public-row-A').textContent).toContain('+2,25 điểm');
    expect(within(table).getByTestId('public-row-B').textContent).toContain('▼ 1');
    expect(within(table).getByTestId('public-row-B').textContent).toContain('−0,5 điểm');
    expect(within(table).getByRole('link', { name: 'Huyện A' }).getAttribute('href')).toBe('/public/periods/p26/units/u-A?lang=vi');
    const tab = screen.getByRole('tab', { name: 'Cấp xã' });
    await act(async () => tab.click());
    await screen.findByText('Kỳ này không có đơn vị nào thuộc loại này.');
    expect(window.location.search).toBe('?kind=COMMUNE');
    expect(screen.getByRole('tab', { name: 'Cấp xã' }).getAttribute('aria-selected')).toBe('true');
  });

  it('should say that a period’s results are not published yet', async () => {
    open('/public/periods/p27');
    expect((await screen.findByTestId('public-not-published')).textContent).toBe('Kết quả của kỳ đánh giá này chưa được công bố, hoặc không có kỳ đánh giá này.');
    expect(screen.queryByTestId('public-ranking')).toBeNull();
  });

  it('should show a unit’s groups and history, in English when the address asks', async () => {
    open('/public/periods/p26/units/u-A?lang=en');
    const history = await screen.findByTestId('public-history');
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Results over the periods' })).toBeTruthy());
    expect(within(history).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'YearPeriodTotalIndexRankClass',
      expect.stringContaining('2025Kỳ 202516.25 / 20'),
      expect.stringContaining('2026Kỳ 202618.5 / 20'),
    ]);
    expect(screen.getByTestId('public-unit-rank').textContent).toBe('1');
    expect(screen.getByTestId('group-chart')).toBeTruthy();
    expect(screen.getByTestId('public-groups').textContent).toContain('Nhóm 1');
    expect(localStorage.getItem('chamdiem.lang')).toBe('en');
  });
});

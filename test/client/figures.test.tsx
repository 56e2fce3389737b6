import { screen, within } from '@testing-library/react';
import type { ProgressTree_CriterionFragment, ProgressTree_ProgressFragment } from '../../client/src/gql/graphql';
import { Figure } from '../../client/src/features/figures/Figure';
import { applicableMaxOf, figureText } from '../../client/src/features/figures/figures';
import { ProgressTree, type LeafInfo } from '../../client/src/features/progress/ProgressTree';
import { CriteriaNav, type NavEntry } from '../../client/src/features/workspace/CriteriaNav';
import { StaffProgress } from '../../client/src/features/leader/OverviewPage';
import { translate } from '../../client/src/i18n';
import { makeFormat } from '../../client/src/i18n/format';
import { renderIn } from './harness';

/**
 * One denominator language on every screen (issue 11): the framework's max, the N/A points beside
 * it where they are taken out, pending RELATIVE points named, N/A leaves as "Không áp dụng".
 */
const vi = { t: (k: any, p?: any) => translate('vi', k, p), fmt: makeFormat('vi') };
const en = { t: (k: any, p?: any) => translate('en', k, p), fmt: makeFormat('en') };

describe('figures', () => {
  it('should write a total over the framework max, naming N/A points only where they are taken out', () => {
    expect(figureText(vi.t, vi.fmt, { score: 121.04, max: 170, applicableMax: 166 })).toBe('121,04 / 170 — 4 điểm không áp dụng');
    expect(figureText(vi.t, vi.fmt, { score: 121.04, max: 170, applicableMax: 170 })).toBe('121,04 / 170');
    expect(figureText(vi.t, vi.fmt, { score: 121.04, max: 170 })).toBe('121,04 / 170');
    expect(figureText(en.t, en.fmt, { score: 121.04, max: 170, applicableMax: 165.5 })).toBe('121.04 / 170 — 4.5 points not applicable');
  });

  it('should name the points pending until results are computed, never leave them out silently', () => {
    expect(figureText(vi.t, vi.fmt, { score: 83.53, max: 100, pending: 13 })).toBe('83,53 / 100 (+ tối đa 13 điểm chờ so sánh khi tính kết quả)');
    expect(figureText(vi.t, vi.fmt, { score: 83.53, max: 100, pending: 0 })).toBe('83,53 / 100');
    expect(figureText(vi.t, vi.fmt, { score: 80, max: 100, applicableMax: 96, pending: 2.5 })).toBe('80 / 100 — 4 điểm không áp dụng (+ tối đa 2,5 điểm chờ so sánh khi tính kết quả)');
  });

  it('should read an N/A leaf as "Không áp dụng", never 0/4; scored as full, with its points beside', () => {
    expect(figureText(vi.t, vi.fmt, { score: 0, max: 4, notApplicable: true })).toBe('Không áp dụng');
    expect(figureText(vi.t, vi.fmt, { score: null, max: 4, notApplicable: true })).toBe('Không áp dụng');
    expect(figureText(vi.t, vi.fmt, { score: 4, max: 4, notApplicable: true })).toBe('4 / 4 (Không áp dụng)');
    renderIn(<Figure testId="x" score={0} max={4} notApplicable />);
    expect(screen.getByTestId('x-na').textContent).toBe('Không áp dụng');
    expect(screen.queryByText(/0\s*\/\s*4/)).toBeNull();
  });

  it('should take the applicable max from the top-level rows only', () => {
    const rows = [
      { criterionId: 'g1', maxScore: 16 },
      { criterionId: 'l1', maxScore: 0 },
      { criterionId: 'g2', maxScore: 150 },
    ];
    expect(applicableMaxOf(rows, (id) => id.startsWith('g'))).toBe(166);
  });

  it('should render the score alone under its test id and the whole figure as its title', () => {
    renderIn(<Figure testId="total" score={121.04} max={170} applicableMax={166} pending={8} />);
    expect(screen.getByTestId('total').textContent).toBe('121,04');
    expect(screen.getByTestId('total-pending').textContent?.trim()).toBe('(+ tối đa 8 điểm chờ so sánh khi tính kết quả)');
    expect(screen.getByTitle('121,04 / 170 — 4 điểm không áp dụng (+ tối đa 8 điểm chờ so sánh khi tính kết quả)')).toBeTruthy();
  });
});

/** 1 (20) → 1.1 RELATIVE (8), 1.2 MANUAL (4, N/A under RESCALE), 1.3 (8) */
const criteria: ProgressTree_CriterionFragment[] = [
  { id: 'g1', code: '1', title: 'Dịch vụ công', parentId: null, isLeaf: false, depth: 1, maxScore: 20, method: null },
  { id: 'l11', code: '1.1', title: 'Tỷ lệ hồ sơ trực tuyến', parentId: 'g1', isLeaf: true, depth: 2, maxScore: 8, method: 'RELATIVE' },
  { id: 'l12', code: '1.2', title: 'Cổng dịch vụ cấp xã', parentId: 'g1', isLeaf: true, depth: 2, maxScore: 4, method: 'MANUAL' },
  { id: 'l13', code: '1.3', title: 'Một cửa điện tử', parentId: 'g1', isLeaf: true, depth: 2, maxScore: 8, method: 'MANUAL' },
];
const row = (criterionId: string, selfTotal: number, maxScore: number, pendingMaxScore: number): ProgressTree_ProgressFragment => ({
  id: `p-${criterionId}`, criterionId, selfTotal, maxScore, leaves: 1, leavesScored: 1, leavesWithEvidence: 0, leavesAppraised: 0, appraisedTotal: 0, pendingMaxScore,
});
const progress = [row('g1', 6.5, 16, 8), row('l11', 0, 8, 8), row('l12', 0, 0, 0), row('l13', 6.5, 8, 0)];

describe('ProgressTree and CriteriaNav figures', () => {
  it('should show a group over its framework max with the N/A points and the pending points beside it', () => {
    const leaves = new Map<string, LeafInfo>([
      ['l11', { state: 'DONE', assigneeName: null }],
      ['l12', { state: 'DONE', assigneeName: null, notApplicable: true }],
      ['l13', { state: 'DONE', assigneeName: null }],
    ]);
    renderIn(<ProgressTree criteria={criteria} progress={progress} leaves={leaves} />);
    const g1 = screen.getByTestId('progress-row-1');
    expect(within(g1).getByTestId('points').textContent).toBe('6,5');
    expect(g1.textContent).toContain('/ 20 — 4 điểm không áp dụng (+ tối đa 8 điểm chờ so sánh khi tính kết quả)');
    expect(g1.textContent).not.toContain('/ 16');
    const na = screen.getByTestId('progress-row-1.2');
    expect(na.textContent).toContain('Không áp dụng');
    expect(na.textContent).not.toMatch(/0\s*\/\s*4/);
    expect(screen.getByTestId('progress-row-1.1').textContent).toContain('(+ tối đa 8 điểm chờ so sánh khi tính kết quả)');
  });

  it('should list an N/A leaf as "Không áp dụng" and a pending leaf with its pending points', () => {
    const entries = new Map<string, NavEntry>([
      ['l11', { state: 'DONE', selfScore: null, mine: true, pending: 8 }],
      ['l12', { state: 'DONE', selfScore: 0, mine: true, notApplicable: true }],
      ['l13', { state: 'DONE', selfScore: 6.5, mine: true }],
    ]);
    renderIn(<CriteriaNav criteria={criteria as any} entries={entries} progress={new Map(progress.map((p) => [p.criterionId, p]))} presence={[]} meId="u" selectedId={null} onSelect={() => undefined} />);
    expect(screen.getByTestId('nav-1.2').textContent).toContain('Không áp dụng');
    expect(screen.getByTestId('nav-1.2').textContent).not.toMatch(/0\s*\/\s*4/);
    expect(screen.getByTestId('nav-1.1').textContent).toContain('– / 8 (+ tối đa 8 điểm chờ so sánh khi tính kết quả)');
    expect(screen.getByTestId('nav-1.3').textContent).toContain('6,5 / 8');
  });
});

describe('StaffProgress', () => {
  const entry = (id: string, assignee: string | null, selfScore: number | null) =>
    ({ id, criterionId: id, state: selfScore === null ? 'TODO' : 'DONE', selfScore, assignee: assignee ? { id: assignee, name: assignee } : null }) as any;

  it('should add the per-person points up and say what the unit total does beyond them', () => {
    renderIn(<StaffProgress entries={[entry('a', 'Lan', 4.5), entry('b', 'Lan', 3.25), entry('c', 'Minh', 6), entry('d', null, null)]} unitTotal={12.9} pending={3} />);
    expect(screen.getByTestId('staff-Lan').textContent).toContain('7,75');
    expect(screen.getByTestId('staff-sum').textContent).toContain('13,75');
    expect(screen.getByTestId('staff-note').textContent).toContain('Tổng của đơn vị là 12,9');
    expect(screen.getByTestId('staff-pending').textContent).toContain('Chưa tính 3 điểm');
  });

  it('should say nothing more when the rows add up to the unit total and nothing is pending', () => {
    renderIn(<StaffProgress entries={[entry('a', 'Lan', 4.5), entry('c', 'Minh', 6)]} unitTotal={10.5} pending={0} />);
    expect(screen.getByTestId('staff-sum').textContent).toContain('10,5');
    expect(screen.queryByTestId('staff-note')).toBeNull();
    expect(screen.queryByTestId('staff-pending')).toBeNull();
  });
});

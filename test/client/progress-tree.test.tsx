import { act, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import type { ProgressTree_CriterionFragment, ProgressTree_ProgressFragment } from '../../client/src/gql/graphql';
import { ProgressTree, type LeafInfo } from '../../client/src/features/progress/ProgressTree';
import { renderIn } from './harness';

/** 1 (20) → 1.1 (12,5) → 1.1.1, 1.1.2; 1.2; 2 (10) → 2.1 */
const criteria: ProgressTree_CriterionFragment[] = [
  { id: 'g1', code: '1', title: 'Hạ tầng', parentId: null, isLeaf: false, depth: 1, maxScore: 20, method: null },
  { id: 'g11', code: '1.1', title: 'Hạ tầng kỹ thuật', parentId: 'g1', isLeaf: false, depth: 2, maxScore: 12.5, method: null },
  { id: 'l111', code: '1.1.1', title: 'Máy tính', parentId: 'g11', isLeaf: true, depth: 3, maxScore: 4.5, method: 'RATIO' },
  { id: 'l112', code: '1.1.2', title: 'Mạng LAN', parentId: 'g11', isLeaf: true, depth: 3, maxScore: 8, method: 'TIERS' },
  { id: 'l12', code: '1.2', title: 'An toàn thông tin', parentId: 'g1', isLeaf: true, depth: 2, maxScore: 7.5, method: 'BOOLEAN' },
  { id: 'g2', code: '2', title: 'Dịch vụ công', parentId: null, isLeaf: false, depth: 1, maxScore: 10, method: null },
  { id: 'l21', code: '2.1', title: 'Hồ sơ trực tuyến', parentId: 'g2', isLeaf: true, depth: 2, maxScore: 10, method: 'MANUAL' },
];

const row = (criterionId: string, selfTotal: number, maxScore: number, leaves: number, leavesScored: number): ProgressTree_ProgressFragment => ({
  id: `p-${criterionId}`, criterionId, selfTotal, maxScore, leaves, leavesScored, leavesWithEvidence: 0, leavesAppraised: 0, appraisedTotal: 0, pendingMaxScore: 0,
});

const initial = [
  row('g1', 12.25, 20, 3, 2),
  row('g11', 4.75, 12.5, 2, 1),
  row('l111', 4.75, 4.5, 1, 1),
  row('l112', 0, 8, 1, 0),
  row('l12', 7.5, 7.5, 1, 1),
  row('g2', 0, 10, 1, 0),
  row('l21', 0, 10, 1, 0),
];

const leaves = new Map<string, LeafInfo>([
  ['l111', { state: 'DONE', assigneeName: 'Lê Minh Tuấn' }],
  ['l112', { state: 'TODO', assigneeName: 'Phạm Thu Hà' }],
  ['l12', { state: 'DONE', assigneeName: null }],
  ['l21', { state: 'DRAFT', assigneeName: 'Phạm Thu Hà' }],
]);

const rowOf = (code: string) => screen.getByTestId(`progress-row-${code}`);

describe('ProgressTree', () => {
  it('should show every group and criterion with a progress bar and its points of its maximum', () => {
    renderIn(<ProgressTree criteria={criteria} progress={initial} leaves={leaves} />);
    for (const c of criteria) expect(rowOf(c.code)).toBeTruthy();
    const g1 = rowOf('1');
    expect(within(g1).getByTestId('points').textContent).toBe('12,25');
    expect(g1.textContent).toContain('/ 20');
    const bar = within(g1).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('2');
    expect(bar.getAttribute('aria-valuemax')).toBe('3');
    expect(bar.getAttribute('aria-label')).toBe('Đã chấm 2/3 (67%)');
    expect(within(rowOf('1.1')).getByTestId('points').textContent).toBe('4,75');
    expect(rowOf('1.1').textContent).toContain('/ 12,5');
  });

  it('should show each leaf’s state and who holds it', () => {
    renderIn(<ProgressTree criteria={criteria} progress={initial} leaves={leaves} />);
    expect(rowOf('1.1.2').textContent).toContain('Chưa chấm');
    expect(rowOf('1.1.2').textContent).toContain('Phạm Thu Hà');
    expect(rowOf('2.1').textContent).toContain('Nháp');
    expect(rowOf('1.1.1').textContent).toContain('Đã chấm');
  });

  it('should fill in when a live change arrives, and mark the rows that changed', () => {
    function Live() {
      const [progress, setProgress] = useState(initial);
      (globalThis as any).pushChange = setProgress;
      return <ProgressTree criteria={criteria} progress={progress} leaves={leaves} />;
    }
    renderIn(<Live />);
    expect(rowOf('2').className).not.toContain('flash');
    act(() => {
      (globalThis as any).pushChange(initial.map((r) => (r.criterionId === 'g2' ? row('g2', 9.5, 10, 1, 1) : r.criterionId === 'l21' ? row('l21', 9.5, 10, 1, 1) : r)));
    });
    expect(within(rowOf('2')).getByTestId('points').textContent).toBe('9,5');
    expect(within(rowOf('2')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    expect(rowOf('2').className).toContain('flash');
    expect(rowOf('1').className).not.toContain('flash');
  });

  it('should collapse and expand a group by keyboard-reachable buttons', () => {
    renderIn(<ProgressTree criteria={criteria} progress={initial} />);
    const toggle = screen.getByRole('button', { name: 'Thu gọn 1.1' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(screen.queryByTestId('progress-row-1.1.1')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Mở 1.1' }));
    expect(rowOf('1.1.1')).toBeTruthy();
  });

  it('should select a whole subtree’s leaves for assignment with one checkbox', () => {
    let selected = new Set<string>();
    function Pick() {
      const [s, setS] = useState<Set<string>>(new Set());
      selected = s;
      return <ProgressTree criteria={criteria} progress={initial} selection={{ selected: s, onChange: setS }} />;
    }
    renderIn(<Pick />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Chọn 1' }));
    expect([...selected].sort()).toEqual(['l111', 'l112', 'l12']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Chọn 1.1.1' }));
    expect([...selected].sort()).toEqual(['l112', 'l12']);
    expect((screen.getByRole('checkbox', { name: 'Chọn 1' }) as HTMLInputElement).indeterminate).toBe(true);
  });

  it('should write numbers the English way in English', () => {
    renderIn(<ProgressTree criteria={criteria} progress={initial} />, 'en');
    expect(within(rowOf('1')).getByTestId('points').textContent).toBe('12.25');
    expect(within(rowOf('1')).getByRole('progressbar').getAttribute('aria-label')).toBe('2 of 3 scored (67%)');
  });
});

/**
 * Issue 16, point 1: on a phone the workspace's criteria tree is a drawer. The stylesheet decides
 * when it is one (640 px and below, test/e2e/phone.test.ts checks it in Chromium); here, what
 * the drawer does with a thumb and a keyboard: it opens from a button naming the criterion open,
 * puts focus on that criterion, and closes (focus back on the button) on a choice or Escape.
 */
import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { CriteriaDrawer } from '../../client/src/features/workspace/CriteriaDrawer';
import type { NavEntry } from '../../client/src/features/workspace/CriteriaNav';
import { renderIn } from './harness';

const criterion = (id: string, code: string, parentId: string | null, isLeaf: boolean) => ({ __typename: 'Criterion' as const, id, code, title: `Tiêu chí ${code}`, parentId, isLeaf, depth: code.split('.').length - 1, maxScore: 2, method: isLeaf ? ('MANUAL' as const) : null });
const CRITERIA = [criterion('g1', '1', null, false), criterion('c11', '1.1', 'g1', true), criterion('c12', '1.2', 'g1', true)];
const ENTRIES = new Map<string, NavEntry>([
  ['c11', { state: 'DONE', selfScore: 2, mine: true }],
  ['c12', { state: 'TODO', selfScore: null, mine: true }],
]);

function Host({ chosen }: { chosen: string[] }) {
  const [selected, setSelected] = useState('c11');
  return (
    <CriteriaDrawer
      currentCode={CRITERIA.find((c) => c.id === selected)!.code}
      criteria={CRITERIA as any}
      entries={ENTRIES}
      progress={new Map()}
      presence={[]}
      meId="u1"
      selectedId={selected}
      onSelect={(id) => (chosen.push(id), setSelected(id))}
    />
  );
}

describe('the criteria drawer', () => {
  it('should open from a button naming the criterion open, and close on a choice with focus back on the button', () => {
    const chosen: string[] = [];
    const { container } = renderIn(<Host chosen={chosen} />);
    const opener = screen.getByRole('button', { name: 'Chọn tiêu chí 1.1' });
    expect(opener.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(opener);
    expect(opener.getAttribute('aria-expanded')).toBe('true');
    expect(container.querySelector('.criteria-drawer.open')).not.toBeNull();
    // the criterion open now has the focus, so that the arrow keys move from it
    expect(document.activeElement).toBe(screen.getByTestId('nav-1.1'));

    fireEvent.click(screen.getByTestId('nav-1.2'));
    expect(chosen).toEqual(['c12']);
    expect(container.querySelector('.criteria-drawer.open')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Chọn tiêu chí 1.2' }));
  });

  it('should close on Escape and on its close button, choosing nothing', () => {
    const chosen: string[] = [];
    const { container } = renderIn(<Host chosen={chosen} />);
    const opener = screen.getByRole('button', { name: 'Chọn tiêu chí 1.1' });
    fireEvent.click(opener);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(container.querySelector('.criteria-drawer.open')).toBeNull();
    expect(document.activeElement).toBe(opener);
    fireEvent.click(opener);
    fireEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    expect(container.querySelector('.criteria-drawer.open')).toBeNull();
    expect(chosen).toEqual([]);
  });
});

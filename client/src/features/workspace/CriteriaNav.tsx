import { useMemo, useState, type KeyboardEvent } from 'react';
import type { ProgressTree_CriterionFragment, EntryState, ProgressTree_ProgressFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { colorOf, initials } from '../live/Avatars';
import type { PresentMember } from '../live/usePresence';
import { buildTree, type TreeNode } from '../progress/tree';
import { Figure } from '../figures/Figure';

export interface NavEntry {
  state: EntryState;
  /** the score the list shows (the self score, or the round's on the appraisal page) */
  selfScore: number | null;
  mine: boolean;
  /** marked not applicable (in the round shown) */
  notApplicable?: boolean;
  /** points waiting for the period's results (a RELATIVE leaf with a figure) */
  pending?: number;
}

export type NavFilter = 'all' | 'mine' | 'open';

export interface CriteriaNavProps {
  criteria: readonly ProgressTree_CriterionFragment[];
  entries: ReadonlyMap<string, NavEntry>;
  progress: ReadonlyMap<string, ProgressTree_ProgressFragment>;
  presence: readonly PresentMember[];
  meId: string;
  selectedId: string | null;
  onSelect(criterionId: string): void;
  /** leaves with a draft typed and not saved (marked "chưa lưu") */
  unsaved?: ReadonlySet<string>;
  /** the filter buttons offered (default: mine, not done, all) */
  filters?: readonly NavFilter[];
}

type Node = TreeNode<ProgressTree_CriterionFragment>;

/**
 * The criteria tree of the workspace: groups with their progress, leaves with their state and
 * score, and who (else) is on each. Arrow keys move between leaves; filters narrow it down.
 */
export function CriteriaNav({ criteria, entries, progress, presence, meId, selectedId, onSelect, unsaved, filters = ['mine', 'open', 'all'] }: CriteriaNavProps) {
  const { t, fmt } = useI18n();
  const [filter, setFilter] = useState<NavFilter>(() => (filters.includes('mine') && [...entries.values()].some((e) => e.mine) ? 'mine' : 'all'));
  const roots = useMemo(() => buildTree(criteria), [criteria]);
  const keep = (leafId: string) => {
    const e = entries.get(leafId);
    if (filter === 'mine') return !!e?.mine;
    if (filter === 'open') return e?.state !== 'DONE' || !!unsaved?.has(leafId);
    return true;
  };
  const prune = (nodes: Node[]): Node[] =>
    nodes.flatMap((n) => {
      if (n.criterion.isLeaf) return keep(n.criterion.id) ? [n] : [];
      const children = prune(n.children);
      return children.length ? [{ ...n, children }] : [];
    });
  const shown = prune(roots);
  const others = presence.filter((m) => m.userId !== meId && m.criterionId);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.nav-leaf')];
    if (!buttons.length) return;
    e.preventDefault();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
    buttons[next].focus();
  };

  const render = (nodes: Node[]) => (
    <ul>
      {nodes.map((n) => {
        const c = n.criterion;
        if (!c.isLeaf) {
          const p = progress.get(c.id);
          return (
            <li key={c.id} className={`nav-group depth-${c.depth}`}>
              <div className="nav-group-head">
                <span className="code">{c.code}</span> <span className="title">{c.title}</span>
                {p && (
                  <span className="muted nav-count" aria-label={t('progress.barLabel', { done: fmt.int(p.leavesScored), total: fmt.int(p.leaves), percent: fmt.percent(p.leaves ? p.leavesScored / p.leaves : 0, 0) })}>
                    {fmt.int(p.leavesScored)}/{fmt.int(p.leaves)}
                  </span>
                )}
              </div>
              {render(n.children)}
            </li>
          );
        }
        const e = entries.get(c.id);
        const here = others.filter((m) => m.criterionId === c.id);
        return (
          <li key={c.id}>
            <button
              type="button"
              className={`nav-leaf${c.id === selectedId ? ' selected' : ''}${e?.mine ? ' mine' : ''}`}
              aria-current={c.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(c.id)}
              data-testid={`nav-${c.code}`}
              aria-describedby={unsaved?.has(c.id) ? 'nav-unsaved' : undefined}
            >
              <span className={`dot state-${e?.state ?? 'TODO'}`} aria-label={t(`state.${e?.state ?? 'TODO'}`)} role="img" />
              <span className="code">{c.code}</span>
              <span className="title">{c.title}</span>
              {unsaved?.has(c.id) && (
                // described, not named (aria-describedby): the leaf's name stays its code and title
                <span className="unsaved-tag" aria-hidden="true" data-testid={`unsaved-${c.code}`}>
                  {t('drafts.unsaved')}
                </span>
              )}
              <span className="nav-score">
                <Figure strong={false} score={e?.selfScore} max={c.maxScore} notApplicable={e?.notApplicable} pending={e?.pending} />
              </span>
              {here.length > 0 && (
                <span className="nav-presence" aria-label={t('presence.onThis', { names: here.map((m) => m.name).join(', ') })}>
                  {here.map((m) => (
                    <span key={m.userId} className="avatar small" style={{ background: colorOf(m.userId) }} title={m.name}>
                      {initials(m.name)}
                    </span>
                  ))}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );

  return (
    <nav className="nav card" aria-label={t('workspace.criteria')} onKeyDown={onKeyDown}>
      <div className="nav-filters" role="group" aria-label={t('workspace.filter')}>
        {filters.map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} className={filter === f ? 'active' : ''} onClick={() => setFilter(f)}>
            {t(`workspace.filter.${f}`)}
          </button>
        ))}
      </div>
      {shown.length ? render(shown) : <p className="muted">{t('workspace.filterEmpty')}</p>}
      <span id="nav-unsaved" hidden>
        {t('save.unsaved')}
      </span>
    </nav>
  );
}

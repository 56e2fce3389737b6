import { useEffect, useMemo, useRef, useState } from 'react';
import type { EntryState, ProgressTree_CriterionFragment, ProgressTree_ProgressFragment } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { Link } from '../../app/router';
import { Figure } from '../figures/Figure';
import { figureText } from '../figures/figures';
import { ProgressBar } from './ProgressBar';
import { buildTree, leafIds, type TreeNode } from './tree';

export interface LeafInfo {
  state: EntryState;
  assigneeName: string | null;
  notApplicable?: boolean;
}

export interface ProgressTreeProps {
  criteria: readonly ProgressTree_CriterionFragment[];
  progress: readonly ProgressTree_ProgressFragment[];
  /** per leaf: its state and who holds it */
  leaves?: ReadonlyMap<string, LeafInfo>;
  /** checkboxes for choosing leaves and subtrees (assignment) */
  selection?: { selected: ReadonlySet<string>; onChange(next: Set<string>): void };
  /** where a leaf's title links to */
  hrefFor?(criterionId: string): string;
}

type Node = TreeNode<ProgressTree_CriterionFragment>;

/**
 * The live progress tree: every group and criterion with a progress bar (leaves scored of its
 * leaves) and its points so far of its maximum. Rows flash briefly when a live change reaches them.
 */
export function ProgressTree({ criteria, progress, leaves, selection, hrefFor }: ProgressTreeProps) {
  const { t } = useI18n();
  const roots = useMemo(() => buildTree(criteria), [criteria]);
  const byCriterion = useMemo(() => new Map(progress.map((p) => [p.criterionId, p])), [progress]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const render = (nodes: Node[]) => (
    <ul className="ptree-list">
      {nodes.map((n) => (
        <li key={n.criterion.id} className={`ptree-item depth-${n.criterion.depth}`}>
          <Row node={n} row={byCriterion.get(n.criterion.id)} leaf={leaves?.get(n.criterion.id)} open={!collapsed.has(n.criterion.id)} onToggle={() => toggle(n.criterion.id)} selection={selection} href={n.criterion.isLeaf ? hrefFor?.(n.criterion.id) : undefined} />
          {n.children.length > 0 && !collapsed.has(n.criterion.id) && render(n.children)}
        </li>
      ))}
    </ul>
  );

  return (
    <div className="ptree" aria-label={t('progress.tree')} role="region">
      <div className="ptree-head" aria-hidden="true">
        <span>{t('progress.criterion')}</span>
        <span>{t('progress.done')}</span>
        <span>{t('progress.points')}</span>
      </div>
      {render(roots)}
    </div>
  );
}

function Row({ node, row, leaf, open, onToggle, selection, href }: {
  node: Node;
  row: ProgressTree_ProgressFragment | undefined;
  leaf: LeafInfo | undefined;
  open: boolean;
  onToggle(): void;
  selection: ProgressTreeProps['selection'];
  href?: string;
}) {
  const { t, fmt } = useI18n();
  const c = node.criterion;
  const flash = useFlash(`${row?.selfTotal}:${row?.leavesScored}:${row?.maxScore}`);
  const ids = useMemo(() => leafIds(node), [node]);
  const checked = selection ? ids.every((id) => selection.selected.has(id)) : false;
  const partly = selection ? !checked && ids.some((id) => selection.selected.has(id)) : false;
  const onCheck = () => {
    if (!selection) return;
    const next = new Set(selection.selected);
    ids.forEach((id) => (checked ? next.delete(id) : next.add(id)));
    selection.onChange(next);
  };
  const title = href ? <Link to={href}>{c.title}</Link> : c.title;
  return (
    <div className={`ptree-row${c.isLeaf ? ' leaf' : ' group'}${flash ? ' flash' : ''}`} data-testid={`progress-row-${c.code}`} data-self-total={row?.selfTotal ?? ''} data-scored={row?.leavesScored ?? ''}>
      <div className="ptree-name">
        {selection && (
          <input
            type="checkbox"
            checked={checked}
            ref={(el) => {
              if (el) el.indeterminate = partly;
            }}
            onChange={onCheck}
            aria-label={t('assign.select', { code: c.code })}
          />
        )}
        {!c.isLeaf ? (
          <button type="button" className="twisty" aria-expanded={open} onClick={onToggle} aria-label={t(open ? 'tree.collapse' : 'tree.expand', { code: c.code })}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty" aria-hidden="true" />
        )}
        <span className="code">{c.code}</span>
        <span className="title">{title}</span>
        {leaf && (
          <span className="leaf-meta">
            <span className={`state state-${leaf.state}`}>{t(`state.${leaf.state}`)}</span>
            {leaf.assigneeName && <span className="assignee">{leaf.assigneeName}</span>}
          </span>
        )}
      </div>
      <div className="ptree-bar">
        {row ? <ProgressBar done={row.leavesScored} total={row.leaves} /> : null}
        <span className="ptree-count">{row ? `${fmt.int(row.leavesScored)}/${fmt.int(row.leaves)}` : ''}</span>
      </div>
      <div className="ptree-points" aria-label={row ? figureText(t, fmt, figureOf(c, row, leaf)) : undefined}>
        {row ? <Figure testId="points" {...figureOf(c, row, leaf)} /> : null}
      </div>
    </div>
  );
}

/** A row's figure: of the criterion's max, N/A taken out where it rescales, pending points named. */
function figureOf(c: ProgressTree_CriterionFragment, row: ProgressTree_ProgressFragment, leaf: LeafInfo | undefined) {
  return { score: row.selfTotal, max: c.maxScore, applicableMax: row.maxScore, pending: row.pendingMaxScore, notApplicable: c.isLeaf && !!leaf?.notApplicable };
}

/** True for a moment after the value changes (not on the first render). */
function useFlash(value: string): boolean {
  const first = useRef(value);
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (value === first.current) return;
    first.current = value;
    setOn(true);
    const timer = setTimeout(() => setOn(false), 1200);
    return () => clearTimeout(timer);
  }, [value]);
  return on;
}

import { assertCanReadAssessment, refOf } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { notFound } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment } from '../assessment/assessment.entity';
import { Progress } from '../assessment/progress.entity';
import { EntryState, ScoreEntry } from '../assessment/score-entry.entity';
import { Criterion } from '../framework/criterion.entity';
import { nodeKindOf } from '../scoring/scoring.types';
import { computeTree, reportedFromTop, type LeafState, type TreeNode } from '../scoring/tree';

const STATE_LABEL: Record<EntryState, string> = {
  [EntryState.TODO]: 'Chưa chấm',
  [EntryState.DRAFT]: 'Nháp',
  [EntryState.DONE]: 'Đã chấm',
};

/** One line of a score sheet: a criterion (inner or leaf) or the totals. Scores in hundredths. */
export interface ScoreSheetLine {
  /** null on the totals line */
  criterion: Criterion | null;
  /** the leaf's entry; null for inner nodes and the totals */
  entry: ScoreEntry | null;
  code: string | null;
  title: string;
  /** 1 for top-level groups; 0 for the totals */
  depth: number;
  maxH: number;
  selfH: number | null;
  round1H: number | null;
  round2H: number | null;
  finalH: number | null;
  comment: string | null;
  /** evidence items at or below this node */
  evidenceCount: number;
  round1Comment: string | null;
  explanation: string | null;
  round2Comment: string | null;
  status: string | null;
  source: string | null;
}

export interface ScoreSheet {
  assessment: Assessment;
  /** every criterion in the framework's order, then the totals line */
  lines: ScoreSheetLine[];
  /** whether any leaf has a round-2 score (the appraised figure is then round 2's) */
  heldRound2: boolean;
}

/**
 * One assessment's score sheet, the one source of every figure of its exports (XLSX, CSV, PDF):
 * the self scores and totals as stored in the progress tree, each appraisal round's and the final
 * figures through the scoring tree, evidence counted below each node.
 */
export async function scoreSheet(em: Em, viewer: Viewer, id: string): Promise<ScoreSheet> {
  const a = await em.findOne(Assessment, { id: assertId(id, 'Assessment') }, { populate: ['unit', 'period', 'period.framework'] });
  if (!a) throw notFound('Assessment', id);
  assertCanReadAssessment(viewer, refOf(a));
  const fw = a.period.framework;
  const [criteria, entries, progress] = await Promise.all([
    em.find(Criterion, { framework: fw.id }, { orderBy: { ordinal: 'asc' } }),
    em.find(ScoreEntry, { assessment: a.id }),
    em.find(Progress, { assessment: a.id }),
  ]);
  const entryOf = new Map(entries.map((e) => [e.criterion.id, e]));
  const progressOf = new Map(progress.map((p) => [p.criterion.id, p]));
  const nodes: TreeNode[] = criteria.map((c) => ({ id: c.id, parentId: c.parent?.id ?? null, maxH: c.maxH, kind: nodeKindOf(c.method), isLeaf: c.isLeaf }));
  const naMode = fw.notApplicable;

  /** Every node's score in one appraisal round, or null when no leaf has that round's score. */
  const round = (pick: (e: ScoreEntry) => LeafState | null) => {
    const leaves = new Map<string, LeafState>();
    for (const e of entries) {
      const s = pick(e);
      if (s) leaves.set(e.criterion.id, s);
    }
    if (leaves.size === 0) return null;
    const totals = computeTree(nodes, leaves, naMode);
    const top = criteria.filter((c) => c.depth === 1).map((c) => totals.get(c.id)!);
    return { totals, reportedH: reportedFromTop(top, fw) };
  };
  const round1 = round((e) => (e.round1ScoreH == null ? null : { scoreH: e.round1ScoreH, notApplicable: e.round1NotApplicable }));
  // round 2 revises round 1: a leaf the council did not score again keeps its round-1 score
  const round2 = entries.some((e) => e.round2ScoreH != null)
    ? round((e) =>
        e.round2ScoreH != null
          ? { scoreH: e.round2ScoreH, notApplicable: e.round2NotApplicable }
          : e.round1ScoreH != null
            ? { scoreH: e.round1ScoreH, notApplicable: e.round1NotApplicable }
            : null,
      )
    : null;
  const final = round((e) =>
    e.finalScoreH == null
      ? null
      : { scoreH: e.finalScoreH, notApplicable: e.round2ScoreH != null ? e.round2NotApplicable : e.round1ScoreH != null ? e.round1NotApplicable : e.notApplicable },
  );

  // evidence below each node
  const evidence = new Map<string, number>();
  const parentOf = new Map(criteria.map((c) => [c.id, c.parent?.id ?? null]));
  for (const e of entries) {
    for (let cid: string | null = e.criterion.id; cid; cid = parentOf.get(cid) ?? null) evidence.set(cid, (evidence.get(cid) ?? 0) + e.evidenceCount);
  }

  const lines: ScoreSheetLine[] = criteria.map((c) => {
    const p = progressOf.get(c.id);
    const e = c.isLeaf ? (entryOf.get(c.id) ?? null) : null;
    const inner = (r: typeof round1) => (r ? r.totals.get(c.id)!.scoreH : null);
    return {
      criterion: c,
      entry: e,
      code: c.code,
      title: c.title,
      depth: c.depth,
      maxH: p?.capH ?? c.maxH,
      selfH: e ? (e.selfScoreH ?? null) : (p?.scoreH ?? 0),
      round1H: e ? (e.round1ScoreH ?? null) : inner(round1),
      round2H: e ? (e.round2ScoreH ?? null) : inner(round2),
      finalH: e ? (e.finalScoreH ?? null) : inner(final),
      comment: e?.comment ?? null,
      evidenceCount: evidence.get(c.id) ?? 0,
      round1Comment: e?.round1Comment ?? null,
      explanation: e?.explanation ?? null,
      round2Comment: e?.round2Comment ?? null,
      status: e ? (e.notApplicable ? 'Không áp dụng' : STATE_LABEL[e.state]) : p ? `${p.leavesScored}/${p.leaves}` : null,
      source: e?.source ?? null,
    };
  });
  const topRows = criteria.filter((c) => c.depth === 1).map((c) => progressOf.get(c.id)).filter((p): p is Progress => !!p);
  lines.push({
    criterion: null,
    entry: null,
    code: null,
    title: 'Tổng cộng',
    depth: 0,
    maxH: fw.maxH,
    selfH: reportedFromTop(topRows, fw),
    round1H: round1?.reportedH ?? null,
    round2H: round2?.reportedH ?? null,
    finalH: final?.reportedH ?? null,
    comment: null,
    evidenceCount: entries.reduce((s, e) => s + e.evidenceCount, 0),
    round1Comment: null,
    explanation: null,
    round2Comment: null,
    status: `${topRows.reduce((s, p) => s + p.leavesScored, 0)}/${topRows.reduce((s, p) => s + p.leaves, 0)}`,
    source: null,
  });
  return { assessment: a, lines, heldRound2: round2 !== null };
}

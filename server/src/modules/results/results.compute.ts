/**
 * The results of one period, computed from the stored entries (DESIGN.md "Arithmetic"): pure
 * arithmetic over what the service loaded, no database here.
 */
import { ScoringMethod, type Criterion } from '../framework/criterion.entity';
import type { Band, NotApplicableMode } from '../framework/framework.entity';
import { AssessmentStatus } from '../assessment/assessment.entity';
import type { ScoreEntry } from '../assessment/score-entry.entity';
import { reportedFromTop } from '../assessment/progress.rows';
import { appraisedOf } from '../appraisal/appraised';
import { relativeScoreH } from '../scoring/leaf-score';
import { nodeKindOf } from '../scoring/scoring.types';
import { bandOf, computeTree, indexOf, type LeafState, type TreeNode } from '../scoring/tree';
import type { GroupResult } from './result.entity';

/**
 * The three totals of an assessment: SELF (the unit's scores), ROUND_1 (appraisal round 1) and
 * FINAL (round 2 where held, else round 1). RELATIVE leaves are scored against the best figure of
 * the period at the same level; the FINAL level's best is the best latest appraised figure.
 */
export type Level = 'SELF' | 'ROUND_1' | 'FINAL';

interface LevelLeaf {
  scoreH: number | null;
  notApplicable: boolean;
  figure: number | null;
}

const figureOf = (input: { figure?: number | null } | null | undefined): number | null =>
  typeof input?.figure === 'number' && Number.isFinite(input.figure) ? input.figure : null;

/** A leaf's input at a level; null when that level has nothing for it (not appraised). */
export function leafAt(e: ScoreEntry, level: Level): LevelLeaf | null {
  switch (level) {
    case 'SELF':
      return { scoreH: e.selfScoreH ?? null, notApplicable: e.notApplicable, figure: figureOf(e.input) };
    case 'ROUND_1':
      return e.round1Input == null ? null : { scoreH: e.round1ScoreH ?? null, notApplicable: e.round1NotApplicable, figure: figureOf(e.round1Input) };
    case 'FINAL': {
      const a = appraisedOf(e);
      return a.held ? { scoreH: a.scoreH, notApplicable: a.notApplicable, figure: figureOf(a.input) } : null;
    }
  }
}

/** The best figure of every RELATIVE leaf at one level, over the given entries (of one period). */
export function bestFigures(entries: ScoreEntry[], relative: Set<string>, level: Level): Map<string, number> {
  const best = new Map<string, number>();
  for (const e of entries) {
    const cid = e.criterion.id;
    if (!relative.has(cid)) continue;
    const l = leafAt(e, level);
    if (!l || l.notApplicable || l.figure === null) continue;
    if (!best.has(cid) || l.figure > best.get(cid)!) best.set(cid, l.figure);
  }
  return best;
}

/** A leaf's score in hundredths at a level, RELATIVE computed against the best figure. */
export function leafScoreH(c: Criterion, l: LevelLeaf | null, best: Map<string, number>): number | null {
  if (!l) return null;
  if (c.method === ScoringMethod.RELATIVE && !l.notApplicable) {
    return l.figure === null ? null : relativeScoreH(c.maxH, l.figure, best.get(c.id) ?? 0);
  }
  return l.scoreH;
}

export interface FrameworkInfo {
  maxH: number;
  notApplicable: NotApplicableMode | 'FULL' | 'RESCALE';
  bands: Band[];
}

export interface AssessmentInfo {
  id: string;
  unitId: string;
  unitKind: string;
  status: AssessmentStatus;
  entries: ScoreEntry[];
}

interface LevelTotals {
  totalH: number;
  groups: Map<string, number>;
}

/** One assessment's computed result, before the previous period is looked up. */
export interface ComputedResult {
  assessmentId: string;
  unitId: string;
  unitKind: string;
  maxH: number;
  selfTotalH: number;
  round1TotalH: number | null;
  finalTotalH: number | null;
  rankedH: number;
  indexK: number;
  rank: number;
  band: string | null;
  groups: GroupResult[];
}

/** Competition ranking (1, 2, 2, 4) of values, highest first; returns rank by key. */
export function competitionRanks<K>(items: { key: K; value: number }[]): Map<K, number> {
  const sorted = [...items].sort((a, b) => b.value - a.value);
  const ranks = new Map<K, number>();
  sorted.forEach((it, i) => {
    const prev = sorted[i - 1];
    ranks.set(it.key, prev && prev.value === it.value ? ranks.get(prev.key)! : i + 1);
  });
  return ranks;
}

export function computePeriodResults(fw: FrameworkInfo, criteria: Criterion[], assessments: AssessmentInfo[]): ComputedResult[] {
  const nodes: TreeNode[] = criteria.map((c) => ({
    id: c.id,
    parentId: c.parent?.id ?? null,
    maxH: c.maxH,
    kind: nodeKindOf(c.method ?? null),
    isLeaf: c.isLeaf,
  }));
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const top = criteria.filter((c) => c.depth === 1);
  const relative = new Set(criteria.filter((c) => c.method === ScoringMethod.RELATIVE).map((c) => c.id));
  const allEntries = assessments.flatMap((a) => a.entries);
  const best: Record<Level, Map<string, number>> = {
    SELF: bestFigures(allEntries, relative, 'SELF'),
    ROUND_1: bestFigures(allEntries, relative, 'ROUND_1'),
    FINAL: bestFigures(allEntries, relative, 'FINAL'),
  };
  const naMode = fw.notApplicable as 'FULL' | 'RESCALE';

  const totalsAt = (a: AssessmentInfo, level: Level): LevelTotals => {
    const leaves = new Map<string, LeafState>();
    for (const e of a.entries) {
      const c = byId.get(e.criterion.id);
      if (!c) continue;
      const l = leafAt(e, level);
      leaves.set(c.id, { scoreH: leafScoreH(c, l, best[level]), notApplicable: l?.notApplicable ?? false });
    }
    const totals = computeTree(nodes, leaves, naMode);
    const topTotals = top.map((c) => totals.get(c.id)!);
    return {
      totalH: reportedFromTop(topTotals, { maxH: fw.maxH, notApplicable: naMode }),
      groups: new Map(top.map((c) => [c.id, totals.get(c.id)!.scoreH])),
    };
  };

  const rows = assessments.map((a) => {
    const self = totalsAt(a, 'SELF');
    const round1 = a.entries.some((e) => e.round1Input != null) ? totalsAt(a, 'ROUND_1') : null;
    const final = a.status === AssessmentStatus.FINAL ? totalsAt(a, 'FINAL') : null;
    const ranked = final ?? round1 ?? self;
    const index = indexOf(ranked.totalH, fw.maxH);
    return {
      a,
      ranked,
      result: {
        assessmentId: a.id,
        unitId: a.unitId,
        unitKind: a.unitKind,
        maxH: fw.maxH,
        selfTotalH: self.totalH,
        round1TotalH: round1?.totalH ?? null,
        finalTotalH: final?.totalH ?? null,
        rankedH: ranked.totalH,
        indexK: Math.round(index * 1000),
        rank: 0,
        band: bandOf(index, fw.bands)?.label ?? null,
        groups: top.map((c) => ({
          criterionId: c.id,
          code: c.code,
          title: c.title,
          maxH: c.maxH,
          selfH: self.groups.get(c.id)!,
          round1H: round1?.groups.get(c.id) ?? null,
          finalH: final?.groups.get(c.id) ?? null,
          rank: null as number | null,
        })),
      } as ComputedResult,
    };
  });

  // ranks among the units of the same kind, overall and per top-level group
  for (const kind of new Set(rows.map((r) => r.a.unitKind))) {
    const same = rows.filter((r) => r.a.unitKind === kind);
    const overall = competitionRanks(same.map((r) => ({ key: r.a.id, value: r.ranked.totalH })));
    for (const r of same) r.result.rank = overall.get(r.a.id)!;
    top.forEach((c, gi) => {
      const ranks = competitionRanks(same.map((r) => ({ key: r.a.id, value: r.ranked.groups.get(c.id)! })));
      for (const r of same) r.result.groups[gi].rank = ranks.get(r.a.id)!;
    });
  }
  return rows.map((r) => r.result);
}

/**
 * The results of one period, computed from the stored entries (DESIGN.md "Arithmetic"): pure
 * arithmetic over what the service loaded, no database here. The framework tree is built once
 * for the period and scored for every unit at every level with plain arrays.
 */
import { ScoringMethod, type Criterion } from '../framework/criterion.entity';
import type { Band, NotApplicableMode } from '../framework/framework.entity';
import { AssessmentStatus } from '../assessment/assessment.entity';
import { relativeScoreH } from '../scoring/leaf-score';
import { nodeKindOf } from '../scoring/scoring.types';
import { bandOf, indexOf, reportedFromTop } from '../scoring/tree';
import type { EntryRow } from './entry.rows';
import { buildPeriodTree, scorePeriodTree } from './period.tree';
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

/** A leaf's input at a level; null when that level has nothing for it (not appraised). */
export function leafAt(e: EntryRow, level: Level): LevelLeaf | null {
  switch (level) {
    case 'SELF':
      return { scoreH: e.selfScoreH, notApplicable: e.notApplicable, figure: e.figure };
    case 'ROUND_1':
      return e.round1Held ? { scoreH: e.round1ScoreH, notApplicable: e.round1NotApplicable, figure: e.round1Figure } : null;
    case 'FINAL':
      // the latest appraisal (appraisal/appraised.ts): round 2 where held, else round 1
      if (e.round2Held) return { scoreH: e.round2ScoreH, notApplicable: e.round2NotApplicable, figure: e.round2Figure };
      return e.round1Held ? { scoreH: e.round1ScoreH, notApplicable: e.round1NotApplicable, figure: e.round1Figure } : null;
  }
}

/** The best figure of every RELATIVE leaf at one level, over the given entries (of one period). */
export function bestFigures(entries: EntryRow[], relative: Set<string>, level: Level): Map<string, number> {
  const best = new Map<string, number>();
  for (const e of entries) {
    const cid = e.criterionId;
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
  capTotal: boolean;
  bands: Band[];
}

export interface AssessmentInfo {
  id: string;
  unitId: string;
  unitKind: string;
  status: AssessmentStatus;
  entries: EntryRow[];
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

/** One assessment scored at every level it has, before the period's ranks. */
export interface ScoredAssessment {
  unitKind: string;
  /** the total and group subtotals ranked on: final, else round 1, else self */
  ranked: LevelTotals;
  result: ComputedResult;
}

/**
 * The scorer of a period's assessments: the framework tree built once, RELATIVE leaves scored
 * against the bests over `relativeEntries` (the period's entries of RELATIVE leaves, all of
 * them, whatever slice of assessments is scored next). Each call scores one assessment (its
 * entries all given); rankPeriod then ranks them all.
 */
export function periodScorer(fw: FrameworkInfo, criteria: Criterion[], relativeEntries: EntryRow[]): (a: AssessmentInfo) => ScoredAssessment {
  const tree = buildPeriodTree(
    criteria.map((c) => ({ id: c.id, parentId: c.parent?.id ?? null, maxH: c.maxH, kind: nodeKindOf(c.method ?? null), isLeaf: c.isLeaf })),
  );
  const top = criteria.filter((c) => c.depth === 1);
  const topIndex = top.map((c) => tree.indexOf.get(c.id)!);
  const relative = new Set(criteria.filter((c) => c.method === ScoringMethod.RELATIVE).map((c) => c.id));
  const best: Record<Level, Map<string, number>> = {
    SELF: bestFigures(relativeEntries, relative, 'SELF'),
    // one best for every appraised level: the best latest appraised figure (relative.writeback.ts)
    ROUND_1: bestFigures(relativeEntries, relative, 'FINAL'),
    FINAL: bestFigures(relativeEntries, relative, 'FINAL'),
  };
  const naMode = fw.notApplicable as 'FULL' | 'RESCALE';
  // reused for every unit and level: each leaf's score and N/A by node index
  const leafScores = new Float64Array(tree.size);
  const leafNotApplicable = new Uint8Array(tree.size);

  const totalsAt = (a: AssessmentInfo, nodeOf: Int32Array, level: Level): LevelTotals => {
    leafScores.fill(0);
    leafNotApplicable.fill(0);
    a.entries.forEach((e, k) => {
      const i = nodeOf[k];
      if (i < 0) return;
      const l = leafAt(e, level);
      leafScores[i] = leafScoreH(criteria[i], l, best[level]) ?? 0;
      leafNotApplicable[i] = l?.notApplicable ? 1 : 0;
    });
    const { scoreH, capH } = scorePeriodTree(tree, leafScores, leafNotApplicable, naMode);
    return {
      totalH: reportedFromTop(topIndex.map((i) => ({ scoreH: scoreH[i], capH: capH[i] })), { maxH: fw.maxH, notApplicable: naMode, capTotal: fw.capTotal }),
      groups: new Map(top.map((c, g) => [c.id, scoreH[topIndex[g]]])),
    };
  };

  return (a) => {
    // each entry's node, once per assessment (-1: not a criterion of this framework)
    const nodeOf = Int32Array.from(a.entries, (e) => tree.indexOf.get(e.criterionId) ?? -1);
    const self = totalsAt(a, nodeOf, 'SELF');
    const round1 = a.entries.some((e) => e.round1Held) ? totalsAt(a, nodeOf, 'ROUND_1') : null;
    const final = a.status === AssessmentStatus.FINAL ? totalsAt(a, nodeOf, 'FINAL') : null;
    const ranked = final ?? round1 ?? self;
    const index = indexOf(ranked.totalH, fw.maxH);
    return {
      unitKind: a.unitKind,
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
      },
    };
  };
}

/** Ranks scored assessments among the units of the same kind, overall and per top-level group. */
export function rankPeriod(criteria: Criterion[], rows: ScoredAssessment[]): ComputedResult[] {
  const top = criteria.filter((c) => c.depth === 1);
  const byKind = new Map<string, ScoredAssessment[]>();
  for (const r of rows) (byKind.get(r.unitKind) ?? byKind.set(r.unitKind, []).get(r.unitKind)!).push(r);
  for (const same of byKind.values()) {
    const overall = competitionRanks(same.map((r, k) => ({ key: k, value: r.ranked.totalH })));
    same.forEach((r, k) => (r.result.rank = overall.get(k)!));
    top.forEach((c, gi) => {
      const ranks = competitionRanks(same.map((r, k) => ({ key: k, value: r.ranked.groups.get(c.id)! })));
      same.forEach((r, k) => (r.result.groups[gi].rank = ranks.get(k)!));
    });
  }
  return rows.map((r) => r.result);
}

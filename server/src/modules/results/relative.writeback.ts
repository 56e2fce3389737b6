import type { Viewer } from '../../common/auth';
import { fromHundredths } from '../../common/decimal';
import { json, rows, transaction, type Tx } from '../../common/sql';
import type { Em } from '../../orm';
import { AssessmentStatus } from '../assessment/assessment.entity';
import type { ChangeFacts } from '../assessment/assessment.publisher';
import { EntryState } from '../assessment/score-entry.entity';
import { factsOf, writeScoresIn, type ScoreWriteSpec, type TrackMove } from '../assessment/score.writer';
import { RevisionRound } from '../assessment/score-revision.entity';
import { bool } from '../../common/sql';
import { relativeScoreH } from '../scoring/leaf-score';
import type { ScoreInput } from '../scoring/scoring.types';

/**
 * RELATIVE leaves (DESIGN.md "Arithmetic"): a leaf's score is max × figure / the period's best
 * figure, so it depends on the other units. Once the period's results exist, every RELATIVE
 * score is written into its entry and progress chain through the one write path of scores
 * (score.writer.ts), and written again whenever a change moves the best:
 * - self: the self figure against the best self figure (self_score_h, the self track);
 * - appraised: each round's figure against the best latest appraised figure (round 2 where held,
 *   else round 1) of the period — one best for every appraised column, so that round 1, the
 *   latest appraisal and the final score of a leaf never use two different bests
 *   (round1score_h, round2score_h, the appraised track; final_score_h once FINAL).
 * Before results exist these points are pending (pending.ts).
 */

interface RelativeRow {
  assessmentId: string;
  criterionId: string;
  maxH: number;
  status: AssessmentStatus;
  selfFigure: number | null;
  round1: { held: boolean; figure: number | null };
  round2: { held: boolean; figure: number | null };
  selfScoreH: number | null;
  round1ScoreH: number | null;
  round2ScoreH: number | null;
  finalScoreH: number | null;
}

const figureOf = (input: ScoreInput | null, na: boolean): number | null => (na || !input || typeof input.figure !== 'number' ? null : input.figure);
const num = (v: unknown) => (v == null ? null : Number(v));

/** Whether the period's results were computed (from then on RELATIVE scores are written). */
export async function resultsExist(em: Em, periodId: string): Promise<boolean> {
  return (await rows(em, 'select 1 as "one" from "result" where "period_id" = ? limit 1', [periodId])).length > 0;
}

async function relativeRows(tx: Tx, periodId: string, criterionId: string | null): Promise<RelativeRow[]> {
  const [res] = await tx.run([
    {
      sql: `select e."assessment_id", e."criterion_id", c."max_h", a."status", e."input", e."not_applicable", e."self_score_h",
                   e."round1input", e."round1score_h", e."round1not_applicable", e."round2input", e."round2score_h", e."round2not_applicable", e."final_score_h"
              from "score_entry" e join "assessment" a on a."id" = e."assessment_id" join "criterion" c on c."id" = e."criterion_id"
             where a."period_id" = ? and c."method" = 'RELATIVE'${criterionId ? ' and c."id" = ?' : ''}`,
      params: criterionId ? [periodId, criterionId] : [periodId],
    },
  ]);
  return res.rows.map((r) => {
    const r1 = json<ScoreInput>(r.round1input);
    const r2 = json<ScoreInput>(r.round2input);
    return {
      assessmentId: r.assessment_id as string,
      criterionId: r.criterion_id as string,
      maxH: Number(r.max_h),
      status: r.status as AssessmentStatus,
      selfFigure: figureOf(json<ScoreInput>(r.input), bool(r.not_applicable)),
      round1: { held: r1 != null, figure: figureOf(r1, bool(r.round1not_applicable)) },
      round2: { held: r2 != null, figure: figureOf(r2, bool(r.round2not_applicable)) },
      selfScoreH: num(r.self_score_h),
      round1ScoreH: num(r.round1score_h),
      round2ScoreH: num(r.round2score_h),
      finalScoreH: num(r.final_score_h),
    };
  });
}

/** What each RELATIVE entry's columns must hold, by the period's bests; only the entries that change. */
function targets(list: RelativeRow[]): { row: RelativeRow; set: Record<string, number | null> }[] {
  const selfBest = new Map<string, number>();
  const appraisedBest = new Map<string, number>();
  const up = (m: Map<string, number>, k: string, v: number | null) => {
    if (v !== null && (!m.has(k) || v > m.get(k)!)) m.set(k, v);
  };
  for (const r of list) {
    up(selfBest, r.criterionId, r.selfFigure);
    up(appraisedBest, r.criterionId, r.round2.held ? r.round2.figure : r.round1.held ? r.round1.figure : null);
  }
  const out: { row: RelativeRow; set: Record<string, number | null> }[] = [];
  for (const r of list) {
    const score = (figure: number | null, best: Map<string, number>) => (figure === null ? null : relativeScoreH(r.maxH, figure, best.get(r.criterionId) ?? 0));
    const set: Record<string, number | null> = {};
    const self = score(r.selfFigure, selfBest);
    if (self !== null && self !== r.selfScoreH) set.self_score_h = self;
    const round1 = score(r.round1.figure, appraisedBest);
    if (round1 !== null && round1 !== r.round1ScoreH) set.round1score_h = round1;
    const round2 = score(r.round2.figure, appraisedBest);
    if (round2 !== null && round2 !== r.round2ScoreH) set.round2score_h = round2;
    if (r.status === AssessmentStatus.FINAL) {
      const latest = r.round2.held ? (round2 ?? r.round2ScoreH) : (round1 ?? r.round1ScoreH);
      if (latest !== r.finalScoreH) set.final_score_h = latest;
    }
    if (Object.keys(set).length) out.push({ row: r, set });
  }
  return out;
}

/** Assessments per call of the batched write path: one batch of reads and one of writes each, whatever their entries. */
const ASSESSMENTS_PER_BATCH = 100;

/**
 * Writes every RELATIVE score of the period (or of one leaf) that the bests have moved, through
 * the one write path, inside the caller's transaction (which holds the period's row): batches of
 * ASSESSMENTS_PER_BATCH assessments, each with all its entries that change, every entry with its
 * own history row. Returns the live facts to publish after commit, one per assessment.
 */
export async function rewriteRelative(tx: Tx, em: Em, periodId: string, criterionId: string | null, actor: Viewer): Promise<ChangeFacts[]> {
  const byAssessment = new Map<string, ScoreWriteSpec[]>();
  for (const { row, set } of targets(await relativeRows(tx, periodId, criterionId))) {
    const spec = relativeSpec(row, set);
    (byAssessment.get(row.assessmentId) ?? byAssessment.set(row.assessmentId, []).get(row.assessmentId)!).push(spec);
  }
  const groups = [...byAssessment.values()];
  const facts: ChangeFacts[] = [];
  for (let i = 0; i < groups.length; i += ASSESSMENTS_PER_BATCH) {
    for (const written of await writeScoresIn(tx, em, groups.slice(i, i + ASSESSMENTS_PER_BATCH).flat())) facts.push(factsOf(written, ['RELATIVE_SCORED'], actor));
  }
  return facts;
}

/** The write of one entry's RELATIVE columns `set`, by the system, with the track moves they make. */
function relativeSpec(row: RelativeRow, set: Record<string, number | null>): ScoreWriteSpec {
  return {
    assessmentId: row.assessmentId,
    criterionId: row.criterionId,
    check: () => undefined, // a system write, in any phase: the figures are the units' own
    outsidePhase: true, // nor bound by a deadline: the unit's figure was written in time
    current: (e) => e,
    plan: (_head, e) => {
      const raw = e.raw;
      const na1 = bool(raw.round1not_applicable);
      const na2 = bool(raw.round2not_applicable);
      const held2 = raw.round2input != null;
      const held1 = raw.round1input != null;
      const oldLatest = held2 ? num(raw.round2score_h) : held1 ? num(raw.round1score_h) : null;
      const newLatest = held2
        ? set.round2score_h !== undefined ? set.round2score_h : num(raw.round2score_h)
        : held1 ? (set.round1score_h !== undefined ? set.round1score_h : num(raw.round1score_h)) : null;
      const moves: TrackMove[] = [];
      const counted = e.state === EntryState.DONE;
      if (set.self_score_h !== undefined) {
        moves.push({ track: 'SELF', before: { scoreH: e.selfScoreH, notApplicable: e.notApplicable, counted }, after: { scoreH: set.self_score_h, notApplicable: e.notApplicable, counted } });
      }
      if (newLatest !== oldLatest) {
        const na = held2 ? na2 : na1;
        moves.push({ track: 'APPRAISED', before: { scoreH: oldLatest, notApplicable: na, counted: true }, after: { scoreH: newLatest, notApplicable: na, counted: true } });
      }
      const scores = (s: Record<string, unknown>) => ({
        selfScore: h(s.self_score_h),
        round1Score: h(s.round1score_h),
        round2Score: h(s.round2score_h),
        finalScore: h(s.final_score_h),
      });
      const round = set.round2score_h !== undefined ? RevisionRound.APPRAISAL_2 : set.round1score_h !== undefined ? RevisionRound.APPRAISAL_1 : RevisionRound.SELF;
      return {
        set,
        revision: { actorId: null, round, old: { ...scores(raw), source: 'RESULTS' }, next: { ...scores({ ...raw, ...set }), source: 'RESULTS' } },
        moves,
      };
    },
  };
}

const h = (v: unknown) => (v == null ? null : fromHundredths(Number(v)));

/**
 * After a save that changed a RELATIVE figure: once the period's results exist, every unit's
 * score of that leaf is written again with the new best, in a transaction of its own that takes
 * the period's row first (as computing results does), so that two rewrites never interleave.
 */
export async function afterRelativeFigure(em: Em, periodId: string, criterionId: string, actor: Viewer): Promise<ChangeFacts[]> {
  if (!(await resultsExist(em, periodId))) return [];
  return transaction(em, async (tx) => {
    await tx.run([{ sql: 'update "period" set "updated_at" = "updated_at" where "id" = ?', params: [periodId] }]);
    return rewriteRelative(tx, em, periodId, criterionId, actor);
  });
}

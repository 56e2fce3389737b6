import { rows, type Stmt } from '../../common/sql';
import type { Em } from '../../orm';
import { ancestorCodes } from './progress.rows';

/**
 * Pending points (DESIGN.md "Arithmetic"): a RELATIVE leaf with a figure is scored against the
 * other units' figures, which a unit may not learn before the period's results are computed.
 * Until then its score is empty and its max is pending: not zero, not silently left out. Once
 * results exist every such score is written (results/relative.writeback.ts) and nothing is
 * pending.
 *
 * One computation for every surface that carries the figure: the query's progress rows and
 * `Assessment.pendingMaxScore`, a mutation's answer, the live events (`pendingOf` over the
 * pending leaves that `pendingLeavesStmt` reads, adjusted by a write for the leaf it changes).
 */

/** A pending leaf: its code and max in hundredths. */
export interface PendingLeaf {
  code: string;
  maxH: number;
}

/** The pending figures of an assessment: by node code (each pending leaf and every ancestor) and in all. */
export interface PendingFigures {
  byCode: Map<string, number>;
  totalH: number;
}

/** Whether a leaf's state leaves its points pending: RELATIVE, a figure given, no score yet, applicable. */
export function isPending(e: { method: string; input: unknown; selfScoreH: number | null; notApplicable: boolean }): boolean {
  return e.method === 'RELATIVE' && e.input != null && e.selfScoreH == null && !e.notApplicable;
}

/** The figures of a set of pending leaves. */
export function pendingOf(leaves: PendingLeaf[]): PendingFigures {
  const byCode = new Map<string, number>();
  let totalH = 0;
  for (const l of leaves) {
    totalH += l.maxH;
    for (const code of [l.code, ...ancestorCodes(l.code)]) byCode.set(code, (byCode.get(code) ?? 0) + l.maxH);
  }
  return { byCode, totalH };
}

/**
 * The pending leaves of some assessments (with their assessment_id), as one statement for a
 * transaction's batch. It goes from the frameworks' RELATIVE criteria (index on framework and
 * method) to their entries, so that its cost follows the number of RELATIVE leaves, not the size
 * of the tree: a save runs it.
 */
export function pendingLeavesStmt(assessmentIds: readonly string[]): Stmt {
  const marks = assessmentIds.map(() => '?').join(', ');
  return {
    sql: `select e."assessment_id", c."code", c."max_h" from "criterion" c join "score_entry" e on e."criterion_id" = c."id" and e."assessment_id" in (${marks})
           where c."framework_id" in (select p."framework_id" from "assessment" a join "period" p on p."id" = a."period_id" where a."id" in (${marks}))
             and c."method" = 'RELATIVE' and e."self_score_h" is null and e."not_applicable" = ? and e."input" is not null`,
    params: [...assessmentIds, ...assessmentIds, false],
  };
}

export const pendingLeafRow = (r: Record<string, unknown>): PendingLeaf => ({ code: r.code as string, maxH: Number(r.max_h) });

/** The pending figures of an assessment, read now. */
export async function readPending(em: Em, assessmentId: string): Promise<PendingFigures> {
  return (await readPendingOf(em, [assessmentId])).get(assessmentId)!;
}

/** Assessments per statement of readPendingOf. */
const PENDING_CHUNK = 512;

/**
 * The pending figures of many assessments (a period's, when its phase moves), read now: one
 * statement per PENDING_CHUNK assessments, each list padded to a power of two (the last id
 * repeated) so that PostgreSQL prepares a handful of statement texts, not one per length.
 */
export async function readPendingOf(em: Em, assessmentIds: readonly string[]): Promise<Map<string, PendingFigures>> {
  const leaves = new Map<string, PendingLeaf[]>(assessmentIds.map((id) => [id, []]));
  for (let i = 0; i < assessmentIds.length; i += PENDING_CHUNK) {
    const chunk = assessmentIds.slice(i, i + PENDING_CHUNK);
    const padded = [...chunk, ...new Array<string>(2 ** Math.ceil(Math.log2(chunk.length)) - chunk.length).fill(chunk[chunk.length - 1])];
    const s = pendingLeavesStmt(padded);
    for (const r of await rows<Record<string, unknown>>(em, s.sql, s.params)) leaves.get(r.assessment_id as string)?.push(pendingLeafRow(r));
  }
  return new Map([...leaves].map(([id, list]) => [id, pendingOf(list)]));
}

/** The pending max in hundredths by criterion id, for rows that know their criterion by id only. */
export async function pendingByCriterion(em: Em, assessmentId: string): Promise<{ byId: Map<string, number>; totalH: number }> {
  const p = await readPending(em, assessmentId);
  const byId = new Map<string, number>();
  if (!p.byCode.size) return { byId, totalH: p.totalH };
  const codes = [...p.byCode.keys()];
  const found = await rows<{ id: string; code: string }>(
    em,
    `select c."id", c."code" from "criterion" c where c."framework_id" = (select p."framework_id" from "assessment" a join "period" p on p."id" = a."period_id" where a."id" = ?)
       and c."code" in (${codes.map(() => '?').join(', ')})`,
    [assessmentId, ...codes],
  );
  for (const c of found) byId.set(c.id, p.byCode.get(c.code)!);
  return { byId, totalH: p.totalH };
}

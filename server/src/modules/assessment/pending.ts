import { rows } from '../../common/sql';
import type { Em } from '../../orm';
import { ancestorCodes } from './progress.rows';

/**
 * Pending points (DESIGN.md "Arithmetic"): a RELATIVE leaf with a figure is scored against the
 * other units' figures, which a unit may not learn before the period's results are computed.
 * Until then its score is empty and its max is pending: not zero, not silently left out. Once
 * results exist every such score is written (results/relative.writeback.ts) and nothing is
 * pending. Returns the pending max in hundredths by criterion id: each pending leaf and every
 * ancestor of it.
 */
export async function pendingByCriterion(em: Em, assessmentId: string): Promise<Map<string, number>> {
  const leaves = await pendingLeaves(em, assessmentId);
  const out = new Map<string, number>();
  if (!leaves.length) return out;
  const codes = [...new Set(leaves.flatMap((l) => ancestorCodes(l.code)))];
  const ids = new Map<string, string>();
  if (codes.length) {
    const found = await rows<{ id: string; code: string }>(
      em,
      `select "id", "code" from "criterion" where "framework_id" = ? and "code" in (${codes.map(() => '?').join(', ')})`,
      [leaves[0].framework_id, ...codes],
    );
    for (const c of found) ids.set(c.code, c.id);
  }
  for (const l of leaves) {
    const maxH = Number(l.max_h);
    for (const id of [l.id, ...ancestorCodes(l.code).map((c) => ids.get(c)!)]) out.set(id, (out.get(id) ?? 0) + maxH);
  }
  return out;
}

type PendingLeaf = { id: string; code: string; max_h: unknown; framework_id: string };

/** The RELATIVE leaves of an assessment with a figure and no score yet. */
function pendingLeaves(em: Em, assessmentId: string): Promise<PendingLeaf[]> {
  return rows<PendingLeaf>(
    em,
    `select c."id", c."code", c."max_h", c."framework_id" from "score_entry" e join "criterion" c on c."id" = e."criterion_id"
      where e."assessment_id" = ? and c."method" = 'RELATIVE' and e."self_score_h" is null and e."not_applicable" = ? and e."input" is not null`,
    [assessmentId, false],
  );
}

/** The assessment's pending max in hundredths: Σ of its pending leaves' maxima. */
export async function pendingMaxH(em: Em, assessmentId: string): Promise<number> {
  return (await pendingLeaves(em, assessmentId)).reduce((s, l) => s + Number(l.max_h), 0);
}

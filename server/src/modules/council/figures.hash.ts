import { createHash } from 'node:crypto';
import { appraisedOf } from '../appraisal/appraised';
import type { ScoreEntry } from '../assessment/score-entry.entity';

/** JSON with object keys sorted, so that one set of figures always gives one text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * The SHA-256 (hex) of an assessment's final figures, as the chair signs them: per leaf, in code
 * order, the appraised round and input, N/A, and the final score. A RELATIVE leaf's final score is
 * left out (it moves with the other units' figures when results are computed); its input is in.
 * Entries must have their criterion loaded.
 */
export function finalFiguresHash(assessmentId: string, entries: ScoreEntry[]): string {
  const figures = entries
    .map((e) => {
      const a = appraisedOf(e);
      const relative = e.criterion.method === 'RELATIVE';
      return { code: e.criterion.code, round: a.round, input: a.input, notApplicable: a.notApplicable, finalScoreH: relative ? null : (e.finalScoreH ?? null) };
    })
    .sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  return createHash('sha256').update(canonical({ assessmentId, figures })).digest('hex');
}

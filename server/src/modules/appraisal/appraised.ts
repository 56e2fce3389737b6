import { fromHundredths } from '../../common/decimal';
import { entrySnapshot } from '../assessment/entry.snapshot';
import type { Progress } from '../assessment/progress.entity';
import type { ScoreEntry } from '../assessment/score-entry.entity';
import type { ScoreInput } from '../scoring/scoring.types';

/** A leaf's latest appraisal: round 2 where the council gave one, else round 1, else none. */
export interface Appraised {
  held: boolean;
  round: 1 | 2 | null;
  input: ScoreInput | null;
  /** hundredths; null when not appraised or RELATIVE (computed with the results) */
  scoreH: number | null;
  notApplicable: boolean;
}

export function appraisedOf(e: ScoreEntry): Appraised {
  if (e.round2Input != null) return { held: true, round: 2, input: e.round2Input, scoreH: e.round2ScoreH ?? null, notApplicable: e.round2NotApplicable };
  if (e.round1Input != null) return { held: true, round: 1, input: e.round1Input, scoreH: e.round1ScoreH ?? null, notApplicable: e.round1NotApplicable };
  return { held: false, round: null, input: null, scoreH: null, notApplicable: false };
}

/** A progress row's effective appraised max: null (never touched) is the node's own max. */
export const appraisedCapOf = (p: Progress): number => p.appraisedCapH ?? p.criterion.maxH;

const score = (h: number | null | undefined) => (h == null ? null : fromHundredths(h));

/** The whole entry as a CONFLICT error carries it: the self fields and every round. */
export function appraisalSnapshot(e: ScoreEntry) {
  return {
    ...entrySnapshot(e),
    round1Value: e.round1Input ?? null,
    round1Score: score(e.round1ScoreH),
    round1NotApplicable: e.round1NotApplicable,
    round1Comment: e.round1Comment ?? null,
    round2Value: e.round2Input ?? null,
    round2Score: score(e.round2ScoreH),
    round2NotApplicable: e.round2NotApplicable,
    round2Comment: e.round2Comment ?? null,
    explanation: e.explanation ?? null,
    finalScore: score(e.finalScoreH),
  };
}

/** What a revision records of one appraisal round. */
export function roundSnapshot(e: ScoreEntry, round: 1 | 2) {
  return round === 1
    ? { value: e.round1Input ?? null, score: score(e.round1ScoreH), notApplicable: e.round1NotApplicable, comment: e.round1Comment ?? null }
    : { value: e.round2Input ?? null, score: score(e.round2ScoreH), notApplicable: e.round2NotApplicable, comment: e.round2Comment ?? null };
}

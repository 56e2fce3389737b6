import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { fromHundredths } from '../../common/decimal';
import type { Coalescer } from '../../live/hub';
import { Phase } from '../period/period.entity';
import { AssessmentStatus } from './assessment.entity';
import type { Progress } from './progress.entity';
import { EntryState, ScoreEntry, ScoreValue } from './score-entry.entity';

/**
 * The live events of one assessment (topic `assessment:<id>`). They are complete and JSON-safe:
 * a subscriber gets everything from the event, never from the database.
 */
export const assessmentTopic = (assessmentId: string) => `assessment:${assessmentId}`;

@ObjectType({ description: 'Who made a change.' })
export class Actor {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ description: 'A score entry as carried by a live event.' })
export class LiveEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  criterionId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => ScoreValue, { nullable: true })
  value!: ScoreValue | null;

  @Field(() => Float, { nullable: true })
  selfScore!: number | null;

  @Field(() => Boolean)
  notApplicable!: boolean;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => EntryState)
  state!: EntryState;

  @Field(() => ID, { nullable: true })
  assigneeId!: string | null;

  @Field(() => ID, { nullable: true })
  updatedById!: string | null;

  @Field(() => String, { description: 'ISO 8601' })
  updatedAt!: string;

  @Field(() => Float, { nullable: true, description: 'Appraisal round 1 score.' })
  round1Score!: number | null;

  @Field(() => String, { nullable: true })
  round1Comment!: string | null;

  @Field(() => Float, { nullable: true, description: 'Appraisal round 2 score.' })
  round2Score!: number | null;

  @Field(() => String, { nullable: true })
  round2Comment!: string | null;

  @Field(() => String, { nullable: true, description: 'The unit’s explanation.' })
  explanation!: string | null;

  @Field(() => Float, { nullable: true, description: 'Fixed at finalization.' })
  finalScore!: number | null;
}

@ObjectType({ description: 'A progress-tree row as carried by a live event.' })
export class LiveProgress {
  @Field(() => ID)
  criterionId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => Float)
  selfTotal!: number;

  @Field(() => Float)
  maxScore!: number;

  @Field(() => Int)
  leaves!: number;

  @Field(() => Int)
  leavesScored!: number;

  @Field(() => Int)
  leavesWithEvidence!: number;

  @Field(() => Int)
  leavesAppraised!: number;

  @Field(() => Float, { description: 'The appraised total of this node (round 2 where held, else round 1).' })
  appraisedTotal!: number;

  @Field(() => Float, { description: 'Points of RELATIVE leaves below this node that wait for the period’s results, as on Progress.pendingMaxScore.' })
  pendingMaxScore!: number;
}

@ObjectType({
  description:
    'One change (or a burst of changes coalesced) of an assessment. seq increases by one per change; a batch covers fromSeq..seq. A client that sees fromSeq ≠ its last seq + 1 refetches.',
})
export class AssessmentEvent {
  @Field(() => ID)
  assessmentId!: string;

  @Field(() => Int, { description: 'The first change in this event.' })
  fromSeq!: number;

  @Field(() => Int, { description: 'The last change in this event: the assessment’s seq after it.' })
  seq!: number;

  @Field(() => [String], { description: 'What happened: SCORE_SAVED, ASSIGNED, STATUS_CHANGED, PHASE_CHANGED…' })
  kinds!: string[];

  @Field(() => Actor, { description: 'Who made the last change.' })
  actor!: Actor;

  @Field(() => LiveEntry, { nullable: true, description: 'The last changed entry.' })
  entry!: LiveEntry | null;

  @Field(() => [LiveEntry], { description: 'Every changed entry, at its latest version.' })
  entries!: LiveEntry[];

  @Field(() => [LiveProgress], { description: 'The changed progress rows (paths from the leaves to the top), latest values.' })
  progress!: LiveProgress[];

  @Field(() => AssessmentStatus)
  status!: AssessmentStatus;

  @Field(() => Float, { description: 'The reported self total after the change.' })
  selfTotal!: number;

  @Field(() => Float, { nullable: true, description: 'The reported appraised total after the change (round 2 where held, else round 1); null before any appraisal.' })
  appraisedTotal?: number | null;

  @Field(() => Float, { description: 'The assessment’s pending points after the change, as on Assessment.pendingMaxScore.' })
  pendingMaxScore!: number;

  @Field(() => String, { description: 'ISO 8601 time of the last change.' })
  at!: string;

  @Field(() => Phase, { nullable: true, description: 'The period’s phase after a PHASE_CHANGED (what the unit and the council may now change); null for other changes.' })
  phase?: Phase | null;
}

/** What a live entry is made of: a ScoreEntry, or the same facts read as plain rows. */
export type EntryFacts = Pick<
  ScoreEntry,
  'id' | 'version' | 'input' | 'selfScoreH' | 'notApplicable' | 'comment' | 'state' | 'updatedAt' | 'round1ScoreH' | 'round1Comment' | 'round2ScoreH' | 'round2Comment' | 'explanation' | 'finalScoreH'
> & { criterion: { id: string; code: string }; assignee?: { id: string } | null; updatedBy?: { id: string } | null };

export function liveEntry(e: EntryFacts): LiveEntry {
  return {
    id: e.id,
    criterionId: e.criterion.id,
    code: e.criterion.code,
    version: e.version,
    value: (e.input as ScoreValue) ?? null,
    selfScore: e.selfScoreH == null ? null : fromHundredths(e.selfScoreH),
    notApplicable: e.notApplicable,
    comment: e.comment ?? null,
    state: e.state,
    assigneeId: e.assignee?.id ?? null,
    updatedById: e.updatedBy?.id ?? null,
    updatedAt: e.updatedAt.toISOString(),
    round1Score: e.round1ScoreH == null ? null : fromHundredths(e.round1ScoreH),
    round1Comment: e.round1Comment ?? null,
    round2Score: e.round2ScoreH == null ? null : fromHundredths(e.round2ScoreH),
    round2Comment: e.round2Comment ?? null,
    explanation: e.explanation ?? null,
    finalScore: e.finalScoreH == null ? null : fromHundredths(e.finalScoreH),
  };
}

/** What a live progress row is made of: a Progress, or the same facts read as plain rows. */
export type ProgressFacts = Pick<Progress, 'scoreH' | 'capH' | 'leaves' | 'leavesScored' | 'leavesWithEvidence' | 'leavesAppraised' | 'appraisedScoreH' | 'pendingH'> & {
  criterion: { id: string; code: string };
};

export function liveProgress(p: ProgressFacts): LiveProgress {
  return {
    criterionId: p.criterion.id,
    code: p.criterion.code,
    selfTotal: fromHundredths(p.scoreH),
    maxScore: fromHundredths(p.capH),
    leaves: p.leaves,
    leavesScored: p.leavesScored,
    leavesWithEvidence: p.leavesWithEvidence,
    leavesAppraised: p.leavesAppraised,
    appraisedTotal: fromHundredths(p.appraisedScoreH),
    pendingMaxScore: fromHundredths(p.pendingH ?? 0),
  };
}

/** Later wins, keyed by id: the merge of a burst. */
function mergeBy<T>(a: T[], b: T[], key: (t: T) => string): T[] {
  const m = new Map(a.map((x) => [key(x), x]));
  for (const x of b) m.set(key(x), x);
  return [...m.values()];
}

export const assessmentCoalescer: Coalescer<AssessmentEvent> = {
  seqRange: (e) => [e.fromSeq, e.seq],
  merge: (a, b) => ({
    ...b,
    fromSeq: a.fromSeq,
    phase: b.phase ?? a.phase ?? null,
    kinds: [...new Set([...a.kinds, ...b.kinds])],
    entry: b.entry ?? a.entry,
    entries: mergeBy(a.entries, b.entries, (e) => e.id),
    progress: mergeBy(a.progress, b.progress, (p) => p.criterionId),
  }),
};

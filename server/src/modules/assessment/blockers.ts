import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Em } from '../../orm';
import type { ProblemCode } from '../../common/errors';
import { Assessment, AssessmentStatus } from './assessment.entity';
import { explanationItemsOf } from './explanation-items';
import { EntryState, ScoreEntry } from './score-entry.entity';

export enum BlockerReason {
  /** the leaf has no self score */
  NOT_SCORED = 'NOT_SCORED',
  /** the leaf holds a value that was saved as a draft */
  DRAFT = 'DRAFT',
  /** the criterion requires evidence and none is attached (N/A leaves need none) */
  EVIDENCE_MISSING = 'EVIDENCE_MISSING',
  /** returned for explanation: the council questioned this criterion and the unit has not answered */
  EXPLANATION_MISSING = 'EXPLANATION_MISSING',
}
registerEnumType(BlockerReason, { name: 'BlockerReason', description: 'Why a criterion keeps an assessment from being submitted.' });

/** The problem code of each reason, when `submitAssessment` refuses (the client words it). */
export const BLOCKER_CODES = {
  NOT_SCORED: 'LEAF_NOT_SCORED',
  DRAFT: 'LEAF_STILL_DRAFT',
  EVIDENCE_MISSING: 'EVIDENCE_MISSING',
  EXPLANATION_MISSING: 'EXPLANATION_MISSING',
} as const satisfies Record<BlockerReason, ProblemCode>;

const MESSAGES: Record<BlockerReason, string> = {
  NOT_SCORED: 'not scored',
  DRAFT: 'still a draft',
  EVIDENCE_MISSING: 'needs evidence (tài liệu kiểm chứng)',
  EXPLANATION_MISSING: 'needs an explanation',
};

@ObjectType({ description: 'One reason an assessment cannot be submitted, on one criterion.' })
export class Blocker {
  @Field(() => ID)
  criterionId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => BlockerReason)
  reason!: BlockerReason;

  @Field(() => String, { description: 'The reason in words (English; clients translate the reason code).' })
  message!: string;
}

/** The statuses in which the unit still works on its self scores. */
const OPEN: readonly AssessmentStatus[] = [AssessmentStatus.NOT_STARTED, AssessmentStatus.IN_PROGRESS];

/**
 * Every reason the assessment cannot be submitted, in the framework's order: while the unit scores
 * itself, each leaf not scored, still a draft, or lacking required evidence; once returned for
 * explanation, each questioned criterion without an answer. Empty otherwise. `submitAssessment`
 * refuses with exactly this list, and every client shows it: one list, one path.
 */
export async function blockersOf(em: Em, a: Pick<Assessment, 'id' | 'status'>): Promise<Blocker[]> {
  if (a.status === AssessmentStatus.RETURNED) {
    return (await explanationItemsOf(em, a.id))
      .filter((i) => !i.explanation)
      .map((i) => ({ criterionId: i.criterionId, code: i.code, title: i.title, reason: BlockerReason.EXPLANATION_MISSING, message: MESSAGES.EXPLANATION_MISSING }));
  }
  if (!OPEN.includes(a.status)) return [];
  const entries = await em.find(
    ScoreEntry,
    { assessment: a.id, $or: [{ state: { $ne: EntryState.DONE } }, { evidenceCount: 0, notApplicable: false, criterion: { evidenceRequired: true } }] },
    { populate: ['criterion'], orderBy: { criterion: { ordinal: 'asc' } } },
  );
  const out: Blocker[] = [];
  for (const e of entries) {
    const c = e.criterion;
    const add = (reason: BlockerReason) => out.push({ criterionId: c.id, code: c.code, title: c.title, reason, message: MESSAGES[reason] });
    if (e.state === EntryState.TODO) add(BlockerReason.NOT_SCORED);
    else if (e.state === EntryState.DRAFT) add(BlockerReason.DRAFT);
    if (c.evidenceRequired && !e.notApplicable && e.evidenceCount === 0) add(BlockerReason.EVIDENCE_MISSING);
  }
  return out;
}

import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { fromHundredths } from '../../common/decimal';
import type { Em } from '../../orm';
import { ScoreEntry } from './score-entry.entity';

@ObjectType({ description: 'A criterion the council questioned in appraisal round 1: commented on, or scored below the self score.' })
export class ExplanationItem {
  @Field(() => ID)
  criterionId!: string;

  @Field(() => ID, { description: 'The score entry, to answer with saveExplanation and to attach evidence to.' })
  entryId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Float, { nullable: true })
  selfScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'The council’s round-1 score.' })
  appraisedScore!: number | null;

  @Field(() => Float, { description: 'Self score − appraised score (0 when the council only commented).' })
  pointsAtStake!: number;

  @Field(() => String, { nullable: true, description: 'The council’s round-1 comment.' })
  councilComment!: string | null;

  @Field(() => String, { nullable: true, description: 'The unit’s answer so far.' })
  explanation!: string | null;

  @Field(() => Int, { description: 'The entry’s version: pass it as expectedVersion to saveExplanation.' })
  version!: number;

  @Field(() => Int)
  evidenceCount!: number;
}

/**
 * The criteria of an assessment the council questioned in round 1, in the framework's order:
 * those with a council comment, or appraised below the self score (or N/A refused).
 */
export async function explanationItemsOf(em: Em, assessmentId: string): Promise<ExplanationItem[]> {
  const entries = await em.find(
    ScoreEntry,
    { assessment: assessmentId },
    { populate: ['criterion'], orderBy: { criterion: { ordinal: 'asc' } } },
  );
  const out: ExplanationItem[] = [];
  for (const e of entries) {
    const comment = e.round1Comment?.trim() || null;
    const stakeH = e.selfScoreH != null && e.round1ScoreH != null ? Math.max(0, e.selfScoreH - e.round1ScoreH) : 0;
    const naRefused = e.round1Input != null && e.notApplicable && !e.round1NotApplicable;
    if (!comment && stakeH === 0 && !naRefused) continue;
    out.push({
      criterionId: e.criterion.id,
      entryId: e.id,
      code: e.criterion.code,
      title: e.criterion.title,
      selfScore: e.selfScoreH == null ? null : fromHundredths(e.selfScoreH),
      appraisedScore: e.round1ScoreH == null ? null : fromHundredths(e.round1ScoreH),
      pointsAtStake: fromHundredths(stakeH),
      councilComment: comment,
      explanation: e.explanation ?? null,
      version: e.version,
      evidenceCount: e.evidenceCount,
    });
  }
  return out;
}

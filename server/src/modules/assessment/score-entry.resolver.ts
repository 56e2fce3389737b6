import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { load } from '../../common/load';
import { Criterion } from '../framework/criterion.entity';
import { User } from '../user/user.entity';
import { Progress } from './progress.entity';
import { ScoreEntry } from './score-entry.entity';
import { RevisionRound, ScoreRevision } from './score-revision.entity';

@Resolver(() => ScoreEntry)
export class ScoreEntryResolver {
  @FieldResolver(() => ID)
  criterionId(@Root() e: ScoreEntry): string {
    return e.criterion.id;
  }

  @FieldResolver(() => Criterion)
  async criterion(@Root() e: ScoreEntry): Promise<Criterion> {
    return (await load(e.criterion))!;
  }

  @FieldResolver(() => User, { nullable: true })
  updatedBy(@Root() e: ScoreEntry): Promise<User | null> {
    return load(e.updatedBy);
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() e: ScoreEntry): Promise<User | null> {
    return load(e.assignee);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description:
      'Who last changed the self score (the latest SELF revision a person made): an appraisal, an explanation or the results’ write-back of a RELATIVE score does not make its author the self score’s. Null when a pushed statistic (see `source`) made the latest self change, or before any.',
  })
  async selfUpdatedBy(@Root() e: ScoreEntry): Promise<User | null> {
    const last = await lastSelfRevision(e);
    return last?.actor ? load(last.actor) : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the self score last changed (the revision of selfUpdatedBy).' })
  async selfUpdatedAt(@Root() e: ScoreEntry): Promise<Date | null> {
    return (await lastSelfRevision(e))?.createdAt ?? null;
  }

  @FieldResolver(() => [ScoreRevision], { description: 'Every change, oldest first.' })
  async history(@Root() e: ScoreEntry): Promise<ScoreRevision[]> {
    // batched by MikroORM's dataloader: one query for every entry of the response
    const revisions = await e.revisions.load({ dataloader: true });
    return [...revisions].sort((a, b) => a.version - b.version);
  }
}

/** The entry's latest change of the self value by a person or a statistic. */
async function lastSelfRevision(e: ScoreEntry): Promise<ScoreRevision | null> {
  // batched by MikroORM's dataloader, as history is
  const revisions = await e.revisions.load({ dataloader: true });
  let last: ScoreRevision | null = null;
  for (const r of revisions) {
    // a change of the self value (a save or a statistic: `value` in its new state), not an
    // assignment, evidence or the results' write-back
    const next = (r.next ?? {}) as { value?: unknown; source?: string };
    if (r.round !== RevisionRound.SELF || !('value' in next) || next.source === 'RESULTS') continue;
    if (!last || r.version > last.version) last = r;
  }
  return last;
}

@Resolver(() => ScoreRevision)
export class ScoreRevisionResolver {
  @FieldResolver(() => User, { nullable: true })
  actor(@Root() r: ScoreRevision): Promise<User | null> {
    return load(r.actor);
  }
}

@Resolver(() => Progress)
export class ProgressResolver {
  @FieldResolver(() => Criterion)
  async criterion(@Root() p: Progress): Promise<Criterion> {
    return (await load(p.criterion))!;
  }
}

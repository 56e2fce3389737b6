import DataLoader from 'dataloader';
import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { isDetached } from '../../common/detached';
import { load } from '../../common/load';
import type { Em } from '../../orm';
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
  async selfUpdatedBy(@Root() e: ScoreEntry, @Ctx() ctx: Context): Promise<User | null> {
    const last = lastSelfRevision(await revisionsOf(ctx.em, e));
    return last?.actor ? load(last.actor) : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the self score last changed (the revision of selfUpdatedBy).' })
  async selfUpdatedAt(@Root() e: ScoreEntry, @Ctx() ctx: Context): Promise<Date | null> {
    return lastSelfRevision(await revisionsOf(ctx.em, e))?.createdAt ?? null;
  }

  @FieldResolver(() => [ScoreRevision], { description: 'Every change, oldest first.' })
  async history(@Root() e: ScoreEntry, @Ctx() ctx: Context): Promise<ScoreRevision[]> {
    return [...(await revisionsOf(ctx.em, e))].sort((a, b) => a.version - b.version);
  }
}

const revisionLoaders = new WeakMap<Em, DataLoader<string, ScoreRevision[]>>();

/**
 * An entry's revisions, batched: one query for every entry of the response. A managed entry
 * loads its collection through MikroORM's dataloader; a detached one (common/detached.ts: a
 * save's or an appraisal's answer) has no loadable collection, so its revisions are read
 * by entry id through a loader of the request's entity manager.
 */
function revisionsOf(em: Em, e: ScoreEntry): Promise<Iterable<ScoreRevision>> {
  if (!isDetached(e)) return e.revisions.load({ dataloader: true });
  let loader = revisionLoaders.get(em);
  if (!loader) {
    loader = new DataLoader<string, ScoreRevision[]>(
      async (entryIds) => {
        const rows = await em.find(ScoreRevision, { entry: { $in: [...entryIds] } });
        const byEntry = new Map<string, ScoreRevision[]>();
        for (const r of rows) {
          const list = byEntry.get(r.entry.id);
          if (list) list.push(r);
          else byEntry.set(r.entry.id, [r]);
        }
        return entryIds.map((id) => byEntry.get(id) ?? []);
      },
      { cache: false, maxBatchSize: 1000 },
    );
    revisionLoaders.set(em, loader);
  }
  return loader.load(e.id);
}

/** The latest change of the self value by a person or a statistic, among an entry's revisions. */
function lastSelfRevision(revisions: Iterable<ScoreRevision>): ScoreRevision | null {
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

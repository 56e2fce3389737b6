import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { load } from '../../common/load';
import { Criterion } from '../framework/criterion.entity';
import { User } from '../user/user.entity';
import { Progress } from './progress.entity';
import { ScoreEntry } from './score-entry.entity';
import { ScoreRevision } from './score-revision.entity';

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

  @FieldResolver(() => [ScoreRevision], { description: 'Every change, oldest first.' })
  async history(@Root() e: ScoreEntry): Promise<ScoreRevision[]> {
    // batched by MikroORM's dataloader: one query for every entry of the response
    const revisions = await e.revisions.load({ dataloader: true });
    return [...revisions].sort((a, b) => a.version - b.version);
  }
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

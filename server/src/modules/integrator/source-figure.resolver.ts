import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { SourceFigure } from './source-figure.entity';

/** The council's source figure beside the unit's own, on the entry (seen by whoever sees the entry). */
@Resolver(() => ScoreEntry)
export class EntrySourceFigureResolver {
  @FieldResolver(() => SourceFigure, {
    nullable: true,
    description: 'A figure another system pushed after the unit submitted (pushStatistics), kept beside the unit’s own figure for the appraisal; null when none came.',
  })
  sourceFigure(@Root() e: ScoreEntry, @Ctx() ctx: Context): Promise<SourceFigure | null> {
    return ctx.em.findOne(SourceFigure, { entryId: e.id });
  }
}

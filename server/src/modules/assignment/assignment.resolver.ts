import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { selects } from '../../common/selection';
import { Assessment } from '../assessment/assessment.entity';
import { publish } from '../assessment/assessment.publisher';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { Role } from '../user/user.entity';
import { AssignCriteriaInput } from './assignment.input';
import { AssignmentService } from './assignment.service';
import { audited } from '../audit/audit.service';
import { announce } from '../notification/notify';

/** The fields of an entry that read its revisions collection (score-entry.resolver.ts). */
const ENTRY_COLLECTION_FIELDS = ['history', 'selfUpdatedBy', 'selfUpdatedAt'] as const;

@Resolver(() => ScoreEntry)
export class AssignmentResolver {
  @Authorized(Role.LEADER)
  @Mutation(() => [ScoreEntry], { description: 'The unit’s leader assigns leaves (or whole subtrees) to a person of the unit; returns the entries that changed.' })
  async assignCriteria(@Arg('input', () => AssignCriteriaInput) input: AssignCriteriaInput, @Ctx() ctx: Context): Promise<ScoreEntry[]> {
    const viewer = requireViewer(ctx.viewer);
    const result = await audited(ctx, (em) => new AssignmentService(em).assign(viewer, input), { action: 'assessment.assign', type: 'Assessment', id: input.assessmentId, after: (r) => ({ assigneeId: input.assigneeId ?? null, criterionIds: input.criterionIds, entries: r.entries.map((e) => e.id) }) });
    if (result.entries.length) {
      await publish(ctx, { assessment: result.assessment, kinds: ['ASSIGNED'], actor: viewer, entries: result.entries, progress: [] });
    }
    await announce(ctx.live, result.notices ?? [], ctx.log);
    return result.entries;
  }

  @Authorized()
  @Query(() => [ScoreEntry], { description: 'The entries assigned to the caller, across periods, with their state.' })
  myAssignments(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ScoreEntry[]> {
    // an entry's history (and who last changed the self score, read from it) needs managed entries
    return new AssignmentService(ctx.em).mine(requireViewer(ctx.viewer), !selects(info, ENTRY_COLLECTION_FIELDS));
  }

  @FieldResolver(() => Assessment)
  async assessment(@Root() e: ScoreEntry): Promise<Assessment> {
    return (await load(e.assessment))!;
  }
}

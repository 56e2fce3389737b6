import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { assertId } from '../../common/ids';
import { connectionType, decodeCursor, encodeCursor, pageOf, pageSize, type Page } from '../../common/paging';
import { AssessmentService } from '../assessment/assessment.service';
import { Evidence } from './evidence.entity';

export const EvidenceConnection = connectionType(Evidence, 'Evidence', 'A page of an assessment’s evidence, oldest first.');

@Resolver()
export class EvidencePagesResolver {
  @Authorized()
  @Query(() => EvidenceConnection, {
    description:
      'A page of an assessment’s evidence, or of one leaf’s (`first` 1–100 after the cursor `after`), oldest first. FORBIDDEN for another unit’s people.',
  })
  async evidence(
    @Arg('assessmentId', () => ID) assessmentId: string,
    @Arg('criterionId', () => ID, { nullable: true }) criterionId: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Page<Evidence>> {
    pageSize('EvidenceConnection', first);
    const a = await new AssessmentService(ctx.em).get(requireViewer(ctx.viewer), assessmentId);
    const where: Record<string, unknown> = { assessment: a.id };
    if (criterionId) where.entry = { criterion: assertId(criterionId, 'Criterion') };
    const paged: Record<string, unknown> = { ...where };
    if (after) {
      const [at, id] = decodeCursor('evidence', after, ['number', 'string']) as [number, string];
      const t = new Date(at);
      paged.$or = [{ createdAt: { $gt: t } }, { createdAt: t, id: { $gt: id } }];
    }
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(Evidence, paged as never, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], limit: first + 1 }),
      ctx.em.count(Evidence, where as never),
    ]);
    return pageOf(rows, first, totalCount, (e) => encodeCursor('evidence', [e.createdAt.getTime(), e.id]));
  }
}

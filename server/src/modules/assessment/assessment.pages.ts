import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requireViewer, type Viewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { assertId } from '../../common/ids';
import { connectionType, decodeCursor, encodeCursor, pageOf, pageSize, type Page } from '../../common/paging';
import type { Em } from '../../orm';
import { visibleAssessments } from '../period/period.service';
import { UnitKind } from '../unit/unit.entity';
import { Assessment, AssessmentStatus } from './assessment.entity';
import { AssessmentService } from './assessment.service';
import { ScoreEntry } from './score-entry.entity';
import { ScoreRevision } from './score-revision.entity';

export const AssessmentConnection = connectionType(Assessment, 'Assessment', 'A page of a period’s assessments, by unit name.');
export const ScoreEntryConnection = connectionType(ScoreEntry, 'ScoreEntry', 'A page of an assessment’s entries, in the framework’s order.');
export const ScoreRevisionConnection = connectionType(ScoreRevision, 'ScoreRevision', 'A page of one entry’s changes, oldest first.');

/**
 * Pages for integrators: a period's assessments, an assessment's entries and an entry's history,
 * each read one page at a time with keyset cursors (common/paging.ts). The web client's reads of
 * one whole tree (Assessment.entries, ScoreEntry.history) stay as they are: a framework's size is
 * known and bounded.
 */
export class AssessmentPages {
  constructor(private readonly em: Em) {}

  async assessments(viewer: Viewer, periodId: string, f: { unitKind?: UnitKind | null; status?: AssessmentStatus | null }, first: number, after?: string | null): Promise<Page<Assessment>> {
    pageSize('AssessmentConnection', first);
    const conditions = visibleAssessments(viewer, assertId(periodId, 'Period'));
    if (f.unitKind) conditions.push({ unit: { kind: f.unitKind } });
    if (f.status) conditions.push({ status: f.status });
    const where = { $and: conditions };
    let paged = where;
    if (after) {
      const [name, id] = decodeCursor('assessment', after, ['string', 'string']) as string[];
      paged = { $and: [...conditions, { $or: [{ unit: { name: { $gt: name } } }, { unit: { name }, id: { $gt: id } }] }] };
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(Assessment, paged as never, { populate: ['unit'], orderBy: [{ unit: { name: 'asc' } }, { id: 'asc' }], limit: first + 1 }),
      this.em.count(Assessment, where as never),
    ]);
    return pageOf(rows, first, totalCount, (a) => encodeCursor('assessment', [a.unit.name, a.id]));
  }

  async entries(viewer: Viewer, assessmentId: string, first: number, after?: string | null): Promise<Page<ScoreEntry>> {
    pageSize('ScoreEntryConnection', first);
    const a = await new AssessmentService(this.em).get(viewer, assessmentId);
    const where = { assessment: a.id };
    const paged: Record<string, unknown> = { ...where };
    if (after) {
      const [ordinal, id] = decodeCursor('entry', after, ['number', 'string']) as [number, string];
      paged.$or = [{ criterion: { ordinal: { $gt: ordinal } } }, { criterion: { ordinal }, id: { $gt: id } }];
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(ScoreEntry, paged as never, { populate: ['criterion'], orderBy: [{ criterion: { ordinal: 'asc' } }, { id: 'asc' }], limit: first + 1 }),
      this.em.count(ScoreEntry, where),
    ]);
    return pageOf(rows, first, totalCount, (e) => encodeCursor('entry', [e.criterion.ordinal, e.id]));
  }

  async history(viewer: Viewer, assessmentId: string, criterionId: string, first: number, after?: string | null): Promise<Page<ScoreRevision>> {
    pageSize('ScoreRevisionConnection', first);
    const a = await new AssessmentService(this.em).get(viewer, assessmentId);
    const where = { entry: { assessment: a.id, criterion: assertId(criterionId, 'Criterion') } };
    const paged: Record<string, unknown> = { ...where };
    if (after) {
      const [version] = decodeCursor('revision', after, ['number']) as [number];
      paged.version = { $gt: version };
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(ScoreRevision, paged as never, { orderBy: { version: 'asc' }, limit: first + 1 }),
      this.em.count(ScoreRevision, where as never),
    ]);
    return pageOf(rows, first, totalCount, (r) => encodeCursor('revision', [r.version]));
  }
}

@Resolver()
export class AssessmentPagesResolver {
  @Authorized()
  @Query(() => AssessmentConnection, {
    description:
      'A page of a period’s assessments (`first` 1–100 after the cursor `after`), by unit name, optionally of one unit kind or status: the same assessments Period.assessments shows the caller (a unit’s people their own, an appraiser what was submitted to their council).',
  })
  assessments(
    @Arg('periodId', () => ID) periodId: string,
    @Arg('unitKind', () => UnitKind, { nullable: true }) unitKind: UnitKind | null,
    @Arg('status', () => AssessmentStatus, { nullable: true }) status: AssessmentStatus | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Page<Assessment>> {
    return new AssessmentPages(ctx.em).assessments(requireViewer(ctx.viewer), periodId, { unitKind, status }, first, after);
  }

  @Authorized()
  @Query(() => ScoreEntryConnection, {
    description: 'A page of an assessment’s entries (`first` 1–500 after the cursor `after`), in the framework’s order. FORBIDDEN for another unit’s people.',
  })
  entries(
    @Arg('assessmentId', () => ID) assessmentId: string,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Page<ScoreEntry>> {
    return new AssessmentPages(ctx.em).entries(requireViewer(ctx.viewer), assessmentId, first, after);
  }

  @Authorized()
  @Query(() => ScoreRevisionConnection, {
    description: 'A page of one entry’s changes (`first` 1–100 after the cursor `after`), oldest first. FORBIDDEN for another unit’s people.',
  })
  entryHistory(
    @Arg('assessmentId', () => ID) assessmentId: string,
    @Arg('criterionId', () => ID) criterionId: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Page<ScoreRevision>> {
    return new AssessmentPages(ctx.em).history(requireViewer(ctx.viewer), assessmentId, criterionId, first, after);
  }
}

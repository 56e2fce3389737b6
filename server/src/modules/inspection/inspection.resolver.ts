import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { Assessment } from '../assessment/assessment.entity';
import { publish } from '../assessment/assessment.publisher';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { Criterion } from '../framework/criterion.entity';
import { Role, User } from '../user/user.entity';
import { InspectionFile } from './inspection-file.entity';
import { InspectionFinding, RecordInspectionInput } from './inspection.input';
import { Inspection } from './inspection.entity';
import { InspectionService } from './inspection.service';
import { inspectionFilePath } from './inspection.routes';

@Resolver(() => Inspection)
export class InspectionResolver {
  @Authorized(Role.APPRAISER)
  @Mutation(() => Inspection, {
    description:
      'The unit’s council records an on-site inspection during appraisal: date, place, the people present (council and unit), findings per criterion. Photos and files are added with POST /inspection-files. FORBIDDEN off the council; PHASE_CLOSED outside appraisal; BAD_USER_INPUT lists every problem.',
  })
  async recordInspection(@Arg('input', () => RecordInspectionInput) input: RecordInspectionInput, @Ctx() ctx: Context): Promise<Inspection> {
    const viewer = requireViewer(ctx.viewer);
    const r = await new InspectionService(ctx.em).record(viewer, input);
    await publish(ctx, { assessment: r.assessment, kinds: ['INSPECTION'], actor: viewer, entries: [], progress: [] });
    return r.inspection;
  }

  @FieldResolver(() => [User], { description: 'The people present.' })
  members(@Root() i: Inspection, @Ctx() ctx: Context): Promise<User[]> {
    return i.memberIds.length ? ctx.em.find(User, { id: { $in: i.memberIds } }, { orderBy: { name: 'asc' } }) : Promise.resolve([]);
  }

  @FieldResolver(() => [InspectionFinding])
  async findings(@Root() i: Inspection, @Ctx() ctx: Context): Promise<InspectionFinding[]> {
    const criteria = await ctx.em.find(Criterion, { id: { $in: i.findings.map((f) => f.criterionId) } });
    const byId = new Map(criteria.map((c) => [c.id, c]));
    return i.findings.map((f) => ({ criterion: byId.get(f.criterionId)!, entryId: f.entryId, code: f.code, text: f.text, date: i.date }));
  }

  @FieldResolver(() => [InspectionFile], { description: 'Photos and files, oldest first.' })
  files(@Root() i: Inspection, @Ctx() ctx: Context): Promise<InspectionFile[]> {
    return ctx.em.find(InspectionFile, { inspection: i.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  @FieldResolver(() => User)
  async recordedBy(@Root() i: Inspection): Promise<User> {
    return (await load(i.recordedBy))!;
  }
}

@Resolver(() => InspectionFile)
export class InspectionFileResolver {
  @FieldResolver(() => String, { description: 'Where to download it (GET, with the Authorization header).' })
  url(@Root() f: InspectionFile): string {
    return inspectionFilePath(f.id);
  }
}

@Resolver(() => Assessment)
export class AssessmentInspectionResolver {
  @FieldResolver(() => [Inspection], { description: 'On-site inspections of the unit, by date.' })
  inspections(@Root() a: Assessment, @Ctx() ctx: Context): Promise<Inspection[]> {
    return new InspectionService(ctx.em).forAssessment(a.id);
  }
}

/** One request's inspections by assessment: a list of entries reads them once. */
const cache = new WeakMap<object, Map<string, Promise<Inspection[]>>>();

@Resolver(() => ScoreEntry)
export class EntryInspectionResolver {
  @FieldResolver(() => [InspectionFinding], { description: 'What on-site inspections found on this criterion.' })
  async inspectionFindings(@Root() e: ScoreEntry, @Ctx() ctx: Context): Promise<InspectionFinding[]> {
    let byAssessment = cache.get(ctx);
    if (!byAssessment) cache.set(ctx, (byAssessment = new Map()));
    let inspections = byAssessment.get(e.assessment.id);
    if (!inspections) byAssessment.set(e.assessment.id, (inspections = new InspectionService(ctx.em).forAssessment(e.assessment.id)));
    const mine = (await inspections).flatMap((i) => i.findings.filter((f) => f.entryId === e.id).map((f) => ({ ...f, date: i.date })));
    if (mine.length === 0) return [];
    const criterion = (await load(e.criterion))!;
    return mine.map((f) => ({ criterion, entryId: f.entryId, code: f.code, text: f.text, date: f.date }));
  }
}

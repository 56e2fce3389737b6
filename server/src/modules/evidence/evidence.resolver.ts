import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../../common/auth';
import type { Context } from '../../common/context';
import { load } from '../../common/load';
import { Assessment } from '../assessment/assessment.entity';
import { publish } from '../assessment/assessment.publisher';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { Role, User } from '../user/user.entity';
import { Evidence, EvidenceKind } from './evidence.entity';
import { AttachEvidenceLinkInput } from './evidence.input';
import { downloadPath } from './evidence.routes';
import { EvidenceService, evidenceOfEntries } from './evidence.service';
import { evidenceStoreOf } from './evidence.store';

@Resolver(() => Evidence)
export class EvidenceResolver {
  @Authorized(Role.LEADER, Role.STAFF)
  @Mutation(() => Evidence, {
    description:
      'Attaches a link as evidence to a leaf’s entry (files go through POST /evidence). The unit’s LEADER, or STAFF on entries assigned to them; in SELF_ASSESSMENT before submission, or in EXPLANATION when returned; otherwise PHASE_CLOSED. BAD_USER_INPUT for a URL that is not http(s).',
  })
  async attachEvidenceLink(@Arg('input', () => AttachEvidenceLinkInput) input: AttachEvidenceLinkInput, @Ctx() ctx: Context): Promise<Evidence> {
    const viewer = requireViewer(ctx.viewer);
    const change = await new EvidenceService(ctx.em).addLink(viewer, input);
    await publish(ctx, { assessment: change.assessment, kinds: ['EVIDENCE'], actor: viewer, entries: [change.entry], progress: change.progress });
    return change.evidence;
  }

  @Authorized(Role.LEADER, Role.STAFF)
  @Mutation(() => ScoreEntry, {
    description:
      'Removes an evidence item (and its file) and returns the entry. Same rights as adding; in EXPLANATION only what was added during the explanation can be removed.',
  })
  async removeEvidence(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ScoreEntry> {
    const viewer = requireViewer(ctx.viewer);
    const change = await new EvidenceService(ctx.em).remove(viewer, id);
    const key = change.evidence.storageKey;
    if (key) {
      await evidenceStoreOf(ctx.config, ctx.fork).remove(key).catch((err) => ctx.log.warn({ err, storageKey: key }, 'evidence: file not deleted'));
    }
    await publish(ctx, { assessment: change.assessment, kinds: ['EVIDENCE'], actor: viewer, entries: [change.entry], progress: change.progress });
    return change.entry;
  }

  @FieldResolver(() => ID)
  entryId(@Root() e: Evidence): string {
    return e.entry.id;
  }

  @FieldResolver(() => ID)
  assessmentId(@Root() e: Evidence): string {
    return e.assessment.id;
  }

  @FieldResolver(() => ID)
  async criterionId(@Root() e: Evidence): Promise<string> {
    return (await load(e.entry))!.criterion.id;
  }

  @FieldResolver(() => ScoreEntry, { description: 'The entry it is attached to, as it is now.' })
  async entry(@Root() e: Evidence): Promise<ScoreEntry> {
    return (await load(e.entry))!;
  }

  @FieldResolver(() => User, { nullable: true })
  uploadedBy(@Root() e: Evidence): Promise<User | null> {
    return load(e.uploadedBy);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Files: where to GET it (with the Authorization header), relative to the server. Null for links.' })
  downloadUrl(@Root() e: Evidence): string | null {
    return e.kind === EvidenceKind.FILE ? downloadPath(e.id) : null;
  }
}

@Resolver(() => ScoreEntry)
export class EntryEvidenceResolver {
  @FieldResolver(() => [Evidence], { description: 'The evidence attached to this entry, oldest first.' })
  evidence(@Root() e: ScoreEntry, @Ctx() ctx: Context): Promise<Evidence[]> {
    // one query for every entry of the response
    return evidenceOfEntries(ctx.em).load(e.id);
  }
}

@Resolver(() => Assessment)
export class AssessmentEvidenceResolver {
  @FieldResolver(() => [Evidence], { description: 'Every evidence item of the assessment (or of one leaf), oldest first.' })
  evidence(
    @Root() a: Assessment,
    @Arg('criterionId', () => ID, { nullable: true }) criterionId: string | null,
    @Ctx() ctx: Context,
  ): Promise<Evidence[]> {
    return new EvidenceService(ctx.em).forAssessment(a.id, criterionId);
  }
}

import { raw } from '@mikro-orm/core';
import { assertUnitLeader } from '../../common/access';
import type { Viewer } from '../../common/auth';
import { badInput, notFound, phaseClosed } from '../../common/errors';
import { assertId } from '../../common/ids';
import { columnsOf, detached } from '../../common/detached';
import { rows } from '../../common/sql';
import type { Em } from '../../orm';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity';
import { ScoreEntry } from '../assessment/score-entry.entity';
import { RevisionRound, ScoreRevision } from '../assessment/score-revision.entity';
import { Criterion } from '../framework/criterion.entity';
import { Phase } from '../period/period.entity';
import { Role, UNIT_ROLES, User } from '../user/user.entity';
import type { AssignCriteriaInput } from './assignment.input';
import * as texts from '../notification/notification.texts';
import { notifyIn, type Notice } from '../notification/notify';

export interface AssignResult {
  assessment: Assessment;
  entries: ScoreEntry[];
  /** the notifications written with the change, to announce after commit */
  notices?: Notice[];
}

/** A leader hands leaves (or whole subtrees) of the unit's assessment to its people. */
export class AssignmentService {
  constructor(private readonly em: Em) {}

  async assign(viewer: Viewer, input: AssignCriteriaInput): Promise<AssignResult> {
    const assessmentId = assertId(input.assessmentId, 'Assessment');
    const ids = [...new Set(input.criterionIds.map((id) => assertId(id, 'Criterion')))];
    if (ids.length === 0) throw badInput([{ path: 'criterionIds', message: 'give at least one criterion', code: 'REQUIRED', params: { field: 'criterionIds' } }]);
    return this.em.transactional(async (em) => {
      const bumped = await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id: assessmentId }).execute('run');
      if (!(bumped as { affectedRows?: number }).affectedRows) throw notFound('Assessment', assessmentId);
      const a = await em.findOneOrFail(Assessment, { id: assessmentId }, { populate: ['period', 'unit'], refresh: true });
      assertUnitLeader(viewer, a.unit.id);
      if (a.period.phase === Phase.FINALIZED || a.period.phase === Phase.PUBLISHED || a.status === AssessmentStatus.FINAL) {
        throw phaseClosed('Assignments of a finalized assessment cannot change.');
      }
      let assignee: User | null = null;
      if (input.assigneeId != null) {
        assignee = await em.findOne(User, { id: assertId(input.assigneeId, 'User'), active: true });
        const ok = assignee && assignee.unit?.id === a.unit.id && (assignee.role === Role.STAFF || assignee.role === Role.LEADER);
        if (!ok) throw badInput([{ path: 'assigneeId', message: 'not an active STAFF or LEADER of this unit', code: 'ASSIGNEE_NOT_IN_UNIT' }]);
      }
      const nodes = await em.find(Criterion, { id: { $in: ids }, framework: a.period.framework.id });
      const missing = ids.filter((id) => !nodes.some((n) => n.id === id));
      if (missing.length) throw badInput(missing.map((id) => ({ path: 'criterionIds', message: `${id} is not a criterion of this assessment`, code: 'UNKNOWN_REFERENCE' as const, params: { field: 'criterionIds', value: id } })));
      // leaves below each node: the code's prefix names the subtree
      const or = nodes.map((n) => (n.isLeaf ? { code: n.code } : { code: { $like: `${n.code}.%` } }));
      const entries = await em.find(
        ScoreEntry,
        { assessment: a.id, criterion: { framework: a.period.framework.id, $or: or, isLeaf: true } },
        { populate: ['criterion', 'assignee', 'updatedBy'], orderBy: { criterion: { ordinal: 'asc' } } },
      );
      const changed = entries.filter((e) => (e.assignee?.id ?? null) !== (assignee?.id ?? null));
      const taken = new Map<string, string[]>();
      for (const e of changed) {
        const oldAssignee = e.assignee?.id ?? null;
        if (oldAssignee) taken.set(oldAssignee, [...(taken.get(oldAssignee) ?? []), e.criterion.code]);
        e.assignee = assignee;
        e.version += 1;
        e.updatedAt = new Date();
        em.create(ScoreRevision, {
          entry: e,
          actor: em.getReference(User, viewer.id),
          round: RevisionRound.SELF,
          version: e.version,
          old: { assigneeId: oldAssignee },
          next: { assigneeId: assignee?.id ?? null },
        } as never);
      }
      if (changed.length === 0) a.seq -= 1; // nothing happened: no event, no seq
      await em.flush();
      // the people concerned are told in the same transaction (nobody is told of their own doing)
      const ref = { assessmentId: a.id, unitName: a.unit.name, periodName: a.period.name };
      const drafts = [...taken].filter(([id]) => id !== viewer.id).map(([id, codes]) => texts.unassigned(id, ref, codes, viewer.name));
      if (assignee && assignee.id !== viewer.id && changed.length) drafts.push(texts.assigned(assignee.id, ref, changed.map((e) => e.criterion.code), viewer.name));
      const notices = await notifyIn(em, drafts);
      return { assessment: a, entries: changed, notices };
    });
  }

  /**
   * A person moved to another unit, or given a role without a unit, is no longer the assignee of
   * the old unit's entries: each open assessment (not FINAL, its period not finalized) with
   * entries of theirs outside `user`'s unit has them unassigned, as the unit's leader would
   * (seq + 1, a new version and a revision per entry; `actor` is who made the change). Returns one
   * change per assessment, for the live events.
   */
  async endOutsideUnit(actor: Viewer, user: User): Promise<AssignResult[]> {
    const keep = UNIT_ROLES.includes(user.role) ? (user.unit?.id ?? null) : null;
    const stale = await this.em.find(
      ScoreEntry,
      {
        assignee: user.id,
        assessment: { ...(keep ? { unit: { $ne: keep } } : {}), status: { $ne: AssessmentStatus.FINAL }, period: { phase: { $nin: [Phase.FINALIZED, Phase.PUBLISHED] } } },
      },
      { fields: ['id', 'assessment'] },
    );
    const byAssessment = [...new Set(stale.map((e) => e.assessment.id))];
    const out: AssignResult[] = [];
    for (const assessmentId of byAssessment) {
      out.push(
        await this.em.transactional(async (em) => {
          await em.createQueryBuilder(Assessment).update({ seq: raw('seq + 1') } as never).where({ id: assessmentId }).execute('run');
          const a = await em.findOneOrFail(Assessment, { id: assessmentId }, { refresh: true });
          const entries = await em.find(ScoreEntry, { assessment: a.id, assignee: user.id }, { populate: ['criterion', 'assignee', 'updatedBy'], orderBy: { criterion: { ordinal: 'asc' } } });
          for (const e of entries) {
            e.assignee = null;
            e.version += 1;
            e.updatedAt = new Date();
            em.create(ScoreRevision, {
              entry: e,
              actor: actor.integrator ? null : em.getReference(User, actor.id),
              round: RevisionRound.SELF,
              version: e.version,
              old: { assigneeId: user.id },
              next: { assigneeId: null, reason: 'moved' },
            } as never);
          }
          if (entries.length === 0) a.seq -= 1;
          await em.flush();
          return { assessment: a, entries };
        }),
      );
    }
    return out.filter((r) => r.entries.length > 0);
  }

  /** The viewer's entries across periods, with their state. */
  /**
   * The caller's assigned entries, newest period first, in the framework's order. `detachedOk`:
   * the caller's selection needs no entry collection (history), so the entries and their
   * criteria are made straight from one plain read (common/detached.ts) rather than hydrated by
   * the ORM, which cost 30–50 ms of CPU for a STAFF's 120 entries.
   */
  async mine(viewer: Viewer, detachedOk = false): Promise<ScoreEntry[]> {
    if (!detachedOk) {
      return this.em.find(
        ScoreEntry,
        { assignee: viewer.id },
        { populate: ['criterion', 'assessment', 'assessment.period'], orderBy: { assessment: { period: { year: 'desc' } }, criterion: { ordinal: 'asc' } } },
      );
    }
    const list = await rows<Record<string, unknown>>(
      this.em,
      `select ${columnsOf(this.em, ScoreEntry, 'e')}, ${columnsOf(this.em, Criterion, 'c', 'c_')}
         from "score_entry" e join "criterion" c on c."id" = e."criterion_id"
         join "assessment" a on a."id" = e."assessment_id" join "period" p on p."id" = a."period_id"
        where e."assignee_id" = ? order by p."year" desc, c."ordinal" asc`,
      [viewer.id],
    );
    const criteria = new Map<string, Criterion>();
    return list.map((r) => {
      const id = r.c_id as string;
      let criterion = criteria.get(id);
      if (!criterion) criteria.set(id, (criterion = detached(this.em, Criterion, r, 'c_')));
      return detached(this.em, ScoreEntry, r, '', { criterion });
    });
  }

}


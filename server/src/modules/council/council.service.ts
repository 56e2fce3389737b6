import type { Viewer } from '../../common/auth';
import { badInput, notFound, phaseClosed, type Problem } from '../../common/errors';
import { assertId } from '../../common/ids';
import type { Em } from '../../orm';
import { Assessment } from '../assessment/assessment.entity';
import { Progress } from '../assessment/progress.entity';
import { Criterion } from '../framework/criterion.entity';
import { Period, Phase } from '../period/period.entity';
import { Role, User } from '../user/user.entity';
import { CouncilMember } from './council-member.entity';
import type { AssignAppraisersInput, CouncilUnit } from './council.input';
import { FinalizationSignature } from './finalization-signature.entity';

const MAX_UNITS = 500;
const MAX_MEMBERS = 50;
/** A council is no longer changed once the period's figures are fixed. */
const CLOSED: readonly Phase[] = [Phase.FINALIZED, Phase.PUBLISHED];

export interface Assigned {
  members: CouncilMember[];
  /** users whose access changed: their open streams re-check (AccessWatch) */
  affectedUserIds: string[];
}

/** Appraisal councils: who appraises which unit of a period (access.ts, "Councils"). */
export class CouncilService {
  constructor(private readonly em: Em) {}

  /** Replaces the council of every named unit with `members`, all or nothing. */
  async assign(input: AssignAppraisersInput): Promise<Assigned> {
    const periodId = assertId(input.periodId, 'Period');
    const period = await this.em.findOne(Period, { id: periodId });
    if (!period) throw notFound('Period', periodId);
    if (CLOSED.includes(period.phase)) throw phaseClosed(`The period is ${period.phase}; its councils no longer change.`, { phase: period.phase });

    const problems: Problem[] = [];
    const unitIds = [...new Set(input.unitIds.map((u) => assertId(u, 'Unit')))];
    if (unitIds.length === 0) problems.push({ path: 'unitIds', message: 'name at least one unit', code: 'REQUIRED', params: { field: 'unitIds' } });
    if (unitIds.length > MAX_UNITS) problems.push({ path: 'unitIds', message: `at most ${MAX_UNITS} units in one call`, code: 'TOO_MANY', params: { field: 'unitIds', max: MAX_UNITS } });
    if (input.members.length > MAX_MEMBERS) problems.push({ path: 'members', message: `at most ${MAX_MEMBERS} members`, code: 'TOO_MANY', params: { field: 'members', max: MAX_MEMBERS } });
    const assessments = unitIds.length ? await this.em.find(Assessment, { period: periodId, unit: { $in: unitIds } }) : [];
    const inPeriod = new Set(assessments.map((a) => a.unit.id));
    unitIds.forEach((u, i) => {
      if (!inPeriod.has(u)) problems.push({ path: `unitIds.${i}`, message: 'this unit does not take part in the period', code: 'UNIT_NOT_IN_PERIOD', params: { field: 'unitIds' } });
    });

    const userIds = input.members.map((m) => assertId(m.userId, 'User'));
    const users = userIds.length ? await this.em.find(User, { id: { $in: userIds } }) : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    const seen = new Set<string>();
    input.members.forEach((m, i) => {
      const u = byId.get(userIds[i]);
      if (!u) problems.push({ path: `members.${i}.userId`, message: 'no such user', code: 'UNKNOWN_REFERENCE', params: { field: 'userId', value: userIds[i] } });
      else if (u.role !== Role.APPRAISER) problems.push({ path: `members.${i}.userId`, message: `${u.name} is not an appraiser`, code: 'NOT_AN_APPRAISER', params: { name: u.name } });
      else if (!u.active) problems.push({ path: `members.${i}.userId`, message: `${u.name}’s account is disabled`, code: 'ACCOUNT_DISABLED', params: { name: u.name } });
      if (seen.has(userIds[i])) problems.push({ path: `members.${i}.userId`, message: 'named twice', code: 'LISTED_TWICE', params: { field: 'members' } });
      seen.add(userIds[i]);
    });
    const chairs = input.members.filter((m) => m.chair).length;
    if (input.members.length > 0 && chairs !== 1) problems.push({ path: 'members', message: `a council has exactly one chair (${chairs} given)`, code: 'ONE_CHAIR', params: { count: chairs } });

    const groupIds = [...new Set(input.members.flatMap((m) => m.criterionIds ?? []).map((c) => assertId(c, 'Criterion')))];
    const groups = groupIds.length ? await this.em.find(Criterion, { id: { $in: groupIds } }) : [];
    const groupById = new Map(groups.map((g) => [g.id, g]));
    input.members.forEach((m, i) =>
      (m.criterionIds ?? []).forEach((c, j) => {
        const g = groupById.get(c.toLowerCase());
        if (!g || g.framework.id !== period.framework.id || g.depth !== 1) {
          problems.push({ path: `members.${i}.criterionIds.${j}`, message: 'not a top-level criteria group of the period’s framework', code: 'NOT_A_TOP_GROUP' });
        }
      }),
    );
    if (problems.length) throw badInput(problems);

    const before = await this.em.find(CouncilMember, { period: periodId, unit: { $in: unitIds } });
    const hadCouncil = (await this.em.count(CouncilMember, { period: periodId })) > 0;
    before.forEach((m) => this.em.remove(m));
    await this.em.flush(); // the unique (period, unit, user) must be free before the new seats go in
    const members: CouncilMember[] = [];
    for (const unitId of unitIds) {
      input.members.forEach((m, i) => {
        const ids = [...new Set((m.criterionIds ?? []).map((c) => c.toLowerCase()))];
        const seat = this.em.create(CouncilMember, {
          period: periodId,
          unit: unitId,
          user: userIds[i],
          chair: m.chair,
          groupIds: ids.length ? ids : null,
          groupCodes: ids.length ? ids.map((id) => groupById.get(id)!.code) : null,
        } as never);
        members.push(seat);
      });
    }
    await this.em.flush();
    const hasCouncil = (await this.em.count(CouncilMember, { period: periodId })) > 0;
    const affected = new Set([...before.map((m) => m.user.id), ...userIds]);
    if (hadCouncil !== hasCouncil) {
      // the period turned council-run (or open again): every appraiser's reach changed
      for (const u of await this.em.find(User, { role: Role.APPRAISER }, { fields: ['id'] })) affected.add(u.id);
    }
    return { members, affectedUserIds: [...affected] };
  }

  /** A period's councils as the viewer may see them: ADMIN and VIEWER all; others the units they reach. */
  async ofPeriod(viewer: Viewer, periodId: string): Promise<CouncilMember[]> {
    const all = await this.em.find(CouncilMember, { period: periodId }, { populate: ['unit'], orderBy: { unit: { code: 'asc' }, chair: 'desc', createdAt: 'asc' } });
    if (viewer.role === Role.ADMIN || viewer.role === Role.VIEWER) return all;
    if (viewer.role === Role.APPRAISER) return all.filter((m) => viewer.council?.seats.has(`${periodId}:${m.unit.id}`));
    return all.filter((m) => m.unit.id === viewer.unitId);
  }

  ofUnit(periodId: string, unitId: string): Promise<CouncilMember[]> {
    return this.em.find(CouncilMember, { period: periodId, unit: unitId }, { orderBy: { chair: 'desc', createdAt: 'asc' } });
  }

  /** The units whose council this appraiser sits on, with their appraisal progress ("my units"). */
  async myUnits(viewer: Viewer, periodId?: string | null): Promise<CouncilUnit[]> {
    const where: Record<string, unknown> = { user: viewer.id };
    if (periodId) where.period = assertId(periodId, 'Period');
    const seats = await this.em.find(CouncilMember, where as never, { populate: ['unit', 'period'], orderBy: { period: { year: 'desc' }, unit: { code: 'asc' } } });
    if (seats.length === 0) return [];
    const assessments = await this.em.find(Assessment, { $or: seats.map((s) => ({ period: s.period.id, unit: s.unit.id })) });
    const byKey = new Map(assessments.map((a) => [`${a.period.id}:${a.unit.id}`, a]));
    const ids = assessments.map((a) => a.id);
    const top = await this.em.find(Progress, { assessment: { $in: ids }, criterion: { depth: 1 } });
    const signed = await this.em.find(FinalizationSignature, { assessment: { $in: ids }, voidedAt: null });
    const signedIds = new Set(signed.map((s) => s.assessment.id));
    const groupIds = [...new Set(seats.flatMap((s) => s.groupIds ?? []))];
    const groups = groupIds.length ? await this.em.find(Criterion, { id: { $in: groupIds } }) : [];
    const groupById = new Map(groups.map((g) => [g.id, g]));
    return seats.flatMap((s) => {
      const a = byKey.get(`${s.period.id}:${s.unit.id}`);
      if (!a) return [];
      const rows = top.filter((p) => p.assessment.id === a.id);
      return [
        {
          period: s.period,
          unit: s.unit,
          assessmentId: a.id,
          status: a.status,
          chair: s.chair,
          groups: (s.groupIds ?? []).map((id) => groupById.get(id)!).filter(Boolean),
          leaves: rows.reduce((x, p) => x + p.leaves, 0),
          leavesAppraised: rows.reduce((x, p) => x + p.leavesAppraised, 0),
          signed: signedIds.has(a.id),
        },
      ];
    });
  }
}

import { clock, DAY_MS } from '../common/clock';
import type { Viewer } from '../common/auth';
import type { Config } from '../config';
import type { Logger } from '../common/logger';
import type { Em, Orm } from '../orm';
import { Assessment } from '../modules/assessment/assessment.entity';
import { ScoreEntry } from '../modules/assessment/score-entry.entity';
import { SelfScoreService } from '../modules/assessment/self-score.service';
import { AssignmentService } from '../modules/assignment/assignment.service';
import { Criterion } from '../modules/framework/criterion.entity';
import { FrameworkService } from '../modules/framework/framework.service';
import { Phase } from '../modules/period/period.entity';
import { PeriodService } from '../modules/period/period.service';
import type { ScoreInput } from '../modules/scoring/scoring.types';
import { Unit } from '../modules/unit/unit.entity';
import { Role, User } from '../modules/user/user.entity';
import { UserService } from '../modules/user/user.service';
import demoFramework from './demo-framework.json';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-province';

export interface SeedResult {
  /** what was done: nothing (the database had data), the first admin, or the demo */
  seeded: 'none' | 'admin' | 'demo';
  logins: { email: string; password: string; role: Role; unit?: string }[];
}

/**
 * On an empty database: the demo province (DEMO_DATA, default outside production), or the first
 * ADMIN from ADMIN_EMAIL / ADMIN_PASSWORD. A database with users is never touched.
 */
export async function seed(orm: Orm, config: Config, log: Logger): Promise<SeedResult> {
  const em = orm.em.fork() as Em;
  if ((await em.count(User, {})) > 0) return { seeded: 'none', logins: [] };
  if (config.demoData) return seedDemo(em, config);
  if (config.adminEmail && config.adminPassword) {
    await new UserService(em, config).insert({ email: config.adminEmail, name: 'Administrator', role: Role.ADMIN, unit: null, password: config.adminPassword });
    return { seeded: 'admin', logins: [] };
  }
  log.warn('The database has no users: set ADMIN_EMAIL and ADMIN_PASSWORD (or DEMO_DATA=true) and restart.');
  return { seeded: 'none', logins: [] };
}

async function seedDemo(em: Em, config: Config): Promise<SeedResult> {
  const units = new Map<string, Unit>();
  for (const u of DEMO_UNITS) {
    const unit = em.create(Unit, { code: u.code, name: u.name, kind: u.kind, parent: u.parent ? units.get(u.parent) : null } as never);
    units.set(u.code, unit);
  }
  await em.flush();
  const users = new UserService(em, config);
  const byEmail = new Map<string, User>();
  for (const u of DEMO_USERS) {
    byEmail.set(u.email, await users.insert({ email: u.email, name: u.name, role: u.role, unit: u.unit ? units.get(u.unit)! : null, password: DEMO_PASSWORD }));
  }

  const frameworks = new FrameworkService(em);
  const fw = await frameworks.importDocument(demoFramework);
  await frameworks.publish(fw.id);
  const districts = DEMO_UNITS.filter((u) => u.kind === fw.unitKind).map((u) => units.get(u.code)!.id);
  const periods = new PeriodService(em);
  const period = await periods.create({ name: `Đánh giá Chính quyền điện tử cấp huyện năm ${fw.year}`, frameworkId: fw.id, year: fw.year, unitIds: districts, selfAssessmentDeadline: new Date(clock.nowMs() + 60 * DAY_MS) });
  await periods.setPhase(period.id, Phase.SELF_ASSESSMENT);

  // Leaders hand out the criteria: Sơn Hà splits its groups between two staff members.
  const top = (await em.find(Criterion, { framework: fw.id, depth: 1 }, { orderBy: { ordinal: 'asc' } })).map((c) => c.id);
  const sonHa = { leader: byEmail.get('lanhdao.sonha@chamdiem.local')!, staff: [byEmail.get('canbo1.sonha@chamdiem.local')!, byEmail.get('canbo2.sonha@chamdiem.local')!] };
  const binhMinh = { leader: byEmail.get('lanhdao.binhminh@chamdiem.local')!, staff: [byEmail.get('canbo.binhminh@chamdiem.local')!] };
  await assign(em, period.id, units.get('TP-SONHA')!, sonHa.leader, top, sonHa.staff);
  await assign(em, period.id, units.get('TX-BINHMINH')!, binhMinh.leader, top, binhMinh.staff);

  // Some scores entered: Sơn Hà is well under way, Bình Minh has started.
  await enterScores(em, period.id, units.get('TP-SONHA')!, 0.6);
  await enterScores(em, period.id, units.get('TX-BINHMINH')!, 0.25);

  return {
    seeded: 'demo',
    logins: DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD, role: u.role, unit: u.unit ? units.get(u.unit)!.name : undefined })),
  };
}

const viewerOf = (u: User, unit: Unit): Viewer => ({ id: u.id, role: u.role, unitId: unit.id, name: u.name });

/** The leader assigns the top-level groups to the staff in turn, through the real service. */
async function assign(em: Em, periodId: string, unit: Unit, leader: User, groups: string[], staff: User[]): Promise<void> {
  const assessment = await em.findOneOrFail(Assessment, { period: periodId, unit: unit.id });
  const service = new AssignmentService(em);
  for (const [i, group] of groups.entries()) {
    await service.assign(viewerOf(leader, unit), { assessmentId: assessment.id, criterionIds: [group], assigneeId: staff[i % staff.length].id });
  }
}

/** Scores the first `share` of a unit's leaves with plausible values, each by its assignee, through the real save path. */
async function enterScores(em: Em, periodId: string, unit: Unit, share: number): Promise<void> {
  const assessment = await em.findOneOrFail(Assessment, { period: periodId, unit: unit.id });
  const entries = await em.find(ScoreEntry, { assessment: assessment.id }, { populate: ['criterion', 'assignee'], orderBy: { criterion: { ordinal: 'asc' } } });
  const service = new SelfScoreService(em);
  const count = Math.round(entries.length * share);
  for (const [i, entry] of entries.slice(0, count).entries()) {
    const viewer = viewerOf(entry.assignee!, unit);
    const value = plausibleValue(entry.criterion, i);
    await service.save(viewer, { assessmentId: assessment.id, criterionId: entry.criterion.id, value, expectedVersion: entry.version, comment: i % 5 === 0 ? 'Đã cập nhật số liệu theo báo cáo quý IV.' : undefined });
  }
}

function plausibleValue(c: ScoreEntry['criterion'], i: number): ScoreInput {
  const max = c.maxH / 100;
  switch (c.method) {
    case 'MANUAL': {
      const step = (c.stepH ?? 1) / 100;
      return { points: Math.round((Math.floor((max * (0.6 + (i % 4) * 0.1)) / step) * step) * 100) / 100 };
    }
    case 'BOOLEAN':
      return { met: i % 3 !== 0 };
    case 'TIERS':
      return { tier: c.tiers![i % c.tiers!.length].label };
    case 'RATIO':
      return { numerator: 70 + (i % 30), denominator: 100 };
    case 'RELATIVE':
      return { figure: 100 + i * 7 };
    case 'DEDUCTION':
      return { points: 0 };
    case 'BONUS':
      return { points: i % 2 ? max : 0 };
    default:
      return {};
  }
}

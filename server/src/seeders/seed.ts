import type { Viewer } from '../common/auth';
import type { Config } from '../config';
import type { Logger } from '../common/logger';
import type { Em, Orm } from '../orm';
import { Assessment } from '../modules/assessment/assessment.entity';
import { ScoreEntry } from '../modules/assessment/score-entry.entity';
import { SelfScoreService } from '../modules/assessment/self-score.service';
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
  const period = await periods.create({ name: `Đánh giá Chính quyền điện tử cấp huyện năm ${fw.year}`, frameworkId: fw.id, year: fw.year, unitIds: districts, selfAssessmentDeadline: new Date(Date.UTC(fw.year + 1, 2, 31)) });
  await periods.setPhase(period.id, Phase.SELF_ASSESSMENT);

  // Some scores entered: Sơn Hà is well under way, Bình Minh has started.
  await enterScores(em, period.id, units.get('TP-SONHA')!, byEmail.get('canbo1.sonha@chamdiem.local')!, 0.6);
  await enterScores(em, period.id, units.get('TX-BINHMINH')!, byEmail.get('canbo.binhminh@chamdiem.local')!, 0.25);

  return {
    seeded: 'demo',
    logins: DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD, role: u.role, unit: u.unit ? units.get(u.unit)!.name : undefined })),
  };
}

/** Scores the first `share` of a unit's leaves with plausible values, through the real save path. */
async function enterScores(em: Em, periodId: string, unit: Unit, staff: User, share: number): Promise<void> {
  const assessment = await em.findOneOrFail(Assessment, { period: periodId, unit: unit.id });
  const entries = await em.find(ScoreEntry, { assessment: assessment.id }, { populate: ['criterion'], orderBy: { criterion: { ordinal: 'asc' } } });
  const viewer: Viewer = { id: staff.id, role: staff.role, unitId: unit.id, name: staff.name };
  const service = new SelfScoreService(em);
  const count = Math.round(entries.length * share);
  for (const [i, entry] of entries.slice(0, count).entries()) {
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

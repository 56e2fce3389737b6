/**
 * The data a benchmark needs, made through the API as the first ADMIN (as a province would):
 * units, a LEADER (and a STAFF) per unit, a framework imported and published, a period opened in
 * SELF_ASSESSMENT, and each unit's leaves assigned to its STAFF.
 */
import { ADMIN } from './server';
import type { GeneratedFramework } from './framework';
import type { GqlClient } from './gql';

export const PASSWORD = 'bench-password-123';

export interface WorldAssessment {
  id: string;
  unitId: string;
  leaderToken: string;
  staffToken: string | null;
  staffId: string | null;
}

export interface World {
  adminToken: string;
  viewerToken: string | null;
  frameworkId: string;
  periodId: string;
  /** criterion id by code */
  criteria: Map<string, string>;
  leaves: (GeneratedFramework['leaves'][number] & { id: string })[];
  assessments: WorldAssessment[];
}

/** Runs `fn` over items with at most `limit` at once, keeping order. */
export async function mapLimit<T, U>(items: T[], limit: number, fn: (t: T, i: number) => Promise<U>): Promise<U[]> {
  const out = new Array<U>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function login(gql: GqlClient, email: string, password = PASSWORD): Promise<string> {
  const d = await gql.ok(`mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: email, p: password });
  return d.login.token;
}

export async function adminToken(gql: GqlClient): Promise<string> {
  return login(gql, ADMIN.email, ADMIN.password);
}

/** Imports and publishes a framework; returns its id and criterion ids by code. */
export async function importFramework(gql: GqlClient, admin: string, fw: GeneratedFramework): Promise<{ id: string; criteria: Map<string, string> }> {
  const d = await gql.ok(`mutation($d:JSONObject!){importFramework(document:$d){id criteria{id code}}}`, { d: fw.document }, admin);
  const id = d.importFramework.id as string;
  await gql.ok(`mutation($id:ID!){publishFramework(id:$id){id}}`, { id }, admin);
  return { id, criteria: new Map(d.importFramework.criteria.map((c: { id: string; code: string }) => [c.code, c.id])) };
}

export async function buildWorld(
  gql: GqlClient,
  opts: { name: string; units: number; framework: GeneratedFramework; people?: boolean; staff?: boolean; viewer?: boolean; frameworkId?: string; criteria?: Map<string, string> },
): Promise<World> {
  const admin = await adminToken(gql);
  const fw = opts.frameworkId ? { id: opts.frameworkId, criteria: opts.criteria! } : await importFramework(gql, admin, opts.framework);
  const tag = opts.name.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  const kind = (opts.framework.document as { unitKind: string }).unitKind;
  const unitIds = await mapLimit([...Array(opts.units).keys()], 8, async (i) => {
    const d = await gql.ok(`mutation($i:CreateUnitInput!){createUnit(input:$i){id}}`, { i: { code: `${tag}-${i + 1}`, name: `Đơn vị ${tag} ${i + 1}`, kind } }, admin);
    return d.createUnit.id as string;
  });
  const person = async (email: string, role: string, unitId: string | null) => {
    const d = await gql.ok(`mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email, name: `Người ${email.split('@')[0]}`, role, unitId, password: PASSWORD } }, admin);
    return { id: d.createUser.id as string, token: await login(gql, email) };
  };
  const people = await mapLimit(unitIds, 4, async (unitId, i) => ({
    leader: opts.people === false ? null : await person(`lanhdao.${tag.toLowerCase()}${i + 1}@bench.local`, 'LEADER', unitId),
    staff: opts.staff ? await person(`canbo.${tag.toLowerCase()}${i + 1}@bench.local`, 'STAFF', unitId) : null,
  }));
  const viewer = opts.viewer ? await person(`theodoi.${tag.toLowerCase()}@bench.local`, 'VIEWER', null) : null;
  const period = (
    await gql.ok(`mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{id}}}}`, { i: { name: `Kỳ thử tải ${tag}`, frameworkId: fw.id, year: 2025, unitIds } }, admin)
  ).createPeriod;
  await gql.ok(`mutation($id:ID!){setPeriodPhase(id:$id,phase:SELF_ASSESSMENT){id}}`, { id: period.id }, admin);
  const byUnit = new Map<string, string>(period.assessments.map((a: { id: string; unit: { id: string } }) => [a.unit.id, a.id]));
  const topLevel = [...fw.criteria.entries()].filter(([code]) => !code.includes('.')).map(([, id]) => id);
  const assessments: WorldAssessment[] = unitIds.map((unitId, i) => ({
    id: byUnit.get(unitId)!,
    unitId,
    leaderToken: people[i].leader?.token ?? '',
    staffToken: people[i].staff?.token ?? null,
    staffId: people[i].staff?.id ?? null,
  }));
  if (opts.staff) {
    await mapLimit(assessments, 4, (a) =>
      gql.ok(`mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`, { i: { assessmentId: a.id, criterionIds: topLevel, assigneeId: a.staffId } }, a.leaderToken),
    );
  }
  return {
    adminToken: admin,
    viewerToken: viewer?.token ?? null,
    frameworkId: fw.id,
    periodId: period.id,
    criteria: fw.criteria,
    leaves: opts.framework.leaves.map((l) => ({ ...l, id: fw.criteria.get(l.code)! })),
    assessments,
  };
}

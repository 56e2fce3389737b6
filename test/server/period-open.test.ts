/**
 * Opening a period writes, inside the database, one assessment per unit with an entry per leaf and
 * a progress row per node (period.service.ts addAssessments). What a unit starts from must be
 * exactly that: every entry empty at version 0, every node's cap its own maximum and its leaf
 * count the leaves under it, every row an id of its own; and adding a unit to a DRAFT period writes
 * rows for that unit alone.
 */
import { rows } from '../../server/src/common/sql';
import { ScoreEntry } from '../../server/src/modules/assessment/score-entry.entity';
import type { Em } from '../../server/src/orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, smallFramework, type World } from '../helpers/world';

/** A UUID of version 4 (random: SQLite) or 7 (time-ordered: PostgreSQL), variant 10. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The small framework's nodes: maximum in points and the leaves under each (a leaf counts itself). */
const NODES: Record<string, { max: number; leaves: number }> = {
  '1': { max: 10, leaves: 5 },
  '1.1': { max: 2, leaves: 1 },
  '1.2': { max: 1, leaves: 1 },
  '1.3': { max: 3, leaves: 1 },
  '1.4': { max: 4, leaves: 1 },
  '1.5': { max: 1, leaves: 1 },
  '2': { max: 10, leaves: 5 },
  '2.1': { max: 0.5, leaves: 1 },
  '2.2': { max: 7.5, leaves: 2 },
  '2.2.1': { max: 4.5, leaves: 1 },
  '2.2.2': { max: 3, leaves: 1 },
  '2.3': { max: 2, leaves: 1 },
  '2.4': { max: 1, leaves: 1 },
};
const LEAVES = Object.entries(NODES).filter(([code]) => !Object.keys(NODES).some((c) => c.startsWith(`${code}.`))).map(([code]) => code);

const PROGRESS = `query($id:ID!){assessment(id:$id){status seq selfTotal entries{id criterion{code} version state selfScore notApplicable value{points}}
  progress{criterion{code} selfTotal maxScore leaves leavesScored}}}`;

describe('opening a period', () => {
  let t: TestApp;
  let w: World;
  let fresh: { id: string; assessments: { id: string; unit: { id: string } }[] };
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    // a period as it opens, before anyone assigns or scores
    fresh = (
      await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{id}}}}`, { i: { name: 'Kỳ mới', frameworkId: w.frameworkId, year: 2026, unitIds: [w.units.A, w.units.B] } }, w.tokens.admin)
    ).createPeriod;
  });
  afterAll(() => t.close());

  const em = () => t.orm.em.fork() as Em;

  it('should give each unit an empty entry per leaf and a progress row per node, with the leaves under it', async () => {
    expect(fresh.assessments.map((a) => a.unit.id).sort()).toEqual([w.units.A, w.units.B].sort());
    for (const { id } of fresh.assessments) {
      const a = (await ok(t.url, PROGRESS, { id }, w.tokens.admin)).assessment;
      expect(a.status).toBe('NOT_STARTED');
      expect(a.selfTotal).toBe(0);
      expect(a.entries.map((e: any) => e.criterion.code).sort()).toEqual([...LEAVES].sort());
      for (const e of a.entries) expect(e).toMatchObject({ version: 0, state: 'TODO', selfScore: null, notApplicable: false, value: null });
      const byCode = Object.fromEntries(a.progress.map((p: any) => [p.criterion.code, p]));
      expect(Object.keys(byCode).sort()).toEqual(Object.keys(NODES).sort());
      for (const [code, node] of Object.entries(NODES)) {
        expect({ code, ...byCode[code] }).toEqual({ code, criterion: { code }, selfTotal: 0, maxScore: node.max, leaves: node.leaves, leavesScored: 0 });
      }
    }
  });

  it('should give every row an id of its own and the time it was written', async () => {
    const ids = await rows<{ id: string }>(
      em(),
      `select a."id" from "assessment" a where a."period_id" = ?
       union all select e."id" from "score_entry" e join "assessment" a on a."id" = e."assessment_id" where a."period_id" = ?
       union all select p."id" from "progress" p join "assessment" a on a."id" = p."assessment_id" where a."period_id" = ?`,
      [fresh.id, fresh.id, fresh.id],
    );
    expect(ids).toHaveLength(2 + 2 * LEAVES.length + 2 * Object.keys(NODES).length);
    for (const { id } of ids) expect(id).toMatch(UUID);
    expect(new Set(ids.map((r) => r.id)).size).toBe(ids.length);
    // the ORM reads the times back as the times they were written
    const entry = await em().findOneOrFail(ScoreEntry, { assessment: fresh.assessments[0].id });
    expect(Math.abs(entry.createdAt.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    expect(entry.updatedAt.getTime()).toBe(entry.createdAt.getTime());
  });

  it('should write rows for an added unit alone, and none for a unit left out', async () => {
    const admin = w.tokens.admin;
    const fw = (await ok(t.url, `mutation($d:JSONObject!){importFramework(document:$d){id}}`, { d: smallFramework({ code: 'OPEN-FW' }) }, admin)).importFramework;
    await ok(t.url, `mutation($id:ID!){publishFramework(id:$id){id}}`, { id: fw.id }, admin);
    const D = (await ok(t.url, `mutation($i:CreateUnitInput!){createUnit(input:$i){id}}`, { i: { code: 'D', name: 'Unit D', kind: 'DISTRICT' } }, admin)).createUnit.id;
    const period = (
      await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{id}}}}`, { i: { name: 'Kỳ mở', frameworkId: fw.id, year: 2027, unitIds: [w.units.A] } }, admin)
    ).createPeriod;
    const counts = () =>
      rows<{ unit_id: string; entries: number | string; progress: number | string }>(
        em(),
        `select a."unit_id", (select count(*) from "score_entry" e where e."assessment_id" = a."id") as "entries",
                (select count(*) from "progress" p where p."assessment_id" = a."id") as "progress"
           from "assessment" a where a."period_id" = ?`,
        [period.id],
      );
    const entryIds = async (unit: string) =>
      (await rows<{ id: string }>(em(), `select e."id" from "score_entry" e join "assessment" a on a."id" = e."assessment_id" where a."period_id" = ? and a."unit_id" = ? order by e."id"`, [period.id, unit])).map((r) => r.id);
    const before = await entryIds(w.units.A);
    expect(before).toHaveLength(LEAVES.length);

    await ok(t.url, `mutation($id:ID!,$i:UpdatePeriodInput!){updatePeriod(id:$id,input:$i){id}}`, { id: period.id, i: { unitIds: [w.units.A, w.units.B, D] } }, admin);
    const per = (await counts()).map((r) => ({ unit: r.unit_id, entries: Number(r.entries), progress: Number(r.progress) }));
    expect(per.sort((x, y) => x.unit.localeCompare(y.unit))).toEqual(
      [w.units.A, w.units.B, D].sort().map((unit) => ({ unit, entries: LEAVES.length, progress: Object.keys(NODES).length })),
    );
    // A's rows were left as they were
    expect(await entryIds(w.units.A)).toEqual(before);

    await ok(t.url, `mutation($id:ID!,$i:UpdatePeriodInput!){updatePeriod(id:$id,input:$i){id}}`, { id: period.id, i: { unitIds: [D] } }, admin);
    expect((await counts()).map((r) => [r.unit_id, Number(r.entries), Number(r.progress)])).toEqual([[D, LEAVES.length, Object.keys(NODES).length]]);
  });
});

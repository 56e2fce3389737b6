import { bool, transaction } from '../../server/src/common/sql';
import { UserService } from '../../server/src/modules/user/user.service';
import { Role } from '../../server/src/modules/user/user.entity';
import { writeScore, writeScoresIn, type ScoreWriteSpec } from '../../server/src/modules/assessment/score.writer';
import { RevisionRound } from '../../server/src/modules/assessment/score-revision.entity';
import { nodeKindOf } from '../../server/src/modules/scoring/scoring.types';
import { computeTree, type LeafState, type TreeNode } from '../../server/src/modules/scoring/tree';
import type { Em } from '../../server/src/orm';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { connect, type LiveClient } from '../helpers/socket';
import { PASSWORD } from '../helpers/world';

/**
 * The batched form of the one write path of scores (score.writer.ts writeScoresIn) and the
 * results' write-back of RELATIVE scores through it (relative.writeback.ts): a batch must leave
 * every entry, progress row, history row, status and total exactly where writing its entries
 * one at a time leaves them, and where a computation of the whole tree from scratch puts them.
 */

// N/A RESCALE; RELATIVE leaves 1.2, 1.3.1, 1.3.2 share the ancestor 1 (1.3.x also 1.3); 2.1 and 2.2.2 share 2
const FRAMEWORK = {
  code: 'BATCH-FW',
  name: 'Batch framework',
  year: 2025,
  unitKind: 'DISTRICT',
  notApplicable: 'RESCALE',
  bands: [{ label: 'A', minPercent: 80 }, { label: 'B', minPercent: 0 }],
  criteria: [
    {
      code: '1', title: 'Một', maxScore: 10, children: [
        { code: '1.1', title: 'Manual', maxScore: 2, method: 'MANUAL', allowNotApplicable: true },
        { code: '1.2', title: 'Relative', maxScore: 3, method: 'RELATIVE' },
        { code: '1.3', title: 'Group', maxScore: 5, children: [
          { code: '1.3.1', title: 'Relative', maxScore: 2, method: 'RELATIVE' },
          { code: '1.3.2', title: 'Relative', maxScore: 2, method: 'RELATIVE', allowNotApplicable: true },
          { code: '1.3.3', title: 'Manual', maxScore: 1, method: 'MANUAL' },
        ] },
      ],
    },
    {
      code: '2', title: 'Hai', maxScore: 10, children: [
        { code: '2.1', title: 'Relative', maxScore: 4, method: 'RELATIVE' },
        { code: '2.2', title: 'Group', maxScore: 5, children: [
          { code: '2.2.1', title: 'Manual', maxScore: 3, method: 'MANUAL', allowNotApplicable: true },
          { code: '2.2.2', title: 'Relative', maxScore: 2, method: 'RELATIVE' },
        ] },
        { code: '2.3', title: 'Manual', maxScore: 1, method: 'MANUAL' },
        { code: '2.4', title: 'Bonus', maxScore: 1, method: 'BONUS' },
        { code: '2.5', title: 'Deduction', maxScore: 1, method: 'DEDUCTION' },
      ],
    },
  ],
};
const RELATIVE = ['1.2', '1.3.1', '1.3.2', '2.1', '2.2.2'];
const PHASE = `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`;
const COMPUTE = `mutation($id:ID!){computeResults(periodId:$id){assessmentId selfTotal round1Total}}`;
const TOTALS = `query($id:ID!){assessment(id:$id){status selfTotal appraisedTotal pendingMaxScore progress{criterion{code} selfTotal maxScore}}}`;

type Row = Record<string, unknown>;

describe('batched score writes', () => {
  let t: TestApp;
  let admin: string;
  let appraiser: string;
  let criteria: Record<string, string>;
  const units: { id: string; leader: string }[] = [];
  const em = () => t.orm.em.fork() as Em;
  const query = (sql: string, params: unknown[] = []): Promise<Row[]> => em().getConnection().execute(sql, params);

  let fwId: string;
  /** A period of the framework for the units, in SELF_ASSESSMENT; its assessments in the units' order. */
  const openPeriod = async (name: string, unitIds: string[]): Promise<{ periodId: string; assessments: string[] }> => {
    const p = (await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{id}}}}`, { i: { name, frameworkId: fwId, year: 2025, unitIds } }, admin)).createPeriod;
    await ok(t.url, PHASE, { id: p.id, p: 'SELF_ASSESSMENT' }, admin);
    return { periodId: p.id, assessments: unitIds.map((u) => p.assessments.find((a: any) => a.unit.id === u).id) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    await new UserService(em(), t.config).insert({ email: 'admin@test', name: 'Admin', role: Role.ADMIN, unit: null, password: PASSWORD });
    const login = async (email: string) => (await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: email, p: PASSWORD })).login.token as string;
    admin = await login('admin@test');
    const user = async (email: string, role: string, unitId: string | null) => {
      await ok(t.url, `mutation($i:CreateUserInput!){createUser(input:$i){id}}`, { i: { email, name: email, role, unitId, password: PASSWORD } }, admin);
      return login(email);
    };
    for (let i = 1; i <= 5; i++) {
      const id = (await ok(t.url, `mutation($i:CreateUnitInput!){createUnit(input:$i){id}}`, { i: { code: `U${i}`, name: `Unit ${i}`, kind: 'DISTRICT' } }, admin)).createUnit.id;
      units.push({ id, leader: await user(`leader${i}@test`, 'LEADER', id) });
    }
    appraiser = await user('appraiser@test', 'APPRAISER', null);
    const fw = (await ok(t.url, `mutation($d:JSONObject!){importFramework(document:$d){id criteria{id code}}}`, { d: FRAMEWORK }, admin)).importFramework;
    await ok(t.url, `mutation($id:ID!){publishFramework(id:$id){id}}`, { id: fw.id }, admin);
    fwId = fw.id;
    criteria = Object.fromEntries(fw.criteria.map((c: any) => [c.code, c.id]));
  });
  afterAll(() => t?.close());

  /** Every progress row of the assessment (all columns but its own id and times), by code. */
  const progressOf = async (assessmentId: string) => {
    const rows = await query(`select p.*, c."code" from "progress" p join "criterion" c on c."id" = p."criterion_id" where p."assessment_id" = ? order by c."code"`, [assessmentId]);
    return rows.map(({ id: _, assessment_id: __, created_at: ___, updated_at: ____, ...r }) => r);
  };
  /** Every entry (all columns but its own id, assessment and times), by code. */
  const entriesOf = async (assessmentId: string) => {
    const rows = await query(`select e.*, c."code" from "score_entry" e join "criterion" c on c."id" = e."criterion_id" where e."assessment_id" = ? order by c."code"`, [assessmentId]);
    return rows.map(({ id: _, assessment_id: __, created_at: ___, updated_at: ____, ...r }) => r);
  };
  /** Every history row, by entry code then version: round, version, old, new. */
  const revisionsOf = async (assessmentId: string) => {
    const rows = await query(
      `select c."code", r."round", r."version", r."old", r."new_value", r."actor_id" from "score_revision" r join "score_entry" e on e."id" = r."entry_id" join "criterion" c on c."id" = e."criterion_id"
        where e."assessment_id" = ? order by c."code", r."version"`,
      [assessmentId],
    );
    const j = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    return rows.map((r) => ({ code: r.code, round: r.round, version: Number(r.version), old: j(r.old), next: j(r.new_value), actor: r.actor_id ?? null }));
  };

  /**
   * The assessment's progress rows as a computation of the whole tree from its entries gives
   * them (scoring/tree.ts computeTree, not the O(depth) update of a save), every track column.
   */
  const expectFromScratch = async (assessmentId: string) => {
    const nodes = await query(
      `select c."id", c."parent_id", c."code", c."max_h", c."method", c."is_leaf" from "criterion" c join "period" p on p."framework_id" = c."framework_id"
         join "assessment" a on a."period_id" = p."id" where a."id" = ?`,
      [assessmentId],
    );
    const entries = await query(`select * from "score_entry" where "assessment_id" = ?`, [assessmentId]);
    const tree: TreeNode[] = nodes.map((n) => ({ id: n.id as string, parentId: (n.parent_id as string | null) ?? null, maxH: Number(n.max_h), kind: n.method ? nodeKindOf(n.method as never) : 'REGULAR', isLeaf: bool(n.is_leaf) }));
    const num = (v: unknown) => (v == null ? null : Number(v));
    const self = new Map<string, LeafState>();
    const appraised = new Map<string, LeafState>();
    const done = new Set<string>();
    const held = new Set<string>();
    for (const e of entries) {
      const c = e.criterion_id as string;
      self.set(c, { scoreH: num(e.self_score_h), notApplicable: bool(e.not_applicable) });
      if (e.state === 'DONE') done.add(c);
      const round = e.round2input != null ? 'round2' : e.round1input != null ? 'round1' : null;
      if (round) {
        held.add(c);
        appraised.set(c, { scoreH: num(e[`${round}score_h`]), notApplicable: bool(e[`${round}not_applicable`]) });
      }
    }
    const s = computeTree(tree, self, 'RESCALE');
    const a = computeTree(tree, appraised, 'RESCALE');
    const codeOf = new Map(nodes.map((n) => [n.id as string, n.code as string]));
    const below = (code: string, set: Set<string>) => [...set].filter((id) => codeOf.get(id) === code || codeOf.get(id)!.startsWith(`${code}.`)).length;
    const want = nodes
      .map((n) => {
        const id = n.id as string;
        const code = n.code as string;
        const [x, y] = [s.get(id)!, a.get(id)!];
        return [code, x.scoreH, x.regularSumH, x.extraSumH, x.capH, below(code, done), y.scoreH, y.regularSumH, y.extraSumH, y.capH, below(code, held)];
      })
      .sort((p, q) => String(p[0]).localeCompare(String(q[0])));
    const maxOf = new Map(nodes.map((n) => [n.code as string, Number(n.max_h)]));
    const got = (await progressOf(assessmentId)).map((r) => [
      r.code,
      ...['score_h', 'regular_sum_h', 'extra_sum_h', 'cap_h', 'leaves_scored', 'appraised_score_h', 'appraised_regular_sum_h', 'appraised_extra_sum_h'].map((k) => Number(r[k])),
      // an assessment never appraised keeps no appraised cap: its max
      r.appraised_cap_h == null ? maxOf.get(r.code as string) : Number(r.appraised_cap_h),
      Number(r.leaves_appraised),
    ]);
    expect({ assessmentId, rows: got }).toEqual({ assessmentId, rows: want });
  };

  describe('writeScoresIn against one write at a time', () => {
    /** A self value as a save writes it (the score given, as if computed), with its SELF move. */
    const selfSpec = (assessmentId: string, code: string, v: { scoreH: number | null; na?: boolean; draft?: boolean }): ScoreWriteSpec => ({
      assessmentId,
      criterionId: criteria[code],
      check: () => undefined,
      current: (e) => e,
      plan: (_head, e) => {
        const input = v.na ? { notApplicable: true } : v.scoreH === null ? null : RELATIVE.includes(code) ? { figure: v.scoreH } : { points: v.scoreH / 100 };
        const state = input ? (v.draft ? 'DRAFT' : 'DONE') : 'TODO';
        const na = v.na ?? false;
        return {
          set: { input, self_score_h: v.scoreH, not_applicable: na, state },
          revision: { actorId: null, round: RevisionRound.SELF, old: { selfScore: e.selfScoreH, state: e.state }, next: { selfScore: v.scoreH, state } },
          moves: [{ track: 'SELF', before: { scoreH: e.selfScoreH, notApplicable: e.notApplicable, counted: e.state === 'DONE' }, after: { scoreH: v.scoreH, notApplicable: na, counted: state === 'DONE' } }],
          status: (h) => (h.status === 'NOT_STARTED' ? ('IN_PROGRESS' as never) : h.status),
        };
      },
    });
    /** A round-1 appraised value, with its APPRAISED move. */
    const appraisalSpec = (assessmentId: string, code: string, v: { scoreH: number; na?: boolean }): ScoreWriteSpec => ({
      assessmentId,
      criterionId: criteria[code],
      check: () => undefined,
      current: (e) => e,
      plan: (_head, e) => {
        const wasHeld = e.raw.round1input != null;
        const before = { scoreH: wasHeld ? Number(e.raw.round1score_h) : null, notApplicable: bool(e.raw.round1not_applicable), counted: wasHeld };
        const na = v.na ?? false;
        return {
          set: { round1input: na ? { notApplicable: true } : { points: v.scoreH / 100 }, round1score_h: v.scoreH, round1not_applicable: na },
          revision: { actorId: null, round: RevisionRound.APPRAISAL_1, old: { round1Score: before.scoreH }, next: { round1Score: v.scoreH } },
          moves: [{ track: 'APPRAISED', before, after: { scoreH: v.scoreH, notApplicable: na, counted: true } }],
        };
      },
    });

    // three steps over every leaf; the leaves of 1 and of 2 share their ancestors
    const STEPS: ((a: string) => ScoreWriteSpec[])[] = [
      (a) => [
        selfSpec(a, '1.1', { scoreH: 150 }),
        selfSpec(a, '1.2', { scoreH: 300 }),
        selfSpec(a, '1.3.1', { scoreH: 200 }),
        selfSpec(a, '1.3.2', { scoreH: null, na: true }),
        selfSpec(a, '1.3.3', { scoreH: 100, draft: true }),
        selfSpec(a, '2.1', { scoreH: 400 }),
        selfSpec(a, '2.2.1', { scoreH: 300 }),
        selfSpec(a, '2.2.2', { scoreH: 200 }),
        selfSpec(a, '2.3', { scoreH: 100 }),
        selfSpec(a, '2.4', { scoreH: 100 }),
        selfSpec(a, '2.5', { scoreH: -75 }),
      ],
      (a) => [
        selfSpec(a, '1.3.2', { scoreH: 150 }), // N/A → a value: the caps of 1.3 and 1 come back
        selfSpec(a, '1.1', { scoreH: null, na: true }), // a value → N/A
        appraisalSpec(a, '1.3.1', { scoreH: 125 }),
        selfSpec(a, '1.3.3', { scoreH: 100 }), // DRAFT → DONE
        appraisalSpec(a, '2.2.1', { scoreH: 50 }),
        selfSpec(a, '2.2.2', { scoreH: null }), // cleared
        appraisalSpec(a, '2.4', { scoreH: 100 }), // a bonus above the group's max
        appraisalSpec(a, '2.1', { scoreH: 400 }),
        appraisalSpec(a, '2.3', { scoreH: 100 }),
      ],
      (a) => [
        appraisalSpec(a, '1.3.1', { scoreH: 50 }),
        appraisalSpec(a, '1.3.2', { scoreH: 0, na: true }),
        selfSpec(a, '2.3', { scoreH: 50 }),
        appraisalSpec(a, '2.2.1', { scoreH: 300 }),
        appraisalSpec(a, '2.5', { scoreH: -50 }),
        appraisalSpec(a, '2.2.2', { scoreH: 200 }),
      ],
    ];

    it('should leave entries, progress rows (every track column), revisions, status and totals exactly as writing the entries one by one does', async () => {
      // U1 and U3 are written in batches, both in each batch (their specs interleaved); U2 one write at a time
      const [u1, u2, u3] = (await openPeriod('Batch vs one by one', [units[0].id, units[1].id, units[2].id])).assessments;
      for (const step of STEPS) {
        const a = step(u1);
        const b = step(u3);
        const mixed = a.flatMap((s, i) => [s, b[i]]);
        const written = await transaction(em(), (tx) => writeScoresIn(tx, em(), mixed));
        expect(written.map((w) => [w.head.id, w.entries.length])).toEqual([[u1, a.length], [u3, b.length]]);
        for (const s of step(u2)) await writeScore(em(), s);
      }
      const [e1, e2, e3] = [await entriesOf(u1), await entriesOf(u2), await entriesOf(u3)];
      expect(e1).toEqual(e2);
      expect(e3).toEqual(e2);
      const [p1, p2, p3] = [await progressOf(u1), await progressOf(u2), await progressOf(u3)];
      expect(p1).toEqual(p2);
      expect(p3).toEqual(p2);
      const r2 = await revisionsOf(u2);
      expect(r2).toHaveLength(STEPS.reduce((n, s) => n + s(u2).length, 0));
      expect(await revisionsOf(u1)).toEqual(r2);
      expect(await revisionsOf(u3)).toEqual(r2);
      const totals = async (id: string) => (await ok(t.url, TOTALS, { id }, admin)).assessment;
      const t2 = await totals(u2);
      expect(t2.status).toBe('IN_PROGRESS');
      expect(await totals(u1)).toEqual(t2);
      expect(await totals(u3)).toEqual(t2);
      for (const a of [u1, u2, u3]) await expectFromScratch(a);
      // one seq per batch: U1 took three, U2 one per write
      const seq = async (id: string) => Number((await query(`select "seq" from "assessment" where "id" = ?`, [id]))[0].seq);
      expect((await seq(u2)) - (await seq(u1))).toBe(STEPS.reduce((n, s) => n + s(u2).length, 0) - STEPS.length);
    });

    it('should write nothing when one spec of a batch is refused', async () => {
      const [u4] = (await openPeriod('Refused batch', [units[3].id])).assessments;
      const before = [await entriesOf(u4), await progressOf(u4)];
      const refused = { ...selfSpec(u4, '2.3', { scoreH: 100 }), expectedVersion: 99 };
      await expect(transaction(em(), (tx) => writeScoresIn(tx, em(), [selfSpec(u4, '1.1', { scoreH: 100 }), refused]))).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
      expect([await entriesOf(u4), await progressOf(u4)]).toEqual(before);
    });
  });

  describe('RELATIVE scores written back when results are computed', () => {
    const SAVE = `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`;
    const APPRAISE = `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){seq}}`;
    // the same manual values for every unit: 1.1 = 1.5, 1.3.3 = 1, 2.2.1 = 2.5, 2.3 = 1, bonus 0.5, deduction −0.25
    const MANUAL: Record<string, number> = { '1.1': 1.5, '1.3.3': 1, '2.2.1': 2.5, '2.3': 1, '2.4': 0.5, '2.5': -0.25 };
    // figures by unit (null: none given; 'NA': not applicable); bests: 1.2 100, 1.3.1 40, 1.3.2 9, 2.1 12, 2.2.2 5
    const FIGURES: Record<string, (number | null | 'NA')[]> = {
      '1.2': [50, 100, 25, 0, 80],
      '1.3.1': [30, 10, 40, 20, null],
      '1.3.2': [7, 'NA', 3, 9, 6],
      '2.1': [12, 12, 6, 1, 3],
      '2.2.2': [5, 0, 2, 5, 1],
    };
    let ids: string[];
    let periodId: string;
    let live: LiveClient;

    const entriesVersion = async (assessmentId: string, token: string) =>
      Object.fromEntries((await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: assessmentId }, token)).assessment.entries.map((e: any) => [e.criterion.code, e.version]));
    const totals = async (id: string) => (await ok(t.url, TOTALS, { id }, admin)).assessment;
    const group = (a: any, code: string) => a.progress.find((p: any) => p.criterion.code === code);

    beforeAll(async () => {
      ({ periodId, assessments: ids } = await openPeriod('RELATIVE', units.map((u) => u.id)));
      for (const [i, a] of ids.entries()) {
        const versions = await entriesVersion(a, units[i].leader);
        const values: [string, unknown][] = [
          ...Object.entries(MANUAL).map(([code, points]): [string, unknown] => [code, { points }]),
          ...Object.entries(FIGURES).map(([code, f]): [string, unknown] => [code, f[i] === null ? null : f[i] === 'NA' ? { notApplicable: true } : { figure: f[i] }]),
        ];
        for (const [code, value] of values) {
          if (value !== null) await ok(t.url, SAVE, { i: { assessmentId: a, criterionId: criteria[code], value, expectedVersion: versions[code] } }, units[i].leader);
        }
      }
      live = connect(t.url, admin);
    });
    afterAll(() => live?.close());

    it('should count the RELATIVE points as pending before results exist', async () => {
      expect((await totals(ids[0])).pendingMaxScore).toBe(13);
      expect((await totals(ids[1])).pendingMaxScore).toBe(11); // 1.3.2 is N/A
      expect((await totals(ids[4])).pendingMaxScore).toBe(11); // no figure for 1.3.1
    });

    it('should write every RELATIVE score in one event per unit, and the sums of ancestors shared by several RELATIVE leaves add every one of them', async () => {
      const sub = live.subscribe(`subscription($id:ID!){assessmentEvents(assessmentId:$id){seq kinds selfTotal pendingMaxScore entries{code selfScore} progress{code selfTotal}}}`, { id: ids[0] });
      await new Promise((r) => setTimeout(r, 200));
      const rows = (await ok(t.url, COMPUTE, { id: periodId }, admin)).computeResults;
      // U1: 1.2 = 3 × 50/100 = 1.50; 1.3.1 = 2 × 30/40 = 1.50; 1.3.2 = 2 × 7/9 = 1.555… → 1.56; 2.1 = 4; 2.2.2 = 2
      // 1.3 = min(1.50 + 1.56 + 1, 5) = 4.06; 1 = min(1.5 + 1.50 + 4.06, 10) = 7.06
      // 2.2 = min(2.5 + 2, 5) = 4.5; 2 = min(4 + 4.5 + 1, 10) + 0.5 − 0.25 = 9.75; total 16.81
      const u1 = await totals(ids[0]);
      expect([u1.selfTotal, u1.pendingMaxScore, group(u1, '1.3').selfTotal, group(u1, '1').selfTotal, group(u1, '2.2').selfTotal, group(u1, '2').selfTotal]).toEqual([16.81, 0, 4.06, 7.06, 4.5, 9.75]);
      // U2: 1.3.2 N/A (RESCALE): 1.3 of max 3 = 0.5 + 1 = 1.5; 1 of max 8 = 1.5 + 3 + 1.5 = 6;
      // 2 = min(4 + 2.5 + 1, 10) + 0.25 = 7.75; root 13.75 of 18 → 13.75 × 20 / 18 = 15.277… → 15.28
      const u2 = await totals(ids[1]);
      expect([u2.selfTotal, group(u2, '1.3').selfTotal, group(u2, '1.3').maxScore, group(u2, '1').selfTotal, group(u2, '1').maxScore, group(u2, '2').selfTotal]).toEqual([15.28, 1.5, 3, 6, 8, 7.75]);
      for (const [i, a] of ids.entries()) {
        const tt = await totals(a);
        expect([i, rows.find((r: any) => r.assessmentId === a).selfTotal]).toEqual([i, tt.selfTotal]);
        await expectFromScratch(a);
      }
      // one event for U1 carries its five entries and the rows they moved
      const events = await sub.until((evs) => evs.some((e: any) => e.assessmentEvents.kinds.includes('RELATIVE_SCORED')));
      const ev = events.find((e: any) => e.assessmentEvents.kinds.includes('RELATIVE_SCORED')).assessmentEvents;
      expect([...ev.entries.map((e: any) => [e.code, e.selfScore])].sort()).toEqual([['1.2', 1.5], ['1.3.1', 1.5], ['1.3.2', 1.56], ['2.1', 4], ['2.2.2', 2]]);
      expect([ev.selfTotal, ev.pendingMaxScore]).toEqual([16.81, 0]);
      expect(ev.progress.map((p: any) => [p.code, p.selfTotal]).sort()).toEqual([['1', 7.06], ['1.2', 1.5], ['1.3', 4.06], ['1.3.1', 1.5], ['1.3.2', 1.56], ['2', 9.75], ['2.1', 4], ['2.2', 4.5], ['2.2.2', 2]]);
      sub.unsubscribe();
    });

    it('should keep one history row per RELATIVE entry written, and write nothing when computed again', async () => {
      const relative = async () => {
        const all = (await Promise.all(ids.map(revisionsOf))).flat();
        return all.filter((r) => r.next?.source === 'RESULTS');
      };
      const first = await relative();
      // 25 RELATIVE entries but U5's 1.3.1 (no figure) and U2's 1.3.2 (N/A)
      expect(first).toHaveLength(23);
      expect(first.every((r) => r.round === 'SELF' && r.actor === null && RELATIVE.includes(r.code as string) && r.old.selfScore === null)).toBe(true);
      await ok(t.url, COMPUTE, { id: periodId }, admin);
      expect(await relative()).toHaveLength(23);
    });

    it('should write the appraised RELATIVE scores against the best appraised figure, on the appraised track', async () => {
      for (const [i, a] of ids.slice(0, 4).entries()) await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: a }, units[i].leader);
      await ok(t.url, PHASE, { id: periodId, p: 'APPRAISAL' }, admin);
      const appraise = async (i: number, code: string, value: object) => {
        const versions = await entriesVersion(ids[i], appraiser);
        await ok(t.url, APPRAISE, { i: { assessmentId: ids[i], criterionId: criteria[code], value, expectedVersion: versions[code] } }, appraiser);
      };
      // each appraised RELATIVE figure rewrites that leaf for every unit (results exist)
      await appraise(0, '1.3.1', { figure: 35 });
      await appraise(2, '1.3.1', { figure: 20 });
      await appraise(1, '1.2', { figure: 100 });
      await appraise(0, '1.3.3', { points: 0.5 });
      for (const a of ids) await expectFromScratch(a);
      // 1.3.1: U1 2 × 35/35 = 2.00, U3 2 × 20/35 = 1.142… → 1.14
      const scores = await query(
        `select e."assessment_id", e."round1score_h" from "score_entry" e where e."criterion_id" = ? and e."round1input" is not null`,
        [criteria['1.3.1']],
      );
      const ours = scores.filter((r) => ids.includes(r.assessment_id as string));
      expect(Object.fromEntries(ours.map((r) => [ids.indexOf(r.assessment_id as string), Number(r.round1score_h)]))).toEqual({ 0: 200, 2: 114 });
      await ok(t.url, COMPUTE, { id: periodId }, admin);
      for (const a of ids) await expectFromScratch(a);
    });
  });
});

/**
 * The stored progress tree against a full recomputation: a seeded random sequence of saves by three
 * people (scores, clears, N/A toggles, bonus and deduction, drafts, comments, a few invalid saves)
 * over the small framework, then every progress row must equal computeTree over the entries, the
 * reported total must equal reportedTotalH, and every entry's history must list each revision.
 */
import { computeTree, reportedTotalH, type TreeNode } from '../../server/src/modules/scoring/tree';
import { nodeKindOf, type NotApplicableMode } from '../../server/src/modules/scoring/scoring.types';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, SAVE, type World } from '../helpers/world';
import { prng, type Rng } from '../helpers/random-tree';

const SEED = Number(process.env.PROGRESS_SEED ?? 20250917);
const SAVES = 180;

const READ = `query($id:ID!){assessment(id:$id){seq selfTotal
  entries{criterion{id code} version selfScore state notApplicable comment
    value{points met tier numerator denominator figure notApplicable}
    history{version round actor{email} old new}}
  progress{criterion{id code} selfTotal maxScore leaves leavesScored}}}`;

type Value = Record<string, unknown>;

/** Valid raw input for each leaf of the small framework (world.ts). */
/** A numerator up to its denominator: above it is refused (RATIO_ABOVE_FULL, below in INVALID). */
function ratioUpToFull(r: Rng, maxDenominator: number): Value {
  const denominator = r.int(1, maxDenominator);
  return { numerator: r.int(0, denominator), denominator };
}
const VALID: Record<string, (r: Rng) => Value> = {
  '1.1': (r) => ({ points: r.int(0, 8) / 4 }), // MANUAL, max 2, step 0.25
  '1.2': (r) => r.pick([{ met: true }, { met: false }, { notApplicable: true }]), // BOOLEAN, N/A allowed
  '1.3': (r) => ({ tier: r.pick(['Full', 'Partial', 'None']) }),
  '1.4': (r) => ratioUpToFull(r, 100), // thresholds
  '1.5': (r) => ({ points: -r.int(0, 100) / 100 || 0 }), // DEDUCTION −1..0
  '2.1': (r) => ratioUpToFull(r, 40), // plain ratio, max 0.5
  '2.2.1': (r) => (r.chance(0.35) ? { notApplicable: true } : { points: r.int(0, 450) / 100 }), // MANUAL 4.5, N/A allowed
  '2.2.2': (r) => ({ figure: r.int(0, 10000) / 100 }), // RELATIVE
  '2.3': (r) => ({ points: r.int(0, 200) / 100 }), // MANUAL, max 2
  '2.4': (r) => ({ points: r.int(0, 100) / 100 }), // BONUS 0..1
};
/** Input that must be refused for each leaf. */
const INVALID: Record<string, Value[]> = {
  '1.1': [{ points: 1.1 }, { points: 2.25 }, { notApplicable: true }],
  '1.2': [{ points: 1 }],
  '1.3': [{ tier: 'Tốt' }],
  '1.4': [{ numerator: 3, denominator: 0 }, { numerator: 107, denominator: 51 }],
  '1.5': [{ points: 0.5 }, { points: -1.01 }],
  '2.1': [{ numerator: -1, denominator: 2 }, { numerator: 3, denominator: 2 }],
  '2.2.1': [{ points: 4.51 }, { notApplicable: true, points: 1 }],
  '2.2.2': [{ figure: -3 }],
  '2.3': [{ points: 0.001 }],
  '2.4': [{ points: 1.5 }, { points: -0.1 }],
};

/** What a revision records of an entry (entry.snapshot.ts `pick`). */
interface Snap {
  value: Value | null;
  selfScore: number | null;
  notApplicable: boolean;
  comment: string | null;
  state: string;
}
const EMPTY: Snap = { value: null, selfScore: null, notApplicable: false, comment: null, state: 'TODO' };

const h = (x: number) => Math.round(x * 100);

describe('progress rows after a random sequence of saves', () => {
  let t: TestApp;
  let w: World;
  let fw: { maxScore: number; notApplicable: NotApplicableMode; criteria: { id: string; code: string; parentId: string | null; maxScore: number; method: string | null; isLeaf: boolean }[] };
  const read = async () => (await ok(t.url, READ, { id: w.assessmentA }, w.tokens.leaderA)).assessment;

  /** The expected progress rows and reported total, recomputed from the entries alone. */
  function recompute(entries: any[]) {
    const ROOT = 'root';
    const nodes: TreeNode[] = [
      { id: ROOT, parentId: null, maxH: h(fw.maxScore), kind: 'REGULAR', isLeaf: false },
      ...fw.criteria.map((c) => ({ id: c.id, parentId: c.parentId ?? ROOT, maxH: h(c.maxScore), kind: nodeKindOf(c.method as any), isLeaf: c.isLeaf })),
    ];
    const leaves = new Map(entries.map((e) => [e.criterion.id as string, { scoreH: e.selfScore == null ? null : h(e.selfScore), notApplicable: e.notApplicable as boolean }]));
    const totals = computeTree(nodes, leaves, fw.notApplicable);
    const parentOf = new Map(fw.criteria.map((c) => [c.id, c.parentId]));
    const count = new Map<string, { leaves: number; leavesScored: number }>(fw.criteria.map((c) => [c.id, { leaves: 0, leavesScored: 0 }]));
    for (const e of entries) {
      for (let id: string | null = e.criterion.id; id; id = parentOf.get(id) ?? null) {
        count.get(id)!.leaves += 1;
        if (e.state === 'DONE') count.get(id)!.leavesScored += 1;
      }
    }
    const rows = fw.criteria.map((c) => ({
      code: c.code,
      selfTotal: totals.get(c.id)!.scoreH / 100,
      maxScore: totals.get(c.id)!.capH / 100,
      ...count.get(c.id)!,
    }));
    const root = totals.get(ROOT)!;
    return { rows, selfTotal: reportedTotalH(root.scoreH, h(fw.maxScore), root.capH, fw.notApplicable) / 100 };
  }

  function expectConsistent(a: any) {
    const want = recompute(a.entries);
    const got = a.progress.map((p: any) => ({ code: p.criterion.code, selfTotal: p.selfTotal, maxScore: p.maxScore, leaves: p.leaves, leavesScored: p.leavesScored }));
    expect(got).toEqual(want.rows);
    expect(a.selfTotal).toBe(want.selfTotal);
  }

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    fw = (await ok(t.url, `query($id:ID!){framework(id:$id){maxScore notApplicable criteria{id code parentId maxScore method isLeaf}}}`, { id: w.frameworkId }, w.tokens.leaderA)).framework;
    expect(fw.notApplicable).toBe('RESCALE');
  });
  afterAll(() => t?.close());

  it(`should keep every progress row equal to a full recomputation (seed ${SEED}, ${SAVES} saves)`, async () => {
    const r = prng(SEED);
    // group 1 is staffA's (buildWorld), group 2 goes to staffA2; the leader may save anything
    await ok(t.url, `mutation($i:AssignCriteriaInput!){assignCriteria(input:$i){id}}`, { i: { assessmentId: w.assessmentA, criterionIds: [w.criteria['2']], assigneeId: w.userIds.staffA2 } }, w.tokens.leaderA);
    const peopleFor = (code: string) =>
      [code.startsWith('1.') ? (['staffA', 'staff.a@test'] as const) : (['staffA2', 'staff2.a@test'] as const), ['leaderA', 'leader.a@test'] as const] as const;
    const codes = Object.keys(VALID);
    const start = await read();
    const seq0 = start.seq;
    const entryAt = (a: any, code: string) => a.entries.find((x: any) => x.criterion.code === code);
    // the entry as the test believes it is: its version, every state it went through, and how many
    // revisions (the assignments) it had before the sequence
    const track = new Map<string, { version: number; snaps: Snap[]; actors: string[]; before: number }>(
      codes.map((c) => {
        const e = entryAt(start, c);
        expect({ c, state: e.state, selfScore: e.selfScore }).toEqual({ c, state: 'TODO', selfScore: null });
        return [c, { version: e.version, snaps: [EMPTY], actors: [], before: e.history.length }];
      }),
    );
    let successes = 0;
    let refused = 0;
    const kinds = { score: 0, clear: 0, comment: 0, draft: 0, na: 0 };

    for (let i = 0; i < SAVES; i++) {
      const code = r.pick(codes);
      const [who, email] = r.pick(peopleFor(code));
      const e = track.get(code)!;
      const last = e.snaps[e.snaps.length - 1];
      const roll = r.next();

      if (roll < 0.07) {
        const res = await gql(t.url, SAVE, { i: { assessmentId: w.assessmentA, criterionId: w.criteria[code], value: r.pick(INVALID[code]), expectedVersion: e.version } }, w.tokens[who]);
        expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        refused++;
        continue;
      }

      // value: undefined keeps it (comment-only), null clears it
      let value: Value | null | undefined;
      let comment: string | null | undefined;
      let draft: boolean | undefined;
      if (roll < 0.17) {
        value = null;
        kinds.clear++;
        if (r.chance(0.3)) comment = `xoá ${i}`;
      } else if (roll < 0.27) {
        value = undefined;
        comment = r.chance(0.25) ? null : `ghi chú ${i}`;
        kinds.comment++;
      } else {
        value = VALID[code](r);
        if (value.notApplicable) kinds.na++;
        else kinds.score++;
        if (r.chance(0.2)) {
          draft = true;
          kinds.draft++;
        }
        if (r.chance(0.2)) comment = `bình luận ${i}`;
      }
      const input: Value = { assessmentId: w.assessmentA, criterionId: w.criteria[code], value, expectedVersion: e.version };
      if (comment !== undefined) input.comment = comment;
      if (draft !== undefined) input.draft = draft;
      const res = await gql(t.url, SAVE, { i: input }, w.tokens[who]);
      expect(res.errors).toBeUndefined();
      successes++;
      const p = res.data.saveSelfScore;
      expect(p.seq).toBe(seq0 + successes);

      const nextValue = value === undefined ? last.value : value;
      const nextComment = comment === undefined ? last.comment : comment;
      const snap: Snap = {
        value: nextValue,
        selfScore: p.entry.selfScore,
        notApplicable: nextValue?.notApplicable === true,
        comment: nextComment,
        state: nextValue ? (draft ? 'DRAFT' : 'DONE') : nextComment ? 'DRAFT' : 'TODO',
      };
      expect(p.entry).toMatchObject({ version: e.version + 1, state: snap.state, comment: snap.comment, notApplicable: snap.notApplicable });
      if (nextValue === null) expect(p.entry.selfScore).toBeNull();
      if (code === '2.2.2') expect(p.entry.selfScore).toBeNull(); // RELATIVE: scored with the results
      e.version += 1;
      e.snaps.push(snap);
      e.actors.push(email);

      if ((i + 1) % 60 === 0) expectConsistent(await read());
    }

    // the sequence really exercised what it claims to
    expect(successes).toBeGreaterThanOrEqual(150);
    expect(refused).toBeGreaterThan(0);
    for (const k of Object.values(kinds)) expect(k).toBeGreaterThan(3);

    const a = await read();
    expectConsistent(a);
    expect(a.seq).toBe(seq0 + successes);

    for (const code of codes) {
      const e = track.get(code)!;
      const entry = a.entries.find((x: any) => x.criterion.code === code);
      expect({ code, version: entry.version }).toEqual({ code, version: e.version });
      const n = e.snaps.length - 1;
      const v0 = e.version - n; // the version before the sequence
      const revisions = entry.history.slice(e.before);
      expect(entry.history).toHaveLength(e.before + n);
      expect(revisions.map((x: any) => x.version)).toEqual(Array.from({ length: n }, (_, k) => v0 + k + 1));
      revisions.forEach((rev: any, k: number) => {
        expect({ code, version: rev.version, round: rev.round, actor: rev.actor?.email, old: rev.old, new: rev.new }).toEqual({
          code,
          version: v0 + k + 1,
          round: 'SELF',
          actor: e.actors[k],
          old: e.snaps[k],
          new: e.snaps[k + 1],
        });
      });
      const final = e.snaps[n];
      expect({ code, selfScore: entry.selfScore, state: entry.state, comment: entry.comment, notApplicable: entry.notApplicable }).toEqual({
        code,
        selfScore: final.selfScore,
        state: final.state,
        comment: final.comment,
        notApplicable: final.notApplicable,
      });
    }
  });
});

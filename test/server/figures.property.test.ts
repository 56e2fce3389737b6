/**
 * Every figure agrees, everywhere (issue 11, DESIGN.md "Arithmetic"): random frameworks (every
 * method, N/A both ways, bonus and deduction at several depths, capTotal both ways) × random
 * operations by two units (self saves, N/A, results, appraisal, finalization, publishing). After
 * every step, every surface read through the API — entries, progress rows, the assessment's
 * totals and pending points, the ranking, the score sheet's CSV totals — equals a from-scratch
 * recomputation (test/helpers/figures.ts, which shares no code with the server's scoring).
 * A failure names its seed: FIGURES_SEED=<seed> replays it.
 */
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { leafScore, reported, tree, type Framework, type Method, type Node, type Value } from '../helpers/figures';
import { prng, randomTree, type Rng } from '../helpers/random-tree';
import { buildWorld, type World } from '../helpers/world';

const SEEDS = process.env.FIGURES_SEED ? [Number(process.env.FIGURES_SEED)] : [11, 23];
const REGULAR: Method[] = ['MANUAL', 'BOOLEAN', 'TIERS', 'RATIO', 'RELATIVE'];

/** A random framework: the shape of randomTree (bonus and deduction leaves at any depth), methods on its leaves. */
function randomFramework(rng: Rng, n: number): { doc: Record<string, unknown>; fw: Framework } {
  let nodes = randomTree(rng);
  while (nodes.filter((x) => x.isLeaf).length > 9 || nodes.filter((x) => x.isLeaf).length < 4) nodes = randomTree(rng);
  const kids = (id: string | null) => nodes.filter((x) => x.parentId === id).sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  const flat: Node[] = [];
  const build = (id: string | null, prefix: string): Record<string, unknown>[] =>
    kids(id).map((x, i) => {
      const code = prefix ? `${prefix}.${i + 1}` : `${i + 1}`;
      const node: Node = { code, parent: prefix || null, maxH: x.maxH, method: null };
      const o: Record<string, unknown> = { code, title: `T${code}`, maxScore: x.maxH / 100 };
      flat.push(node);
      if (x.isLeaf) {
        node.method = x.kind === 'BONUS' ? 'BONUS' : x.kind === 'DEDUCTION' ? 'DEDUCTION' : rng.pick(REGULAR);
        o.method = node.method;
        if (node.method === 'TIERS') o.tiers = node.tiers = [{ label: 'Đủ', share: 1 }, { label: 'Một phần', share: 0.35 }, { label: 'Không', share: 0 }];
        // figures above 100 % are allowed here, so that capping is exercised too (refusal: leaf-score.test)
        if (node.method === 'RATIO') o.allowAboveFull = true;
        if (node.method === 'RATIO' && rng.chance(0.5)) o.thresholds = node.thresholds = [{ minPercent: 90, share: 1 }, { minPercent: 50, share: 'ratio' }, { minPercent: 0, share: 0 }];
        if (rng.chance(0.3)) o.allowNotApplicable = node.allowNotApplicable = true;
      } else o.children = build(x.id, code);
      return o;
    });
  const criteria = build(null, '');
  const fw: Framework = {
    maxH: flat.filter((x) => x.parent === null).reduce((s, x) => s + x.maxH, 0),
    notApplicable: rng.chance(0.5) ? 'FULL' : 'RESCALE',
    capTotal: rng.chance(0.5),
    nodes: flat,
  };
  const doc = {
    code: `PROP-${n}`, name: `Property ${n}`, year: 2025, unitKind: 'DISTRICT', notApplicable: fw.notApplicable, capTotal: fw.capTotal,
    bands: [{ label: 'A', minPercent: 90 }, { label: 'B', minPercent: 50 }, { label: 'C', minPercent: 0 }],
    criteria,
  };
  return { doc, fw };
}

/** A valid value for a leaf, N/A now and then where allowed. */
function randomValue(rng: Rng, n: Node): Value {
  if (n.allowNotApplicable && rng.chance(0.2)) return { notApplicable: true };
  const points = (lo: number, hi: number) => rng.int(lo, hi) / 100;
  switch (n.method) {
    case 'MANUAL': return { points: points(0, n.maxH) };
    case 'BONUS': return { points: points(0, n.maxH) };
    case 'DEDUCTION': return { points: points(-n.maxH, 0) };
    case 'BOOLEAN': return { met: rng.chance(0.5) };
    case 'TIERS': return { tier: rng.pick(['Đủ', 'Một phần', 'Không']) };
    case 'RATIO': return { numerator: rng.int(0, 120), denominator: rng.int(1, 100) };
    case 'RELATIVE': return { figure: rng.int(0, 500) };
  }
  throw new Error(`no method on ${n.code}`);
}

describe('every figure agrees, everywhere (property)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it.each(SEEDS)('seed %p: every surface equals a hand computation after every step', async (seed) => {
    const rng = prng(seed);
    const { doc, fw } = randomFramework(rng, seed);
    const admin = w.tokens.admin;
    const leaders = { A: w.tokens.leaderA, B: w.tokens.leaderB } as const;
    const imported = (await ok(t.url, `mutation($d:JSONObject!){importFramework(document:$d){id criteria{id code}}}`, { d: doc }, admin)).importFramework;
    const idOf: Record<string, string> = Object.fromEntries(imported.criteria.map((c: any) => [c.code, c.id]));
    await ok(t.url, `mutation($id:ID!){publishFramework(id:$id){id}}`, { id: imported.id }, admin);
    const period = (
      await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{id}}}}`, { i: { name: `P${seed}`, frameworkId: imported.id, year: 2025, unitIds: [w.units.A, w.units.B] } }, admin)
    ).createPeriod;
    const aid = { A: period.assessments.find((a: any) => a.unit.id === w.units.A).id, B: period.assessments.find((a: any) => a.unit.id === w.units.B).id } as Record<'A' | 'B', string>;
    const phase = (p: string) => ok(t.url, `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p){phase}}`, { id: period.id, p }, admin);
    await phase('SELF_ASSESSMENT');

    const leaves = fw.nodes.filter((x) => x.method);
    // the model: what each unit entered, per round
    const self: Record<'A' | 'B', Map<string, Value>> = { A: new Map(), B: new Map() };
    const round1: Record<'A' | 'B', Map<string, Value>> = { A: new Map(), B: new Map() };
    let resultsExist = false;
    /** the stored results are a snapshot: the ranking is compared right after they are computed */
    let rankingFresh = false;
    let final = false;
    const log: string[] = [];

    const best = (values: Map<string, Value>[], code: string): number | null => {
      const figs = values.map((m) => m.get(code)).filter((v): v is Value => !!v && !v.notApplicable && v.figure !== undefined).map((v) => v.figure!);
      return figs.length ? Math.max(...figs) : null;
    };
    const scoresOf = (entered: Map<string, Value>, all: Map<string, Value>[]) => (code: string) => {
      const n = fw.nodes.find((x) => x.code === code)!;
      const v = entered.get(code) ?? null;
      const b = n.method === 'RELATIVE' ? (resultsExist ? (best(all, code) ?? 0) : null) : null;
      return { scoreH: leafScore(n, v, fw.notApplicable, b), notApplicable: !!v?.notApplicable };
    };
    const h = (x: number) => x / 100;

    const check = async (step: string) => {
      log.push(step);
      const where = `seed ${seed}, after ${log.join(' → ')}`;
      const rankingRows = rankingFresh
        ? (await ok(t.url, `query($id:ID!){ranking(periodId:$id,unitKind:DISTRICT){unit{id} selfTotal round1Total finalTotal total}}`, { id: period.id }, admin)).ranking
        : [];
      for (const u of ['A', 'B'] as const) {
        const a = (
          await ok(t.url, `query($id:ID!){assessment(id:$id){selfTotal appraisedTotal pendingMaxScore
            entries{criterion{code} selfScore round1Score finalScore notApplicable}
            progress{criterion{code} selfTotal maxScore appraisedTotal pendingMaxScore}}}`, { id: aid[u] }, leaders[u])
        ).assessment;
        const selfLeaf = scoresOf(self[u], [self.A, self.B]);
        const apprLeaf = scoresOf(round1[u], [round1.A, round1.B]);
        const selfTree = tree(fw, selfLeaf);
        const apprTree = tree(fw, apprLeaf);
        const pendingOf = (code: string) =>
          resultsExist
            ? 0
            : leaves
                .filter((l) => l.method === 'RELATIVE' && (l.code === code || l.code.startsWith(code + '.')))
                .filter((l) => { const v = self[u].get(l.code); return !!v && !v.notApplicable; })
                .reduce((s, l) => s + l.maxH, 0);
        const got = {
          selfTotal: a.selfTotal,
          appraisedTotal: a.appraisedTotal,
          pending: a.pendingMaxScore,
          entries: a.entries.map((e: any) => [e.criterion.code, e.selfScore, e.round1Score, e.notApplicable]),
          progress: a.progress.map((p: any) => [p.criterion.code, p.selfTotal, p.maxScore, p.appraisedTotal, p.pendingMaxScore]),
        };
        const scoreOrNull = (x: number | null) => (x === null ? null : h(x));
        const want = {
          selfTotal: h(reported(fw, selfTree)),
          appraisedTotal: round1[u].size ? h(reported(fw, apprTree)) : null,
          pending: h(fw.nodes.filter((x) => x.parent === null).reduce((sum, x) => sum + pendingOf(x.code), 0)),
          entries: leaves.map((l) => [l.code, scoreOrNull(selfLeaf(l.code).scoreH), round1[u].has(l.code) ? scoreOrNull(apprLeaf(l.code).scoreH) : null, selfLeaf(l.code).notApplicable]),
          progress: fw.nodes.map((x) => [x.code, h(selfTree.get(x.code)!.scoreH), h(selfTree.get(x.code)!.capH), h(apprTree.get(x.code)!.scoreH), h(pendingOf(x.code))]),
        };
        // entries and progress come in the framework's order, as the model lists them
        expect({ where, unit: u, ...got }).toEqual({ where, unit: u, ...want });

        const selfT = h(reported(fw, selfTree));
        const r1 = round1[u].size ? h(reported(fw, apprTree)) : null;
        const fin = final ? r1 : null;
        if (rankingFresh) {
          const row = rankingRows.find((r: any) => r.unit.id === w.units[u]);
          expect({ where, unit: u, ranking: [row.selfTotal, row.round1Total, row.finalTotal, row.total] }).toEqual({ where, unit: u, ranking: [selfT, r1, fin, fin ?? r1 ?? selfT] });
        }
        {
          const csv = await fetch(`${t.url}/export/assessment/${aid[u]}.csv`, { headers: { authorization: `Bearer ${admin}` } });
          const lines = (await csv.text()).trim().split(/\r?\n/);
          const cells = lines[lines.length - 1].split(',');
          const num = (c: string) => (c === '' ? null : Number(c));
          expect({ where, unit: u, csv: [num(cells[3]), num(cells[4]), num(cells[6])] }).toEqual({ where, unit: u, csv: [selfT, r1, fin] });
        }
      }
    };

    const saveSelf = async (u: 'A' | 'B', n: Node, v: Value) => {
      const versions = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: aid[u] }, leaders[u])).assessment.entries;
      const version = versions.find((e: any) => e.criterion.code === n.code).version;
      const r = await gql(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq}}`, { i: { assessmentId: aid[u], criterionId: idOf[n.code], expectedVersion: version, value: v } }, leaders[u]);
      expect({ seed, code: n.code, v, errors: r.errors }).toEqual({ seed, code: n.code, v, errors: undefined });
      self[u].set(n.code, v);
      rankingFresh = false;
    };

    try {
      await check('open');
      // random self saves by both units, results computed midway: RELATIVE pending, then written
      for (let k = 0; k < 8; k++) {
        const u = rng.pick(['A', 'B'] as const);
        const n = rng.pick(leaves);
        await saveSelf(u, n, randomValue(rng, n));
        await check(`${u} saves ${n.code}`);
        if (k === 4) {
          await ok(t.url, `mutation($id:ID!){computeResults(periodId:$id){rank}}`, { id: period.id }, admin);
          resultsExist = rankingFresh = true;
          await check('results computed');
        }
      }
      // every leaf scored, both submit
      for (const u of ['A', 'B'] as const) {
        for (const n of leaves) if (!self[u].has(n.code)) await saveSelf(u, n, randomValue(rng, n));
        await check(`${u} fills every leaf`);
        await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: aid[u] }, leaders[u]);
      }
      await phase('APPRAISAL');
      for (const u of ['A', 'B'] as const) {
        for (const n of leaves) {
          const v = rng.chance(0.5) ? self[u].get(n.code)! : randomValue(rng, n);
          const versions = (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: aid[u] }, admin)).assessment.entries;
          const version = versions.find((e: any) => e.criterion.code === n.code).version;
          const r = await gql(t.url, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){seq}}`, { i: { assessmentId: aid[u], criterionId: idOf[n.code], expectedVersion: version, value: v } }, w.tokens.appraiser);
          expect({ seed, code: n.code, v, errors: r.errors }).toEqual({ seed, code: n.code, v, errors: undefined });
          round1[u].set(n.code, v);
          rankingFresh = false;
        }
        await check(`${u} appraised`);
      }
      await ok(t.url, `mutation($id:ID!){computeResults(periodId:$id){rank}}`, { id: period.id }, admin);
      rankingFresh = true;
      await check('results computed again');
      for (const u of ['A', 'B'] as const) await ok(t.url, `mutation($id:ID!){finalizeAssessment(assessmentId:$id){status}}`, { id: aid[u] }, w.tokens.appraiser);
      final = true;
      await phase('FINALIZED');
      await ok(t.url, `mutation($id:ID!){publishResults(periodId:$id){phase}}`, { id: period.id }, admin);
      rankingFresh = true;
      await check('published');
    } catch (e) {
      throw new Error(`FIGURES_SEED=${seed} replays this (steps: ${log.join(' → ')}): ${(e as Error).message}`);
    }
  }, 120_000);
});

/**
 * Every figure agrees, everywhere (issue 11, DESIGN.md "Arithmetic"): random frameworks (every
 * method, N/A both ways, bonus and deduction at several depths, capTotal both ways) × random
 * operations by two units (self saves, N/A, pushed statistics, results, appraisal round 1, an
 * explanation round, appraisal round 2, finalization, publishing). After every step, every surface
 * read through the API — entries, progress rows, the assessment's totals and pending points, the
 * ranking, the improvement list, the score sheet's CSV and XLSX totals, the progress rows a
 * mutation answered with, and the state a subscriber rebuilds by replaying the live events it
 * received onto its first snapshot — equals a from-scratch recomputation (test/helpers/figures.ts,
 * which shares no code with the server's scoring). A failure names its seed: FIGURES_SEED=<seed>
 * replays it.
 */
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { leafScore, reported, tree, type Framework, type Method, type Node, type Value } from '../helpers/figures';
import { prng, randomTree, type Rng } from '../helpers/random-tree';
import { connect, eventually, type LiveClient, type Subscription } from '../helpers/socket';
import { buildWorld, type World } from '../helpers/world';

type U = 'A' | 'B';
const UNITS: U[] = ['A', 'B'];

const EVENTS = `subscription($id:ID!){assessmentEvents(assessmentId:$id){fromSeq seq selfTotal appraisedTotal pendingMaxScore
  entries{code selfScore round1Score round2Score finalScore notApplicable}
  progress{code selfTotal maxScore appraisedTotal pendingMaxScore}}}`;
/** the progress rows every mutation answers with, as the query gives them */
const ANSWER_ROWS = 'progress{criterionId selfTotal maxScore appraisedTotal pendingMaxScore}';

/** What a subscriber knows of an assessment: its first snapshot with every event since applied. */
interface Replayed {
  seq: number;
  selfTotal: number;
  appraisedTotal: number | null;
  pending: number;
  entries: Map<string, [number | null, number | null, number | null, number | null, boolean]>;
  progress: Map<string, [number, number, number, number]>;
}

/** The Total row of a score sheet (CSV or XLSX): self, round 1, round 2, final. */
const totalsOf = (cells: (string | number | null)[]) => {
  const num = (c: unknown) => (c === '' || c === null || c === undefined ? null : Number(c));
  return [num(cells[3]), num(cells[4]), num(cells[5]), num(cells[6])];
};

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
  let integrator: string;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    integrator = (await ok(t.url, `mutation{issueApiToken(name:"thống kê",scope:STATISTICS){secret}}`, {}, w.tokens.admin)).issueApiToken.secret;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  it.each(SEEDS)('seed %p: every surface equals a hand computation after every step', async (seed) => {
    const rng = prng(seed);
    const { doc, fw } = randomFramework(rng, seed);
    const admin = w.tokens.admin;
    const leaders = { A: w.tokens.leaderA, B: w.tokens.leaderB } as const;
    const imported = (await ok(t.url, `mutation($d:JSONObject!){importFramework(document:$d){id criteria{id code}}}`, { d: doc }, admin)).importFramework;
    const idOf: Record<string, string> = Object.fromEntries(imported.criteria.map((c: any) => [c.code, c.id]));
    const codeOf: Record<string, string> = Object.fromEntries(imported.criteria.map((c: any) => [c.id, c.code]));
    await ok(t.url, `mutation($id:ID!){publishFramework(id:$id){id}}`, { id: imported.id }, admin);
    const period = (
      await ok(t.url, `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id assessments{id unit{id}}}}`, { i: { name: `P${seed}`, frameworkId: imported.id, year: 2025, unitIds: [w.units.A, w.units.B] } }, admin)
    ).createPeriod;
    const aid = { A: period.assessments.find((a: any) => a.unit.id === w.units.A).id, B: period.assessments.find((a: any) => a.unit.id === w.units.B).id } as Record<U, string>;
    const phase = (p: string) => ok(t.url, `mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){phase}}`, { id: period.id, p }, admin);
    await phase('SELF_ASSESSMENT');

    // a subscriber per unit (its leader), from before the first change
    const before = t.app.live.hub.liveSubscriptionCount;
    const subs = {} as Record<U, Subscription<any>>;
    for (const u of UNITS) {
      const c = connect(t.url, leaders[u]);
      clients.push(c);
      subs[u] = c.subscribe(EVENTS, { id: aid[u] });
    }
    await eventually(() => t.app.live.hub.liveSubscriptionCount >= before + 2, 10_000, 'the subscriptions');
    const replayed = {} as Record<U, Replayed>;
    const applied = { A: 0, B: 0 } as Record<U, number>;

    const leaves = fw.nodes.filter((x) => x.method);
    // the model: what each unit entered, per round
    const self: Record<U, Map<string, Value>> = { A: new Map(), B: new Map() };
    const round1: Record<U, Map<string, Value>> = { A: new Map(), B: new Map() };
    const round2: Record<U, Map<string, Value>> = { A: new Map(), B: new Map() };
    /** the latest appraisal of each leaf: round 2 where held, else round 1 */
    const latest = (u: U) => new Map([...round1[u], ...round2[u]]);
    let resultsExist = false;
    /** the stored results are a snapshot: the ranking is compared right after they are computed */
    let rankingFresh = false;
    let final = false;
    /** the progress rows the last mutation answered with, compared with the query after it */
    let answer: { u: U; rows: any[] } | null = null;
    const log: string[] = [];

    const best = (values: Map<string, Value>[], code: string): number | null => {
      const figs = values.map((m) => m.get(code)).filter((v): v is Value => !!v && !v.notApplicable && v.figure !== undefined).map((v) => v.figure!);
      return figs.length ? Math.max(...figs) : null;
    };
    /** a leaf's score as `entered` gives it, a RELATIVE one against the best of `all` (once results exist) */
    const scoresOf = (entered: Map<string, Value>, all: Map<string, Value>[]) => (code: string) => {
      const n = fw.nodes.find((x) => x.code === code)!;
      const v = entered.get(code) ?? null;
      const b = n.method === 'RELATIVE' ? (resultsExist ? (best(all, code) ?? 0) : null) : null;
      return { scoreH: leafScore(n, v, fw.notApplicable, b), notApplicable: !!v?.notApplicable };
    };
    const h = (x: number) => x / 100;
    const scoreOrNull = (x: number | null) => (x === null ? null : h(x));

    const download = async (path: string) => {
      const r = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
      expect(r.status).toBe(200);
      return Buffer.from(await r.arrayBuffer());
    };
    const xlsxTotals = async (body: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(body as never);
      const ws = wb.worksheets[0];
      const last = ws.getRow(ws.rowCount);
      const cells: (string | number | null)[] = [];
      for (let i = 1; i <= 7; i++) cells.push((last.getCell(i).value as string | number | null) ?? null);
      return totalsOf(cells);
    };

    const replay = (u: U, ev: any, where: string) => {
      const r = replayed[u];
      if (ev.seq <= r.seq) return;
      // a gap would make a client refetch; on one process nothing is lost
      expect({ where, unit: u, fromSeq: ev.fromSeq }).toEqual({ where, unit: u, fromSeq: r.seq + 1 });
      r.seq = ev.seq;
      r.selfTotal = ev.selfTotal;
      r.appraisedTotal = ev.appraisedTotal ?? null;
      r.pending = ev.pendingMaxScore;
      for (const e of ev.entries) r.entries.set(e.code, [e.selfScore, e.round1Score, e.round2Score, e.finalScore, e.notApplicable]);
      for (const p of ev.progress) r.progress.set(p.code, [p.selfTotal, p.maxScore, p.appraisedTotal, p.pendingMaxScore]);
    };

    const check = async (step: string) => {
      log.push(step);
      const where = `seed ${seed}, after ${log.join(' → ')}`;
      const rankingRows = rankingFresh
        ? (await ok(t.url, `query($id:ID!){ranking(periodId:$id,unitKind:DISTRICT){unit{id} selfTotal round1Total finalTotal total}}`, { id: period.id }, admin)).ranking
        : [];
      for (const u of UNITS) {
        const a = (
          await ok(t.url, `query($id:ID!){assessment(id:$id){seq status selfTotal appraisedTotal pendingMaxScore
            entries{criterion{code} selfScore round1Score round2Score finalScore notApplicable}
            progress{criterionId criterion{code} selfTotal maxScore appraisedTotal pendingMaxScore}}
            improvementList(assessmentId:$id){code score pointsLost}}`, { id: aid[u] }, leaders[u])
        );
        const improvements = a.improvementList;
        const as = a.assessment;
        const selfLeaf = scoresOf(self[u], [self.A, self.B]);
        // every appraised figure against one best: the best latest appraised figure
        const peersLatest = [latest('A'), latest('B')];
        const apprLeaf = scoresOf(latest(u), peersLatest);
        const r1Leaf = scoresOf(round1[u], peersLatest);
        const selfTree = tree(fw, selfLeaf);
        const apprTree = tree(fw, apprLeaf);
        const r1Tree = tree(fw, r1Leaf);
        const pendingOf = (code: string) =>
          resultsExist
            ? 0
            : leaves
                .filter((l) => l.method === 'RELATIVE' && (l.code === code || l.code.startsWith(code + '.')))
                .filter((l) => { const v = self[u].get(l.code); return !!v && !v.notApplicable; })
                .reduce((s, l) => s + l.maxH, 0);
        const got = {
          selfTotal: as.selfTotal,
          appraisedTotal: as.appraisedTotal,
          pending: as.pendingMaxScore,
          entries: as.entries.map((e: any) => [e.criterion.code, e.selfScore, e.round1Score, e.round2Score, e.finalScore, e.notApplicable]),
          progress: as.progress.map((p: any) => [p.criterion.code, p.selfTotal, p.maxScore, p.appraisedTotal, p.pendingMaxScore]),
        };
        const appraisedAny = round1[u].size > 0;
        const want = {
          selfTotal: h(reported(fw, selfTree)),
          appraisedTotal: appraisedAny ? h(reported(fw, apprTree)) : null,
          pending: h(fw.nodes.filter((x) => x.parent === null).reduce((sum, x) => sum + pendingOf(x.code), 0)),
          entries: leaves.map((l) => [
            l.code,
            scoreOrNull(selfLeaf(l.code).scoreH),
            round1[u].has(l.code) ? scoreOrNull(r1Leaf(l.code).scoreH) : null,
            round2[u].has(l.code) ? scoreOrNull(apprLeaf(l.code).scoreH) : null,
            final ? scoreOrNull(apprLeaf(l.code).scoreH) : null,
            selfLeaf(l.code).notApplicable,
          ]),
          progress: fw.nodes.map((x) => [x.code, h(selfTree.get(x.code)!.scoreH), h(selfTree.get(x.code)!.capH), h(apprTree.get(x.code)!.scoreH), h(pendingOf(x.code))]),
        };
        // entries and progress come in the framework's order, as the model lists them
        expect({ where, unit: u, ...got }).toEqual({ where, unit: u, ...want });

        // the rows the last mutation answered with are the rows the query gives now
        if (answer?.u === u) {
          const now = new Map(as.progress.map((p: any) => [p.criterionId, [p.selfTotal, p.maxScore, p.appraisedTotal, p.pendingMaxScore]]));
          const rows = answer.rows.map((p: any) => [codeOf[p.criterionId], p.selfTotal, p.maxScore, p.appraisedTotal, p.pendingMaxScore]);
          expect({ where, unit: u, answer: rows }).toEqual({ where, unit: u, answer: answer.rows.map((p: any) => [codeOf[p.criterionId], ...(now.get(p.criterionId) as number[])]) });
        }

        // what a subscriber rebuilt from its snapshot and the events since
        if (!replayed[u]) {
          replayed[u] = {
            seq: as.seq,
            selfTotal: as.selfTotal,
            appraisedTotal: as.appraisedTotal,
            pending: as.pendingMaxScore,
            entries: new Map(as.entries.map((e: any) => [e.criterion.code, [e.selfScore, e.round1Score, e.round2Score, e.finalScore, e.notApplicable]])),
            progress: new Map(as.progress.map((p: any) => [p.criterion.code, [p.selfTotal, p.maxScore, p.appraisedTotal, p.pendingMaxScore]])),
          };
        } else {
          await subs[u].until((evs) => Math.max(replayed[u].seq, evs.length ? evs[evs.length - 1].assessmentEvents.seq : -1) >= as.seq, 10_000);
          for (; applied[u] < subs[u].events.length; applied[u]++) replay(u, subs[u].events[applied[u]].assessmentEvents, where);
          const r = replayed[u];
          expect({ where, unit: u, replayed: { seq: r.seq, selfTotal: r.selfTotal, appraisedTotal: r.appraisedTotal, pending: r.pending, entries: got.entries, progress: got.progress } }).toEqual({
            where,
            unit: u,
            replayed: {
              seq: as.seq,
              selfTotal: got.selfTotal,
              appraisedTotal: got.appraisedTotal,
              pending: got.pending,
              entries: [...r.entries].map(([code, e]) => [code, ...e]),
              progress: [...r.progress].map(([code, p]) => [code, ...p]),
            },
          });
        }

        const selfT = h(reported(fw, selfTree));
        const r1 = appraisedAny ? h(reported(fw, r1Tree)) : null;
        const r2 = round2[u].size ? h(reported(fw, apprTree)) : null;
        const fin = final ? (r2 ?? r1) : null;
        // the ranked total is the final one, else round 1, else self (docs/api.md): round 2 counts once final
        if (rankingFresh) {
          const row = rankingRows.find((r: any) => r.unit.id === w.units[u]);
          expect({ where, unit: u, ranking: [row.selfTotal, row.round1Total, row.finalTotal, row.total] }).toEqual({ where, unit: u, ranking: [selfT, r1, fin, fin ?? r1 ?? selfT] });
        }
        const csvLines = (await download(`/export/assessment/${aid[u]}.csv`)).toString('utf8').trim().split(/\r?\n/);
        expect({ where, unit: u, csv: totalsOf(csvLines[csvLines.length - 1].split(',')) }).toEqual({ where, unit: u, csv: [selfT, r1, r2, fin] });
        expect({ where, unit: u, xlsx: await xlsxTotals(await download(`/export/assessment/${aid[u]}.xlsx`)) }).toEqual({ where, unit: u, xlsx: [selfT, r1, r2, fin] });

        // the improvement list once results exist (before that a RELATIVE leaf has no score to judge)
        if (resultsExist) {
          const basis = final || appraisedAny ? apprLeaf : selfLeaf;
          const entered = final || appraisedAny ? latest(u) : self[u];
          const wantList = leaves
            .filter((l) => !entered.get(l.code)?.notApplicable)
            .map((l) => {
              const scoreH = basis(l.code).scoreH ?? 0;
              return { code: l.code, score: h(scoreH), pointsLost: h(l.method === 'DEDUCTION' ? -scoreH : l.maxH - scoreH) };
            })
            .filter((i) => i.pointsLost > 0)
            .sort((x, y) => y.pointsLost - x.pointsLost || leaves.findIndex((l) => l.code === x.code) - leaves.findIndex((l) => l.code === y.code));
          expect({ where, unit: u, improvements }).toEqual({ where, unit: u, improvements: wantList });
        }
      }
      answer = null;
    };

    const versionOf = async (u: U, code: string, token: string) =>
      (await ok(t.url, `query($id:ID!){assessment(id:$id){entries{criterion{code} version}}}`, { id: aid[u] }, token)).assessment.entries.find((e: any) => e.criterion.code === code).version;
    // a RELATIVE figure saved once results exist is rewritten right after the answer: the answer is of the moment before
    const keepAnswer = (u: U, n: Node, rows: any[]) => (answer = n.method === 'RELATIVE' && resultsExist ? null : { u, rows });

    const saveSelf = async (u: U, n: Node, v: Value) => {
      const version = await versionOf(u, n.code, leaders[u]);
      const r = await gql(t.url, `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq ${ANSWER_ROWS}}}`, { i: { assessmentId: aid[u], criterionId: idOf[n.code], expectedVersion: version, value: v } }, leaders[u]);
      expect({ seed, code: n.code, v, errors: r.errors }).toEqual({ seed, code: n.code, v, errors: undefined });
      self[u].set(n.code, v);
      keepAnswer(u, n, r.data.saveSelfScore.progress);
      rankingFresh = false;
    };
    /** an integrator pushes the figure of a RATIO or RELATIVE indicator, as a save of the unit would */
    const push = async (u: U, n: Node, v: Value) => {
      const r = await gql(t.url, `mutation($i:PushStatisticInput!){pushStatistic(input:$i){seq ${ANSWER_ROWS}}}`, { i: { periodId: period.id, unitCode: u, criterionCode: n.code, numerator: v.numerator, denominator: v.denominator, figure: v.figure } }, integrator);
      expect({ seed, code: n.code, v, errors: r.errors }).toEqual({ seed, code: n.code, v, errors: undefined });
      self[u].set(n.code, v);
      keepAnswer(u, n, r.data.pushStatistic.progress);
      rankingFresh = false;
    };
    const appraise = async (u: U, n: Node, v: Value, round: Map<string, Value>) => {
      const version = await versionOf(u, n.code, admin);
      const r = await gql(t.url, `mutation($i:SaveAppraisalInput!){saveAppraisal(input:$i){seq ${ANSWER_ROWS}}}`, { i: { assessmentId: aid[u], criterionId: idOf[n.code], expectedVersion: version, value: v } }, w.tokens.appraiser);
      expect({ seed, code: n.code, v, errors: r.errors }).toEqual({ seed, code: n.code, v, errors: undefined });
      round.set(n.code, v);
      keepAnswer(u, n, r.data.saveAppraisal.progress);
      rankingFresh = false;
    };
    const computeResults = async (step: string) => {
      await ok(t.url, `mutation($id:ID!){computeResults(periodId:$id){rank}}`, { id: period.id }, admin);
      resultsExist = rankingFresh = true;
      await check(step);
    };

    try {
      await check('open');
      // random self saves and pushed statistics by both units, results computed midway: RELATIVE pending, then written
      for (let k = 0; k < 8; k++) {
        const u = rng.pick(UNITS);
        const n = rng.pick(leaves);
        const v = randomValue(rng, n);
        if ((n.method === 'RATIO' || n.method === 'RELATIVE') && !v.notApplicable && rng.chance(0.5)) {
          await push(u, n, v);
          await check(`statistic for ${u} ${n.code}`);
        } else {
          await saveSelf(u, n, v);
          await check(`${u} saves ${n.code}`);
        }
        if (k === 4) await computeResults('results computed');
      }
      // every leaf scored, both submit
      for (const u of UNITS) {
        for (const n of leaves) if (!self[u].has(n.code)) await saveSelf(u, n, randomValue(rng, n));
        await check(`${u} fills every leaf`);
        await ok(t.url, `mutation($id:ID!){submitAssessment(assessmentId:$id){status}}`, { id: aid[u] }, leaders[u]);
      }
      await phase('APPRAISAL');
      for (const u of UNITS) {
        for (const n of leaves) await appraise(u, n, rng.chance(0.5) ? self[u].get(n.code)! : randomValue(rng, n), round1[u]);
        await check(`${u} appraised`);
      }
      await computeResults('results computed again');
      // an explanation round for A: the unit answers, no figure moves
      await ok(t.url, `mutation($id:ID!){returnForExplanation(assessmentId:$id){status}}`, { id: aid.A }, w.tokens.appraiser);
      await phase('EXPLANATION');
      const explained = rng.pick(leaves);
      await ok(t.url, `mutation($i:SaveExplanationInput!){saveExplanation(input:$i){seq}}`, { i: { assessmentId: aid.A, criterionId: idOf[explained.code], expectedVersion: await versionOf('A', explained.code, leaders.A), explanation: 'Đã bổ sung biên bản' } }, leaders.A);
      await check(`A explains ${explained.code}`);
      // round 2 revises some leaves of each unit
      await phase('FINAL_APPRAISAL');
      for (const u of UNITS) {
        for (const n of leaves) if (rng.chance(0.4)) await appraise(u, n, randomValue(rng, n), round2[u]);
        await check(`${u} appraised again`);
      }
      await computeResults('results computed after round 2');
      for (const u of UNITS) await ok(t.url, `mutation($id:ID!){finalizeAssessment(assessmentId:$id){status}}`, { id: aid[u] }, w.tokens.appraiser);
      final = true;
      await phase('FINALIZED');
      await ok(t.url, `mutation($id:ID!){publishResults(periodId:$id){phase}}`, { id: period.id }, admin);
      rankingFresh = true;
      await check('published');
    } catch (e) {
      throw new Error(`FIGURES_SEED=${seed} replays this (steps: ${log.join(' → ')}): ${(e as Error).message}`);
    } finally {
      for (const u of UNITS) subs[u].unsubscribe();
    }
  }, 180_000);
});

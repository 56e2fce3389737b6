/**
 * 7. Integrators: what another system does over the API, against the no-op ceiling of the same
 * run and server.
 *
 * - A paged read of a 200-unit period: `assessments(periodId, first: 100)` page by page, then
 *   every assessment's entries, a page of 50 leaves each, with a READ token. Closed loop, 8
 *   requests at once; throughput in requests/s set beside the no-op's (`query { me { id } }`, the
 *   cheapest authenticated request) in the same run, and the whole read's time.
 * - A bulk push: `pushStatistics` of 10,000 figures (200 units × 50 RATIO leaves) in one call with
 *   a STATISTICS token, all or nothing; its time set beside 10,000 no-ops sent 8 at a time.
 */
import { settle, type Ctx, type Figure, type Section } from '../lib/context';
import { generateFramework } from '../lib/framework';
import { GqlClient } from '../lib/gql';
import { closedLoop as loop } from '../lib/loop';
import { NOOP } from '../lib/ops';
import { startServer } from '../lib/server';
import { median, round, summary } from '../lib/stats';
import { buildWorld } from '../lib/world';

const ASSESSMENTS = `query Page($p: ID!, $after: String) { assessments(periodId: $p, first: 100, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id status seq unit { id code name } } } } }`;
const ENTRIES = `query Entries($a: ID!, $after: String) { entries(assessmentId: $a, first: 50, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id version state selfScore criterion { code } value { numerator denominator } } } } }`;
const PUSH = `mutation Push($i: PushStatisticsInput!) { pushStatistics(input: $i) { replayed selfScores sourceFigures } }`;

const CONCURRENCY = 8;

const closedLoop = <T>(jobs: T[], one: (job: T) => Promise<string | null>) => loop(jobs, one, CONCURRENCY);

const firstError = (r: { errors?: { message: string; extensions?: { code?: string } }[] }) => (r.errors?.length ? `${r.errors[0].extensions?.code ?? '?'}: ${r.errors[0].message.slice(0, 160)}` : null);

export async function integratorsBenchmark(ctx: Ctx): Promise<Section> {
  const { quick, db, runs } = ctx.opts;
  const units = quick ? 20 : 200;
  // the token budgets are per minute; the benchmark measures the API, not the budget
  const server = await startServer(db, { API_TOKEN_REQUESTS_PER_MINUTE: '1000000' });
  const gql = new GqlClient(server.url, CONCURRENCY);
  try {
    ctx.log(`7. integrators: server ${server.url} (pid ${server.pid}, ${db})`);
    const fw = generateFramework({ code: 'BENCH-INTEGRATORS', shape: [5, 10], mix: { RATIO: 1, BOOLEAN: 0, TIERS: 0 } });
    const world = await buildWorld(gql, { name: 'integrators', units, framework: fw, people: false });
    const token = async (scope: string) =>
      (await gql.ok(`mutation($n:String!,$s:TokenScope!){issueApiToken(name:$n,scope:$s){secret}}`, { n: `Hệ thống ${scope}`, s: scope }, world.adminToken)).issueApiToken.secret as string;
    const read = await token('READ');
    const stats = await token('STATISTICS');
    const unitCodes = (await gql.ok(`{ units { id code } }`, {}, world.adminToken)).units as { id: string; code: string }[];
    const codeOf = new Map(unitCodes.map((u) => [u.id, u.code]));
    const figures = world.assessments.flatMap((a) =>
      fw.leaves.map((l, i) => ({ unitCode: codeOf.get(a.unitId)!, criterionCode: l.code, numerator: 50 + ((i * 7) % 50), denominator: 100, sourceRef: `BC-${a.unitId.slice(0, 8)}-${l.code}` })),
    );
    ctx.log(`   ${units} units × ${fw.leaves.length} RATIO leaves: ${figures.length.toLocaleString('en-US')} figures`);

    const noops = (n: number) => closedLoop([...Array(n).keys()], async () => firstError(await gql.request(NOOP, {}, world.adminToken)));
    /** The whole period, page by page: the assessments' pages first, then each one's entries. */
    const pagedRead = async () => {
      const ids: string[] = [];
      let pages = 0;
      let after: string | null = null;
      const t0 = performance.now();
      for (;;) {
        const r: { data?: any; errors?: any[] } = await gql.request(ASSESSMENTS, { p: world.periodId, after }, read);
        pages++;
        const e = firstError(r);
        if (e) throw new Error(`assessments: ${e}`);
        const c: any = r.data.assessments;
        ids.push(...c.edges.map((x: { node: { id: string } }) => x.node.id));
        if (!c.pageInfo.hasNextPage) break;
        after = c.pageInfo.endCursor;
      }
      let entries = 0;
      const loop = await closedLoop(ids, async (id) => {
        let cursor: string | null = null;
        for (;;) {
          const r: { data?: any; errors?: any[] } = await gql.request(ENTRIES, { a: id, after: cursor }, read);
          pages++;
          const e = firstError(r);
          if (e) return e;
          entries += r.data.entries.edges.length;
          if (!r.data.entries.pageInfo.hasNextPage) return null;
          cursor = r.data.entries.pageInfo.endCursor;
        }
      });
      if (loop.errors.length) throw new Error(`entries: ${loop.errors[0]}`);
      if (ids.length !== units || entries !== units * fw.leaves.length) throw new Error(`read ${ids.length} assessments and ${entries} entries of ${units} × ${fw.leaves.length}`);
      return { ms: performance.now() - t0, pages, latencies: loop.latencies };
    };

    await noops(200); // warm-up
    await pagedRead();
    const rows: { noopRps: number; pageRps: number; readS: number; pages: number; pageP99: number; pushS: number; noop10kS: number; pushed: number }[] = [];
    for (let run = 1; run <= runs; run++) {
      await settle(server.pid);
      const n = await noops(quick ? 500 : 3000);
      if (n.errors.length) throw new Error(`no-op: ${n.errors[0]}`);
      await settle(server.pid);
      const p = await pagedRead();
      await settle(server.pid);
      const ten = await noops(figures.length);
      await settle(server.pid);
      const t0 = performance.now();
      const pushed = await gql.request(PUSH, { i: { periodId: world.periodId, idempotencyKey: `bench-${Date.now()}-${run}`, figures } }, stats);
      const pushS = (performance.now() - t0) / 1000;
      const e = firstError(pushed);
      if (e) throw new Error(`pushStatistics: ${e}`);
      const row = {
        noopRps: (n.latencies.length * 1000) / n.ms,
        pageRps: (p.pages * 1000) / p.ms,
        readS: p.ms / 1000,
        pages: p.pages,
        pageP99: summary(p.latencies).p99,
        pushS,
        noop10kS: ten.ms / 1000,
        pushed: pushed.data.pushStatistics.selfScores + pushed.data.pushStatistics.sourceFigures,
      };
      rows.push(row);
      ctx.log(
        `   run ${run}/${runs}: no-op ${round(row.noopRps)}/s; paged read ${row.pages} pages in ${round(row.readS, 2)} s = ${round(row.pageRps)} pages/s (${round(row.pageRps / row.noopRps, 2)} × no-op), page p99 ${round(row.pageP99)} ms; push of ${row.pushed} figures ${round(row.pushS, 2)} s vs ${figures.length} no-ops ${round(row.noop10kS, 2)} s`,
      );
    }
    const pageRatio = rows.map((r) => r.pageRps / r.noopRps);
    const pushRatio = rows.map((r) => r.pushS / r.noop10kS);
    const figuresOut: Figure[] = [
      {
        bench: 7,
        name: `Paged read of a ${units}-unit period (${rows[0].pages} pages: assessments by 100, entries by 50), pages/s ÷ no-ops/s`,
        target: '— (reference; a page of 50 entries against the cheapest request)',
        value: median(pageRatio),
        unit: '×',
        runs: pageRatio,
        met: null,
        limit: `whole read ${rows.map((r) => round(r.readS, 2)).join(' · ')} s; ${rows.map((r) => round(r.pageRps)).join(' · ')} pages/s against ${rows.map((r) => round(r.noopRps)).join(' · ')} no-ops/s; ${CONCURRENCY} at once`,
      },
      {
        bench: 7,
        name: `pushStatistics of ${figures.length.toLocaleString('en-US')} figures in one call ÷ ${figures.length.toLocaleString('en-US')} no-ops`,
        target: '— (reference)',
        value: median(pushRatio),
        unit: '×',
        runs: pushRatio,
        met: null,
        limit: `push ${rows.map((r) => round(r.pushS, 2)).join(' · ')} s (${rows.map((r) => round(figures.length / r.pushS)).join(' · ')} figures/s); the no-ops ${rows.map((r) => round(r.noop10kS, 2)).join(' · ')} s, ${CONCURRENCY} at once`,
      },
    ];
    return { bench: 7, title: 'Integrators: pages and bulk statistics', figures: figuresOut, detail: [], raw: rows };
  } finally {
    await gql.close();
    await server.stop();
  }
}

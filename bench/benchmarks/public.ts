/**
 * 8. Public results: what publication day asks of the server. A 200-unit period, scored (one
 * pushStatistics of every RATIO figure) and published, then per run, closed loops of 8 anonymous
 * requests at once, each set beside the no-op ceiling (`query { me { id } }`, signed in) of the
 * same run and server:
 *
 * - the ranking's data, GET /public/data/periods/:id/ranking/:kind.json, 200 with its body;
 * - the same with If-None-Match: 304 without a body (a browser or CDN revalidating);
 * - every unit's page once (200 different pages: each built, not found in the micro-cache).
 */
import { settle, type Ctx, type Figure, type Section } from '../lib/context';
import { generateFramework } from '../lib/framework';
import { GqlClient } from '../lib/gql';
import { closedLoop } from '../lib/loop';
import { NOOP } from '../lib/ops';
import { startServer } from '../lib/server';
import { median, round, summary } from '../lib/stats';
import { buildWorld } from '../lib/world';

const CONCURRENCY = 8;
const PUSH = `mutation Push($i: PushStatisticsInput!) { pushStatistics(input: $i) { selfScores } }`;

export async function publicBenchmark(ctx: Ctx): Promise<Section> {
  const { quick, db, runs } = ctx.opts;
  const units = quick ? 20 : 200;
  const requests = quick ? 300 : 2000;
  const server = await startServer(db, { API_TOKEN_REQUESTS_PER_MINUTE: '1000000' });
  const gql = new GqlClient(server.url, CONCURRENCY);
  try {
    ctx.log(`8. public results: server ${server.url} (pid ${server.pid}, ${db})`);
    const fw = generateFramework({ code: 'BENCH-PUBLIC', shape: [5, 10], mix: { RATIO: 1, BOOLEAN: 0, TIERS: 0 } });
    const world = await buildWorld(gql, { name: 'public', units, framework: fw, people: false });
    const admin = world.adminToken;
    const stats = (await gql.ok(`mutation{issueApiToken(name:"Số liệu",scope:STATISTICS){secret}}`, {}, admin)).issueApiToken.secret as string;
    const codeOf = new Map(((await gql.ok(`{ units { id code } }`, {}, admin)).units as { id: string; code: string }[]).map((u) => [u.id, u.code]));
    const figures = world.assessments.flatMap((a, u) => fw.leaves.map((l, i) => ({ unitCode: codeOf.get(a.unitId)!, criterionCode: l.code, numerator: (u * 13 + i * 7) % 101, denominator: 100 })));
    await gql.ok(PUSH, { i: { periodId: world.periodId, idempotencyKey: 'bench-public', figures } }, stats);
    for (const phase of ['APPRAISAL', 'FINALIZED']) {
      await gql.ok(`mutation($id:ID!,$p:Phase!){setPeriodPhase(id:$id,phase:$p,acknowledgeIncomplete:true){id}}`, { id: world.periodId, p: phase }, admin);
    }
    await gql.ok(`mutation($id:ID!){publishResults(periodId:$id,acknowledgeIncomplete:true){phase}}`, { id: world.periodId }, admin);
    const kind = (fw.document as { unitKind: string }).unitKind;
    const rankingPath = `/public/data/periods/${world.periodId}/ranking/${kind}.json`;

    /** One anonymous GET: null when it answered `status` (with a body, or without for 304). */
    const get = async (path: string, status: number, headers: Record<string, string> = {}): Promise<string | null> => {
      const res = await gql.pool.request({ path, method: 'GET', headers });
      const body = await res.body.text();
      if (res.statusCode !== status) return `GET ${path}: ${res.statusCode} ${body.slice(0, 160)}`;
      if ((status === 304) !== (body.length === 0)) return `GET ${path}: ${status} with ${body.length} bytes`;
      return null;
    };
    const first = await gql.pool.request({ path: rankingPath, method: 'GET' });
    const body = await first.body.text();
    const etag = String(first.headers.etag);
    const rows = (JSON.parse(body) as { rows: unknown[] }).rows.length;
    if (first.statusCode !== 200 || rows !== units) throw new Error(`the ranking answered ${first.statusCode} with ${rows} rows of ${units}`);
    ctx.log(`   ${units} units published; the ranking is ${round(body.length / 1024, 1)} KiB, ETag ${etag}`);

    const loop = async (n: number, one: (i: number) => Promise<string | null>) => {
      const r = await closedLoop([...Array(n).keys()], one, CONCURRENCY);
      if (r.errors.length) throw new Error(r.errors[0]);
      return { rps: (n * 1000) / r.ms, p99: summary(r.latencies).p99 };
    };
    const noop = (n: number) =>
      loop(n, async () => {
        const r = await gql.request(NOOP, {}, admin);
        return r.errors?.length ? `no-op: ${r.errors[0].message}` : null;
      });
    await noop(200); // warm-up
    await loop(200, () => get(rankingPath, 200));
    const results: { noopRps: number; fullRps: number; fullP99: number; notModifiedRps: number; notModifiedP99: number; unitPagesRps: number }[] = [];
    let pagesRead = 0; // when every unit's page was last read (each kept PUBLIC_CACHE_MS, 5 s)
    for (let run = 1; run <= runs; run++) {
      // every unit's page once, built: the micro-cache's copies of the last run have lapsed
      await new Promise((r) => setTimeout(r, Math.max(0, pagesRead + 5500 - performance.now())));
      await settle(server.pid);
      const pages = await loop(units, (i) => get(`/public/data/periods/${world.periodId}/units/${world.assessments[i].unitId}.json`, 200));
      pagesRead = performance.now();
      await settle(server.pid);
      const n = await noop(requests);
      await settle(server.pid);
      const full = await loop(requests, () => get(rankingPath, 200));
      await settle(server.pid);
      const notModified = await loop(requests, () => get(rankingPath, 304, { 'if-none-match': etag }));
      const row = { noopRps: n.rps, fullRps: full.rps, fullP99: full.p99, notModifiedRps: notModified.rps, notModifiedP99: notModified.p99, unitPagesRps: pages.rps };
      results.push(row);
      ctx.log(
        `   run ${run}/${runs}: no-op ${round(row.noopRps)}/s; ranking 200 ${round(row.fullRps)}/s (${round(row.fullRps / row.noopRps, 2)} ×, p99 ${round(row.fullP99, 1)} ms); 304 ${round(row.notModifiedRps)}/s (${round(row.notModifiedRps / row.noopRps, 2)} ×, p99 ${round(row.notModifiedP99, 1)} ms); ${units} unit pages built ${round(row.unitPagesRps)}/s`,
      );
    }
    const per = (f: (r: (typeof results)[number]) => number) => results.map(f);
    const all = (f: (r: (typeof results)[number]) => number, digits = 0) => results.map((r) => round(f(r), digits)).join(' · ');
    const out: Figure[] = [
      {
        bench: 8,
        name: `Public ranking data of a ${units}-unit period (${round(body.length / 1024, 1)} KiB), anonymous GET 200 ÷ no-op`,
        target: '— (reference)',
        value: median(per((r) => r.fullRps / r.noopRps)),
        unit: '×',
        runs: per((r) => r.fullRps / r.noopRps),
        met: null,
        limit: `${all((r) => r.fullRps)} requests/s against ${all((r) => r.noopRps)} no-ops/s, ${CONCURRENCY} at once; p99 ${all((r) => r.fullP99, 1)} ms; built once per PUBLIC_CACHE_MS, then hashed bytes written out`,
      },
      {
        bench: 8,
        name: 'The same revalidated (If-None-Match → 304, no body) ÷ no-op',
        target: '— (reference)',
        value: median(per((r) => r.notModifiedRps / r.noopRps)),
        unit: '×',
        runs: per((r) => r.notModifiedRps / r.noopRps),
        met: null,
        limit: `${all((r) => r.notModifiedRps)} requests/s; p99 ${all((r) => r.notModifiedP99, 1)} ms`,
      },
      {
        bench: 8,
        name: `Every unit's public page once (${units} pages, each built: not in the micro-cache), pages/s`,
        target: '— (reference)',
        value: median(per((r) => r.unitPagesRps)),
        unit: '/s',
        runs: per((r) => r.unitPagesRps),
        met: null,
        limit: 'each: the unit\u2019s stored result, its history over published periods, JSON and a SHA-256 of it',
      },
    ];
    return { bench: 8, title: 'Public results: anonymous page data', figures: out, detail: [], raw: results };
  } finally {
    await gql.close();
    await server.stop();
  }
}

/**
 * 6. Notifications on the save path: the same self saves, closed loop, one client per unit, with a
 * comment that @mentions someone (each save writes a notification and its outbox e-mail in the
 * save's own batch, and announces it live) and with a comment that mentions nobody; the two
 * alternate in the same run against one server sending its outbox to a real SMTP server on
 * 127.0.0.1. Target: a save that notifies costs at most 1.2× one that does not.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { settle, type Ctx, type Figure, type Section } from '../lib/context';
import { generateFramework } from '../lib/framework';
import { GqlClient } from '../lib/gql';
import { ADMIN, startServer } from '../lib/server';
import { median, round } from '../lib/stats';
import { buildWorld } from '../lib/world';

const SAVE = `mutation($i:SaveSelfScoreInput!){saveSelfScore(input:$i){seq entry{version}}}`;

interface Phase {
  saves: number;
  ms: number;
  meanMs: number;
  errors: number;
  /** errors by extensions.code */
  codes: Record<string, number>;
}

export async function notificationsBenchmark(ctx: Ctx): Promise<Section> {
  const { quick, db, runs } = ctx.opts;
  let accepted = 0;
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData: (s, _x, cb) => (s.on('data', () => undefined), s.on('end', () => (accepted++, cb()))) });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  const server = await startServer(db, { SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '200' });
  const gql = new GqlClient(server.url);
  try {
    ctx.log(`6. notifications: server ${server.url} (pid ${server.pid}, ${db}), mail to ${smtpUrl}`);
    const fw = generateFramework({ code: 'BENCH-NOTIFY', criteria: 60, maxDepth: 3, groups: 4 });
    const units = quick ? 2 : 4;
    const world = await buildWorld(gql, { name: 'notify', units, framework: fw, staff: true });
    const leaves = world.leaves.filter((l) => l.method === 'MANUAL');
    const tag = 'notify';
    // each client: its assessment, the versions it last saw, and whom its comments mention (the
    // unit's leader and the ADMIN in turn, so that every mentioning save tells someone new)
    const clients = world.assessments.map((a, i) => ({
      a,
      versions: new Map<string, number>(),
      next: 0,
      mention: [`@lanhdao.${tag}${i + 1}@bench.local`, `@${ADMIN.email}`],
      turn: 0,
    }));

    // the versions as they are (assigning the criteria moved them)
    for (const c of clients) {
      const d = await gql.ok(`query($id:ID!){assessment(id:$id){entries{criterion{id} version}}}`, { id: c.a.id }, c.a.staffToken!);
      for (const e of d.assessment.entries as { criterion: { id: string }; version: number }[]) c.versions.set(e.criterion.id, e.version);
    }

    const phase = async (mentions: boolean, ms: number): Promise<Phase> => {
      let saves = 0;
      let errors = 0;
      let total = 0;
      const codes: Record<string, number> = {};
      const until = Date.now() + ms;
      const started = Date.now();
      await Promise.all(
        clients.map(async (c) => {
          while (Date.now() < until) {
            const leaf = leaves[c.next++ % leaves.length];
            const comment = mentions ? `${c.mention[c.turn++ % 2]} xem giúp ${saves}` : `ghi chú ${saves}`;
            const t0 = performance.now();
            const r = await gql.request(SAVE, { i: { assessmentId: c.a.id, criterionId: leaf.id, value: { points: round(leaf.max / 2) }, comment, expectedVersion: c.versions.get(leaf.id) ?? 0 } }, c.a.staffToken!);
            total += performance.now() - t0;
            if (r.errors) {
              errors++;
              const code = String((r.errors[0].extensions as { code?: string } | undefined)?.code ?? 'UNKNOWN');
              codes[code] = (codes[code] ?? 0) + 1;
              const current = (r.errors[0].extensions as { current?: { version: number } } | undefined)?.current;
              if (current) c.versions.set(leaf.id, current.version);
            } else {
              saves++;
              c.versions.set(leaf.id, r.data.saveSelfScore.entry.version);
            }
          }
        }),
      );
      return { saves, ms: Date.now() - started, meanMs: total / Math.max(1, saves + errors), errors, codes };
    };

    const stepMs = quick ? 1500 : 5000;
    await phase(false, quick ? 500 : 2000); // warm-up, not reported
    await phase(true, quick ? 500 : 2000);
    const plain: Phase[] = [];
    const notifying: Phase[] = [];
    for (let run = 1; run <= runs; run++) {
      await settle(server.pid);
      plain.push(await phase(false, stepMs));
      await settle(server.pid);
      notifying.push(await phase(true, stepMs));
      const p = plain[plain.length - 1];
      const n = notifying[notifying.length - 1];
      ctx.log(`   run ${run}/${runs}: plain ${round((p.saves * 1000) / p.ms)}/s mean ${round(p.meanMs)} ms; notifying ${round((n.saves * 1000) / n.ms)}/s mean ${round(n.meanMs)} ms (errors ${JSON.stringify(p.codes)}/${JSON.stringify(n.codes)}); e-mails accepted so far ${accepted}`);
    }
    const ratios = plain.map((p, i) => notifying[i].meanMs / p.meanMs);
    const figures: Figure[] = [
      {
        bench: 6,
        name: 'Save that notifies ÷ save that does not (mean latency, closed loop)',
        target: '≤ 1.2×',
        value: median(ratios),
        unit: '×',
        runs: ratios,
        met: median(ratios) <= 1.2,
        limit: `${units} clients saving at once; the notifying save also looks up the mentioned people, writes a notification and its outbox row in the save's batch and publishes it; the outbox is sent meanwhile (${accepted} e-mails accepted)`,
      },
      {
        bench: 6,
        name: 'Saves per second, notifying',
        target: '— (reference)',
        value: median(notifying.map((n) => (n.saves * 1000) / n.ms)),
        unit: '/s',
        runs: notifying.map((n) => (n.saves * 1000) / n.ms),
        met: null,
        limit: `plain: ${round(median(plain.map((p) => (p.saves * 1000) / p.ms)))}/s`,
      },
    ];
    return { bench: 6, title: 'Notifications on the save path', figures, detail: [], raw: { plain, notifying } };
  } finally {
    await gql.close();
    await server.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  }
}

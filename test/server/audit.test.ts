import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuditRecord } from '../../server/src/modules/audit/audit-record.entity';
import { AuditService } from '../../server/src/modules/audit/audit.service';
import { parseCsv } from '../../server/src/modules/sheets/csv';
import { Unit } from '../../server/src/modules/unit/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, type World } from '../helpers/world';

const LOG = `query($first:Int!,$after:String,$filter:AuditLogFilter){ auditLog(first:$first, after:$after, filter:$filter){
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { seq at actorId actorLabel ip userAgent action objectType objectId before after prevHash hash } } } }`;
const VERIFY_SCRIPT = join(__dirname, '..', '..', 'server', 'dist', 'scripts', 'audit-verify.js');

describe('the audit log', () => {
  let t: TestApp;
  let w: World;
  const log = (filter: Record<string, unknown>, first = 100, after?: string) => ok(t.url, LOG, { first, after, filter }, w.tokens.admin).then((d) => d.auditLog);
  const last = async (action: string) => (await log({ action })).edges[0]?.node;
  const count = () => t.orm.em.fork().count(AuditRecord, {});
  const admin = (query: string, variables: Record<string, unknown> = {}, userAgent = 'chamdiem-test') =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.tokens.admin}`, 'user-agent': userAgent },
      body: JSON.stringify({ query, variables }),
    }).then(async (r) => (await r.json()) as { data?: any; errors?: any[] });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t); // units, users, a framework imported and published, a period opened, criteria assigned: all through the API
  });
  afterAll(() => t?.close());

  describe('records every administrative action with who, when, from where and before → after', () => {
    it('should have recorded the setup: units, users, framework, period, assignments', async () => {
      const unit = await last('unit.create');
      expect(unit).toMatchObject({ actorLabel: 'Admin', objectType: 'Unit', before: null });
      expect(unit.after).toMatchObject({ code: 'C1', kind: 'COMMUNE' });
      expect(unit.ip).toMatch(/127\.0\.0\.1/);
      const user = (await log({ action: 'user.create', objectId: w.userIds.staffA })).edges[0].node;
      expect(user.after).toMatchObject({ email: 'staff.a@test', role: 'STAFF', unit: w.units.A });
      expect(JSON.stringify(user.after)).not.toMatch(/argon|passwordHash/);
      expect((await last('framework.import')).after).toMatchObject({ code: 'TEST-FW', status: 'DRAFT' });
      const published = await last('framework.publish');
      expect([published.before.status, published.after.status]).toEqual(['DRAFT', 'PUBLISHED']);
      expect((await last('period.create')).after).toMatchObject({ id: w.periodId, unitIds: [w.units.A, w.units.B] });
      const phase = (await log({ action: 'period.setPhase', objectId: w.periodId })).edges.at(-1).node;
      expect([phase.before.phase, phase.after.phase]).toEqual(['DRAFT', 'SELF_ASSESSMENT']);
      const assigned = await log({ action: 'assessment.assign' });
      expect(assigned.totalCount).toBe(2);
      expect(assigned.edges.map((e: any) => e.node.actorId)).toContain(w.userIds.leaderA);
      const byLeaderA = assigned.edges.find((e: any) => e.node.actorId === w.userIds.leaderA).node;
      expect(byLeaderA).toMatchObject({ actorLabel: 'leader.a@test', objectType: 'Assessment', objectId: w.assessmentA });
      expect(byLeaderA.after).toMatchObject({ assigneeId: w.userIds.staffA, criterionIds: expect.any(Array) });
    });

    it('should record user changes, tokens, results with the user agent', async () => {
      const rename = await admin(`mutation($id:ID!){ updateUser(id:$id, input:{ name: "Chị Lan" }){ id } }`, { id: w.userIds.viewer }, 'Mozilla/5.0 audit');
      expect(rename.errors).toBeUndefined();
      const update = await last('user.update');
      expect([update.before.name, update.after.name]).toEqual(['viewer@test', 'Chị Lan']);
      expect(update.userAgent).toBe('Mozilla/5.0 audit');
      expect(update.objectId).toBe(w.userIds.viewer);
      await admin(`mutation($id:ID!){ setUserActive(id:$id, active:false){ id } }`, { id: w.userIds.staffA2 });
      const disabled = await last('user.disable');
      expect([disabled.before.active, disabled.after.active]).toEqual([true, false]);

      const issued = (await admin(`mutation { issueApiToken(name: "Cổng dịch vụ công", scope: READ){ token { id } secret } }`)).data.issueApiToken;
      const issue = await last('apiToken.issue');
      expect(issue).toMatchObject({ objectType: 'ApiToken', objectId: issued.token.id });
      expect(JSON.stringify(issue.after)).not.toContain(issued.secret);
      expect(JSON.stringify(issue.after)).not.toMatch(/secretHash/);
      await admin(`mutation($id:ID!){ revokeApiToken(id:$id){ id } }`, { id: issued.token.id });
      const revoke = await last('apiToken.revoke');
      expect(revoke.before.revokedAt).toBeNull();
      expect(revoke.after.revokedAt).toEqual(expect.any(String));

      const csv = Buffer.from('code,title,max_score,method\n1,Nhóm,1,\n1.1,Lá,1,BOOLEAN\n').toString('base64');
      await admin(`mutation($i:ImportFrameworkSheetInput!){ importFrameworkSheet(input:$i){ id } }`, {
        i: { fileBase64: csv, format: 'CSV', code: 'SHEET', name: 'Sheet', year: 2025, unitKind: 'DISTRICT', notApplicable: 'FULL', bands: [{ label: 'A', minPercent: 0 }] },
      });
      expect((await last('framework.importSheet')).after).toMatchObject({ code: 'SHEET' });

      await admin(`mutation($id:ID!){ computeResults(periodId:$id){ rank } }`, { id: w.periodId });
      expect((await last('results.compute')).after).toEqual({ results: 2 });
    });

    it('should record a password reset code issued by the ADMIN, without the code', async () => {
      const r = await admin(`mutation($id:ID!){ resetPassword(userId:$id){ code expiresAt } }`, { id: w.userIds.viewer });
      expect(r.errors).toBeUndefined();
      const reset = await last('user.resetPassword');
      expect(reset).toMatchObject({ objectType: 'User', objectId: w.userIds.viewer, after: { userId: w.userIds.viewer } });
      expect(JSON.stringify(reset)).not.toContain(r.data.resetPassword.code);
    });

    it('should leave no record for a refused action', async () => {
      const before = await count();
      const r = await admin(`mutation { createUnit(input: { code: "A", name: "Trùng mã", kind: DISTRICT }) { id } }`);
      expect(r.errors?.[0]?.extensions?.code).toBeDefined();
      expect(await count()).toBe(before);
    });

    it('should write the record in the action’s transaction: when the record cannot be written, the action is undone', async () => {
      const before = await count();
      const append = jest.spyOn(AuditService.prototype, 'append').mockRejectedValueOnce(new Error('disk full'));
      try {
        const r = await admin(`mutation { createUnit(input: { code: "GHOST", name: "Không có", kind: OTHER }) { id } }`);
        expect(r.errors).toBeDefined();
      } finally {
        append.mockRestore();
      }
      expect(await t.orm.em.fork().count(Unit, { code: 'GHOST' })).toBe(0);
      expect(await count()).toBe(before);
    });

    it('should keep one chain when administrators act at once', async () => {
      const before = await count();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => admin(`mutation($c:String!){ createUnit(input: { code: $c, name: $c, kind: OTHER }) { id } }`, { c: `PAR${i}` })),
      );
      expect(results.every((r) => !r.errors)).toBe(true);
      expect(await count()).toBe(before + 12);
      expect(await new AuditService(t.orm.em.fork()).verify()).toMatchObject({ ok: true, records: before + 12 });
    });
  });

  describe('reading it', () => {
    it('should be for ADMIN only, as a query and as a CSV file', async () => {
      for (const token of [w.tokens.leaderA, w.tokens.staffA, w.tokens.appraiser, w.tokens.viewer]) {
        const r = await gql(t.url, LOG, { first: 5 }, token);
        expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(r.data ?? null).toBeNull();
        const res = await fetch(`${t.url}/export/audit-log.csv`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(403);
      }
      expect((await gql(t.url, LOG, { first: 5 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('should page newest first with a cursor, counting every match', async () => {
      const all = await log({}, 100);
      const total = all.totalCount;
      expect(total).toBeGreaterThan(20);
      const seen: number[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await log({}, 7, after);
        expect(page.totalCount).toBe(total);
        seen.push(...page.edges.map((e: any) => e.node.seq));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => total - i));
      const bad = await gql(t.url, LOG, { first: 101 }, w.tokens.admin);
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await gql(t.url, LOG, { first: 5, after: 'nope' }, w.tokens.admin)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('should filter by action, actor, object and time', async () => {
      const byLeader = await log({ actorId: w.userIds.leaderA });
      expect(byLeader.totalCount).toBe(1);
      expect(byLeader.edges[0].node.action).toBe('assessment.assign');
      const period = await log({ objectType: 'Period', objectId: w.periodId });
      expect(period.edges.map((e: any) => e.node.action).sort()).toEqual(['period.create', 'period.setPhase', 'results.compute']);
      const newest = (await log({}, 1)).edges[0].node;
      expect((await log({ from: newest.at })).edges.map((e: any) => e.node.seq)).toContain(newest.seq);
      expect((await log({ to: '2000-01-01T00:00:00Z' })).totalCount).toBe(0);
    });

    it('should export the same records as CSV through the neutralizing writer', async () => {
      await admin(`mutation { createUnit(input: { code: "CSV1", name: "Đơn vị", kind: OTHER }) { id } }`, {}, '=HYPERLINK("http://x.invalid","ok")');
      const res = await fetch(`${t.url}/export/audit-log.csv?action=unit.create`, { headers: { authorization: `Bearer ${w.tokens.admin}` } });
      expect(res.status).toBe(200);
      const rows = parseCsv(Buffer.from(await res.arrayBuffer()).toString('utf8'));
      expect(rows[0]).toEqual(['seq', 'at', 'actor_id', 'actor', 'ip', 'user_agent', 'action', 'object_type', 'object_id', 'before', 'after', 'prev_hash', 'hash']);
      expect(rows.length - 1).toBe((await log({ action: 'unit.create' })).totalCount);
      const mine = rows.find((r) => r[10].includes('"CSV1"'))!;
      expect(mine[5]).toBe(`'=HYPERLINK("http://x.invalid","ok")`);
    });
  });

  describe('tamper evidence', () => {
    const exec = (sql: string) => t.orm.em.fork().getConnection().execute(sql);

    it('should refuse to change or delete a record in the database itself', async () => {
      await expect(exec(`update "audit_record" set "action" = 'x' where "seq" = 1`)).rejects.toThrow(/append-only/);
      await expect(exec(`delete from "audit_record" where "seq" = 1`)).rejects.toThrow(/append-only/);
    });

    it('should find a record changed behind the triggers, with npm run audit:verify naming it', async () => {
      expect(await new AuditService(t.orm.em.fork()).verify()).toMatchObject({ ok: true });
      // someone with the database's own rights lifts the protection and edits record 3
      if (t.config.databaseUrl) {
        await exec(`alter table "audit_record" disable trigger "audit_record_no_change"`);
        await exec(`update "audit_record" set "after_json" = '{"code":"FORGED"}' where "seq" = 3`);
      } else {
        await exec('drop trigger `audit_record_no_update`');
        await exec(`update "audit_record" set "after_json" = '{"code":"FORGED"}' where "seq" = 3`);
      }
      const result = await new AuditService(t.orm.em.fork()).verify();
      expect(result).toMatchObject({ ok: false, records: 2, broken: { seq: 3 } });

      expect(existsSync(VERIFY_SCRIPT)).toBe(true); // npm test builds the server first
      const env = { PATH: process.env.PATH, NODE_ENV: 'test', DATA_DIR: t.config.dataDir, SQLITE_PATH: t.config.sqlitePath, TOKEN_SECRET: t.config.tokenSecret, ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}) };
      const run = spawnSync(process.execPath, [VERIFY_SCRIPT], { env, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/BROKEN at record 3 .*content does not match its hash/);
    });
  });
});

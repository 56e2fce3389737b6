/**
 * Issue 16, point 4: units and people in bulk from spreadsheets (importPeopleSheet), all or
 * nothing, previewed first; editing a unit (updateUnit) and a period (updatePeriod).
 */
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { buildWorld, type World } from '../helpers/world';

const IMPORT = `mutation($i:ImportPeopleSheetInput!){importPeopleSheet(input:$i){applied unitsCreated unitsUpdated usersCreated usersUpdated
  units{row action code name kind parentCode changed} users{row action email name role unitCode changed}}}`;
const UNITS = `{units{id code name kind parent{code}}}`;
const USERS = `{users{id email name role unit{code}}}`;
const LOG = `query($f:AuditLogFilter){auditLog(first:10,filter:$f){totalCount edges{node{action objectType objectId before after}}}}`;

const csv = (rows: string[][]) => ({ fileBase64: Buffer.from(rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'), 'utf8').toString('base64'), format: 'CSV' });
async function xlsx(rows: (string | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Người dùng');
  for (const r of rows) ws.addRow(r);
  return { fileBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), format: 'XLSX' };
}

describe('people in bulk', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  const units = async () => (await ok(t.url, UNITS, {}, admin)).units as any[];
  const users = async () => (await ok(t.url, USERS, {}, admin)).users as any[];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    admin = w.tokens.admin;
  });
  afterAll(() => t?.close());

  describe('importPeopleSheet', () => {
    const unitSheet = csv([
      ['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Đơn vị cấp trên'],
      ['HUYEN-X', 'Huyện X', 'huyện', ''],
      ['XA-1', 'Xã Một', 'COMMUNE', 'HUYEN-X'],
      ['A', 'Unit A (đổi tên)', 'DISTRICT', ''],
      ['B', 'Unit B', 'DISTRICT', ''],
    ]);
    const userSheet = csv([
      ['email', 'name', 'role', 'unit'],
      ['Lanhdao.x@test', 'Lãnh đạo X', 'lãnh đạo', 'HUYEN-X'],
      ['canbo.xa1@test', 'Cán bộ xã', 'STAFF', 'XA-1'],
      ['staff2.a@test', 'Moved to B', 'STAFF', 'B'],
      ['viewer@test', 'viewer@test', 'VIEWER', ''],
    ]);

    it('should preview what would change, row by row, writing nothing', async () => {
      const [u0, p0] = [await units(), await users()];
      const r = (await ok(t.url, IMPORT, { i: { units: unitSheet, users: userSheet, dryRun: true } }, admin)).importPeopleSheet;
      expect(r).toMatchObject({ applied: false, unitsCreated: 2, unitsUpdated: 1, usersCreated: 2, usersUpdated: 1 });
      expect(r.units).toEqual([
        { row: 2, action: 'CREATE', code: 'HUYEN-X', name: 'Huyện X', kind: 'DISTRICT', parentCode: null, changed: [] },
        { row: 3, action: 'CREATE', code: 'XA-1', name: 'Xã Một', kind: 'COMMUNE', parentCode: 'HUYEN-X', changed: [] },
        { row: 4, action: 'UPDATE', code: 'A', name: 'Unit A (đổi tên)', kind: 'DISTRICT', parentCode: null, changed: ['name'] },
        { row: 5, action: 'UNCHANGED', code: 'B', name: 'Unit B', kind: 'DISTRICT', parentCode: null, changed: [] },
      ]);
      expect(r.users.map((u: any) => [u.row, u.action, u.email, u.role, u.unitCode, u.changed])).toEqual([
        [2, 'CREATE', 'lanhdao.x@test', 'LEADER', 'HUYEN-X', []],
        [3, 'CREATE', 'canbo.xa1@test', 'STAFF', 'XA-1', []],
        [4, 'UPDATE', 'staff2.a@test', 'STAFF', 'B', ['name', 'unit']],
        [5, 'UNCHANGED', 'viewer@test', 'VIEWER', null, []],
      ]);
      expect(await units()).toEqual(u0);
      expect(await users()).toEqual(p0);
      expect((await ok(t.url, LOG, { f: { action: 'people.import' } }, admin)).auditLog.totalCount).toBe(0);
    });

    it('should refuse a sheet with problems, naming every one by sheet, row and column, and change nothing', async () => {
      const [u0, p0] = [await units(), await users()];
      const bad = await xlsx([
        ['email', 'name', 'role', 'unit'],
        ['not-an-email', 'X', 'STAFF', 'A'],
        ['ok1@test', '', 'STAFF', 'A'],
        ['ok2@test', 'Y', 'KING', 'A'],
        ['ok3@test', 'Z', 'LEADER', 'NOWHERE'],
        ['ok4@test', 'W', 'VIEWER', 'A'],
        ['OK5@test', 'V', 'STAFF', 'A'],
        ['ok5@test', 'V', 'STAFF', 'A'],
      ]);
      const r = await gql(t.url, IMPORT, { i: { units: csv([['code', 'name', 'kind', 'parent'], ['bad code!', 'N', 'DISTRICT', ''], ['LOOP1', 'L1', 'OTHER', 'LOOP2'], ['LOOP2', 'L2', 'OTHER', 'LOOP1']]), users: bad } }, admin);
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const problems = r.errors![0].extensions!.problems as any[];
      expect(problems.map((p) => [p.path, p.code])).toEqual([
        ['units: row 2, code', 'INVALID_UNIT_CODE'],
        ['units: row 3, parent', 'UNIT_CYCLE'],
        ['units: row 4, parent', 'UNIT_CYCLE'],
        ['users: row 2, email', 'INVALID_EMAIL'],
        ['users: row 3, name', 'REQUIRED'],
        ['users: row 4, role', 'NOT_ONE_OF'],
        ['users: row 5, unit', 'UNKNOWN_REFERENCE'],
        ['users: row 6, unit', 'ROLE_UNIT_MISMATCH'],
        ['users: row 8, email', 'DUPLICATE'],
      ]);
      expect(problems[5].params).toMatchObject({ sheet: 'users', row: 4, column: 'role', value: 'KING' });
      expect(problems[8].params).toMatchObject({ value: 'ok5@test', first: 7 });
      expect(await units()).toEqual(u0);
      expect(await users()).toEqual(p0);
    });

    it('should refuse a kind change of a unit that takes part in a period, and an unknown or missing column', async () => {
      const kind = await gql(t.url, IMPORT, { i: { units: csv([['code', 'name', 'kind'], ['A', 'Unit A', 'COMMUNE']]) } }, admin);
      expect(kind.errors![0].extensions!.problems).toMatchObject([{ path: 'units: row 2, kind', code: 'UNIT_KIND_LOCKED', params: { unit: 'A' } }]);
      const cols = await gql(t.url, IMPORT, { i: { users: csv([['email', 'tên', 'colour'], ['x@test', 'X', 'red']]) } }, admin);
      expect(cols.errors![0].extensions!.problems.map((p: any) => p.code)).toEqual(['UNKNOWN_COLUMN', 'MISSING_COLUMN']);
      const unreadable = await gql(t.url, IMPORT, { i: { users: { fileBase64: Buffer.from('not a zip').toString('base64'), format: 'XLSX' } } }, admin);
      expect(unreadable.errors![0].extensions!.problems).toMatchObject([{ code: 'UNREADABLE_FILE', params: { sheet: 'users' } }]);
    });

    it('should apply the same sheets in one go: units with their parents, people in their units, the moved person unassigned, one audit record', async () => {
      const r = (await ok(t.url, IMPORT, { i: { units: unitSheet, users: userSheet } }, admin)).importPeopleSheet;
      expect(r).toMatchObject({ applied: true, unitsCreated: 2, unitsUpdated: 1, usersCreated: 2, usersUpdated: 1 });
      const after = await units();
      expect(after.find((u) => u.code === 'XA-1')).toMatchObject({ name: 'Xã Một', kind: 'COMMUNE', parent: { code: 'HUYEN-X' } });
      expect(after.find((u) => u.code === 'A').name).toBe('Unit A (đổi tên)');
      const people = await users();
      expect(people.find((u) => u.email === 'lanhdao.x@test')).toMatchObject({ name: 'Lãnh đạo X', role: 'LEADER', unit: { code: 'HUYEN-X' } });
      expect(people.find((u) => u.email === 'staff2.a@test')).toMatchObject({ name: 'Moved to B', unit: { code: 'B' } });
      // a new person has no password until a reset code is handed out
      const login = await gql(t.url, `mutation{login(email:"canbo.xa1@test",password:""){token}}`);
      expect(login.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const log = (await ok(t.url, LOG, { f: { action: 'people.import' } }, admin)).auditLog;
      expect(log.totalCount).toBe(1);
      const recorded = log.edges[0].node.after;
      expect(recorded.units.map((u: any) => u.code)).toEqual(['HUYEN-X', 'XA-1', 'A']);
      expect(recorded.users.map((u: any) => u.email)).toEqual(['lanhdao.x@test', 'canbo.xa1@test', 'staff2.a@test']);
      // applying again changes nothing
      const again = (await ok(t.url, IMPORT, { i: { units: unitSheet, users: userSheet, dryRun: true } }, admin)).importPeopleSheet;
      expect(again).toMatchObject({ unitsCreated: 0, unitsUpdated: 0, usersCreated: 0, usersUpdated: 0 });
    });

    it('should be for ADMIN only', async () => {
      for (const who of ['leaderA', 'staffA', 'viewer', 'appraiser'] as const) {
        const r = await gql(t.url, IMPORT, { i: { units: unitSheet, dryRun: true } }, w.tokens[who]);
        expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('should serve the templates, which import as they are', async () => {
      for (const [which, sheet] of [['units', 'units'], ['users', 'users']] as const) {
        const res = await fetch(`${t.url}/export/templates/${which}.csv`, { headers: { authorization: `Bearer ${admin}` } });
        expect(res.status).toBe(200);
        const body = Buffer.from(await res.arrayBuffer());
        expect(body.toString('utf8')).toContain(which === 'units' ? 'code,name,kind,parent' : 'email,name,role,unit');
        const xl = await fetch(`${t.url}/export/templates/${which}.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
        expect(xl.headers.get('content-disposition')).toMatch(/attachment; filename="mau-/);
        if (sheet === 'units') {
          const r = (await ok(t.url, IMPORT, { i: { units: { fileBase64: Buffer.from(await xl.arrayBuffer()).toString('base64'), format: 'XLSX' }, dryRun: true } }, admin)).importPeopleSheet;
          expect(r.units.map((u: any) => u.action)).toEqual(['CREATE', 'CREATE']);
        }
      }
      const forbidden = await fetch(`${t.url}/export/templates/units.csv`, { headers: { authorization: `Bearer ${w.tokens.staffA}` } });
      expect(forbidden.status).toBe(403);
    });
  });

  describe('updateUnit', () => {
    const UPDATE = `mutation($id:ID!,$i:UpdateUnitInput!){updateUnit(id:$id,input:$i){id code name kind parent{code}}}`;
    it('should rename a unit and move it under another, audited', async () => {
      const r = (await ok(t.url, UPDATE, { id: w.units.commune, i: { name: 'Xã C1 mới', parentId: w.units.B } }, admin)).updateUnit;
      expect(r).toMatchObject({ name: 'Xã C1 mới', kind: 'COMMUNE', parent: { code: 'B' } });
      const rec = (await ok(t.url, LOG, { f: { action: 'unit.update', objectId: w.units.commune } }, admin)).auditLog.edges[0].node;
      expect(rec.before.name).toBe('Unit C1');
      expect(rec.after.name).toBe('Xã C1 mới');
      const top = (await ok(t.url, UPDATE, { id: w.units.commune, i: { parentId: null } }, admin)).updateUnit;
      expect(top.parent).toBeNull();
    });
    it('should refuse a cycle, a locked kind and an empty name, changing nothing', async () => {
      await ok(t.url, UPDATE, { id: w.units.commune, i: { parentId: w.units.B } }, admin);
      const r = await gql(t.url, UPDATE, { id: w.units.B, i: { name: ' ', kind: 'COMMUNE', parentId: w.units.commune } }, admin);
      expect(r.errors![0].extensions!.problems.map((p: any) => [p.path, p.code])).toEqual([
        ['name', 'REQUIRED'],
        ['kind', 'UNIT_KIND_LOCKED'],
        ['parentId', 'UNIT_CYCLE'],
      ]);
      expect((await units()).find((u) => u.code === 'B')).toMatchObject({ name: 'Unit B', kind: 'DISTRICT', parent: null });
      expect((await gql(t.url, UPDATE, { id: w.units.B, i: { name: 'X' } }, w.tokens.leaderB)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('updatePeriod', () => {
    const UPDATE = `mutation($id:ID!,$i:UpdatePeriodInput!){updatePeriod(id:$id,input:$i){id name phase selfAssessmentDeadline appraisalDeadline assessments{unit{code} entries{id}}}}`;
    const CREATE = `mutation($i:CreatePeriodInput!){createPeriod(input:$i){id}}`;
    it('should change the units taking part while DRAFT: added units get their assessment, removed ones lose it', async () => {
      const id = (await ok(t.url, CREATE, { i: { name: 'Kỳ 2026', frameworkId: w.frameworkId, year: 2026, unitIds: [w.units.A] } }, admin)).createPeriod.id;
      const r = (await ok(t.url, UPDATE, { id, i: { name: 'Kỳ đánh giá 2026', unitIds: [w.units.B], selfAssessmentDeadline: '2026-03-31T10:00:00.000Z' } }, admin)).updatePeriod;
      expect(r.name).toBe('Kỳ đánh giá 2026');
      expect(r.selfAssessmentDeadline).toBe('2026-03-31T10:00:00.000Z');
      expect(r.assessments.map((a: any) => a.unit.code)).toEqual(['B']);
      expect(r.assessments[0].entries).toHaveLength(10);
      const rec = (await ok(t.url, LOG, { f: { action: 'period.update', objectId: id } }, admin)).auditLog.edges[0].node;
      expect(rec.before.name).toBe('Kỳ 2026');
      expect(rec.after.unitIds).toEqual([w.units.B]);
      // a commune cannot join a district framework's period
      const wrong = await gql(t.url, UPDATE, { id, i: { unitIds: [w.units.B, w.units.commune] } }, admin);
      expect(wrong.errors![0].extensions!.problems).toMatchObject([{ path: 'unitIds', code: 'UNIT_KIND_MISMATCH' }]);
    });
    it('should keep the units once the period has opened, and refuse deadlines out of order', async () => {
      const r = await gql(t.url, UPDATE, { id: w.periodId, i: { unitIds: [w.units.A], appraisalDeadline: '2025-01-01T00:00:00Z', selfAssessmentDeadline: '2025-02-01T00:00:00Z' } }, admin);
      expect(r.errors![0].extensions!.problems.map((p: any) => [p.path, p.code])).toEqual([
        ['appraisalDeadline', 'INVALID_DATE'],
        ['unitIds', 'PERIOD_ALREADY_OPEN'],
      ]);
      const p = (await ok(t.url, `query($id:ID!){period(id:$id){name assessments{id}}}`, { id: w.periodId }, admin)).period;
      expect(p.assessments).toHaveLength(2);
      const renamed = (await ok(t.url, UPDATE, { id: w.periodId, i: { name: 'Kỳ 2025 (sửa)' } }, admin)).updatePeriod;
      expect(renamed.name).toBe('Kỳ 2025 (sửa)');
      expect((await gql(t.url, UPDATE, { id: w.periodId, i: { name: 'X' } }, w.tokens.leaderA)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });
});

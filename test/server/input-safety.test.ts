/**
 * NUL and Unicode bidirectional controls (issue 12, point 8) are refused in every string argument
 * and variable after parsing — also when written as an escape inside the query text — over HTTP,
 * over the socket and in evidence uploads, with BAD_USER_INPUT naming the argument, and nothing
 * is stored.
 */
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, type World } from '../helpers/world';

const UNITS = `{ units { code name } }`;
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const hex = (c: string) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

describe('unsafe text in input', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  const units = async () => JSON.stringify((await ok(t.url, UNITS, {}, w.tokens.admin)).units);

  describe('over HTTP', () => {
    it('should refuse a NUL written as an escape inside the query text, naming the argument', async () => {
      const before = await units();
      // the JSON body carries a backslash and "u0000": only the GraphQL parser turns it into NUL
      const r = await gql(t.url, `mutation { createUnit(input: { code: "NUL1", name: "Sơn\\u0000Hà", kind: DISTRICT }) { id } }`, {}, w.tokens.admin);
      expect(r.status).toBe(400);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.problems).toMatchObject([{ path: 'createUnit.input.name', message: expect.stringContaining('NUL') }]);
      expect(await units()).toBe(before);
    });

    it('should refuse a NUL in a variable, naming it', async () => {
      const r = await gql(t.url, `mutation($i:CreateUnitInput!){ createUnit(input:$i) { id } }`, { i: { code: 'NUL2', name: 'a\u0000b', kind: 'DISTRICT' } }, w.tokens.admin);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.problems).toMatchObject([{ path: '$i.name', message: expect.stringContaining('NUL') }]);
    });

    it.each(BIDI.map((c) => [hex(c), c]))('should refuse the bidirectional control %s in a name', async (code, c) => {
      const before = await units();
      const r = await gql(t.url, `mutation($i:CreateUnitInput!){ createUnit(input:$i) { id } }`, { i: { code: 'BIDI', name: `invoice${c}txt.pdf`, kind: 'DISTRICT' } }, w.tokens.admin);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.problems).toMatchObject([{ path: '$i.name', message: expect.stringContaining(code) }]);
      expect(await units()).toBe(before);
    });

    it('should refuse a bidirectional control in an evidence link title, and attach nothing', async () => {
      const attach = `mutation($i:AttachEvidenceLinkInput!){ attachEvidenceLink(input:$i) { id } }`;
      const input = { assessmentId: w.assessmentA, criterionId: w.criteria['1.1'], url: 'https://example.org/decision', title: 'Quyết định\u202eFDP.exe' };
      const r = await gql(t.url, attach, { i: input }, w.tokens.staffA);
      expect(r.errors?.[0]?.extensions?.problems).toMatchObject([{ path: '$i.title', message: expect.stringContaining('U+202E') }]);
      const literal = await gql(t.url, `mutation { attachEvidenceLink(input: { assessmentId: "${w.assessmentA}", criterionId: "${w.criteria['1.1']}", url: "https://example.org/x", title: "a\\u202Eb" }) { id } }`, {}, w.tokens.staffA);
      expect(literal.errors?.[0]?.extensions?.problems).toMatchObject([{ path: 'attachEvidenceLink.input.title', message: expect.stringContaining('U+202E') }]);
      const entry = await ok(t.url, `query($id:ID!){ assessment(id:$id) { entries { criterion { code } evidence { id } } } }`, { id: w.assessmentA }, w.tokens.staffA);
      expect(entry.assessment.entries.find((e: any) => e.criterion.code === '1.1').evidence).toEqual([]);
    });

    it('should accept Vietnamese text with its combining marks and right-to-left letters', async () => {
      const r = await gql(t.url, `mutation($i:CreateUnitInput!){ createUnit(input:$i) { name } }`, { i: { code: 'VN1', name: 'Thành phố Sơn Hà — Phòng Nội vụ (مكتب)', kind: 'DISTRICT' } }, w.tokens.admin);
      expect(r.errors).toBeUndefined();
      expect(r.data.createUnit.name).toBe('Thành phố Sơn Hà — Phòng Nội vụ (مكتب)');
    });
  });

  describe('over the socket', () => {
    it('should refuse a NUL escape in the text of a subscription, naming the argument', async () => {
      const c = connect(t.url, w.tokens.staffA);
      clients.push(c);
      const sub = c.subscribe(`subscription { presence(assessmentId: "${w.assessmentA}", sessionId: "tab-\\u0000-1") { members { userId } } }`);
      await eventually(() => sub.errors.length > 0 || sub.events.length > 0, 5000, 'an answer');
      expect(sub.events).toEqual([]);
      const [error] = sub.errors.flat(); // graphql-ws: an error message carries the list of errors
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.problems).toMatchObject([{ path: 'presence.sessionId', message: expect.stringContaining('NUL') }]);
    });

    it('should refuse a bidirectional control in a variable of a mutation sent over the socket', async () => {
      const c = connect(t.url, w.tokens.admin);
      clients.push(c);
      const before = await units();
      const sub = c.subscribe(`mutation($i:CreateUnitInput!){ createUnit(input:$i) { id } }`, { i: { code: 'WS1', name: 'x\u2067y', kind: 'DISTRICT' } });
      await eventually(() => sub.errors.length > 0 || sub.events.length > 0, 5000, 'an answer');
      expect(sub.events).toEqual([]);
      const [error] = sub.errors.flat();
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.problems).toMatchObject([{ path: '$i.name', message: expect.stringContaining('U+2067') }]);
      expect(await units()).toBe(before);
    });
  });

  describe('in evidence uploads', () => {
    it('should refuse a file name with a bidirectional control and store nothing', async () => {
      const fd = new FormData();
      fd.append('assessmentId', w.assessmentA);
      fd.append('criterionId', w.criteria['1.1']);
      fd.append('file', new Blob([Buffer.from('plain text evidence\n')], { type: 'text/plain' }), 'invoice\u202etxt.pdf');
      const res = await fetch(`${t.url}/evidence`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${w.tokens.staffA}` } });
      expect(res.status).toBe(400);
      const body = (await res.json()) as any;
      expect(body.code).toBe('BAD_USER_INPUT'); // the evidence routes' error shape (docs/api.md)
      expect(body.problems).toMatchObject([{ path: 'file', message: expect.stringContaining('U+202E') }]);
      const entry = await ok(t.url, `query($id:ID!){ assessment(id:$id) { entries { criterion { code } evidence { id } } } }`, { id: w.assessmentA }, w.tokens.staffA);
      expect(entry.assessment.entries.find((e: any) => e.criterion.code === '1.1').evidence).toEqual([]);
    });
  });
});

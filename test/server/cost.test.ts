import { loadConfig } from '../../server/src/config';
import { PeriodService } from '../../server/src/modules/period/period.service';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql, ok } from '../helpers/gql';
import { connect, eventually, type LiveClient } from '../helpers/socket';
import { buildWorld, type World } from '../helpers/world';

const defaults = loadConfig({ NODE_ENV: 'test' }, { tokenSecret: 'x'.repeat(40), dataDir: '/tmp' }).limits;

/** A whole period with every entry's history and evidence, read `n` times over by aliases. */
const fanOut = (n: number) =>
  `query($id:ID!){ ${Array.from({ length: n }, (_, i) => `p${i}: period(id:$id){ id assessments { id status
    entries { id version selfScore comment state evidence { id name size } history { version round actor { id name } } }
    progress { criterionId selfTotal maxScore leaves leavesScored } } }`).join('\n')} }`;

/** The same without history and evidence: cheap on a small framework, not on a large one. */
const plainFanOut = `query($id:ID!){ ${Array.from({ length: 15 }, (_, i) => `p${i}: period(id:$id){ assessments { entries { id selfScore } progress { criterionId selfTotal } } }`).join('\n')} }`;

/** A framework of `groups` × 99 MANUAL leaves. */
const largeFramework = (groups: number) => ({
  code: 'LARGE', name: 'Large', year: 2025, unitKind: 'DISTRICT', notApplicable: 'RESCALE',
  bands: [{ label: 'A', minPercent: 0 }],
  criteria: Array.from({ length: groups }, (_, g) => ({
    code: String(g + 1), title: `Group ${g + 1}`, maxScore: 99,
    children: Array.from({ length: 99 }, (_, l) => ({ code: `${g + 1}.${l + 1}`, title: `Leaf ${l + 1}`, maxScore: 1, method: 'MANUAL' })),
  })),
});

describe('the cost limit counts list sizes', () => {
  let t: TestApp;
  let w: World;
  const clients: LiveClient[] = [];
  let periodReads: jest.SpyInstance;
  beforeAll(async () => {
    // counts recounted on every operation, so that the test sees the framework it imports at once
    t = await startTestApp({ limits: { ...defaults, listSizeTtlMs: 0 } });
    w = await buildWorld(t);
    periodReads = jest.spyOn(PeriodService.prototype, 'get');
  });
  afterEach(() => periodReads.mockClear());
  afterAll(async () => {
    periodReads.mockRestore();
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  it('should refuse fifteen aliases of a whole period over HTTP before anything is read, saying the cost and the budget', async () => {
    const r = await gql(t.url, fanOut(15), { id: w.periodId }, w.tokens.admin);
    expect(r.data ?? null).toBeNull();
    const e = r.errors![0];
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.extensions?.maxCost).toBe(defaults.maxCost);
    expect(e.extensions?.cost).toBeGreaterThan(defaults.maxCost);
    expect(e.message).toContain(Number(e.extensions!.cost).toLocaleString('en-US'));
    expect(e.message).toContain(defaults.maxCost.toLocaleString('en-US'));
    expect(periodReads).not.toHaveBeenCalled();
  });

  it('should still answer the same read once', async () => {
    const r = await ok(t.url, fanOut(1), { id: w.periodId }, w.tokens.admin);
    expect(r.p0.assessments).toHaveLength(2);
    expect(periodReads).toHaveBeenCalledTimes(1);
  });

  it('should refuse the fan-out on the socket too', async () => {
    const c = connect(t.url, w.tokens.admin);
    clients.push(c);
    const sub = c.subscribe(fanOut(15), { id: w.periodId });
    await eventually(() => sub.errors.length > 0, 5000, 'the refusal');
    expect(sub.errors.flat()[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(periodReads).not.toHaveBeenCalled();
  });

  it('should price a list by what the database holds: a large framework makes the same fan-out refused', async () => {
    const before = await gql(t.url, plainFanOut, { id: w.periodId }, w.tokens.admin);
    expect(before.errors).toBeUndefined();
    await ok(t.url, `mutation($d:JSONObject!){importFramework(document:$d){id}}`, { d: largeFramework(30) }, w.tokens.admin);
    const after = await gql(t.url, plainFanOut, { id: w.periodId }, w.tokens.admin);
    expect(after.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(after.data ?? null).toBeNull();
  });
});

import { createLogger } from '../../server/src/common/logger';
import { seed } from '../../server/src/seeders/seed';
import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';

describe('the demo province', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  });
  afterAll(() => t?.close());

  it('should seed an empty database with units, every role, a 170-point framework and a period under way', async () => {
    const result = await seed(t.orm, t.config, createLogger('silent'));
    expect(result.seeded).toBe('demo');
    expect(new Set(result.logins.map((l) => l.role))).toEqual(new Set(['ADMIN', 'LEADER', 'STAFF', 'APPRAISER', 'VIEWER']));
    const leader = result.logins.find((l) => l.email === 'lanhdao.sonha@chamdiem.local')!;
    const token = (await ok(t.url, `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, { e: leader.email, p: leader.password })).login.token;
    const data = await ok(t.url, `{ units { id } frameworks { maxScore criteria { method } } periods { phase assessments { status selfTotal entries { state } } } }`, {}, token);
    expect(data.units.length).toBeGreaterThanOrEqual(8);
    expect(data.frameworks[0].maxScore).toBe(170);
    expect(new Set(data.frameworks[0].criteria.map((c: any) => c.method).filter(Boolean)).size).toBe(7);
    expect(data.periods[0].phase).toBe('SELF_ASSESSMENT');
    const own = data.periods[0].assessments[0];
    expect(own.status).toBe('IN_PROGRESS');
    expect(own.entries.filter((e: any) => e.state === 'DONE').length).toBeGreaterThan(10);
    expect(own.selfTotal).toBeGreaterThan(0);
    // a second start finds users and leaves everything alone
    expect((await seed(t.orm, t.config, createLogger('silent'))).seeded).toBe('none');
  });
});

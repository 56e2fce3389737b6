import { startTestApp, type TestApp } from '../helpers/app';
import { ok } from '../helpers/gql';
import { buildWorld, save, type World } from '../helpers/world';

describe('a world', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it('should save a score', async () => {
    const r = await save(t, w, w.tokens.staffA, '1.1', { points: 1.5 });
    expect(r.errors).toBeUndefined();
    expect(r.data.saveSelfScore.entry.selfScore).toBe(1.5);
    const a = await ok(t.url, `query($id:ID!){assessment(id:$id){selfTotal progress{criterion{code} selfTotal}}}`, { id: w.assessmentA }, w.tokens.leaderA);
    expect(a.assessment.selfTotal).toBe(1.5);
  });
});

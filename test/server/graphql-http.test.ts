import { auditServer } from 'graphql-http';
import { startTestApp, type TestApp } from '../helpers/app';

/** The GraphQL-over-HTTP conformance audits of the graphql-http package, against the real server. */
describe('GraphQL over HTTP conformance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('should pass every audit with no error', async () => {
    const results = await auditServer({ url: `${t.url}/graphql` });
    const errors = results.filter((r) => r.status === 'error');
    const failures = await Promise.all(errors.map(async (r) => `${r.id} ${r.name}: ${r.status === 'error' ? r.reason : ''}`));
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThan(20);
  });
});

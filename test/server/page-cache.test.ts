import { matches, PageCache } from '../../server/src/modules/public/page-cache';

/** The public pages' micro-cache: one build for a crowd, nothing kept of a refusal. */
describe('the public pages’ micro-cache', () => {
  it('should build a page once for every reader within its time, then again', async () => {
    const cache = new PageCache(50);
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 10));
      return { n: builds };
    };
    const pages = await Promise.all(Array.from({ length: 20 }, () => cache.get('ranking', build)));
    expect(builds).toBe(1);
    expect(new Set(pages.map((p) => p.etag)).size).toBe(1);
    expect(JSON.parse(pages[0].body.toString())).toEqual({ n: 1 });
    await new Promise((r) => setTimeout(r, 60));
    expect(JSON.parse((await cache.get('ranking', build)).body.toString())).toEqual({ n: 2 });
  });

  it('should never keep a refusal: a period published a moment later shows at once', async () => {
    const cache = new PageCache(60_000);
    let published = false;
    const build = async () => {
      if (!published) throw new Error('NOT_FOUND');
      return { ok: true };
    };
    await expect(cache.get('p', build)).rejects.toThrow('NOT_FOUND');
    published = true;
    expect(JSON.parse((await cache.get('p', build)).body.toString())).toEqual({ ok: true });
  });

  it('should keep nothing with a time of 0, and no more bytes than its bound, the oldest going first', async () => {
    let builds = 0;
    const none = new PageCache(0);
    await none.get('a', async () => ++builds);
    await none.get('a', async () => ++builds);
    expect(builds).toBe(2);
    // room for two bodies of 3 bytes ("a" in JSON)
    const small = new PageCache(60_000, 6);
    for (const k of ['a', 'b', 'c']) await small.get(k, async () => k);
    let kept = true;
    await small.get('c', async () => ((kept = false), 'c'));
    expect(kept).toBe(true);
    let rebuilt = false;
    await small.get('a', async () => ((rebuilt = true), 'a'));
    expect(rebuilt).toBe(true);
  });

  it('should read If-None-Match as RFC 9110 does: lists, weak forms and *', () => {
    expect(matches('"x"', '"x"')).toBe(true);
    expect(matches('"y", W/"x"', '"x"')).toBe(true);
    expect(matches('*', '"x"')).toBe(true);
    expect(matches('"y"', '"x"')).toBe(false);
    expect(matches(undefined, '"x"')).toBe(false);
  });
});

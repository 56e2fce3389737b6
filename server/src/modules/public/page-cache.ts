import { createHash } from 'node:crypto';

/** A public answer as it goes out: the JSON bytes and their strong validator. */
export interface Page {
  body: Buffer;
  /** a strong ETag: a hash of the body, so every process of a deployment names the same answer alike */
  etag: string;
}

export function pageOf(value: unknown): Page {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}

/** Whether an If-None-Match header names this ETag (a list, `*`, or weak forms: RFC 9110 13.1.2). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * A micro-cache of the public answers, per process: on publication day every reader asks for the
 * same few pages, and building one reads hundreds of result rows. An answer is kept `ttlMs`
 * (0: never) and built once however many ask for it meanwhile; failures (NOT_FOUND: a period
 * not published yet) are never kept, so publishing shows at once. A kept answer is at most
 * `ttlMs` older than the database: well within the max-age the answers declare anyway.
 */
export class PageCache {
  private readonly pages = new Map<string, { page: Page; until: number }>();
  private readonly building = new Map<string, Promise<Page>>();
  private bytes = 0;

  /** `maxBytes`: what the kept bodies may take together (the oldest go first); a published period's pages are a few hundred KiB */
  constructor(
    private readonly ttlMs: number,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  private drop(key: string): void {
    const kept = this.pages.get(key);
    if (!kept) return;
    this.bytes -= kept.page.body.length;
    this.pages.delete(key);
  }

  async get(key: string, build: () => Promise<unknown>): Promise<Page> {
    const now = Date.now();
    const kept = this.pages.get(key);
    if (kept && kept.until > now) return kept.page;
    if (kept) this.drop(key);
    let pending = this.building.get(key);
    if (!pending) {
      pending = build().then(pageOf);
      this.building.set(key, pending);
      // (settled before any caller resumes: these handlers are the first registered)
      pending.then(
        (page) => {
          this.building.delete(key);
          if (this.ttlMs <= 0 || page.body.length > this.maxBytes) return;
          this.drop(key);
          // the oldest entries go first (a Map keeps insertion order)
          while (this.bytes + page.body.length > this.maxBytes) this.drop(this.pages.keys().next().value!);
          this.pages.set(key, { page, until: Date.now() + this.ttlMs });
          this.bytes += page.body.length;
        },
        () => this.building.delete(key),
      );
    }
    return pending;
  }
}

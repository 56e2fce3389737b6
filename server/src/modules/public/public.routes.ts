import { Router, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { notFoundJson } from '../../common/http-errors';
import type { Logger } from '../../common/logger';
import type { Config } from '../../config';
import type { Em, Orm } from '../../orm';
import { UnitKind } from '../unit/unit.entity';
import { PublicResultsService } from './public.service';
import { matches, PageCache } from './page-cache';

/** What a published answer may be kept for by browsers and shared caches (a CDN in front). */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

const STATUS: Record<string, number> = { NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/** "DISTRICT.json" → "DISTRICT"; null without the extension. */
const stem = (file: string): string | null => (file.endsWith('.json') ? file.slice(0, -'.json'.length) : null);

/**
 * The public pages' data, without sign-in: the answers of the public GraphQL queries
 * (public.resolver.ts, the same service), as GETs that browsers and caches keep:
 *   GET /public/data/periods.json                                publicPeriods
 *   GET /public/data/periods/:id.json                            publicPeriod
 *   GET /public/data/periods/:id/ranking/:unitKind.json          publicRanking
 *   GET /public/data/periods/:id/units/:unitId.json              publicUnitResult
 * Each 200 carries a strong ETag (a hash of the body) and PUBLIC_CACHE_CONTROL; a request whose
 * If-None-Match names it gets 304 without a body. A period that is not PUBLISHED is 404
 * NOT_FOUND like one that does not exist, and never kept by a cache.
 */
export function publicRoutes(config: Config, orm: Orm, log: Logger): Router {
  const router = Router();
  const cache = new PageCache(config.publicCacheMs);
  const serve =
    (key: (req: Request) => string | null, build: (service: PublicResultsService, req: Request) => Promise<unknown>) =>
    async (req: Request, res: Response): Promise<void> => {
      const started = process.hrtime.bigint();
      try {
        const k = key(req);
        if (k === null) throw new GraphQLError('Nothing is served at this path.', { extensions: { code: 'NOT_FOUND' } });
        const page = await cache.get(k, () => build(new PublicResultsService(orm.em.fork() as Em), req));
        res.setHeader('ETag', page.etag);
        res.setHeader('Cache-Control', PUBLIC_CACHE_CONTROL);
        if (matches(req.headers['if-none-match'], page.etag)) {
          res.status(304).end();
          return;
        }
        res.status(200);
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', String(page.body.length));
        res.end(page.body);
      } catch (e) {
        const code = e instanceof GraphQLError ? e.extensions?.code : undefined;
        const known = typeof code === 'string' && STATUS[code] ? code : null;
        if (!known) log.error({ err: e, path: req.path }, 'unexpected error');
        // a refusal is no page: no validator, and no cache keeps it (publication turns it into one)
        res.status(known ? STATUS[known] : 500);
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ errors: [known ? { message: (e as Error).message, extensions: { code: known } } : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      } finally {
        log.info({ method: req.method, path: req.baseUrl + req.path, status: res.statusCode, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 }, 'request');
      }
    };
  const param = (req: Request, name: string) => String(req.params[name] ?? '');
  // ids are UUIDs, read in any case: one kept page whatever the case of its address
  const id = (req: Request, name: string) => param(req, name).toLowerCase();

  router.get('/periods.json', serve(() => 'periods', (s) => s.periods()));
  router.get(
    '/periods/:file',
    serve(
      (req) => stem(id(req, 'file')) && `period:${stem(id(req, 'file'))}`,
      (s, req) => s.period(stem(param(req, 'file'))!),
    ),
  );
  router.get(
    '/periods/:id/ranking/:file',
    serve(
      (req) => {
        const kind = stem(param(req, 'file'));
        return kind ? `ranking:${id(req, 'id')}:${kind}` : null;
      },
      (s, req) => {
        const kind = stem(param(req, 'file'))!;
        if (!(Object.values(UnitKind) as string[]).includes(kind)) {
          throw new GraphQLError(`Unknown unit kind "${kind.slice(0, 40)}": one of ${Object.values(UnitKind).join(', ')}.`, { extensions: { code: 'BAD_USER_INPUT' } });
        }
        return s.ranking(param(req, 'id'), kind as UnitKind);
      },
    ),
  );
  router.get(
    '/periods/:id/units/:file',
    serve(
      (req) => {
        const unit = stem(id(req, 'file'));
        return unit ? `unit:${id(req, 'id')}:${unit}` : null;
      },
      (s, req) => s.unitResult(param(req, 'id'), stem(param(req, 'file'))!),
    ),
  );
  // anything else under /public/data is no page of the web client: JSON 404, not index.html
  router.use(notFoundJson);
  return router;
}

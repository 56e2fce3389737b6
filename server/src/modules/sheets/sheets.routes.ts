import { Router, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { viewerFrom, type Viewer } from '../../common/auth';
import { unauthenticated } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { Config } from '../../config';
import type { Em, Orm } from '../../orm';
import { SheetsService, type Download, type FileKind } from './sheets.service';
import { peopleTemplate } from '../people/people-templates';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/** "abc.xlsx" → ["abc", "xlsx"]; null for another extension. */
function split(file: string, allowed: FileKind[]): [string, FileKind] | null {
  const dot = file.lastIndexOf('.');
  const ext = file.slice(dot + 1).toLowerCase() as FileKind;
  return dot > 0 && allowed.includes(ext) ? [file.slice(0, dot), ext] : null;
}

/**
 * Downloads beside /graphql, authenticated with the same Bearer header and authorized like the
 * matching queries (framework, assessment, ranking):
 *   GET /export/framework/:id.xlsx|.json
 *   GET /export/assessment/:id.xlsx|.csv|.pdf (the PDF: the printed score sheet, modules/sheets/pdf)
 *   GET /export/ranking/:periodId/:unitKind.xlsx|.csv|.pdf
 *   GET /export/templates/units.xlsx|.csv, users.xlsx|.csv (ADMIN: the sheets of importPeopleSheet)
 *   GET /export/audit-log.csv?action=&actorId=&objectType=&objectId=&from=&to= (ADMIN)
 * Errors answer with the status of their code and a GraphQL-like body { errors: [{ message, extensions: { code } }] }.
 */
export function exportRoutes(config: Config, orm: Orm, log: Logger): Router {
  const router = Router();
  const handle =
    (make: (service: SheetsService, viewer: Viewer, req: Request) => Promise<Download>) =>
    async (req: Request, res: Response): Promise<void> => {
      const started = process.hrtime.bigint();
      try {
        const em = orm.em.fork() as Em;
        const viewer = await viewerFrom(config, em, req.headers.authorization);
        if (!viewer) throw unauthenticated('Send Authorization: Bearer <token> to download.');
        const file = await make(new SheetsService(em, config.report), viewer, req);
        res.status(200);
        res.setHeader('Content-Type', file.contentType);
        res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
        res.setHeader('Content-Length', String(file.body.length));
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.end(file.body);
      } catch (e) {
        const code = e instanceof GraphQLError ? e.extensions?.code : undefined;
        if (typeof code === 'string' && STATUS[code]) {
          const { http: _http, ...extensions } = (e as GraphQLError).extensions;
          res.status(STATUS[code]).json({ errors: [{ message: (e as Error).message, extensions }] });
        } else {
          log.error({ err: e, path: req.path }, 'unexpected error');
          res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        }
      } finally {
        log.info({ method: req.method, path: req.baseUrl + req.path, status: res.statusCode, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 }, 'request');
      }
    };
  const notFound = (what: string) => {
    const e = new GraphQLError(`No such ${what} export; see docs/api.md "Spreadsheets".`, { extensions: { code: 'NOT_FOUND' } });
    return e;
  };

  router.get(
    '/framework/:file',
    handle((s, viewer, req) => {
      const f = split(String(req.params.file), ['xlsx', 'json']);
      if (!f) throw notFound('framework');
      return s.frameworkFile(viewer, f[0], f[1]);
    }),
  );
  router.get(
    '/assessment/:file',
    handle((s, viewer, req) => {
      const f = split(String(req.params.file), ['xlsx', 'csv', 'pdf']);
      if (!f) throw notFound('assessment');
      return s.assessmentFile(viewer, f[0], f[1]);
    }),
  );
  router.get(
    '/ranking/:periodId/:file',
    handle((s, viewer, req) => {
      const f = split(String(req.params.file), ['xlsx', 'csv', 'pdf']);
      if (!f) throw notFound('ranking');
      return s.rankingFile(viewer, String(req.params.periodId), f[0], f[1]);
    }),
  );
  router.get(
    '/templates/:file',
    handle(async (_s, viewer, req) => {
      const f = split(String(req.params.file), ['xlsx', 'csv']);
      const file = f && (await peopleTemplate(viewer, f[0], f[1] as 'xlsx' | 'csv'));
      if (!file) throw notFound('template');
      return file;
    }),
  );
  router.get(
    '/audit-log.csv',
    handle((s, viewer, req) => s.auditLogFile(viewer, req.query as Record<string, unknown>)),
  );
  return router;
}

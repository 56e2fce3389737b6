import { pipeline } from 'node:stream';
import express, { type Request, type Response } from 'express';
import type { Viewer } from '../../common/auth';
import { AppError, forbidden, notFound } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { Config } from '../../config';
import type { Live } from '../../live/live';
import type { Em, Orm } from '../../orm';
import { publish } from '../assessment/assessment.publisher';
import { Role } from '../user/user.entity';
import { EvidenceKind } from './evidence.entity';
import { EvidenceService, type EvidenceChange } from './evidence.service';
import { evidenceStoreOf } from './evidence.store';
import { FORM_OVERHEAD_BYTES, receiveUpload, routeViewer, sendRouteError, tooLarge } from './evidence.upload';

export interface EvidenceRouteDeps {
  config: Config;
  orm: Orm;
  live?: Live;
  log: Logger;
}

/** Where a file evidence item is downloaded (relative to the server's address). */
export const downloadPath = (id: string) => `/evidence/${id}`;

/**
 * The HTTP side of evidence, beside /graphql:
 * - `POST /evidence` (multipart: assessmentId, criterionId, file) uploads a file: 201 with the
 *   evidence as JSON; 413 over the size limit, 415 for a refused type (nothing stored either way);
 * - `GET /evidence/:id` downloads it, for people who may read the assessment.
 * Both need `Authorization: Bearer <token>`, as GraphQL does. A browser cannot send that header
 * from a plain form or link, so a cross-site request can neither upload nor read (CSRF).
 * Errors are JSON: `{ code, message, problems? }` with the codes of the GraphQL API.
 */
export function evidenceRouter(deps: EvidenceRouteDeps): express.Router {
  const { config, orm, log } = deps;
  const storage = evidenceStoreOf(config, () => orm.em.fork() as Em);
  void storage.sweepIncoming().catch((err) => log.warn({ err }, 'evidence: could not sweep unfinished uploads'));
  const router = express.Router();

  router.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, path: req.baseUrl + req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });

  const signedIn = (req: Request, em: Em): Promise<Viewer> => routeViewer(config, em, req);
  const sendError = (res: Response, err: unknown, status?: number): void => sendRouteError(res, log, 'evidence', err, status);

  router.post('/', async (req, res) => {
    const em = orm.em.fork() as Em;
    try {
      const viewer = await signedIn(req, em);
      if (viewer.role !== Role.LEADER && viewer.role !== Role.STAFF) {
        throw forbidden('Only the unit’s own leader and staff may add evidence.');
      }
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > config.evidenceMaxBytes + FORM_OVERHEAD_BYTES) {
        // refuse before reading a byte of it, and do not read the rest
        res.setHeader('Connection', 'close');
        return sendError(res, tooLarge(config.evidenceMaxBytes), 413);
      }
      const service = new EvidenceService(em);
      const got = await receiveUpload(req, {
        storage,
        maxBytes: config.evidenceMaxBytes,
        types: config.evidenceTypes,
        precheck: (f) => service.precheck(viewer, { assessmentId: f.assessmentId, criterionId: f.criterionId }),
      });
      if (!got.ok) return sendError(res, got.error, got.status);
      const { file, fields } = got;
      const storageKey = await storage.keep(file.tempPath).catch(async (e) => {
        await storage.discard(file.tempPath);
        throw e;
      });
      let change: EvidenceChange;
      try {
        change = await service.addFile(
          viewer,
          { assessmentId: fields.assessmentId, criterionId: fields.criterionId },
          { name: file.name, mimeType: file.mimeType, size: file.size, sha256: file.sha256, storageKey },
        );
      } catch (e) {
        await storage.remove(storageKey);
        throw e;
      }
      await publish({ em, live: deps.live, log }, { assessment: change.assessment, kinds: ['EVIDENCE'], actor: viewer, entries: [change.entry], progress: change.progress });
      res.status(201).setHeader('Location', downloadPath(change.evidence.id)).json(evidenceJson(change));
    } catch (err) {
      sendError(res, err);
    }
  });

  router.get('/:id', async (req, res) => {
    const em = orm.em.fork() as Em;
    try {
      const viewer = await signedIn(req, em);
      const evidence = await new EvidenceService(em).readable(viewer, String(req.params.id));
      if (evidence.kind !== EvidenceKind.FILE || !evidence.storageKey) throw new AppError('NOT_FOUND', `Evidence ${evidence.id} is a link, not a file: open its url.`);
      const size = await storage.sizeOf(evidence.storageKey);
      if (size === null) {
        log.error({ evidenceId: evidence.id, storageKey: evidence.storageKey }, 'evidence: file missing on disk');
        throw notFound('The file of evidence', evidence.id);
      }
      res.status(200);
      res.attachment(evidence.name); // Content-Disposition: attachment; filename=…; filename*=UTF-8''…
      res.setHeader('Content-Type', evidence.mimeType ?? 'application/octet-stream');
      res.setHeader('Content-Length', String(size));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cache-Control', 'private, no-store');
      if (evidence.sha256) res.setHeader('ETag', `"${evidence.sha256}"`);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      pipeline(storage.open(evidence.storageKey), res, (err) => {
        if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') log.warn({ err, evidenceId: evidence.id }, 'evidence: download cut off');
      });
    } catch (err) {
      sendError(res, err);
    }
  });

  return router;
}

/** The evidence as the upload answers it: the GraphQL Evidence fields, plus the entry's new state. */
export function evidenceJson(c: EvidenceChange) {
  const e = c.evidence;
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    url: e.url ?? null,
    mimeType: e.mimeType ?? null,
    size: e.size ?? null,
    sha256: e.sha256 ?? null,
    downloadUrl: e.kind === EvidenceKind.FILE ? downloadPath(e.id) : null,
    assessmentId: c.assessment.id,
    entryId: c.entry.id,
    criterionId: c.entry.criterion.id,
    uploadedById: e.uploadedBy?.id ?? null,
    createdAt: e.createdAt.toISOString(),
    entry: { id: c.entry.id, version: c.entry.version, evidenceCount: c.entry.evidenceCount },
    seq: c.assessment.seq,
  };
}

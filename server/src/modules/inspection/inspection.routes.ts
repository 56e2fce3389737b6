import { pipeline } from 'node:stream';
import express, { type Request, type Response } from 'express';
import type { Viewer } from '../../common/auth';
import { forbidden, notFound } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { Config } from '../../config';
import type { Live } from '../../live/live';
import type { Em, Orm } from '../../orm';
import { publish } from '../assessment/assessment.publisher';
import { evidenceStoreOf } from '../evidence/evidence.store';
import { FORM_OVERHEAD_BYTES, receiveUpload, routeViewer, sendRouteError, tooLarge } from '../evidence/evidence.upload';
import { Role } from '../user/user.entity';
import { InspectionService } from './inspection.service';

/** Where an inspection's file is downloaded (relative to the server's address). */
export const inspectionFilePath = (id: string) => `/inspection-files/${id}`;

/**
 * Photos and files of on-site inspections, with the upload rules of evidence (size, types by
 * extension and content, streamed to the evidence folder, Authorization header required):
 * - `POST /inspection-files` (multipart: inspectionId, file), by the unit's council: 201 with the file;
 * - `GET /inspection-files/:id`, for people who may read the assessment.
 */
export function inspectionFileRouter(deps: { config: Config; orm: Orm; live?: Live; log: Logger }): express.Router {
  const { config, orm, log } = deps;
  const storage = evidenceStoreOf(config, () => orm.em.fork() as Em);
  const router = express.Router();

  const signedIn = (req: Request, em: Em): Promise<Viewer> => routeViewer(config, em, req);
  const sendError = (res: Response, err: unknown, status?: number): void => sendRouteError(res, log, 'inspection files', err, status);

  router.post('/', async (req, res) => {
    const em = orm.em.fork() as Em;
    try {
      const viewer = await signedIn(req, em);
      if (viewer.role !== Role.APPRAISER) throw forbidden('Only the unit’s appraisal council adds inspection files.');
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > config.evidenceMaxBytes + FORM_OVERHEAD_BYTES) {
        res.setHeader('Connection', 'close');
        return sendError(res, tooLarge(config.evidenceMaxBytes), 413);
      }
      const service = new InspectionService(em);
      const got = await receiveUpload(req, {
        storage,
        maxBytes: config.evidenceMaxBytes,
        types: config.evidenceTypes,
        fields: ['inspectionId'],
        precheck: async (f) => void (await service.precheckFile(viewer, f.inspectionId)),
      });
      if (!got.ok) return sendError(res, got.error, got.status);
      const { file, fields } = got;
      const storageKey = await storage.keep(file.tempPath).catch(async (e) => {
        await storage.discard(file.tempPath);
        throw e;
      });
      let added;
      try {
        added = await service.addFile(viewer, fields.inspectionId, { name: file.name, mimeType: file.mimeType, size: file.size, sha256: file.sha256, storageKey });
      } catch (e) {
        await storage.remove(storageKey);
        throw e;
      }
      await publish({ em, live: deps.live, log }, { assessment: added.assessment, kinds: ['INSPECTION'], actor: viewer, entries: [], progress: [] });
      const f = added.file;
      res
        .status(201)
        .setHeader('Location', inspectionFilePath(f.id))
        .json({ id: f.id, name: f.name, mimeType: f.mimeType, size: f.size, sha256: f.sha256, url: inspectionFilePath(f.id), inspectionId: fields.inspectionId, createdAt: f.createdAt.toISOString() });
    } catch (err) {
      sendError(res, err);
    }
  });

  router.get('/:id', async (req, res) => {
    const em = orm.em.fork() as Em;
    try {
      const viewer = await signedIn(req, em);
      const f = await new InspectionService(em).readableFile(viewer, String(req.params.id));
      const size = await storage.sizeOf(f.storageKey);
      if (size === null) throw notFound('The file of inspection file', f.id);
      res.status(200);
      res.attachment(f.name);
      res.setHeader('Content-Type', f.mimeType);
      res.setHeader('Content-Length', String(size));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('ETag', `"${f.sha256}"`);
      pipeline(storage.open(f.storageKey), res, (err) => {
        if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') log.warn({ err, fileId: f.id }, 'inspection files: download cut off');
      });
    } catch (err) {
      sendError(res, err);
    }
  });

  return router;
}

import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import { viewerFrom, type Viewer } from '../../common/auth';
import { AppError, badInput, unauthenticated, type Problem } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { Config } from '../../config';
import type { Em } from '../../orm';
import { unsafeText } from '../../common/input-safety';
import type { EvidenceStore } from './evidence.storage';
import { cleanFileName, contentMatches, EVIDENCE_FILE_TYPES, extensionOf, SNIFF_BYTES } from './evidence.types';

/** Room for the multipart boundaries and the two id fields around the file itself. */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

export interface UploadOptions {
  storage: EvidenceStore;
  maxBytes: number;
  /** allowed extensions */
  types: readonly string[];
  /** runs when the file part starts and both ids have come before it: refuse before storing bytes */
  precheck?: (fields: Record<string, string>) => Promise<void>;
  /** the text fields the form carries before the file (default: assessmentId, criterionId) */
  fields?: readonly string[];
}

export interface ReceivedFile {
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  tempPath: string;
}

export type Received =
  | { ok: true; fields: Record<string, string>; file: ReceivedFile }
  | { ok: false; status: number; error: AppError | Error };

const EVIDENCE_FIELDS: readonly string[] = ['assessmentId', 'criterionId'];

export const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;

export const refusedTypeMessage = (types: readonly string[]) => `accepted file types: ${types.join(', ')}`;

/**
 * Reads one multipart upload (fields assessmentId, criterionId and one `file`) and streams the
 * file to a temporary file under the evidence folder, hashing (SHA-256) and counting as it goes:
 * nothing is held in memory but the first few KB for the content check. Over the size limit,
 * of a refused type, cut off or malformed: the temporary file is deleted and the answer says why
 * (413, 415, 400). The caller keeps or discards a successful file.
 */
export function receiveUpload(req: IncomingMessage, o: UploadOptions): Promise<Received> {
  const FIELDS = o.fields ?? EVIDENCE_FIELDS;
  const names = FIELDS.join(', ');
  return new Promise((resolve) => {
    let failure: { status: number; error: AppError | Error } | null = null;
    const fail = (status: number, error: AppError | Error) => {
      if (!failure) failure = { status, error };
    };
    const fields: Record<string, string> = {};
    let file: ReceivedFile | null = null;
    let fileSeen = false;
    let fileDone: Promise<void> = Promise.resolve();

    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        // busboy flags a file that reaches fileSize exactly (one byte more lets a file of exactly
        // maxBytes in), and `parts` when the count is reached (10 is far above the 3 of a good form)
        limits: { files: 1, fields: FIELDS.length, parts: 10, fileSize: o.maxBytes + 1, fieldSize: 200, fieldNameSize: 100, headerPairs: 20 },
      });
    } catch {
      resolve({ ok: false, status: 415, error: badInput([{ path: '', message: `send multipart/form-data with the fields ${names} and file`, code: 'NOT_MULTIPART', params: {} }]) });
      return;
    }

    bb.on('field', (name, value, info) => {
      if (!FIELDS.includes(name)) fail(400, badInput([{ path: name, message: `unknown field: send ${names} and file`, code: 'UNKNOWN_FIELD', params: { field: name } }]));
      else if (info.valueTruncated) fail(400, badInput([{ path: name, message: 'is too long', code: 'TOO_LONG', params: { field: name, max: 200 } }]));
      else if (unsafeText(value)) fail(400, badInput([{ path: name, message: unsafeText(value)!, code: 'UNSAFE_TEXT', params: { field: name } }]));
      else fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'file' || fileSeen) {
        stream.resume();
        fail(400, badInput([{ path: name, message: 'send one file, in the field "file"', code: 'ONE_FILE', params: {} }]));
        return;
      }
      fileSeen = true;
      fileDone = receiveFile(stream, info.filename, o, fields, fail).then((f) => {
        file = f;
      });
    });
    const tooMany = () => fail(400, badInput([{ path: '', message: `send only the fields ${names} and one file`, code: 'ONE_FILE', params: {} }]));
    bb.on('filesLimit', tooMany);
    bb.on('fieldsLimit', tooMany);
    bb.on('partsLimit', tooMany);

    // a request that goes on far past the limit (no honest Content-Length) is cut off
    let received = 0;
    const hardCap = o.maxBytes + FORM_OVERHEAD_BYTES * 2;
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > hardCap) {
        req.off('data', count);
        fail(413, tooLarge(o.maxBytes));
        req.destroy();
      }
    };
    req.on('data', count);

    pipeline(req, bb, (err) => {
      req.off('data', count);
      if (err) fail(400, badInput([{ path: 'file', message: 'the upload was cut off or is not well-formed multipart', code: 'UPLOAD_CUT_OFF', params: {} }]));
      void fileDone.then(async () => {
        const f = file as ReceivedFile | null;
        if (failure) {
          if (f) await o.storage.discard(f.tempPath);
          resolve({ ok: false, ...failure });
          return;
        }
        const missing = FIELDS.filter((k) => !fields[k]).map((k): Problem => ({ path: k, message: 'is required', code: 'REQUIRED', params: { field: k } }));
        if (!f) missing.push({ path: 'file', message: 'is required', code: 'REQUIRED', params: { field: 'file' } });
        if (missing.length) {
          if (f) await o.storage.discard(f.tempPath);
          resolve({ ok: false, status: 400, error: badInput(missing) });
          return;
        }
        resolve({ ok: true, fields, file: f! });
      });
    });
  });
}

export const tooLarge = (maxBytes: number) => badInput([{ path: 'file', message: `the file is larger than the limit of ${sizeText(maxBytes)}`, code: 'FILE_TOO_LARGE', params: { max: sizeText(maxBytes) } }], { maxBytes });

/** Streams one file part to a temporary file; resolves with it, or with null after `fail`. */
async function receiveFile(
  stream: Readable & { truncated?: boolean },
  rawName: string | undefined,
  o: UploadOptions,
  fields: Record<string, string>,
  fail: (status: number, error: AppError | Error) => void,
): Promise<ReceivedFile | null> {
  const unsafe = unsafeText(rawName ?? '');
  if (unsafe) {
    stream.resume();
    fail(400, badInput([{ path: 'file', message: `the file name ${unsafe}`, code: 'UNSAFE_TEXT', params: { field: 'file' } }]));
    return null;
  }
  const name = cleanFileName(rawName);
  const ext = extensionOf(name);
  const type = o.types.includes(ext) ? EVIDENCE_FILE_TYPES[ext] : undefined;
  if (!name) {
    stream.resume();
    fail(400, badInput([{ path: 'file', message: 'the file needs a name', code: 'REQUIRED', params: { field: 'file' } }]));
    return null;
  }
  if (!type) {
    stream.resume();
    fail(415, badInput([{ path: 'file', message: `files of type ${ext ? '.' + ext : 'without an extension'} are not accepted; ${refusedTypeMessage(o.types)}`, code: 'FILE_TYPE_REFUSED', params: { ext: ext ? '.' + ext : '', accepted: o.types.join(', ') } }], { acceptedTypes: o.types }));
    return null;
  }
  // The limit, an error (the client went away) or the end can come while the checks below are
  // awaited: listen before anything else, so that nothing goes unnoticed (or unhandled).
  let overLimit = false;
  let gone = false;
  stream.on('limit', () => {
    overLimit = true;
  });
  stream.on('error', () => {
    gone = true;
  });
  stream.on('close', () => {
    gone = true;
  });
  const cutOff = () => fail(400, badInput([{ path: 'file', message: 'the upload was cut off', code: 'UPLOAD_CUT_OFF', params: {} }]));
  if (o.precheck && (o.fields ?? EVIDENCE_FIELDS).every((k) => fields[k])) {
    stream.pause();
    try {
      await o.precheck(fields);
    } catch (e) {
      stream.resume();
      fail(statusOf(e), e as Error);
      return null;
    }
  }
  if (gone) {
    cutOff();
    return null;
  }
  let temp: Awaited<ReturnType<EvidenceStore['incoming']>>;
  try {
    temp = await o.storage.incoming();
  } catch (e) {
    stream.resume();
    fail(500, e as Error);
    return null;
  }
  const { path, out } = temp;
  if (gone) {
    cutOff();
    await new Promise<void>((r) => out.destroy().once('close', () => r()));
    await o.storage.discard(path).catch(() => undefined);
    return null;
  }

  return new Promise((resolve) => {
    const hash = createHash('sha256');
    let size = 0;
    let head: Buffer[] = [];
    let headLength = 0;
    let sniffed = false;
    let stopped = false;
    let streamClosed = false;
    let outClosed = false;
    let ok = false;

    const settle = () => {
      if (!streamClosed || !outClosed) return;
      if (ok) {
        resolve({ name, mimeType: type.mimeType, size, sha256: hash.digest('hex'), tempPath: path });
      } else {
        void o.storage.discard(path).then(
          () => resolve(null),
          () => resolve(null),
        );
      }
    };
    const stop = (status: number, error: AppError | Error) => {
      fail(status, error);
      if (stopped) return;
      stopped = true;
      out.destroy();
      stream.resume(); // drain the rest so that busboy can finish the form
    };
    const refused = () =>
      stop(415, badInput([{ path: 'file', message: `the content is not a .${ext} file; ${refusedTypeMessage(o.types)}`, code: 'FILE_CONTENT_MISMATCH', params: { ext: '.' + ext, accepted: o.types.join(', ') } }], { acceptedTypes: o.types }));
    const sniff = () => {
      sniffed = true;
      const first = Buffer.concat(head);
      head = [];
      if (!contentMatches(type, first.subarray(0, SNIFF_BYTES))) refused();
    };

    stream.on('limit', () => stop(413, tooLarge(o.maxBytes)));
    stream.on('data', (chunk: Buffer) => {
      if (stopped) return;
      size += chunk.length;
      hash.update(chunk);
      if (!sniffed) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength >= SNIFF_BYTES) sniff();
        if (stopped) return;
      }
      if (!out.write(chunk)) {
        stream.pause();
        out.once('drain', () => {
          if (!stopped) stream.resume();
        });
      }
    });
    stream.on('end', () => {
      if (stopped) return;
      if (overLimit || stream.truncated) return stop(413, tooLarge(o.maxBytes));
      if (size === 0) return stop(400, badInput([{ path: 'file', message: 'the file is empty', code: 'FILE_EMPTY', params: {} }]));
      if (!sniffed) sniff();
      if (stopped) return;
      ok = true;
      out.end();
    });
    stream.on('error', () => stop(400, badInput([{ path: 'file', message: 'the upload was cut off', code: 'UPLOAD_CUT_OFF', params: {} }])));
    stream.on('close', () => {
      streamClosed = true;
      if (!ok && !stopped) stop(400, badInput([{ path: 'file', message: 'the upload was cut off', code: 'UPLOAD_CUT_OFF', params: {} }]));
      settle();
    });
    out.on('error', (e) => {
      ok = false;
      stop(500, e);
    });
    out.on('close', () => {
      outClosed = true;
      settle();
    });
    if (overLimit) stop(413, tooLarge(o.maxBytes));
    stream.resume();
  });
}

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  PHASE_CLOSED: 409,
};

/** The HTTP status of an error: its code's, or 500 for anything unexpected. */
export function statusOf(e: unknown): number {
  const code = e instanceof AppError ? e.extensions?.code : undefined;
  return typeof code === 'string' && STATUS[code] ? STATUS[code] : 500;
}

/** The signed-in viewer of a file route; the Authorization header is required (it is also the CSRF guard). */
export async function routeViewer(config: Config, em: Em, req: Request): Promise<Viewer> {
  if (!req.headers.authorization) throw unauthenticated('Send Authorization: Bearer <token>.');
  const viewer = await viewerFrom(config, em, req.headers.authorization);
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** A file route's error as JSON with its code (a 5xx logged under `what`, its details kept back). */
export function sendRouteError(res: Response, log: Logger, what: string, err: unknown, status = statusOf(err)): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  if (err instanceof AppError && status < 500) {
    const { http: _http, code, ...extensions } = (err.extensions ?? {}) as Record<string, unknown>;
    res.status(status).json({ code, message: err.message, ...extensions });
    return;
  }
  log.error({ err }, `${what}: unexpected error`);
  res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
}

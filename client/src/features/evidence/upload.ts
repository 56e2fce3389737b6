import { downloadFile } from '../../app/download';
import type { Problem } from '../../app/errors';

/** What POST /evidence answers (201). */
export interface UploadedEvidence {
  id: string;
  name: string;
  size: number | null;
  downloadUrl: string | null;
  entry: { id: string; version: number; evidenceCount: number };
  seq: number;
}

export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** BAD_USER_INPUT's problems, each with its code (i18n/problems.ts words them) */
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

/**
 * Uploads one file as evidence of a leaf (multipart POST /evidence, the fields before the file),
 * reporting progress from 0 to 1. XMLHttpRequest, because fetch cannot report upload progress.
 */
export function uploadEvidence(
  args: { token: string; assessmentId: string; criterionId: string; file: File },
  onProgress: (share: number) => void,
  signal?: AbortSignal,
): Promise<UploadedEvidence> {
  return uploadForm<UploadedEvidence>('/evidence', args.token, { assessmentId: args.assessmentId, criterionId: args.criterionId }, args.file, onProgress, signal);
}

/**
 * POSTs a multipart form (the text fields before the file) with the Authorization header and
 * resolves with the 201 answer; evidence and inspection files share it.
 */
export function uploadForm<T>(path: string, token: string, fields: Record<string, string>, file: File, onProgress: (share: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        onProgress(1);
        resolve(xhr.response as T);
      } else {
        const body = (xhr.response ?? {}) as { code?: string; message?: string; problems?: unknown };
        const problems = Array.isArray(body.problems) ? (body.problems as Problem[]) : [];
        reject(new UploadError(xhr.status, body.code ?? 'HTTP_' + xhr.status, body.message ?? xhr.statusText, problems));
      }
    };
    xhr.onerror = () => reject(new UploadError(0, 'NETWORK', 'network error'));
    xhr.onabort = () => reject(new UploadError(0, 'ABORTED', 'aborted'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/** Downloads a file evidence item with the Authorization header. */
export const downloadEvidence = (token: string, url: string, name: string) => downloadFile(token, url, name);

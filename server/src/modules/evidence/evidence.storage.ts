import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream, type WriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** "3f/3fa4…" (2 + 1 + 32 hex characters): the only shape a storage key may have. */
const KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;
const INCOMING = '.incoming';

/**
 * Where evidence and inspection files are kept (EVIDENCE_STORE): on this machine's disk (the
 * default, for one machine), or in the database (evidence.db-store.ts), where every server process
 * reads them. Either way an upload streams to a temporary file on the receiving process's disk
 * first (`incoming`), and `keep` stores it under a new random key.
 */
export interface EvidenceStore {
  incoming(): Promise<{ path: string; out: WriteStream }>;
  keep(tempPath: string): Promise<string>;
  discard(path: string): Promise<void>;
  remove(key: string): Promise<void>;
  sizeOf(key: string): Promise<number | null>;
  open(key: string): Readable;
  sweepIncoming(olderThanMs?: number): Promise<number>;
}

/** A new random storage key: "3f/3fa4…". */
export function newKey(): string {
  const id = randomBytes(16).toString('hex');
  return `${id.slice(0, 2)}/${id}`;
}

export const assertKey = (key: string): string => {
  if (!KEY.test(key)) throw new Error(`Not an evidence storage key: ${key}`);
  return key;
};

/**
 * Evidence files on disk under one folder. A file is written to `.incoming/` while it streams in,
 * then moved under a random key (`ab/ab…`, fanned out by its first two characters). The client's
 * file name never becomes part of a path.
 */
export class DiskEvidenceStore implements EvidenceStore {
  constructor(readonly dir: string) {}

  /**
   * A new temporary file for an upload, already created on disk (so that a `discard()` right away
   * cannot run before the file exists); `discard()` it or `keep()` it.
   */
  async incoming(): Promise<{ path: string; out: WriteStream }> {
    await mkdir(join(this.dir, INCOMING), { recursive: true });
    const path = join(this.dir, INCOMING, randomBytes(16).toString('hex'));
    const handle = await open(path, 'wx', 0o600);
    return { path, out: handle.createWriteStream() };
  }

  /** Moves a finished upload under a new random key and returns the key. */
  async keep(tempPath: string): Promise<string> {
    const key = newKey();
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    await rename(tempPath, this.pathOf(key));
    return key;
  }

  /** Deletes a file; a file already gone is not an error. */
  async discard(path: string): Promise<void> {
    await unlink(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  remove(key: string): Promise<void> {
    return this.discard(this.pathOf(key));
  }

  /** The stored file's size, or null when it is missing. */
  async sizeOf(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch {
      return null;
    }
  }

  open(key: string): ReadStream {
    return createReadStream(this.pathOf(key));
  }

  /** Leftovers of uploads cut off by a crash: temporary files older than an hour. */
  async sweepIncoming(olderThanMs = 3600_000): Promise<number> {
    const dir = join(this.dir, INCOMING);
    const names = await readdir(dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(dir, name);
      const s = await stat(path).catch(() => null);
      if (s && Date.now() - s.mtimeMs > olderThanMs) {
        await this.discard(path);
        removed += 1;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    return join(this.dir, ...assertKey(key).split('/'));
  }
}

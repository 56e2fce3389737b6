import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Em } from '../../orm';
import { EvidenceBlob, EvidenceChunk } from './evidence-blob.entity';
import { assertKey, DiskEvidenceStore, newKey, type EvidenceStore } from './evidence.storage';

/** Bytes per chunk row: a file is written and read back this much at a time. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * EVIDENCE_STORE=database: files in the database (evidence_blob + evidence_chunk), so that every
 * server process, on any machine, reads what any other received. An upload still streams to a
 * temporary file on the receiving process's disk (the checks of evidence.upload.ts read it as it
 * comes); `keep` then copies it into chunk rows in one transaction and deletes it. Reading streams
 * one chunk at a time: a file is never held in memory whole.
 */
export class DatabaseEvidenceStore implements EvidenceStore {
  private readonly temp: DiskEvidenceStore;

  constructor(
    /** a new entity manager for each statement's unit of work */
    private readonly fork: () => Em,
    incomingDir: string,
  ) {
    this.temp = new DiskEvidenceStore(incomingDir);
  }

  incoming() {
    return this.temp.incoming();
  }

  discard(path: string): Promise<void> {
    return this.temp.discard(path);
  }

  sweepIncoming(olderThanMs?: number): Promise<number> {
    return this.temp.sweepIncoming(olderThanMs);
  }

  async keep(tempPath: string): Promise<string> {
    const key = newKey();
    await this.fork().transactional(async (em) => {
      let seq = 0;
      let size = 0;
      for await (const piece of createReadStream(tempPath, { highWaterMark: CHUNK_BYTES })) {
        const data = piece as Buffer;
        await em.insert(EvidenceChunk, { key, seq: seq++, data });
        size += data.length;
      }
      await em.insert(EvidenceBlob, { key, size, createdAt: new Date() });
    });
    await this.temp.discard(tempPath);
    return key;
  }

  async remove(key: string): Promise<void> {
    await this.fork().transactional(async (em) => {
      await em.nativeDelete(EvidenceChunk, { key: assertKey(key) });
      await em.nativeDelete(EvidenceBlob, { key });
    });
  }

  async sizeOf(key: string): Promise<number | null> {
    const blob = await this.fork().findOne(EvidenceBlob, { key: assertKey(key) });
    return blob ? Number(blob.size) : null;
  }

  open(key: string): Readable {
    assertKey(key);
    const fork = this.fork;
    async function* chunks() {
      for (let seq = 0; ; seq++) {
        const chunk = await fork().findOne(EvidenceChunk, { key, seq });
        if (!chunk) return;
        yield Buffer.from(chunk.data);
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }
}

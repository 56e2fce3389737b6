import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A stored file of EVIDENCE_STORE=database (evidence.store.ts): its key, as `Evidence.storageKey`
 * and `InspectionFile.storageKey` name it, and its size; its bytes are EvidenceChunk rows.
 */
@Entity({ tableName: 'evidence_blob' })
export class EvidenceBlob {
  @PrimaryKey({ type: 'string', length: 40 })
  key!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** One piece of a stored file, in order: a file is read back a chunk at a time, never whole. */
@Entity({ tableName: 'evidence_chunk' })
export class EvidenceChunk {
  @PrimaryKey({ type: 'string', length: 40 })
  key!: string;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'blob' })
  data!: Buffer;
}

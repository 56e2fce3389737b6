import { createHash } from 'node:crypto';

/** The previous hash of the first record. */
export const GENESIS = '0'.repeat(64);

/** JSON with every object's keys sorted, dates as ISO text, undefined dropped: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** What a record's hash covers, in this order. */
export interface Chained {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  userAgent: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
}

/** SHA-256 (hex) of the record's canonical serialization: a JSON array of its fields in a fixed order. */
export function hashOf(r: Chained): string {
  const fields = [r.seq, r.at.toISOString(), r.actorId, r.actorLabel, r.ip, r.userAgent, r.action, r.objectType, r.objectId, r.beforeJson, r.afterJson, r.prevHash];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

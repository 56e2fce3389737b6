import { pageSize } from '../../common/paging';
import { ReferenceKind } from '@mikro-orm/core';
import type { Context } from '../../common/context';
import { badInput } from '../../common/errors';
import { isUuid } from '../../common/ids';
import { isPostgres, rows } from '../../common/sql';
import type { Em } from '../../orm';
import { writeCsv } from '../sheets/csv';
import { AuditRecord } from './audit-record.entity';
import { canonicalJson, GENESIS, hashOf } from './audit.chain';

/** Fields that never enter the log, at any depth. */
const SECRET = /hash|secret|password|token$/i;

/** The PostgreSQL advisory lock that serializes appends (one chain, no fork). */
const CHAIN_LOCK = 0x43484d44; // "CHMD"

/** What an action did, for the log. */
export interface AuditTarget<T> {
  action: string;
  type: string;
  /** the object's id, when known before the action; else taken from the result's `id` */
  id?: string | null;
  /** the object as it was, read inside the action's transaction */
  before?: (em: Em) => Promise<unknown>;
  /** the object as it is (default: the action's result) */
  after?: (result: NoInfer<T>) => unknown;
}

/** An entity as plain data: its own columns (JSON ones too), relations as their ids, no collections, no secrets. */
export function snapshot(value: unknown, nested = false): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => snapshot(v, true));
  const meta = (value as { __meta?: { props: { name: string; kind: string; persist?: boolean }[] } }).__meta;
  if (meta) {
    if (nested) return (value as { id?: unknown }).id ?? null;
    const out: Record<string, unknown> = {};
    for (const prop of meta.props) {
      if (SECRET.test(prop.name) || prop.persist === false) continue;
      const v = (value as Record<string, unknown>)[prop.name];
      if (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED) out[prop.name] = snapshot(v, true);
      else if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) out[prop.name] = v ? ((v as { id?: unknown }).id ?? null) : null;
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!SECRET.test(k) && v !== undefined) out[k] = snapshot(v, true);
  return out;
}

export interface AuditFilter {
  action?: string | null;
  actorId?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** The result of checking the chain: every record, or the first that does not hold. */
export type VerifyResult = { ok: true; records: number; lastHash: string } | { ok: false; records: number; broken: { seq: number; id: string; reason: string } };

/**
 * The audit log. `audited` runs an administrative action and appends its record in one
 * transaction: a failed action leaves no record, and no record exists for an action that did
 * not happen. Appends are serialized (PostgreSQL: an advisory transaction lock; SQLite: the
 * database's single writer), so the chain never forks; `seq` and `hash` are unique as well.
 */
export class AuditService {
  constructor(private readonly em: Em) {}

  /** Runs `run` and records it, in one transaction. */
  static audited<T>(ctx: Context, run: (em: Em) => Promise<T>, target: AuditTarget<T>): Promise<T> {
    return ctx.em.transactional(async (em) => {
      const before = target.before ? snapshot(await target.before(em)) : null;
      const result = await run(em);
      const after = snapshot(target.after ? target.after(result) : result);
      const id = target.id ?? ((after as { id?: unknown } | null)?.id as string | undefined) ?? null;
      const v = ctx.viewer;
      await new AuditService(em).append({
        actorId: v && !v.integrator ? v.id : null,
        actorLabel: v ? (v.integrator ? `token:${v.integrator.name}` : v.name) : 'anonymous',
        ip: ctx.ip || null,
        userAgent: ctx.userAgent?.slice(0, 500) || null,
        action: target.action,
        objectType: target.type,
        objectId: id,
        before,
        after,
      });
      return result;
    });
  }

  /** Appends one record at the end of the chain; call inside the action's transaction. */
  async append(r: { actorId: string | null; actorLabel: string; ip: string | null; userAgent: string | null; action: string; objectType: string; objectId: string | null; before: unknown; after: unknown }): Promise<AuditRecord> {
    const em = this.em;
    if (isPostgres(em)) await rows(em, 'select pg_advisory_xact_lock(?)', [CHAIN_LOCK]);
    const [last] = await rows<{ seq: number | string; hash: string }>(em, 'select "seq", "hash" from "audit_record" order by "seq" desc limit 1');
    const record = em.create(AuditRecord, {
      seq: last ? Number(last.seq) + 1 : 1,
      at: new Date(),
      actorId: r.actorId,
      actorLabel: r.actorLabel,
      ip: r.ip,
      userAgent: r.userAgent,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      beforeJson: r.before === null || r.before === undefined ? null : canonicalJson(r.before),
      afterJson: r.after === null || r.after === undefined ? null : canonicalJson(r.after),
      prevHash: last ? last.hash : GENESIS,
      hash: '',
    });
    record.hash = hashOf(record);
    await em.flush();
    return record;
  }

  private where(filter: AuditFilter | null | undefined): Record<string, unknown> {
    const f = filter ?? {};
    const where: Record<string, unknown> = {};
    if (f.action) where.action = f.action;
    if (f.actorId) where.actorId = f.actorId;
    if (f.objectType) where.objectType = f.objectType;
    if (f.objectId) where.objectId = f.objectId;
    if (f.from || f.to) where.at = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lt: f.to } : {}) };
    return where;
  }

  /** Newest first, `first` records after the cursor (a record's seq), with the filter's total. */
  async page(first: number, after: string | null | undefined, filter: AuditFilter | null | undefined) {
    pageSize('AuditLogConnection', first);
    const where = this.where(filter);
    let beforeSeq: number | null = null;
    if (after) {
      const m = /^seq:(\d+)$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
      if (!m) throw badInput([{ path: 'after', message: 'not a cursor of this list', code: 'INVALID_CURSOR', params: { field: 'after' } }]);
      beforeSeq = Number(m[1]);
    }
    const [records, totalCount] = await Promise.all([
      this.em.find(AuditRecord, beforeSeq === null ? where : { ...where, seq: { $lt: beforeSeq } }, { orderBy: { seq: 'desc' }, limit: first + 1 }),
      this.em.count(AuditRecord, where),
    ]);
    const hasNextPage = records.length > first;
    const nodes = records.slice(0, first);
    const edges = nodes.map((node) => ({ node, cursor: cursorOf(node.seq) }));
    return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
  }

  /** The filtered log as CSV (oldest first), through the same neutralizing writer as every export. */
  async csv(filter: AuditFilter | null | undefined): Promise<Buffer> {
    const records = await this.em.find(AuditRecord, this.where(filter), { orderBy: { seq: 'asc' } });
    return writeCsv([
      ['seq', 'at', 'actor_id', 'actor', 'ip', 'user_agent', 'action', 'object_type', 'object_id', 'before', 'after', 'prev_hash', 'hash'],
      ...records.map((r) => [r.seq, r.at.toISOString(), r.actorId, r.actorLabel, r.ip, r.userAgent, r.action, r.objectType, r.objectId, r.beforeJson, r.afterJson, r.prevHash, r.hash]),
    ]);
  }

  /** Walks the chain in order: each record's seq follows the last, links to its hash, and hashes to what it says. */
  async verify(batch = 1000): Promise<VerifyResult> {
    let prev = GENESIS;
    let expected = 1;
    for (;;) {
      const list = await this.em.find(AuditRecord, { seq: { $gte: expected } }, { orderBy: { seq: 'asc' }, limit: batch });
      for (const r of list) {
        const broken = (reason: string): VerifyResult => ({ ok: false, records: expected - 1, broken: { seq: r.seq, id: r.id, reason } });
        if (r.seq !== expected) return broken(`record ${expected} is missing (the next is ${r.seq})`);
        if (r.prevHash !== prev) return broken('its previous hash is not the hash of the record before it');
        if (hashOf(r) !== r.hash) return broken('its content does not match its hash (changed after it was written)');
        prev = r.hash;
        expected++;
      }
      this.em.clear();
      if (list.length < batch) return { ok: true, records: expected - 1, lastHash: prev };
    }
  }
}

const cursorOf = (seq: number) => Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');

/** Runs an administrative action and records it in the same transaction (AuditService.audited). */
export const audited = AuditService.audited;

/** The object an action is about to change, read inside its transaction; null for an id that names nothing. */
export const current =
  <T extends object>(entity: new (...args: never[]) => T, id: string) =>
  (em: Em): Promise<T | null> =>
    typeof id === 'string' && isUuid(id) ? (em.findOne(entity as never, { id: id.toLowerCase() } as never) as Promise<T | null>) : Promise.resolve(null);

/** A framework in the log: what identifies it and its size, not its whole tree. */
export const frameworkSummary = (f: { id: string; code: string; version: number; name: string; year: number; unitKind: string; status: string; maxH: number }) => ({
  id: f.id,
  code: f.code,
  version: f.version,
  name: f.name,
  year: f.year,
  unitKind: f.unitKind,
  status: f.status,
  maxH: f.maxH,
});

import { wrap } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { defaultFieldResolver, getNamedType, getNullableType, isListType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { AssessmentStatus } from '../modules/assessment/assessment.entity';
import type { Phase } from '../modules/period/period.entity';
import { relationHeld, relationId } from './detached';
import { assertCanReadAssessment, canReadAssessment, canReadResult } from './access';
import { requireViewer, type Viewer } from './auth';
import type { Context } from './context';
import { forbidden, notFound, unauthenticated } from './errors';
import { memoOn } from './memo';
import { assertId } from './ids';
import { rows } from './sql';

/**
 * Access that follows the object, not the path to it. Every GraphQL type that holds a unit's
 * data is listed below with the assessment it belongs to; `guardUnitData` wraps the resolver of
 * every field of the schema that returns one of them (a root field, a nested field, a mutation's
 * payload, an operation on the socket — a field added later is wrapped too), so that each object
 * is checked against the caller as the request has them (the viewer is read from the database on
 * every request): an object of another unit is left out of a list, and a single one is FORBIDDEN.
 * The rules themselves are access.ts's.
 *
 * Cost: one verdict per assessment per request, cached on the request's context; the objects of
 * a list (10⁴ progress rows) share it by their assessment id. An assessment's unit, status and
 * phase are read in one batched statement, and only when the object does not carry them.
 */

interface AssessmentFacts {
  unitId: string;
  periodId: string;
  status: AssessmentStatus;
  phase: Phase;
}

type Rule = 'assessment' | 'result';
type Id = string | null;

interface GuardedType {
  rule: Rule;
  /** the object's assessment id (or null when it cannot tell: refused) */
  assessmentOf(obj: any, req: RequestAccess): Id | Promise<Id>;
  /** the unit and status when the object carries them (no statement needed) */
  own?(obj: any): { unitId: string; periodId: string; status: AssessmentStatus } | null;
}

const idOf = (ref: { id?: unknown } | null | undefined): Id => (ref && typeof ref.id === 'string' ? ref.id : null);
const initialized = (e: object | null | undefined): boolean => !!e && wrap(e).isInitialized();

/** The types that hold a unit's data, by GraphQL name. */
export const UNIT_DATA: Record<string, GuardedType> = {
  Assessment: {
    rule: 'assessment',
    assessmentOf: (a) => idOf(a),
    own: (a) => {
      const unitId = relationId(a, 'unit');
      const periodId = relationId(a, 'period');
      return unitId && periodId && a.status ? { unitId, periodId, status: a.status } : null;
    },
  },
  ScoreEntry: {
    rule: 'assessment',
    assessmentOf: (e, req) => {
      const id = relationId(e, 'assessment');
      if (id && typeof e.id === 'string') req.entryAssessment.set(e.id, id);
      return id;
    },
    own: (e) => {
      const a = relationHeld(e, 'assessment');
      return a && initialized(a) ? UNIT_DATA.Assessment.own!(a) : null;
    },
  },
  Evidence: { rule: 'assessment', assessmentOf: (e) => relationId(e, 'assessment') },
  // a plain row (progress.query.ts) carries its assessment's id; an entity its reference
  Progress: { rule: 'assessment', assessmentOf: (p) => (typeof p.assessmentId === 'string' ? p.assessmentId : relationId(p, 'assessment')) },
  ScoreRevision: { rule: 'assessment', assessmentOf: (r, req) => req.assessmentOfEntry(relationId(r, 'entry')) },
  DiscussionThread: { rule: 'assessment', assessmentOf: (t) => relationId(t, 'assessment') },
  DiscussionComment: { rule: 'assessment', assessmentOf: (c) => relationId(c, 'assessment') },
  Inspection: { rule: 'assessment', assessmentOf: (i) => relationId(i, 'assessment') },
  InspectionFile: { rule: 'assessment', assessmentOf: (f) => relationId(f, 'assessment') },
  FinalizationSignature: { rule: 'assessment', assessmentOf: (s) => relationId(s, 'assessment') },
  RankingRow: { rule: 'result', assessmentOf: (r) => (typeof r.assessmentId === 'string' ? r.assessmentId : null) },
};

/** One request's verdicts and the facts they were drawn from. */
class RequestAccess {
  readonly entryAssessment = new Map<string, string>();
  private readonly verdicts = new Map<string, boolean | Promise<boolean>>();
  private readonly facts: DataLoader<string, AssessmentFacts | null>;
  private readonly entries: DataLoader<string, string | null>;

  constructor(ctx: Context) {
    const marks = (n: number) => new Array(n).fill('?').join(', ');
    this.facts = new DataLoader(async (ids) => {
      const found = await rows<{ id: string; unit_id: string; period_id: string; status: AssessmentStatus; phase: Phase }>(
        ctx.em,
        `select a."id", a."unit_id", a."period_id", a."status", p."phase" from "assessment" a join "period" p on p."id" = a."period_id" where a."id" in (${marks(ids.length)})`,
        ids,
      );
      const byId = new Map(found.map((r) => [r.id, { unitId: r.unit_id, periodId: r.period_id, status: r.status, phase: r.phase }]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    this.entries = new DataLoader(async (ids) => {
      const found = await rows<{ id: string; assessment_id: string }>(ctx.em, `select "id", "assessment_id" from "score_entry" where "id" in (${marks(ids.length)})`, ids);
      const byId = new Map(found.map((r) => [r.id, r.assessment_id]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  factsOf(assessmentId: string): Promise<AssessmentFacts | null> {
    return this.facts.load(assessmentId);
  }

  /** An assessment's facts as a write of this request read them in its transaction (knownAssessment). */
  know(id: string, facts: AssessmentFacts): void {
    this.facts.clear(id).prime(id, facts);
  }

  /** The verdict on an assessment drawn from the entity this request loaded (mayRead, `own`), for its other objects. */
  remember(assessmentId: string, verdict: boolean): void {
    if (!this.verdicts.has(assessmentId)) this.verdicts.set(assessmentId, verdict);
  }

  assessmentOfEntry(entryId: Id): Id | Promise<Id> {
    if (!entryId) return null;
    return this.entryAssessment.get(entryId) ?? this.entries.load(entryId);
  }

  verdict(viewer: Viewer, rule: Rule, assessmentId: string): boolean | Promise<boolean> {
    const key = rule === 'result' ? 'r' + assessmentId : assessmentId;
    let v = this.verdicts.get(key);
    if (v === undefined) {
      const p = this.facts.load(assessmentId).then((f) => (f === null ? false : rule === 'result' ? canReadResult(viewer, f) : canReadAssessment(viewer, f)));
      this.verdicts.set(key, (v = p));
      p.then((ok) => this.verdicts.set(key, ok)).catch(() => this.verdicts.delete(key));
    }
    return v;
  }
}

const ACCESS = Symbol('request access');
function requestAccess(ctx: Context): RequestAccess {
  return memoOn(ctx, ACCESS, () => new RequestAccess(ctx));
}

/** May the caller read this object of a guarded type? One function for every path to it. */
export function mayRead(ctx: Context, type: GuardedType, obj: unknown): boolean | Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer || obj === null || typeof obj !== 'object') return false;
  const req = requestAccess(ctx);
  if (type.rule === 'assessment') {
    const own = type.own?.(obj);
    if (own) {
      const id = type.assessmentOf(obj, req); // still records what it learns (an entry's assessment)
      const verdict = canReadAssessment(viewer, own);
      // the assessment's progress rows and entries of this answer need not read it again
      if (typeof id === 'string') req.remember(id, verdict);
      return verdict;
    }
  }
  const id = type.assessmentOf(obj, req);
  if (typeof id === 'string') return req.verdict(viewer, type.rule, id);
  if (id === null) return false;
  return id.then((i) => (i === null ? false : req.verdict(viewer, type.rule, i)));
}

/**
 * An assessment the caller may read, or NOT_FOUND / FORBIDDEN (as AssessmentService.get), from
 * one plain read shared with the request's other checks: for operations that need no more of it
 * than its id (a presence refresh, every 5 s from every open tab).
 */
export async function assertReadableAssessment(ctx: Context, id: string): Promise<string> {
  const viewer = requireViewer(ctx.viewer);
  const assessmentId = assertId(id, 'Assessment');
  const facts = await requestAccess(ctx).factsOf(assessmentId);
  if (!facts) throw notFound('Assessment', assessmentId);
  assertCanReadAssessment(viewer, facts);
  return assessmentId;
}

/**
 * What a write (a save, an appraisal) read of its assessment in its own transaction: the objects
 * of its answer (the entry, the progress rows) are checked against these facts, by the same rule,
 * rather than by reading the assessment again.
 */
export function knownAssessment(ctx: Context, head: { id: string; unitId: string; periodId: string; status: AssessmentStatus; phase: string }): void {
  requestAccess(ctx).know(head.id, { unitId: head.unitId, periodId: head.periodId, status: head.status, phase: head.phase as Phase });
}

function refuse(ctx: Context): never {
  if (!ctx.viewer) throw unauthenticated();
  throw forbidden('This belongs to another unit.');
}

function guardOne(ctx: Context, type: GuardedType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const ok = mayRead(ctx, type, value);
  if (ok === true) return value;
  if (ok === false) refuse(ctx);
  return ok.then((yes) => (yes ? value : refuse(ctx)));
}

/** A list keeps what the caller may read; the verdicts of one assessment are shared by its objects. */
function guardList(ctx: Context, type: GuardedType, value: unknown): unknown {
  if (!Array.isArray(value) || value.length === 0) return value;
  const verdicts = new Array<boolean | Promise<boolean>>(value.length);
  const waiting = new Set<Promise<boolean>>();
  let allowed = 0;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const v = item === null || item === undefined ? true : mayRead(ctx, type, item);
    verdicts[i] = v;
    if (v === true) allowed++;
    else if (v !== false) waiting.add(v);
  }
  if (allowed === value.length) return value;
  const keep = (settled: Map<Promise<boolean>, boolean>) => value.filter((_, i) => {
    const v = verdicts[i];
    return v === true || (v !== false && settled.get(v) === true);
  });
  if (waiting.size === 0) return keep(new Map());
  const pending = [...waiting];
  return Promise.all(pending).then((results) => keep(new Map(pending.map((p, i) => [p, results[i]]))));
}

const isThenable = (x: unknown): x is PromiseLike<unknown> => typeof (x as { then?: unknown } | null)?.then === 'function';

/**
 * Wraps, in place, every field of the schema whose type is (a list of) a type of UNIT_DATA. Run
 * once on the built schema, before anything executes it (graphql-js, graphql-jit and the socket
 * all call the fields' `resolve`).
 */
export function guardUnitData(schema: GraphQLSchema): GraphQLSchema {
  for (const t of Object.values(schema.getTypeMap())) {
    if (!isObjectType(t) || t.name.startsWith('__') || t === schema.getSubscriptionType()) continue;
    for (const field of Object.values(t.getFields())) {
      const guarded = UNIT_DATA[getNamedType(field.type).name];
      if (!guarded) continue;
      const list = isListType(getNullableType(field.type));
      const inner: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      const guard = list ? guardList : guardOne;
      field.resolve = (source, args, ctx, info) => {
        const out = inner(source, args, ctx, info);
        return isThenable(out) ? Promise.resolve(out).then((v) => guard(ctx, guarded, v)) : guard(ctx, guarded, out);
      };
    }
  }
  return schema;
}

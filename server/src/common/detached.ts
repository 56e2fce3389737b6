import { ReferenceKind, type EntityMetadata, type EntityProperty, type Platform } from '@mikro-orm/core';
import type { Em } from '../orm';
import { memoOn } from './memo';
import { bool } from './sql';

/** An entity class whose constructor takes no arguments. */
type EntityClass<T> = new () => T;

/**
 * Entities made straight from plain rows, for hot reads that only answer a query: the ORM's own
 * hydration (identity map, change tracking, a property accessor per relation defined on every
 * instance) cost about 0.25 ms per entry, so a STAFF's 120 assignments took 30–50 ms of CPU.
 * A detached entity is an instance of the entity class (its getters and GraphQL fields work)
 * holding the row's values converted as the ORM converts them; its ManyToOne relations are the
 * ORM's references (loaded on demand through the dataloader, as usual) unless the caller gives
 * them. It is not managed: nothing is flushed from it, and its collections are not loadable,
 * so a caller reads detached entities only for fields that need no collection.
 */

interface Column {
  name: string;
  column: string;
  convert: (v: unknown) => unknown;
  /** a ManyToOne: the target entity's class name */
  target?: string;
}

const plans = new WeakMap<EntityMetadata, Column[]>();

const asDate = (v: unknown): Date | null =>
  v == null ? null : v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number));
const asNumber = (v: unknown): number | null => (v == null ? null : Number(v));
const asString = (v: unknown): string | null => (v == null ? null : String(v));
const asBool = (v: unknown): boolean | null => (v == null ? null : bool(v));

function converter(prop: EntityProperty, platform: Platform): (v: unknown) => unknown {
  // a mapped type (JSON): as the ORM reads it
  const custom = prop.customType;
  if (custom) return (v) => (v == null ? null : custom.convertToJSValue(v, platform));
  switch (prop.runtimeType) {
    case 'Date':
      return asDate;
    case 'number':
      return asNumber;
    case 'boolean':
      return asBool;
    case 'string':
      return asString;
    default:
      return (v) => v ?? null;
  }
}

function planOf(meta: EntityMetadata, platform: Platform): Column[] {
  let plan = plans.get(meta);
  if (plan) return plan;
  plan = [];
  for (const prop of meta.props) {
    if (prop.persist === false || !prop.fieldNames?.length) continue;
    if (prop.kind === ReferenceKind.SCALAR) plan.push({ name: prop.name, column: prop.fieldNames[0], convert: converter(prop, platform) });
    else if (prop.kind === ReferenceKind.MANY_TO_ONE) plan.push({ name: prop.name, column: prop.fieldNames[0], convert: asString, target: prop.type });
  }
  plans.set(meta, plan);
  return plan;
}

/** The columns of an entity's table, for a select list: `alias."column" as "prefixcolumn"`. */
export function columnsOf(em: Em, entity: EntityClass<object>, alias: string, prefix = ''): string {
  return planOf(em.getMetadata().get(entity.name), em.getPlatform())
    .map((c) => `${alias}."${c.column}" as "${prefix}${c.column}"`)
    .join(', ');
}

const EM = Symbol('detached.em');
const IDS = Symbol('detached.ids');

/** Detached instances, which load() (common/load.ts) returns as they are. */
const made = new WeakSet<object>();
export const isDetached = (o: object): boolean => made.has(o);

/** A ManyToOne as the entity holds it: a detached entity's id or given object, else the property. */
const relationValue = (o: object, name: string): unknown =>
  made.has(o) ? (o as Record<symbol, Record<string, unknown>>)[IDS][name] : (o as Record<string, unknown>)[name];

/**
 * The id of an entity's ManyToOne (null when it has none) without making the ORM's reference:
 * a detached entity holds the id itself, and reading it through the relation's getter would ask
 * the ORM for a reference (a save's answer reads the criterion of each progress row and the
 * access check an assessment's unit and period: 5 % of a save's CPU).
 */
export function relationId(o: object, name: string): string | null {
  const v = relationValue(o, name);
  if (typeof v === 'string') return v;
  const id = (v as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

/** A ManyToOne's value when the entity holds the related entity itself, else null (a detached entity's bare id is not looked up). */
export function relationHeld(o: object, name: string): object | null {
  const v = relationValue(o, name);
  return v !== null && typeof v === 'object' ? v : null;
}

/** References handed out per entity manager, so that 120 entries of one assessment share one without asking the ORM 120 times. */
const REFERENCES = Symbol('references');

function referenceTo(em: Em, target: string, id: string): object {
  const known = memoOn(em, REFERENCES, () => new Map<string, object>());
  const key = `${target}:${id}`;
  let ref = known.get(key);
  if (!ref) known.set(key, (ref = em.getReference(target, id) as object));
  return ref;
}


/**
 * The entity's prototype under a layer of plain writable properties, one per column: the ORM
 * puts a setter for every tracked property on the entity's prototype that, on first use,
 * defines the property on the instance (change tracking); setting 25 columns that way cost more
 * than the ORM's hydration. Through this layer a column is set as an ordinary property, while
 * the entity's getters and methods stay inherited. A ManyToOne is a getter that asks the ORM
 * for its reference when something reads it (most answers never read a criterion's parent).
 */
const prototypes = new WeakMap<object, object>();
function viewPrototype(entity: EntityClass<object>, plan: Column[]): object {
  let proto = prototypes.get(entity);
  if (!proto) {
    proto = Object.create(entity.prototype) as object;
    for (const c of plan) {
      if (!c.target) {
        Object.defineProperty(proto, c.name, { value: undefined, writable: true, enumerable: false, configurable: true });
        continue;
      }
      const target = c.target;
      Object.defineProperty(proto, c.name, {
        get(this: Record<symbol, unknown>) {
          const ids = this[IDS] as Record<string, unknown>;
          const v = ids[c.name];
          // null, or a value the caller gave (an entity it holds)
          if (typeof v !== 'string') return v ?? null;
          return referenceTo(this[EM] as Em, target, v);
        },
        set(this: Record<symbol, unknown>, v: unknown) {
          (this[IDS] as Record<string, unknown>)[c.name] = v;
        },
        enumerable: false,
        configurable: true,
      });
    }
    prototypes.set(entity, proto);
  }
  return proto;
}

/**
 * An instance of `entity` from a row (its columns named as the table names them, after
 * `prefix`); `relations` gives ManyToOne values the caller already holds (by property name).
 * Made without the constructor (no new id or dates to overwrite): every column is set from the
 * row, and collections are left out.
 */
export function detached<T extends object>(em: Em, entity: EntityClass<T>, row: Record<string, unknown>, prefix = '', relations: Record<string, unknown> = {}): T {
  const plan = planOf(em.getMetadata().get(entity.name), em.getPlatform());
  const out = Object.create(viewPrototype(entity, plan)) as Record<string | symbol, unknown>;
  const ids: Record<string, unknown> = {};
  out[EM] = em;
  out[IDS] = ids;
  for (const c of plan) {
    if (c.target) ids[c.name] = c.name in relations ? relations[c.name] : c.convert(row[prefix + c.column]);
    else out[c.name] = c.convert(row[prefix + c.column]);
  }
  made.add(out);
  return out as T;
}

import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';
import { PAGE_MAX } from './page-sizes';

/**
 * Pages of a list that grows with the data (Relay-style connections): `first` items after the
 * opaque cursor `after`, with `totalCount` over every page. A cursor holds the sort key of the
 * last item given (keyset paging: a page is one indexed range read, however deep, and an item
 * added or removed meanwhile neither repeats nor skips another).
 *
 * Each list's largest page is in PAGE_MAX (page-sizes.ts): the cost of an operation (cost.ts)
 * counts a page of `first` items, so asking for less costs less.
 */
export type ConnectionName = keyof typeof PAGE_MAX;

/** A key of the sort order, as a cursor carries it. */
export type CursorKey = string | number;

export interface Edge<T> {
  node: T;
  cursor: string;
}
export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

@ObjectType({ description: 'Where a page ends.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page (null on an empty page).' })
  endCursor!: string | null;
}

/**
 * The GraphQL types of a connection of `node`: `<Name>Connection { edges { node cursor } pageInfo
 * totalCount }` and `<Name>Edge`.
 */
export function connectionType<T extends object>(node: ClassType<T>, name: string, description: string): ClassType<Page<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => node)
    node!: T;

    @Field(() => String, { description: 'This item’s place in the list: pass as `after` to continue after it.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Items of the whole list (with its filters), on every page.' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** `first`, checked against the list's largest page: BAD_USER_INPUT (OUT_OF_RANGE) outside 1…max. */
export function pageSize(connection: ConnectionName, first: number): number {
  const max = PAGE_MAX[connection];
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badInput([{ path: 'first', message: `first must be between 1 and ${max}`, code: 'OUT_OF_RANGE', params: { field: 'first', min: 1, max } }]);
  }
  return first;
}

/** An opaque cursor of one list (`kind`) holding the sort key of an item. */
export function encodeCursor(kind: string, keys: readonly CursorKey[]): string {
  return Buffer.from(JSON.stringify([kind, ...keys]), 'utf8').toString('base64url');
}

/**
 * The sort key a cursor of this list holds, its keys of the given types; BAD_USER_INPUT
 * (INVALID_CURSOR) for anything else (another list's cursor, a cursor made up or cut short).
 */
export function decodeCursor(kind: string, after: string, types: readonly ('string' | 'number')[]): CursorKey[] {
  const refuse = () => badInput([{ path: 'after', message: 'not a cursor of this list', code: 'INVALID_CURSOR', params: { field: 'after' } }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== types.length + 1 || parsed[0] !== kind) throw refuse();
  const keys = parsed.slice(1) as unknown[];
  keys.forEach((k, i) => {
    if (typeof k !== types[i] || (typeof k === 'number' && !Number.isFinite(k))) throw refuse();
  });
  return keys as CursorKey[];
}

/**
 * A page from the rows a query read with `limit: first + 1` (the one more tells whether another
 * page follows), each row's cursor from its sort key.
 */
export function pageOf<T>(rows: readonly T[], first: number, totalCount: number, cursorOf: (row: T) => string): Page<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: cursorOf(node) }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}

/** A page of a list already in memory in its order (a list bounded by the data's size, e.g. a ranking). */
export function pageOfList<T>(list: readonly T[], kind: string, first: number, after: string | null | undefined, keyOf: (row: T) => CursorKey[], types: readonly ('string' | 'number')[]): Page<T> {
  let start = 0;
  if (after) {
    const key = JSON.stringify(decodeCursor(kind, after, types));
    const at = list.findIndex((row) => JSON.stringify(keyOf(row)) === key);
    // the item is gone (e.g. recomputed): nothing can be said about where the page continues
    if (at < 0) throw badInput([{ path: 'after', message: 'the item of this cursor is no longer in the list; start again without after', code: 'INVALID_CURSOR', params: { field: 'after' } }]);
    start = at + 1;
  }
  return pageOf(list.slice(start, start + first + 1), first, list.length, (row) => encodeCursor(kind, keyOf(row)));
}

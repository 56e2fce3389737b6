/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isCompositeType, Kind, parse, type DefinitionNode, type DocumentNode, type ExecutableDefinitionNode, type GraphQLCompositeType, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import * as generated from '../../client/src/gql/graphql';

/** Every operation and fragment the web client sends, by name, as GraphQL Code Generator compiled them. */
function definitions(): Map<string, ExecutableDefinitionNode> {
  const byName = new Map<string, ExecutableDefinitionNode>();
  for (const value of Object.values(generated)) {
    const defs = (value as DocumentNode | undefined)?.definitions;
    if (!Array.isArray(defs)) continue;
    for (const d of defs as DefinitionNode[]) {
      if ((d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) && d.name) byName.set(d.name.value, d);
    }
  }
  return byName;
}

/** One selection set of an object: its type, its own leaf fields (not those of spread fragments), where it is. */
interface Selection {
  type: string;
  leaves: string[];
  definition: string;
  path: string;
}

/** The selection sets of one definition, each with the leaf fields written in it (a spread is another definition's). */
function selectionsOf(schema: GraphQLSchema, def: ExecutableDefinitionNode): Selection[] {
  const found: Selection[] = [];
  const name = def.name!.value;
  const walk = (set: SelectionSetNode, type: GraphQLCompositeType, path: string) => {
    const leaves: string[] = [];
    for (const s of set.selections) {
      if (s.kind === Kind.FRAGMENT_SPREAD) continue;
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const on = s.typeCondition ? (schema.getType(s.typeCondition.name.value) as GraphQLCompositeType) : type;
        walk(s.selectionSet, on, `${path}(… on ${on.name})`);
        continue;
      }
      if (s.name.value === '__typename') continue;
      if (!s.selectionSet) {
        leaves.push(s.name.value);
        continue;
      }
      const field = 'getFields' in type ? type.getFields()[s.name.value] : undefined;
      const child = field && getNamedType(field.type);
      if (child && isCompositeType(child)) walk(s.selectionSet, child, `${path}.${s.name.value}`);
    }
    if (leaves.length > 0) found.push({ type: type.name, leaves: [...new Set(leaves)].sort(), definition: name, path });
  };
  if (def.kind === Kind.FRAGMENT_DEFINITION) {
    walk(def.selectionSet, schema.getType(def.typeCondition.name.value) as GraphQLCompositeType, `fragment ${name}`);
  } else {
    const root = def.operation === 'query' ? schema.getQueryType() : def.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    walk(def.selectionSet, root!, `${def.operation} ${name}`);
  }
  return found;
}

/** Repeated selections: the same leaf fields (3 or more) of the same type, written out in two definitions. */
function repeats(schema: GraphQLSchema, defs: Iterable<ExecutableDefinitionNode>): string[] {
  const byKey = new Map<string, Selection[]>();
  for (const def of defs) {
    for (const sel of selectionsOf(schema, def)) {
      if (sel.leaves.length < 3) continue;
      const key = `${sel.type} { ${sel.leaves.join(' ')} }`;
      byKey.set(key, [...(byKey.get(key) ?? []), sel]);
    }
  }
  const problems: string[] = [];
  for (const [key, sels] of byKey) {
    const where = [...new Map(sels.map((s) => [s.definition, s])).values()];
    if (where.length < 2) continue;
    problems.push(`${key} is written out in ${where.length} documents: ${where.map((s) => `${s.definition} (at ${s.path})`).join(', ')}; write it once as a fragment and spread it`);
  }
  return problems.sort();
}

describe('the web client’s GraphQL documents', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
  const defs = definitions();

  it('should be found (the generated documents and their fragments)', () => {
    expect([...defs.values()].filter((d) => d.kind === Kind.OPERATION_DEFINITION).length).toBeGreaterThan(30);
    expect([...defs.values()].filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).length).toBeGreaterThan(10);
  });

  it('should not repeat a selection of three or more fields of one type in two documents (one fragment, spread where needed)', () => {
    expect(repeats(schema, defs.values())).toEqual([]);
  });

  it('should name both documents and the fields when a selection is repeated, and accept one fragment spread twice', () => {
    const doc = parse(`
      query A { me { id name email } }
      query B { users { email id name } }
      fragment C on User { id name email role }
      query D { me { ...C } }
      query E { users { ...C active } }
    `);
    const found = repeats(schema, doc.definitions as ExecutableDefinitionNode[]);
    expect(found).toEqual(['User { email id name } is written out in 2 documents: A (at query A.me), B (at query B.users); write it once as a fragment and spread it']);
  });
});

import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { badInput, type AppError, type Problem } from './errors';

/**
 * Text that no string argument may carry, checked after parsing so that escapes written in the
 * query text (`"\u0000"`) are caught as well as raw characters and variables:
 *
 * - NUL (U+0000): PostgreSQL refuses it in text, SQLite silently cuts the text at it;
 * - Unicode bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): they
 *   make a name display as something else ("invoice" + U+202E + "txt.pdf" shows as "invoicefdp.txt").
 *
 * One function for every way in: the Apollo plugin below (HTTP), the socket's onSubscribe
 * (live/socket.ts) and the evidence upload's file name and fields (REST).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Why `text` is refused, or null when it is fine. */
export function unsafeText(text: string): string | null {
  const m = UNSAFE.exec(text);
  if (!m) return null;
  const code = 'U+' + m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return m[0] === '\u0000' ? 'may not contain a NUL character (U+0000)' : `may not contain a Unicode bidirectional control character (${code})`;
}

const MAX_DEPTH = 200;

/** Problems in a JSON value (variables, a JSON scalar): every string and object key, with its path. */
function walkJson(value: unknown, path: string, out: Problem[], depth = 0): void {
  if (typeof value === 'string') {
    const why = unsafeText(value);
    if (why) out.push({ path, message: why, code: 'UNSAFE_TEXT', params: { field: path } });
    return;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) value.forEach((v, i) => walkJson(v, `${path}.${i}`, out, depth + 1));
  else
    for (const [k, v] of Object.entries(value)) {
      const why = unsafeText(k);
      if (why) out.push({ path: `${path}.${k}`, message: `(a key) ${why}`, code: 'UNSAFE_TEXT', params: { field: `${path}.${k}` } });
      walkJson(v, `${path}.${k}`, out, depth + 1);
    }
}

/** Problems in a literal of the query text. */
function walkLiteral(node: ValueNode, path: string, out: Problem[]): void {
  if (node.kind === Kind.STRING) {
    const why = unsafeText(node.value);
    if (why) out.push({ path, message: why, code: 'UNSAFE_TEXT', params: { field: path } });
  } else if (node.kind === Kind.LIST) node.values.forEach((v, i) => walkLiteral(v, `${path}.${i}`, out));
  else if (node.kind === Kind.OBJECT) for (const f of node.fields) walkLiteral(f.value, `${path}.${f.name.value}`, out);
}

/** The literals' problems of a document, found once per parsed document (Apollo and the socket cache documents). */
const literalProblems = new WeakMap<DocumentNode, Problem[]>();

function literalsOf(document: DocumentNode): Problem[] {
  let out = literalProblems.get(document);
  if (out) return out;
  out = [];
  const found = out;
  const fields: string[] = [];
  visit(document, {
    Field: { enter: (node) => void fields.push(node.name.value), leave: () => void fields.pop() },
    Argument(node) {
      walkLiteral(node.value, [...fields, node.name.value].join('.'), found);
      return false;
    },
    VariableDefinition(node) {
      if (node.defaultValue) walkLiteral(node.defaultValue, `$${node.variable.name.value}`, found);
      return false;
    },
  });
  literalProblems.set(document, out);
  return out;
}

/**
 * Every string argument (literals, with their field path: `createUser.input.name`), every
 * variable (`$input.name`) and every variable default of an operation that carries NUL or a
 * bidirectional control.
 */
export function unsafeInput(document: DocumentNode, variables: Record<string, unknown> | null | undefined): Problem[] {
  const out = [...literalsOf(document)];
  for (const [name, value] of Object.entries(variables ?? {})) walkJson(value, `$${name}`, out);
  return out;
}

/** BAD_USER_INPUT naming every unsafe argument, or null. `http`: the status of a refused HTTP request. */
export function refuseUnsafeInput(document: DocumentNode, variables: Record<string, unknown> | null | undefined, http?: number): AppError | null {
  const problems = unsafeInput(document, variables);
  return problems.length ? badInput(problems, http ? { http: { status: http } } : {}) : null;
}

/** The check on HTTP, before any resolver runs (the socket calls refuseUnsafeInput in onSubscribe). */
export const inputSafety: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        const error = refuseUnsafeInput(document, request.variables, 400);
        if (error) throw error;
      },
    };
  },
};

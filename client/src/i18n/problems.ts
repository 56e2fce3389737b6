import type { Problem } from '../app/errors';
import { dictionaries, type Lang, type MessageKey } from './dictionary';
import { translate, type Params } from './index';

/**
 * The server's problems and errors in the person's language. Every problem carries a `code` and
 * `params` (server/src/common/errors.ts, PROBLEM_CODES); its wording is `problem.<code>`, an
 * error's `errorCode.<code>`, each in vi and en (a test fails when one is missing). Parameters
 * that name a field, a role, a unit kind or a method are worded too.
 */

const hasKey = (key: string): key is MessageKey => key in dictionaries.vi;

/** A parameter in words: field and column names, roles, unit kinds, methods and phases through the dictionary. */
function wordParam(lang: Lang, name: string, value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const by: Record<string, string> = { field: 'field', column: 'field', role: 'role', kind: 'unitKind', expected: 'unitKind', method: 'method', phase: 'phase', sheet: 'sheet' };
  const prefix = by[name];
  if (prefix && hasKey(`${prefix}.${text}`)) return translate(lang, `${prefix}.${text}` as MessageKey);
  if (typeof value === 'number') return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 6 }).format(value);
  return text;
}

/** One problem as a sentence of the person's language; the server's English message when its code is unknown. */
export function problemText(lang: Lang, p: Problem): string {
  const key = `problem.${p.code ?? 'INVALID'}`;
  if (!hasKey(key)) return p.message;
  const params: Params = { message: p.message };
  for (const [k, v] of Object.entries(p.params ?? {})) params[k] = wordParam(lang, k, v);
  return translate(lang, key, params);
}

/** Where a problem is: "Dòng 7, vai trò" for a sheet's row and column, else the path as the server gives it. */
export function problemWhere(lang: Lang, p: Problem): string {
  const row = p.params?.row;
  if (typeof row === 'number') {
    const column = p.params?.column;
    return translate(lang, column ? 'problem.atRowColumn' : 'problem.atRow', { row, column: column ? wordParam(lang, 'column', column) : '', sheet: wordParam(lang, 'sheet', p.params?.sheet) });
  }
  return p.path;
}

/** An error code (extensions.code) in words. */
export function errorCodeText(lang: Lang, code: string | undefined): string {
  const key = `errorCode.${code ?? 'INTERNAL_SERVER_ERROR'}`;
  return translate(lang, hasKey(key) ? key : 'errorCode.INTERNAL_SERVER_ERROR');
}

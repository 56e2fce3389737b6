/** The codes of a criterion's ancestors, parent first. */
export function ancestorCodes(code: string): string[] {
  const parts = code.split('.');
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 1; i--) out.push(parts.slice(0, i).join('.'));
  return out;
}

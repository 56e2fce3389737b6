import type { Criterion } from '../framework/criterion.entity';

/** The initial progress rows of one assessment: every node empty, its cap its own max. */
export function initialProgressRows(criteria: Criterion[]): { criterion: Criterion; capH: number; leaves: number }[] {
  const leaves = new Map<string, number>();
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  for (const c of criteria) {
    if (!c.isLeaf) continue;
    // ancestors are the code's prefixes ("2.3.1" → "2.3", "2"); the leaf counts itself too
    const parts = c.code.split('.');
    for (let i = parts.length; i >= 1; i--) {
      const code = parts.slice(0, i).join('.');
      leaves.set(code, (leaves.get(code) ?? 0) + 1);
    }
  }
  return criteria.map((c) => ({ criterion: byCode.get(c.code)!, capH: c.maxH, leaves: leaves.get(c.code) ?? 0 }));
}

/** The codes of a criterion's ancestors, parent first. */
export function ancestorCodes(code: string): string[] {
  const parts = code.split('.');
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 1; i--) out.push(parts.slice(0, i).join('.'));
  return out;
}

import type { NodeKind } from '../../server/src/modules/scoring/scoring.types';
import type { TreeNode } from '../../server/src/modules/scoring/tree';

/** mulberry32: a small seeded PRNG so failures reproduce. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, chance: (p: number) => next() < p, pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] };
}
export type Rng = ReturnType<typeof prng>;

/**
 * A random criteria tree: 1–2 roots, up to 6 levels, bonus and deduction leaves, in shuffled
 * order (what consumes it must not depend on the order). An inner node's max is at least its
 * regular children's sum, as an import enforces; `capBelowSum` sometimes puts it below, so
 * that capping is exercised too.
 */
export function randomTree(rng: Rng, { capBelowSum = false }: { capBelowSum?: boolean } = {}): TreeNode[] {
  const nodes: TreeNode[] = [];
  let n = 0;
  const grow = (parentId: string | null, depth: number): { maxH: number; regular: boolean } => {
    const id = `n${n++}`;
    if (parentId !== null && (depth === 5 || rng.next() < 0.3)) {
      const r = rng.next();
      const kind: NodeKind = r < 0.7 ? 'REGULAR' : r < 0.85 ? 'BONUS' : 'DEDUCTION';
      const maxH = rng.int(1, 1000);
      nodes.push({ id, parentId, maxH, kind, isLeaf: true });
      return { maxH, regular: kind === 'REGULAR' };
    }
    const self: TreeNode = { id, parentId, maxH: 0, kind: 'REGULAR', isLeaf: false };
    nodes.push(self);
    let sum = 0;
    for (let k = rng.int(1, depth < 2 ? 4 : 3); k > 0; k--) {
      const c = grow(id, depth + 1);
      if (c.regular) sum += c.maxH;
    }
    self.maxH = capBelowSum ? Math.max(0, sum + rng.int(-200, 300)) : sum + (rng.next() < 0.5 ? 0 : rng.int(0, 300));
    return { maxH: self.maxH, regular: true };
  };
  for (let r = rng.int(1, 2); r > 0; r--) grow(null, 0);
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [nodes[i], nodes[j]] = [nodes[j], nodes[i]];
  }
  return nodes;
}

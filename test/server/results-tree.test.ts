import { buildPeriodTree, scorePeriodTree } from '../../server/src/modules/results/period.tree';
import type { NodeKind, NotApplicableMode } from '../../server/src/modules/scoring/scoring.types';
import { computeTree, type LeafState, type TreeNode } from '../../server/src/modules/scoring/tree';

/**
 * The results score every unit on a tree built once per period (results/period.tree.ts); it must
 * agree exactly with computeTree, the arithmetic every other part of the server uses.
 */

/** mulberry32: a small seeded PRNG so failures reproduce. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int };
}
type Rng = ReturnType<typeof prng>;

/** 1–2 roots, up to 6 levels, bonus and deduction leaves, in shuffled order. */
function randomTree(rng: Rng): TreeNode[] {
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
    // sometimes a cap below the children's sum, so that capping is exercised too
    self.maxH = Math.max(0, sum + rng.int(-200, 300));
    return { maxH: self.maxH, regular: true };
  };
  for (let r = rng.int(1, 2); r > 0; r--) grow(null, 0);
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [nodes[i], nodes[j]] = [nodes[j], nodes[i]];
  }
  return nodes;
}

function randomState(rng: Rng, node: TreeNode): LeafState {
  if (rng.next() < 0.2) return { scoreH: rng.next() < 0.5 ? node.maxH : 0, notApplicable: true };
  if (rng.next() < 0.1) return { scoreH: null, notApplicable: false };
  const v = rng.next() < 0.2 ? node.maxH : rng.int(0, node.maxH);
  return { scoreH: node.kind === 'DEDUCTION' ? -v : v, notApplicable: false };
}

describe('the period tree agrees with computeTree (property)', () => {
  it.each(Array.from({ length: 60 }, (_, i) => i + 1))('seed %p', (seed) => {
    const rng = prng(seed);
    const mode: NotApplicableMode = seed % 2 ? 'RESCALE' : 'FULL';
    const nodes = randomTree(rng);
    const tree = buildPeriodTree(nodes);
    const scores = new Float64Array(tree.size);
    const na = new Uint8Array(tree.size);
    // several units on one tree: the buffers are reused, as the results do
    for (let unit = 0; unit < 5; unit++) {
      scores.fill(0);
      na.fill(0);
      const leaves = new Map<string, LeafState>();
      for (const l of nodes) {
        if (!l.isLeaf || rng.next() < 0.3) continue; // missing entries count 0
        const s = randomState(rng, l);
        leaves.set(l.id, s);
        const i = tree.indexOf.get(l.id)!;
        scores[i] = s.scoreH ?? 0;
        na[i] = s.notApplicable ? 1 : 0;
      }
      const expected = computeTree(nodes, leaves, mode);
      const got = scorePeriodTree(tree, scores, na, mode);
      for (const x of nodes) {
        const i = tree.indexOf.get(x.id)!;
        const e = expected.get(x.id)!;
        expect([x.id, got.scoreH[i], got.capH[i]]).toEqual([x.id, e.scoreH, e.capH]);
      }
    }
  });

  it('should refuse a node with an unknown parent, and a cycle, like computeTree', () => {
    const leaf = (id: string, parentId: string | null): TreeNode => ({ id, parentId, maxH: 100, kind: 'REGULAR', isLeaf: parentId !== null });
    expect(() => buildPeriodTree([leaf('r', null), leaf('a', 'x')])).toThrow(/unknown parent/);
    expect(() => buildPeriodTree([leaf('r', null), { ...leaf('a', 'b'), isLeaf: false }, { ...leaf('b', 'a'), isLeaf: false }])).toThrow(/cycle/);
    expect(() => buildPeriodTree([leaf('r', null), leaf('r', null)])).toThrow(/Duplicate/);
  });
});

import { buildPeriodTree, scorePeriodTree } from '../../server/src/modules/results/period.tree';
import type { NotApplicableMode } from '../../server/src/modules/scoring/scoring.types';
import { computeTree, type LeafState, type TreeNode } from '../../server/src/modules/scoring/tree';
import { prng, randomTree, type Rng } from '../helpers/random-tree';

/**
 * The results score every unit on a tree built once per period (results/period.tree.ts); it must
 * agree exactly with computeTree, the arithmetic every other part of the server uses.
 */

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
    const nodes = randomTree(rng, { capBelowSum: true });
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

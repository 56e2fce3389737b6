/**
 * The framework tree of a period built once and scored many times (every unit at every level),
 * with plain arrays indexed by node. It is the arithmetic of computeTree (scoring/tree.ts), which
 * builds its maps again on every call: the two must always agree (test/server/results-tree.test.ts).
 * Scores are integer hundredths held in JS numbers, so every sum is exact.
 */
import type { NotApplicableMode } from '../scoring/scoring.types';
import { nodeScoreH, type TreeNode } from '../scoring/tree';

export interface PeriodTree {
  size: number;
  /** node id → index */
  indexOf: Map<string, number>;
  /** every index, children before their parents */
  order: Int32Array;
  /** the parent's index, -1 for a root */
  parent: Int32Array;
  maxH: number[];
  isLeaf: boolean[];
  /** counts in its parent's regular sum (an inner node or a REGULAR leaf); else bonus/deduction */
  regular: boolean[];
}

export function buildPeriodTree(nodes: TreeNode[]): PeriodTree {
  const indexOf = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (indexOf.has(n.id)) throw new Error(`Duplicate node ${n.id}`);
    indexOf.set(n.id, i);
  });
  const parent = new Int32Array(nodes.length).fill(-1);
  const children: number[][] = nodes.map(() => []);
  const roots: number[] = [];
  nodes.forEach((n, i) => {
    if (n.parentId === null) return void roots.push(i);
    const p = indexOf.get(n.parentId);
    if (p === undefined) throw new Error(`Node ${n.id} has an unknown parent ${n.parentId}`);
    parent[i] = p;
    children[p].push(i);
  });
  // pre-order without recursion, then reversed: every node comes after all of its children
  const pre: number[] = [];
  const stack = [...roots];
  while (stack.length) {
    const i = stack.pop()!;
    pre.push(i);
    for (const c of children[i]) stack.push(c);
  }
  if (pre.length !== nodes.length) throw new Error('The tree has a cycle');
  return {
    size: nodes.length,
    indexOf,
    order: Int32Array.from(pre.reverse()),
    parent,
    maxH: nodes.map((n) => n.maxH),
    isLeaf: nodes.map((n) => n.isLeaf),
    regular: nodes.map((n) => !n.isLeaf || n.kind === 'REGULAR'),
  };
}

/** Every node's score and effective max (hundredths), by index. */
export interface TreeScores {
  scoreH: Float64Array;
  capH: Float64Array;
}

/**
 * Scores the tree for one assessment at one level: `leafScoreH[i]` is leaf i's score (0 when
 * missing or null), `leafNotApplicable[i]` whether it is N/A. Entries at inner nodes are ignored.
 */
export function scorePeriodTree(tree: PeriodTree, leafScoreH: Float64Array, leafNotApplicable: Uint8Array, naMode: NotApplicableMode): TreeScores {
  const n = tree.size;
  const scoreH = new Float64Array(n);
  const capH = new Float64Array(n);
  const regularSumH = new Float64Array(n);
  const extraSumH = new Float64Array(n);
  const naMaxH = new Float64Array(n);
  const { order, parent, maxH, isLeaf, regular } = tree;
  const rescale = naMode === 'RESCALE';
  for (let k = 0; k < n; k++) {
    const i = order[k];
    let s: number;
    if (isLeaf[i]) {
      // a leaf's max leaves its ancestors only when it is a REGULAR leaf, N/A, under RESCALE
      naMaxH[i] = rescale && regular[i] && leafNotApplicable[i] === 1 ? maxH[i] : 0;
      capH[i] = maxH[i] - naMaxH[i];
      s = leafScoreH[i];
    } else {
      capH[i] = maxH[i] - naMaxH[i];
      s = nodeScoreH(capH[i], regularSumH[i], extraSumH[i]);
    }
    scoreH[i] = s;
    const p = parent[i];
    if (p < 0) continue;
    if (regular[i]) {
      regularSumH[p] += s;
      naMaxH[p] += naMaxH[i];
    } else extraSumH[p] += s;
  }
  return { scoreH, capH };
}

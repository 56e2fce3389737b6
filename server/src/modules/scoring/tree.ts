/**
 * The arithmetic of inner nodes and of the whole tree (DESIGN.md "Arithmetic"), in integer
 * hundredths: a full computation (computeTree) and the O(depth) update used by saves
 * (applyLeafChange), which must always agree.
 */
import { rat, ratCompare, ratFromNumber, ratMin, ratMul, roundHalfUp, RAT_ONE } from '../../common/decimal';
import { NodeKind, NotApplicableMode } from './scoring.types';

/** max(0, min(Σ regular children, cap) + Σ bonus and deduction children). */
export const nodeScoreH = (capH: number, regularSumH: number, extraSumH: number): number =>
  Math.max(0, Math.min(regularSumH, capH) + extraSumH);

export interface TreeNode {
  id: string;
  parentId: string | null;
  maxH: number;
  /** inner nodes are always REGULAR */
  kind: NodeKind;
  isLeaf: boolean;
}

export interface LeafState {
  scoreH: number | null;
  notApplicable: boolean;
}

export interface NodeTotals {
  scoreH: number;
  /** effective max: maxH minus the maxima of N/A regular leaves below it under RESCALE (a leaf: its own) */
  capH: number;
  /** Σ regular children's scores (0 for a leaf) */
  regularSumH: number;
  /** Σ bonus and deduction children's scores (0 for a leaf) */
  extraSumH: number;
  /** the max removed below (a leaf: its own max when removed) */
  naMaxH: number;
}

const isRegular = (n: TreeNode): boolean => !n.isLeaf || n.kind === 'REGULAR';

/** Totals of every node; missing leaves and null scores count 0. Any order, any depth, O(n). */
export function computeTree(
  nodes: TreeNode[],
  leaves: Map<string, LeafState>,
  naMode: NotApplicableMode,
): Map<string, NodeTotals> {
  const byId = new Map<string, TreeNode>();
  const children = new Map<string, TreeNode[]>();
  for (const n of nodes) {
    if (byId.has(n.id)) throw new Error(`Duplicate node ${n.id}`);
    byId.set(n.id, n);
    children.set(n.id, []);
  }
  const roots: TreeNode[] = [];
  for (const n of nodes) {
    if (n.parentId === null) roots.push(n);
    else {
      const siblings = children.get(n.parentId);
      if (!siblings) throw new Error(`Node ${n.id} has an unknown parent ${n.parentId}`);
      siblings.push(n);
    }
  }

  // Post-order without recursion: every node is finished after all of its children.
  const order: TreeNode[] = [];
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    stack.push(...children.get(n.id)!);
  }
  if (order.length !== nodes.length) throw new Error('The tree has a cycle');

  const totals = new Map<string, NodeTotals>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    if (n.isLeaf) {
      const s = leaves.get(n.id);
      const removed = naMode === 'RESCALE' && n.kind === 'REGULAR' && s?.notApplicable === true;
      const naMaxH = removed ? n.maxH : 0;
      totals.set(n.id, { scoreH: s?.scoreH ?? 0, capH: n.maxH - naMaxH, regularSumH: 0, extraSumH: 0, naMaxH });
      continue;
    }
    let regularSumH = 0;
    let extraSumH = 0;
    let naMaxH = 0;
    for (const c of children.get(n.id)!) {
      const t = totals.get(c.id)!;
      if (isRegular(c)) {
        regularSumH += t.scoreH;
        naMaxH += t.naMaxH;
      } else extraSumH += t.scoreH;
    }
    const capH = n.maxH - naMaxH;
    totals.set(n.id, { scoreH: nodeScoreH(capH, regularSumH, extraSumH), capH, regularSumH, extraSumH, naMaxH });
  }
  return totals;
}

/** The stored totals of one ancestor of a leaf, as kept in the progress rows. */
export interface AncestorTotals {
  id: string;
  maxH: number;
  capH: number;
  regularSumH: number;
  extraSumH: number;
  scoreH: number;
}

/**
 * The O(depth) update of a save: `chain` is the leaf's ancestors, its parent first up to the root.
 * Returns new objects (other fields of T are kept). Agrees exactly with computeTree.
 */
export function applyLeafChange<T extends AncestorTotals>(
  chain: T[],
  leafKind: NodeKind,
  old: { scoreH: number | null; notApplicable: boolean; leafMaxH: number },
  next: { scoreH: number | null; notApplicable: boolean },
  naMode: NotApplicableMode,
): T[] {
  const removedMax = (na: boolean) => (naMode === 'RESCALE' && leafKind === 'REGULAR' && na ? old.leafMaxH : 0);
  const capDelta = removedMax(old.notApplicable) - removedMax(next.notApplicable);
  let delta = (next.scoreH ?? 0) - (old.scoreH ?? 0);
  let childRegular = leafKind === 'REGULAR';
  return chain.map((a) => {
    const capH = a.capH + capDelta;
    const regularSumH = a.regularSumH + (childRegular ? delta : 0);
    const extraSumH = a.extraSumH + (childRegular ? 0 : delta);
    const scoreH = nodeScoreH(capH, regularSumH, extraSumH);
    delta = scoreH - a.scoreH;
    childRegular = true; // inner nodes are regular children of their parents
    return { ...a, capH, regularSumH, extraSumH, scoreH };
  });
}

/** The reported total: under RESCALE root × framework max / applicable max, rounded half-up. */
export function reportedTotalH(
  rootScoreH: number,
  frameworkMaxH: number,
  applicableMaxH: number,
  naMode: NotApplicableMode,
): number {
  if (naMode !== 'RESCALE') return rootScoreH;
  if (applicableMaxH <= 0) return 0;
  return roundHalfUp(rat(BigInt(rootScoreH) * BigInt(frameworkMaxH), BigInt(applicableMaxH)));
}

/** What the total rule needs of a framework. */
export interface TotalRule {
  maxH: number;
  notApplicable: NotApplicableMode;
  /** true: the groups' sum is capped at the (applicable) max; false (the default): it is not */
  capTotal: boolean;
}

/**
 * The reported total from the top-level groups (DESIGN.md "Arithmetic"): their sum, not capped
 * (a bonus that lifts a group above its max lifts the total too; the index is capped instead),
 * unless the framework sets capTotal, then capped at the applicable max; under RESCALE rescaled
 * from the applicable max (Σ the groups' effective maxima) to the framework max. Top-level
 * groups are always regular nodes (an import refuses a top-level bonus or deduction).
 */
export function reportedFromTop(top: { scoreH: number; capH: number }[], fw: TotalRule): number {
  let applicableMaxH = 0;
  let sumH = 0;
  for (const g of top) {
    applicableMaxH += g.capH;
    sumH += g.scoreH;
  }
  const rootScoreH = Math.max(0, fw.capTotal ? Math.min(sumH, applicableMaxH) : sumH);
  return reportedTotalH(rootScoreH, fw.maxH, applicableMaxH, fw.notApplicable);
}

/** total / max, capped at 1, rounded half-up to three places (0.887); 0 when max is 0. */
export function indexOf(totalH: number, frameworkMaxH: number): number {
  if (frameworkMaxH <= 0) return 0;
  const share = ratMin(rat(totalH, frameworkMaxH), RAT_ONE);
  return roundHalfUp(ratMul(share, rat(1000))) / 1000;
}

/** The first band in descending minPercent with minPercent ≤ index × 100, else null. */
export function bandOf<B extends { label: string; minPercent: number }>(index: number, bands: B[]): B | null {
  const percent = ratMul(ratFromNumber(index), rat(100));
  const sorted = [...bands].sort((a, b) => b.minPercent - a.minPercent);
  return sorted.find((b) => ratCompare(ratFromNumber(b.minPercent), percent) <= 0) ?? null;
}

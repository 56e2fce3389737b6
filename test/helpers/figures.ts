/**
 * DESIGN.md "Arithmetic", worked out from scratch for the property test: written without the
 * server's scoring code (nothing from server/src/modules/scoring), on integer hundredths and
 * BigInt fractions, so that a bug there cannot hide in a shared helper.
 */

export type Method = 'MANUAL' | 'BOOLEAN' | 'TIERS' | 'RATIO' | 'RELATIVE' | 'DEDUCTION' | 'BONUS';

export interface Node {
  code: string;
  parent: string | null;
  maxH: number;
  method: Method | null; // null: a group
  tiers?: { label: string; share: number }[];
  thresholds?: { minPercent: number; share: number | 'ratio' }[];
  allowNotApplicable?: boolean;
}

export interface Value {
  points?: number;
  met?: boolean;
  tier?: string;
  numerator?: number;
  denominator?: number;
  figure?: number;
  notApplicable?: boolean;
}

export interface Framework {
  maxH: number;
  notApplicable: 'FULL' | 'RESCALE';
  capTotal: boolean;
  nodes: Node[];
}

/** n / d rounded half-up to an integer (n ≥ 0, d > 0). */
const halfUp = (n: bigint, d: bigint): number => Number((2n * n + d) / (2n * d));

/** A decimal number as an exact fraction (the inputs here have at most 4 decimals). */
function frac(x: number): [bigint, bigint] {
  const s = x.toFixed(6);
  const [i, f] = s.split('.');
  return [BigInt(i + f), 10n ** BigInt(f.length)];
}

/** A leaf's score in hundredths; null when there is none (no input, or RELATIVE without a best). */
export function leafScore(n: Node, v: Value | null, naMode: 'FULL' | 'RESCALE', best: number | null): number | null {
  if (!v) return null;
  if (v.notApplicable) return naMode === 'FULL' && n.method !== 'BONUS' && n.method !== 'DEDUCTION' ? n.maxH : 0;
  const share = (num: bigint, den: bigint) => halfUp(BigInt(n.maxH) * num, den);
  switch (n.method) {
    case 'MANUAL':
    case 'BONUS':
    case 'DEDUCTION':
      return Math.round(v.points! * 100);
    case 'BOOLEAN':
      return v.met ? n.maxH : 0;
    case 'TIERS': {
      const [a, b] = frac(n.tiers!.find((t) => t.label === v.tier)!.share);
      return share(a, b);
    }
    case 'RATIO': {
      let [a, b] = [BigInt(v.numerator!), BigInt(v.denominator!)];
      if (a > b) a = b;
      if (!n.thresholds?.length) return share(a, b);
      const sorted = [...n.thresholds].sort((x, y) => y.minPercent - x.minPercent);
      // minPercent ≤ rate × 100  ⇔  minPercent × b ≤ 100 a
      const hit = sorted.find((t) => {
        const [p, q] = frac(t.minPercent);
        return p * b <= 100n * a * q;
      });
      if (!hit) return 0;
      if (hit.share === 'ratio') return share(a, b);
      const [c, d] = frac(hit.share);
      return share(c, d);
    }
    case 'RELATIVE': {
      if (best === null) return null;
      if (best <= 0) return 0;
      let [a, b] = [BigInt(v.figure!), BigInt(best)];
      if (a > b) a = b;
      return share(a, b);
    }
  }
  return null;
}

export interface NodeFigure {
  scoreH: number;
  capH: number;
}

const extra = (n: Node) => n.method === 'BONUS' || n.method === 'DEDUCTION';

/** Every node's score and effective max from the leaves' scores and N/A flags (recursive, by code). */
export function tree(fw: Framework, leaf: (code: string) => { scoreH: number | null; notApplicable: boolean }): Map<string, NodeFigure> {
  const out = new Map<string, NodeFigure>();
  const kids = (code: string | null) => fw.nodes.filter((n) => n.parent === code);
  const visit = (n: Node): NodeFigure => {
    let f: NodeFigure;
    if (n.method) {
      const l = leaf(n.code);
      const removed = fw.notApplicable === 'RESCALE' && !extra(n) && l.notApplicable;
      f = { scoreH: l.scoreH ?? 0, capH: removed ? 0 : n.maxH };
    } else {
      let regular = 0;
      let bonus = 0;
      let removed = 0;
      for (const c of kids(n.code)) {
        const cf = visit(c);
        if (c.method && extra(c)) bonus += cf.scoreH;
        else {
          regular += cf.scoreH;
          removed += c.maxH - cf.capH;
        }
      }
      const capH = n.maxH - removed;
      f = { scoreH: Math.max(0, Math.min(regular, capH) + bonus), capH };
    }
    out.set(n.code, f);
    return f;
  };
  for (const r of kids(null)) visit(r);
  return out;
}

/** The reported total: Σ top-level groups (capped only with capTotal), rescaled under RESCALE. */
export function reported(fw: Framework, figures: Map<string, NodeFigure>): number {
  const top = fw.nodes.filter((n) => n.parent === null).map((n) => figures.get(n.code)!);
  const sum = top.reduce((s, f) => s + f.scoreH, 0);
  const applicable = top.reduce((s, f) => s + f.capH, 0);
  const root = Math.max(0, fw.capTotal ? Math.min(sum, applicable) : sum);
  if (fw.notApplicable !== 'RESCALE') return root;
  if (applicable <= 0) return 0;
  return halfUp(BigInt(root) * BigInt(fw.maxH), BigInt(applicable));
}

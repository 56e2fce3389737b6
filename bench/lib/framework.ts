/**
 * Criteria sets in the interchange format (docs/api.md), generated to a size: `criteria` nodes in
 * `groups` top-level groups, filled breadth-first with the smallest fan-out (≥ 3) that fits them
 * within `maxDepth` levels. Every inner node's maximum is the sum of its children's, so the
 * document is valid as imported.
 */

export type Method = 'MANUAL' | 'BOOLEAN' | 'TIERS' | 'RATIO' | 'RELATIVE';

export interface GeneratedFramework {
  document: Record<string, unknown>;
  /** leaf codes with their method, max and depth, in document order */
  leaves: { code: string; method: Method; max: number; depth: number }[];
  criteria: number;
  depth: number;
  fanout: number;
}

interface Node {
  code: string;
  depth: number;
  children: Node[];
}

const TIERS = [
  { label: 'Đầy đủ', share: 1 },
  { label: 'Một phần', share: 0.5 },
  { label: 'Không', share: 0 },
];
const THRESHOLDS = [
  { minPercent: 90, share: 1 },
  { minPercent: 70, share: 0.5 },
  { minPercent: 0, share: 0 },
];

/** A deterministic pseudo-random sequence (mulberry32), so that runs build the same trees. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateFramework(opts: {
  code: string;
  criteria?: number;
  maxDepth?: number;
  groups?: number;
  unitKind?: string;
  year?: number;
  /** exact fan-out per level instead of `criteria` (e.g. [10, 5, 10]: 10 groups of 5 of 10 leaves) */
  shape?: number[];
  /** share of leaves per method (the rest MANUAL) */
  mix?: Partial<Record<Method, number>>;
  seed?: number;
}): GeneratedFramework {
  if (opts.shape) return generateShaped(opts as typeof opts & { shape: number[] });
  const maxDepth = opts.maxDepth ?? 8;
  const groups = Math.min(opts.groups ?? 5, opts.criteria ?? 0);
  const capacity = (b: number) => {
    let sum = 0;
    for (let d = 0, level = groups; d < maxDepth; d++, level *= b) sum += level;
    return sum;
  };
  let fanout = 3;
  while (capacity(fanout) < (opts.criteria ?? 0)) fanout++;

  // breadth-first: expand nodes in order until the count is reached
  const roots: Node[] = [];
  for (let i = 1; i <= groups; i++) roots.push({ code: String(i), depth: 1, children: [] });
  let count = roots.length;
  const queue: Node[] = [...roots];
  for (let qi = 0; qi < queue.length && count < (opts.criteria ?? 0); qi++) {
    const n = queue[qi];
    if (n.depth >= maxDepth) continue;
    for (let c = 1; c <= fanout && count < (opts.criteria ?? 0); c++) {
      const child: Node = { code: `${n.code}.${c}`, depth: n.depth + 1, children: [] };
      n.children.push(child);
      queue.push(child);
      count++;
    }
  }

  return finish(opts, roots, count, fanout);
}

/** A tree with the exact fan-out per level given by `shape`. */
function generateShaped(opts: Parameters<typeof generateFramework>[0] & { shape: number[] }): GeneratedFramework {
  let count = 0;
  const build = (prefix: string, level: number): Node[] =>
    Array.from({ length: opts.shape[level] }, (_, i) => {
      count++;
      const code = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      return { code, depth: level + 1, children: level + 1 < opts.shape.length ? build(code, level + 1) : [] };
    });
  const roots = build('', 0);
  return finish(opts, roots, count, Math.max(...opts.shape.slice(1), 0));
}

function finish(opts: Parameters<typeof generateFramework>[0], roots: Node[], count: number, fanout: number): GeneratedFramework {
  const random = rng(opts.seed ?? 20260101);
  const mix = { BOOLEAN: 0.15, TIERS: 0.15, RATIO: 0.1, RELATIVE: 0, ...(opts.mix ?? {}) };
  const pick = (): Method => {
    let x = random();
    for (const m of ['BOOLEAN', 'TIERS', 'RATIO', 'RELATIVE'] as const) {
      if (x < mix[m]) return m;
      x -= mix[m];
    }
    return 'MANUAL';
  };
  const leaves: GeneratedFramework['leaves'] = [];
  let depth = 0;
  // returns [json, max in hundredths]
  const emit = (n: Node): [Record<string, unknown>, number] => {
    depth = Math.max(depth, n.depth);
    const title = `Tiêu chí ${n.code}`;
    if (n.children.length === 0) {
      const method = pick();
      const node: Record<string, unknown> = { code: n.code, title, method };
      let maxH: number;
      switch (method) {
        case 'BOOLEAN':
          maxH = 100;
          break;
        case 'TIERS':
          maxH = 300;
          node.tiers = TIERS;
          break;
        case 'RATIO':
          maxH = 400;
          node.thresholds = THRESHOLDS;
          break;
        case 'RELATIVE':
          maxH = 200;
          break;
        default:
          maxH = 200;
          node.step = 0.25;
      }
      node.maxScore = maxH / 100;
      leaves.push({ code: n.code, method, max: maxH / 100, depth: n.depth });
      return [node, maxH];
    }
    const children: Record<string, unknown>[] = [];
    let sumH = 0;
    for (const c of n.children) {
      const [json, h] = emit(c);
      children.push(json);
      sumH += h;
    }
    return [{ code: n.code, title, maxScore: sumH / 100, children }, sumH];
  };
  const criteria = roots.map((r) => emit(r)[0]);
  const document = {
    code: opts.code,
    name: `Bộ tiêu chí thử tải ${opts.code}`,
    year: opts.year ?? 2025,
    unitKind: opts.unitKind ?? 'DISTRICT',
    notApplicable: 'RESCALE',
    bands: [
      { label: 'A', minPercent: 90 },
      { label: 'B', minPercent: 80 },
      { label: 'C', minPercent: 65 },
      { label: 'D', minPercent: 0 },
    ],
    criteria,
  };
  return { document, leaves, criteria: count, depth, fanout };
}

/** A valid self-score value for a leaf, varied by `r` in [0, 1). */
export function valueFor(method: Method, max: number, r: number): Record<string, unknown> {
  switch (method) {
    case 'BOOLEAN':
      return { met: r < 0.7 };
    case 'TIERS':
      return { tier: TIERS[Math.floor(r * TIERS.length)].label };
    case 'RATIO': {
      const denominator = 1000;
      return { numerator: Math.floor(r * denominator), denominator };
    }
    case 'RELATIVE':
      return { figure: Math.round(r * 10_000) / 100 };
    default:
      return { points: Math.floor(r * (max / 0.25 + 1)) * 0.25 };
  }
}

/**
 * The self score in hundredths of a value made by valueFor on a generated leaf (DESIGN.md
 * "Arithmetic" for these methods and options); null for RELATIVE, scored with the results.
 */
export function scoreHOf(method: Method, maxH: number, v: Record<string, unknown>): number | null {
  switch (method) {
    case 'BOOLEAN':
      return v.met ? maxH : 0;
    case 'TIERS':
      return Math.round(maxH * TIERS.find((t) => t.label === v.tier)!.share);
    case 'RATIO': {
      const pct = Math.min(1, (v.numerator as number) / (v.denominator as number)) * 100;
      return Math.round(maxH * THRESHOLDS.find((t) => t.minPercent <= pct)!.share);
    }
    case 'RELATIVE':
      return null;
    default:
      return Math.round((v.points as number) * 100);
  }
}

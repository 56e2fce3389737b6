import {
  AncestorTotals,
  LeafState,
  NodeTotals,
  TreeNode,
  applyLeafChange,
  bandOf,
  computeTree,
  indexOf,
  nodeScoreH,
  reportedFromTop,
  reportedTotalH,
} from '../../../server/src/modules/scoring/tree';
import { NodeKind, NotApplicableMode } from '../../../server/src/modules/scoring/scoring.types';
import { prng, randomTree, type Rng } from '../../helpers/random-tree';

const inner = (id: string, parentId: string | null, maxH: number): TreeNode => ({
  id,
  parentId,
  maxH,
  kind: 'REGULAR',
  isLeaf: false,
});
const leaf = (id: string, parentId: string, maxH: number, kind: NodeKind = 'REGULAR'): TreeNode => ({
  id,
  parentId,
  maxH,
  kind,
  isLeaf: true,
});
const s = (scoreH: number | null, notApplicable = false): LeafState => ({ scoreH, notApplicable });

/**
 * R (100)
 * ├── G1 (60): a 30, b 20, c 10, bonus x 5, deduction d 10
 * └── G2 (40): e 25, f 15
 */
const NODES: TreeNode[] = [
  leaf('f', 'G2', 1500),
  leaf('d', 'G1', 1000, 'DEDUCTION'),
  inner('G1', 'R', 6000),
  leaf('a', 'G1', 3000),
  inner('R', null, 10000),
  leaf('x', 'G1', 500, 'BONUS'),
  leaf('b', 'G1', 2000),
  leaf('c', 'G1', 1000),
  inner('G2', 'R', 4000),
  leaf('e', 'G2', 2500),
];

describe('nodeScoreH', () => {
  it.each([
    [6000, 5800, 0, 5800],
    [6000, 6500, 0, 6000], // capped
    [6000, 6000, 400 - 150, 6250], // bonus on top of the cap, deduction after it
    [1000, 1200, -300, 700], // deduction applies to the capped sum
    [1000, 100, -300, 0], // floor at 0
    [1000, 0, 0, 0],
  ])('cap %p, regular %p, extra %p → %p', (cap, reg, extra, expected) => {
    expect(nodeScoreH(cap, reg, extra)).toBe(expected);
  });
});

describe('computeTree', () => {
  it('sums, caps, adds bonus and deduction on top (any node order)', () => {
    const leaves = new Map([
      ['a', s(3000)],
      ['b', s(2000)],
      ['c', s(1000)],
      ['x', s(400)],
      ['d', s(-150)],
      ['e', s(2500)],
      ['f', s(1500)],
    ]);
    const t = computeTree(NODES, leaves, 'FULL');
    // G1: min(60, 60) + 4 − 1.5 = 62.5, above its own max through the bonus
    expect(t.get('G1')).toEqual({ scoreH: 6250, capH: 6000, regularSumH: 6000, extraSumH: 250, naMaxH: 0 });
    expect(t.get('G2')).toEqual({ scoreH: 4000, capH: 4000, regularSumH: 4000, extraSumH: 0, naMaxH: 0 });
    // R: 62.5 + 40 = 102.5 capped at 100
    expect(t.get('R')).toEqual({ scoreH: 10000, capH: 10000, regularSumH: 10250, extraSumH: 0, naMaxH: 0 });
    expect(t.get('x')).toEqual({ scoreH: 400, capH: 500, regularSumH: 0, extraSumH: 0, naMaxH: 0 });
  });

  it('counts missing leaves and null scores as 0 and floors deductions at 0', () => {
    const leaves = new Map([
      ['a', s(100)],
      ['b', s(null)],
      ['d', s(-300)],
      ['e', s(1234)],
    ]);
    const t = computeTree(NODES, leaves, 'FULL');
    expect(t.get('G1')!.scoreH).toBe(0); // 1 − 3 → 0
    expect(t.get('G1')!.regularSumH).toBe(100);
    expect(t.get('G1')!.extraSumH).toBe(-300);
    expect(t.get('b')!.scoreH).toBe(0);
    expect(t.get('R')!.scoreH).toBe(1234);
  });

  const naLeaves = (mode: NotApplicableMode) =>
    new Map([
      ['a', s(2750)],
      ['b', s(2000)],
      ['c', s(mode === 'FULL' ? 1000 : 0, true)],
      ['e', s(2000)],
      ['f', s(mode === 'FULL' ? 1500 : 0, true)],
      ['x', s(0, true)],
    ]);

  it('FULL: N/A leaves score their max and keep it in the maxima', () => {
    const t = computeTree(NODES, naLeaves('FULL'), 'FULL');
    expect(t.get('G1')).toMatchObject({ scoreH: 5750, capH: 6000, naMaxH: 0 });
    expect(t.get('G2')).toMatchObject({ scoreH: 3500, capH: 4000, naMaxH: 0 });
    expect(t.get('R')).toMatchObject({ scoreH: 9250, capH: 10000, naMaxH: 0 });
    expect(reportedTotalH(9250, 10000, 10000, 'FULL')).toBe(9250);
  });

  it('RESCALE: N/A regular leaves leave every ancestor max; bonus N/A removes nothing', () => {
    const t = computeTree(NODES, naLeaves('RESCALE'), 'RESCALE');
    expect(t.get('c')).toMatchObject({ capH: 0, naMaxH: 1000 });
    expect(t.get('x')).toMatchObject({ capH: 500, naMaxH: 0 });
    expect(t.get('G1')).toMatchObject({ scoreH: 4750, capH: 5000, naMaxH: 1000 });
    expect(t.get('G2')).toMatchObject({ scoreH: 2000, capH: 2500, naMaxH: 1500 });
    expect(t.get('R')).toMatchObject({ scoreH: 6750, capH: 7500, naMaxH: 2500 });
    // 67.5 × 100 / 75 = 90
    expect(reportedTotalH(6750, 10000, 7500, 'RESCALE')).toBe(9000);
  });

  it('caps at the reduced max under RESCALE', () => {
    const leaves = new Map([
      ['a', s(3000)],
      ['b', s(2000)],
      ['c', s(0, true)],
      ['x', s(500)],
      ['e', s(2500)],
      ['f', s(1500)],
    ]);
    const t = computeTree(NODES, leaves, 'RESCALE');
    expect(t.get('G1')).toMatchObject({ scoreH: 5500, capH: 5000 }); // 50 + 5
    expect(t.get('R')).toMatchObject({ scoreH: 9000, capH: 9000, regularSumH: 9500 });
  });

  it('handles forests and deep chains', () => {
    const nodes: TreeNode[] = [inner('A', null, 500), leaf('a1', 'A', 500), inner('B', null, 100)];
    let parent = 'B';
    for (let i = 0; i < 6; i++) {
      nodes.push(inner(`B${i}`, parent, 100));
      parent = `B${i}`;
    }
    nodes.push(leaf('deep', parent, 100));
    const t = computeTree(nodes.reverse(), new Map([['deep', s(77)], ['a1', s(5)]]), 'FULL');
    expect(t.get('B')!.scoreH).toBe(77);
    expect(t.get('B3')!.scoreH).toBe(77);
    expect(t.get('A')!.scoreH).toBe(5);
  });

  it('refuses unknown parents, duplicates and cycles', () => {
    expect(() => computeTree([leaf('a', 'nope', 1)], new Map(), 'FULL')).toThrow(/unknown parent/);
    expect(() => computeTree([inner('A', null, 1), inner('A', null, 1)], new Map(), 'FULL')).toThrow(/Duplicate/);
    expect(() => computeTree([inner('A', 'B', 1), inner('B', 'A', 1)], new Map(), 'FULL')).toThrow(/cycle/);
  });
});

describe('reportedTotalH', () => {
  it.each([
    [6667, 10000, 7500, 8889], // 88.8933… → 88.89
    [1, 1, 2, 1], // 0.005 → 0.01 (half-up)
    [7500, 17000, 15000, 8500],
    [5000, 10000, 10000, 5000],
    [123, 10000, 0, 0], // nothing applicable
  ])('RESCALE %p × %p / %p = %p', (root, fw, applicable, expected) => {
    expect(reportedTotalH(root, fw, applicable, 'RESCALE')).toBe(expected);
  });
  it('FULL reports the root score', () => {
    expect(reportedTotalH(6667, 10000, 7500, 'FULL')).toBe(6667);
  });
});

describe('reportedFromTop: the total rule', () => {
  // groups G1 (max 60) and G2 (max 40) of a 100-point framework; G1 holds a bonus of up to 5
  const fw = (capTotal: boolean, notApplicable: NotApplicableMode = 'FULL') => ({ maxH: 10000, notApplicable, capTotal });

  it('sums the top-level groups without a cap by default: a bonus above a group max lifts the total', () => {
    // G1 = min(60, 60) + 5 = 65, G2 = 38 → 103, not 100
    const top = [{ scoreH: 6500, capH: 6000 }, { scoreH: 3800, capH: 4000 }];
    expect(reportedFromTop(top, fw(false))).toBe(10300);
    expect(indexOf(reportedFromTop(top, fw(false)), 10000)).toBe(1);
  });

  it('two units whose bonuses lift them above the max stay apart (no tie at the max)', () => {
    const a = reportedFromTop([{ scoreH: 6500, capH: 6000 }, { scoreH: 3800, capH: 4000 }], fw(false));
    const b = reportedFromTop([{ scoreH: 6200, capH: 6000 }, { scoreH: 4000, capH: 4000 }], fw(false));
    expect([a, b]).toEqual([10300, 10200]);
  });

  it('caps the sum at the framework max when capTotal is set', () => {
    const top = [{ scoreH: 6500, capH: 6000 }, { scoreH: 3800, capH: 4000 }];
    expect(reportedFromTop(top, fw(true))).toBe(10000);
    expect(reportedFromTop([{ scoreH: 5000, capH: 6000 }, { scoreH: 3800, capH: 4000 }], fw(true))).toBe(8800);
  });

  it('RESCALE: rescales the uncapped sum from the applicable max; capTotal caps at the applicable max first', () => {
    // G2 lost 10 points of N/A leaves: applicable 90; G1 65 + G2 28 = 93 → 93 × 100 / 90 = 103.33
    const top = [{ scoreH: 6500, capH: 6000 }, { scoreH: 2800, capH: 3000 }];
    expect(reportedFromTop(top, fw(false, 'RESCALE'))).toBe(10333);
    expect(reportedFromTop(top, fw(true, 'RESCALE'))).toBe(10000);
    expect(reportedFromTop([{ scoreH: 5000, capH: 6000 }, { scoreH: 2800, capH: 3000 }], fw(true, 'RESCALE'))).toBe(8667);
  });

  it('agrees with summing computeTree’s top-level nodes (random trees, both rules)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rng = prng(seed);
      const nodes = randomTree(rng);
      const leaves = new Map<string, LeafState>();
      for (const n of nodes) if (n.isLeaf) leaves.set(n.id, s(n.kind === 'DEDUCTION' ? -rng.int(0, n.maxH) : rng.int(0, n.maxH), rng.chance(0.1)));
      const totals = computeTree(nodes, leaves, 'RESCALE');
      const roots = nodes.filter((n) => n.parentId === null);
      const fwMaxH = roots.reduce((x, n) => x + n.maxH, 0);
      const sum = roots.reduce((x, n) => x + totals.get(n.id)!.scoreH, 0);
      const applicable = roots.reduce((x, n) => x + totals.get(n.id)!.capH, 0);
      const top = roots.map((n) => totals.get(n.id)!);
      expect(reportedFromTop(top, { maxH: fwMaxH, notApplicable: 'FULL', capTotal: false })).toBe(sum);
      expect(reportedFromTop(top, { maxH: fwMaxH, notApplicable: 'FULL', capTotal: true })).toBe(Math.min(sum, applicable));
      expect(reportedFromTop(top, { maxH: fwMaxH, notApplicable: 'RESCALE', capTotal: false })).toBe(reportedTotalH(sum, fwMaxH, applicable, 'RESCALE'));
    }
  });
});

describe('indexOf', () => {
  it.each([
    [15077, 17000, 0.887], // 0.88688…
    [8875, 10000, 0.888], // 0.8875 → half-up
    [8874, 10000, 0.887],
    [9000, 10000, 0.9],
    [17000, 17000, 1],
    [18000, 17000, 1], // capped
    [1, 2000, 0.001], // 0.0005 → 0.001
    [0, 17000, 0],
    [0, 0, 0],
  ])('%p / %p → %p', (total, max, expected) => expect(indexOf(total, max)).toBe(expected));
});

describe('bandOf', () => {
  const bands = [
    { label: 'C', minPercent: 65 },
    { label: 'A', minPercent: 90 },
    { label: 'D', minPercent: 0 },
    { label: 'B', minPercent: 80 },
  ];
  it.each([
    [1, 'A'],
    [0.9, 'A'],
    [0.899, 'B'],
    [0.8, 'B'],
    [0.65, 'C'],
    [0.649, 'D'],
    [0, 'D'],
  ])('%p → %p', (index, label) => expect(bandOf(index, bands)?.label).toBe(label));

  it('compares exactly (0.29 × 100 and 0.57 × 100 are below 29 and 57 in binary)', () => {
    expect(bandOf(0.29, [{ label: 'X', minPercent: 29 }])?.label).toBe('X');
    expect(bandOf(0.57, [{ label: 'Y', minPercent: 57 }])?.label).toBe('Y');
    expect(bandOf(0.569, [{ label: 'Y', minPercent: 56.9 }])?.label).toBe('Y');
  });

  it('returns null below every band', () => {
    expect(bandOf(0.5, [{ label: 'A', minPercent: 90 }])).toBeNull();
    expect(bandOf(0.5, [])).toBeNull();
  });
});

describe('applyLeafChange', () => {
  const stored = (t: Map<string, NodeTotals>, id: string, maxH: number) => {
    const { scoreH, capH, regularSumH, extraSumH } = t.get(id)!;
    return { id, maxH, capH, regularSumH, extraSumH, scoreH, seen: 'kept' };
  };
  const full = new Map([
    ['a', s(3000)],
    ['b', s(2000)],
    ['c', s(1000)],
    ['x', s(400)],
    ['d', s(-150)],
    ['e', s(2500)],
    ['f', s(1500)],
  ]);

  it('propagates a regular score change (hand-computed)', () => {
    const t = computeTree(NODES, full, 'FULL');
    const chain = [stored(t, 'G1', 6000), stored(t, 'R', 10000)];
    const out = applyLeafChange(chain, 'REGULAR', { scoreH: 1000, notApplicable: false, leafMaxH: 1000 }, s(500), 'FULL');
    // G1: min(55, 60) + 2.5 = 57.5; R: 57.5 + 40 = 97.5
    expect(out).toEqual([
      { id: 'G1', maxH: 6000, capH: 6000, regularSumH: 5500, extraSumH: 250, scoreH: 5750, seen: 'kept' },
      { id: 'R', maxH: 10000, capH: 10000, regularSumH: 9750, extraSumH: 0, scoreH: 9750, seen: 'kept' },
    ]);
    expect(chain[0].scoreH).toBe(6250); // inputs untouched
  });

  it('sends a bonus change to the extra sum', () => {
    const t = computeTree(NODES, full, 'FULL');
    const out = applyLeafChange(
      [stored(t, 'G1', 6000), stored(t, 'R', 10000)],
      'BONUS',
      { scoreH: 400, notApplicable: false, leafMaxH: 500 },
      s(null),
      'FULL',
    );
    expect(out[0]).toMatchObject({ extraSumH: -150, scoreH: 5850 });
    expect(out[1]).toMatchObject({ regularSumH: 9850, scoreH: 9850 });
  });

  it('takes the max out of every ancestor when a leaf becomes N/A under RESCALE, and puts it back', () => {
    const t = computeTree(NODES, full, 'RESCALE');
    const chain = [stored(t, 'G1', 6000), stored(t, 'R', 10000)];
    const out = applyLeafChange(chain, 'REGULAR', { scoreH: 1000, notApplicable: false, leafMaxH: 1000 }, s(0, true), 'RESCALE');
    // G1: cap 50, min(50, 50) + 2.5 = 52.5; R: cap 90, min(92.5, 90) = 90
    expect(out[0]).toMatchObject({ capH: 5000, regularSumH: 5000, scoreH: 5250 });
    expect(out[1]).toMatchObject({ capH: 9000, regularSumH: 9250, scoreH: 9000 });
    const back = applyLeafChange(out, 'REGULAR', { scoreH: 0, notApplicable: true, leafMaxH: 1000 }, s(1000), 'RESCALE');
    expect(back).toEqual(chain);
  });

  it('keeps the max under FULL', () => {
    const t = computeTree(NODES, full, 'FULL');
    const out = applyLeafChange(
      [stored(t, 'G1', 6000)],
      'REGULAR',
      { scoreH: 3000, notApplicable: false, leafMaxH: 3000 },
      s(3000, true),
      'FULL',
    );
    expect(out[0]).toMatchObject({ capH: 6000, scoreH: 6250 });
  });
});

describe('applyLeafChange agrees with computeTree (property)', () => {
  function randomState(rng: Rng, node: TreeNode, mode: NotApplicableMode): LeafState {
    const regular = node.kind === 'REGULAR';
    if (rng.next() < 0.2) return s(regular && mode === 'FULL' ? node.maxH : 0, true);
    if (rng.next() < 0.1) return s(null);
    const v = rng.next() < 0.2 ? node.maxH : rng.int(0, node.maxH);
    return s(node.kind === 'DEDUCTION' ? -v : v);
  }

  const sizes: number[] = [];
  afterAll(() => {
    // the trees must be big enough to mean something (real sets: 30–150 leaves, 3–5 levels)
    expect(Math.max(...sizes)).toBeGreaterThan(100);
  });

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %p', (seed) => {
    const rng = prng(seed);
    const mode: NotApplicableMode = seed % 2 ? 'RESCALE' : 'FULL';
    const nodes = randomTree(rng);
    const byId = new Map(nodes.map((x) => [x.id, x]));
    const leafNodes = nodes.filter((x) => x.isLeaf);
    const leaves = new Map<string, LeafState>();
    for (const l of leafNodes) if (rng.next() < 0.7) leaves.set(l.id, randomState(rng, l, mode));

    const snapshot = (t: Map<string, NodeTotals>) => {
      const rows = new Map<string, AncestorTotals>();
      for (const x of nodes) {
        if (x.isLeaf) continue;
        const { scoreH, capH, regularSumH, extraSumH, naMaxH } = t.get(x.id)!;
        if (x.maxH - capH !== naMaxH) throw new Error(`capH + naMaxH != maxH at ${x.id}`);
        rows.set(x.id, { id: x.id, maxH: x.maxH, capH, regularSumH, extraSumH, scoreH });
      }
      return rows;
    };
    const stored = snapshot(computeTree(nodes, leaves, mode));

    for (let step = 0; step < 60; step++) {
      const l = rng.pick(leafNodes);
      const old = leaves.get(l.id) ?? s(null);
      const next = randomState(rng, l, mode);
      const chain: AncestorTotals[] = [];
      for (let p = l.parentId; p !== null; p = byId.get(p)!.parentId) chain.push(stored.get(p)!);
      const updated = applyLeafChange(chain, l.kind, { ...old, leafMaxH: l.maxH }, next, mode);
      for (const u of updated) stored.set(u.id, u);
      leaves.set(l.id, next);

      expect(stored).toEqual(snapshot(computeTree(nodes, leaves, mode)));
    }
    sizes.push(nodes.length);
  });
});

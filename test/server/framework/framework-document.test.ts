import { InputProblems, Problem } from '../../../server/src/common/errors';
import {
  frameworkToDocument,
  parseFrameworkDocument,
} from '../../../server/src/modules/framework/framework.document';
import { SCORING_METHODS } from '../../../server/src/modules/scoring/scoring.types';
import demo from '../../../server/src/seeders/demo-framework.json';

/** The problems thrown by parseFrameworkDocument (fails the test when it does not throw). */
function problemsOf(doc: unknown): Problem[] {
  try {
    parseFrameworkDocument(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(InputProblems);
    return (e as InputProblems).problems;
  }
  throw new Error('expected InputProblems');
}

const base = (criteria: unknown[], extra: Record<string, unknown> = {}) => ({
  code: 'T',
  name: 'Test',
  year: 2025,
  unitKind: 'DISTRICT',
  bands: [{ label: 'A', minPercent: 50 }, { label: 'B', minPercent: 0 }],
  criteria,
  ...extra,
});

const designExample = {
  code: 'EGOV-DISTRICT-2018', name: 'E-government evaluation, district level', year: 2018,
  unitKind: 'DISTRICT', notApplicable: 'RESCALE',
  bands: [{ label: 'A', minPercent: 90 }, { label: 'B', minPercent: 80 },
          { label: 'C', minPercent: 65 }, { label: 'D', minPercent: 0 }],
  criteria: [
    { code: '1', title: 'Readiness', maxScore: 50, children: [
      { code: '1.1', title: 'Share of civil servants with a computer', maxScore: 4,
        method: 'RATIO', thresholds: [{ minPercent: 100, share: 1 }, { minPercent: 0, share: 'ratio' }],
        evidenceRequired: true },
      { code: '1.2', title: 'Firewall and antivirus deployed', maxScore: 3, method: 'TIERS',
        tiers: [{ label: 'Full', share: 1 }, { label: 'Partial', share: 0.5 }, { label: 'None', share: 0 }] } ] } ] };

describe('the demo framework', () => {
  const fw = parseFrameworkDocument(demo);
  const leaves = fw.criteria.filter((c) => c.isLeaf);

  it('parses to 170 points in three groups of 60 + 80 + 30', () => {
    expect(fw.code).toBe('CQDT-HUYEN-2025');
    expect(fw.maxH).toBe(17000);
    expect(fw.criteria.filter((c) => c.depth === 1).map((c) => [c.code, c.maxH])).toEqual([
      ['1', 6000], ['2', 8000], ['3', 3000],
    ]);
    expect(fw.bands.map((b) => b.minPercent)).toEqual([90, 80, 65, 0]);
  });

  it('has 40–55 leaves, 2–4 levels deep, using every method', () => {
    expect(leaves.length).toBeGreaterThanOrEqual(40);
    expect(leaves.length).toBeLessThanOrEqual(55);
    expect(Math.max(...fw.criteria.map((c) => c.depth))).toBeLessThanOrEqual(4);
    expect(new Set(leaves.map((l) => l.method))).toEqual(new Set(SCORING_METHODS));
    expect(leaves.some((l) => l.method === 'MANUAL' && l.stepH === 25)).toBe(true);
    expect(leaves.some((l) => l.method === 'RATIO' && l.thresholds)).toBe(true);
    expect(leaves.some((l) => l.method === 'RATIO' && !l.thresholds)).toBe(true);
    expect(leaves.filter((l) => l.allowNotApplicable).length).toBeGreaterThan(2);
    expect(leaves.filter((l) => l.evidenceRequired).length).toBeGreaterThan(2);
  });

  it('lists parents before children, with depth and position', () => {
    const index = new Map(fw.criteria.map((c, i) => [c.code, i]));
    for (const c of fw.criteria) {
      if (c.parentCode) expect(index.get(c.parentCode)!).toBeLessThan(index.get(c.code)!);
      expect(c.depth).toBe(c.code.split('.').length);
    }
    const c112 = fw.criteria.find((c) => c.code === '1.1.2')!;
    expect(c112).toMatchObject({ parentCode: '1.1', depth: 3, position: 1, maxH: 400, method: 'TIERS' });
    expect(fw.criteria.find((c) => c.code === '2.2.3.4')!.maxH).toBe(50);
  });

  it('round-trips through the interchange format', () => {
    const again = parseFrameworkDocument(frameworkToDocument(fw));
    expect(again).toEqual(fw);
    expect(JSON.parse(JSON.stringify(frameworkToDocument(fw)))).toEqual(frameworkToDocument(again));
  });
});

describe('the DESIGN.md example', () => {
  it('parses, with defaults filled in', () => {
    const fw = parseFrameworkDocument(designExample);
    expect(fw.maxH).toBe(5000);
    expect(fw.criteria).toHaveLength(3);
    expect(fw.criteria[0]).toMatchObject({ code: '1', parentCode: null, depth: 1, isLeaf: false, method: null });
    expect(fw.criteria[1]).toMatchObject({
      code: '1.1', parentCode: '1', depth: 2, position: 0, maxH: 400, method: 'RATIO', evidenceRequired: true,
      allowNotApplicable: false, guidance: null, stepH: null, tiers: null, isLeaf: true,
      thresholds: [{ minPercent: 100, share: 1 }, { minPercent: 0, share: 'ratio' }],
    });
    expect(fw.criteria[2].tiers).toEqual([
      { label: 'Full', share: 1 }, { label: 'Partial', share: 0.5 }, { label: 'None', share: 0 },
    ]);
    expect(parseFrameworkDocument(frameworkToDocument(fw))).toEqual(fw);
  });

  it('defaults notApplicable to RESCALE and a MANUAL step to 0.01', () => {
    const fw = parseFrameworkDocument(
      base([{ code: '1', title: 'G', maxScore: 1, children: [
        { code: '1.1', title: 'L', maxScore: 0.5, method: 'MANUAL' },
        { code: '1.2', title: 'Zero', maxScore: 0, method: 'MANUAL', guidance: '  ' },
        { code: '1.3', title: 'R', maxScore: 0.5, method: 'RATIO',
          thresholds: [{ minPercent: 0, share: 0 }, { minPercent: 90, share: 1 }] },
      ] }]),
    );
    expect(fw.notApplicable).toBe('RESCALE');
    expect(fw.capTotal).toBe(false);
    expect(fw.criteria[1].stepH).toBe(1);
    expect(fw.criteria[2]).toMatchObject({ maxH: 0, stepH: 1, guidance: null });
    expect(fw.criteria[3].thresholds!.map((t) => t.minPercent)).toEqual([90, 0]); // sorted descending
  });
});

describe('capTotal', () => {
  const doc = (capTotal: unknown) => ({ ...base([{ code: '1', title: 'G', maxScore: 1, children: [{ code: '1.1', title: 'L', maxScore: 1, method: 'MANUAL' }] }]), capTotal });

  it('opts in to a capped total and round-trips (left out of the document when false)', () => {
    const capped = parseFrameworkDocument(doc(true));
    expect(capped.capTotal).toBe(true);
    expect(frameworkToDocument(capped)).toMatchObject({ capTotal: true });
    expect(parseFrameworkDocument(frameworkToDocument(capped))).toEqual(capped);
    const open = parseFrameworkDocument(doc(false));
    expect(open.capTotal).toBe(false);
    expect(frameworkToDocument(open)).not.toHaveProperty('capTotal');
  });

  it('refuses anything but true or false', () => {
    expect(() => parseFrameworkDocument(doc('yes'))).toThrow(/capTotal must be true or false/);
  });
});

describe('a broken document', () => {
  const broken = {
    code: '',
    year: 1999,
    unitKind: 'PROVINCE',
    notApplicable: 'SKIP',
    bands: [{ label: 'A', minPercent: 90 }, { label: 'A', minPercent: 120 }, { label: 'C', minPercent: 90 }],
    criteria: [
      { code: '1', title: 'Group one', maxScore: 10, children: [
        { code: '1.1', title: 'Over the max', maxScore: 8, method: 'BOOLEAN' },
        { code: '1.2', title: 'Also', maxScore: 4, method: 'BOOLEAN' },
        { code: '1.3', title: 'Bonus on top', maxScore: 5, method: 'BONUS' }, // not counted in the sum
        { code: '1.1', title: 'Again', maxScore: 1, method: 'BOOLEAN' }, // duplicate
        { code: '2.3', title: 'Misplaced', maxScore: 1, method: 'BOOLEAN' }, // orphan under 1
        { code: '1.4', title: 'Weird method', maxScore: 1, method: 'GUESS' },
        { code: '1.5', title: 'Bad tiers', maxScore: 1, method: 'TIERS',
          tiers: [{ label: 'X', share: 1.5 }, { label: 'X', share: 0.12345 }] },
        { code: '1.6', title: 'Bad thresholds', maxScore: 1, method: 'RATIO',
          thresholds: [
            { minPercent: 150, share: 1 }, { minPercent: 50, share: 'half' }, { minPercent: 50, share: 0 },
          ] },
        { code: '1.7', title: 'Negative', maxScore: -1, method: 'BOOLEAN' },
        { code: '1.8', maxScore: 1, method: 'BOOLEAN' }, // no title
        { code: '1.9', title: 'Typo', maxscore: 1, method: 'BOOLEAN' }, // unknown field, missing maxScore
        { title: 'No code', maxScore: 1, method: 'BOOLEAN' },
        { code: '1.10', title: 'Tiers on a boolean', maxScore: 1, method: 'BOOLEAN', tiers: [] },
        { code: '1.11', title: 'Leaf without method', maxScore: 1 },
        { code: '1.12', title: 'Step too big', maxScore: 0.5, method: 'MANUAL', step: 1 },
        { code: '1.13', title: 'Three decimals', maxScore: 0.125, method: 'BOOLEAN' },
      ] },
      { code: '2', title: 'Inner node with a method', maxScore: 5, method: 'MANUAL', children: [
        { code: '2.1', title: 'Fine', maxScore: 5, method: 'BOOLEAN' },
      ] },
      { code: '3', title: 'Top-level deduction', maxScore: 2, method: 'DEDUCTION' },
      { code: '4.1', title: 'Top-level code with a dot', maxScore: 1, method: 'BOOLEAN' },
    ],
  };

  it('reports every problem at once, each where it is', () => {
    const problems = problemsOf(broken);
    const at = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message).join(' | ');
    const expectAt = (path: string, pattern: RegExp) => expect(at(path)).toMatch(pattern);

    expectAt('code', /code must not be empty/);
    expectAt('name', /name is required/);
    expectAt('year', /2000 to 2100/);
    expectAt('unitKind', /DEPARTMENT, DISTRICT, COMMUNE, OTHER/);
    expectAt('notApplicable', /FULL or RESCALE/);
    expectAt('bands[1].label', /duplicate band label 'A'/);
    expectAt('bands[1].minPercent', /0 to 100/);
    expectAt('bands[2].minPercent', /two bands start at 90/);

    expectAt('1', /add up to 21.5, more than its maxScore 10/); // the bonus 1.3 not counted
    expectAt('1.1', /duplicate code \(first at criteria\[0\]\.children\[0\]\)/);
    expectAt('2.3', /code must be '1.<n>' under '1'/);
    expectAt('1.4', /unknown method 'GUESS'/);
    expectAt('1.5', /tiers\[0\]\.share must be a number from 0 to 1/);
    expectAt('1.5', /duplicate tier label 'X'/);
    expectAt('1.5', /tiers\[1\]\.share .*4 decimals/);
    expectAt('1.6', /thresholds\[0\]\.minPercent must be a number from 0 to 100/);
    expectAt('1.6', /thresholds\[1\]\.share/);
    expectAt('1.6', /two thresholds start at 50/);
    expectAt('1.7', /maxScore must not be negative/);
    expectAt('1.8', /title is required/);
    expectAt('1.9', /unknown field 'maxscore'/);
    expectAt('1.9', /maxScore is required/);
    expectAt('criteria[0].children[11]', /code is required/);
    expectAt('1.10', /tiers are only for TIERS leaves/);
    expectAt('1.11', /a leaf needs a method/);
    expectAt('1.12', /step must not exceed maxScore/);
    expectAt('1.13', /more than 2 decimals/);
    expectAt('2', /children takes no method/);
    expectAt('3', /DEDUCTION cannot be a top-level group/);
    expectAt('4.1', /top-level code has no dot/);

    // nothing else: the bonus sits on top of group 1, and 2.1 is fine
    expect(problems.filter((p) => ['1.3', '2.1'].includes(p.path))).toEqual([]);
    expect(problems.length).toBe(30); // one per expectAt above
  });

  it('reports a missing zero band, empty criteria and a non-object document', () => {
    const problems = problemsOf({ ...base([]), bands: [{ label: 'A', minPercent: 10 }], extra: 1 });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'bands', message: expect.stringMatching(/minPercent 0/), code: 'NO_LOWEST_BAND', params: {} },
        { path: 'criteria', message: expect.stringMatching(/non-empty/), code: 'EMPTY_LIST', params: { field: 'criteria' } },
        { path: 'extra', message: "unknown field 'extra'", code: 'UNKNOWN_FIELD', params: { field: 'extra' } },
      ]),
    );
    expect(problemsOf('nope')).toEqual([{ path: '', message: expect.stringMatching(/JSON object/), code: 'NOT_AN_OBJECT', params: { field: 'document' } }]);
  });

  it('caps the depth at 8 levels', () => {
    let node: Record<string, unknown> = { code: '1.1.1.1.1.1.1.1.1', title: 'deep', maxScore: 1, method: 'BOOLEAN' };
    for (let d = 8; d >= 1; d--) {
      node = { code: Array(d).fill('1').join('.'), title: `level ${d}`, maxScore: 1, children: [node] };
    }
    const problems = problemsOf(base([node]));
    expect(problems).toEqual([{ path: '1.1.1.1.1.1.1.1.1', message: 'more than 8 levels deep', code: 'TOO_DEEP', params: { max: 8 } }]);
  });

  it('caps the number of criteria', () => {
    const leaf = (i: number) => ({ code: String(i + 1), title: 't', maxScore: 0, method: 'BOOLEAN' });
    const many = Array.from({ length: 100_001 }, (_, i) => leaf(i));
    expect(problemsOf(base(many))).toEqual([{ path: 'criteria', message: 'more than 100000 criteria', code: 'TOO_MANY', params: { field: 'criteria', max: 100000 } }]);
  });

  it('gives every problem a code other than INVALID, for the client to word', () => {
    const broken = {
      ...base([
        { code: '1', title: 'x'.repeat(600), maxScore: -1, method: 'MANUAL', step: 0, tiers: [], extra: true, children: [{ code: '2.1', title: 't', maxScore: 1 }] },
        { code: '1', title: 't', maxScore: 1, method: 'NOPE', thresholds: 'x', allowAboveFull: 'yes' },
        { code: '3', title: 't', maxScore: 1, method: 'TIERS', tiers: [{ label: 'A', share: 2 }, { label: 'A', share: 1 }] },
      ]),
      year: 1999,
      unitKind: 'PLANET',
      bands: [{ label: 'A', minPercent: 150 }],
    };
    const problems = problemsOf(broken);
    expect(problems.length).toBeGreaterThan(10);
    expect(problems.filter((p) => !p.code || p.code === 'INVALID')).toEqual([]);
  });
});

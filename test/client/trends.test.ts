import { indexBins } from '../../client/src/features/trends/IndexDistribution';

describe('the distribution of a period’s indices', () => {
  it('should count each unit in its tenth, 1 in the last and 0 in the first', () => {
    expect(indexBins([0, 0.05, 0.1, 0.35, 0.999, 1, 0.9])).toEqual([2, 1, 0, 1, 0, 0, 0, 0, 0, 3]);
    expect(indexBins([]).reduce((s, n) => s + n, 0)).toBe(0);
  });

  it('should count a tenth exactly at its boundary, whatever floating point makes of it', () => {
    // 0.3 * 10 is 3.0000000000000004 and 0.7 * 10 is 7.000000000000001
    expect(indexBins([0.3, 0.7, 0.6])).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 0]);
  });
});

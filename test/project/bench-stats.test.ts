import { median, ratioInterval, timeVerdict } from '../../bench/stats';

describe('benchmark statistics', () => {
  test('median of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test('the ratio interval holds the ratio of the medians, is reproducible, and narrows with agreeing runs', () => {
    const l2 = [1.61, 1.55, 1.72, 1.58, 1.66, 1.57, 1.63];
    const l1 = [1.42, 1.47, 1.40, 1.52, 1.41, 1.44, 1.43];
    const [lo, hi] = ratioInterval(l2, l1);
    const ratio = median(l2) / median(l1);
    expect(lo).toBeLessThanOrEqual(ratio);
    expect(hi).toBeGreaterThanOrEqual(ratio);
    expect(lo).toBeLessThan(hi);
    expect(ratioInterval(l2, l1)).toEqual([lo, hi]);
    // Runs that all agree leave no doubt.
    expect(ratioInterval([2, 2, 2], [1, 1, 1])).toEqual([2, 2]);
  });

  test('a time target is met, missed or undecided by where the interval lies', () => {
    expect(timeVerdict([1.02, 1.09], 1.1)).toBe('met');
    expect(timeVerdict([1.02, 1.1], 1.1)).toBe('met');
    expect(timeVerdict([1.11, 1.2], 1.1)).toBe('**missed**');
    expect(timeVerdict([1.08, 1.13], 1.1)).toMatch(/undecided/);
  });
});

/** The statistics of the benchmark's report. */

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * A 90% bootstrap interval of the ratio of the medians of two samples (each resampled with
 * replacement, 4000 times, with a fixed seed so that the same runs give the same interval).
 */
export function ratioInterval(a: number[], b: number[], level = 0.9, resamples = 4000): [number, number] {
  // Park and Miller's minimal standard generator: exact in doubles, and enough to draw indices.
  let seed = 20261130;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  const draw = (xs: number[]) => median(xs.map(() => xs[Math.floor(random() * xs.length)]));
  const ratios = Array.from({ length: resamples }, () => draw(a) / draw(b)).sort((x, y) => x - y);
  const tail = (1 - level) / 2;
  return [ratios[Math.floor(tail * resamples)], ratios[Math.ceil((1 - tail) * resamples) - 1]];
}

/** Whether a measured ratio meets `target`, given its interval: undecided when the interval holds the target. */
export function timeVerdict([lo, hi]: [number, number], target: number): string {
  if (hi <= target) return 'met';
  if (lo > target) return '**missed**';
  return `**undecided** (the interval holds ${target})`;
}


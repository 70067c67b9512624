/** Median and 90th percentile of durations in seconds, with the values (ReviewReport). */
export interface DurationStats {
  median: number | null;
  p90: number | null;
  values: number[];
}

/** The median (mean of the two middle values for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile by the nearest-rank method (p in (0, 100]), or null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Median, p90 and the sorted values. */
export function durationStats(values: readonly number[]): DurationStats {
  return { median: median(values), p90: percentile(values, 90), values: [...values].sort((a, b) => a - b) };
}

import "server-only";

/**
 * Bucket edges (ms) of the time-to-first-token histograms in usage_daily.
 * drizzle/0011_usage_rollup.sql holds the same list (width_bucket): change
 * both together, with a migration that rebuilds the rollup.
 * Bucket i counts values in [edge[i-1], edge[i]); bucket 0 is below the
 * first edge and the last one at or above the last edge.
 */
export const TTFT_BUCKET_EDGES_MS = [
  50, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 1200, 1400, 1600, 1800, 2000,
  2500, 3000, 3500, 4000, 5000, 6000, 7000, 8000, 10000, 12000, 15000, 20000, 25000, 30000, 45000, 60000,
  90000, 120000, 180000, 300000,
] as const;

export const TTFT_BUCKETS = TTFT_BUCKET_EDGES_MS.length + 1;

/**
 * The median of a histogram, interpolated linearly inside the bucket it falls
 * in (as Prometheus' histogram_quantile does): exact to within that bucket's
 * width, i.e. 50 ms below half a second and about 10-25% above.
 */
export function histogramMedian(hist: readonly number[]): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = total / 2;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const count = hist[i] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const lower = i === 0 ? 0 : TTFT_BUCKET_EDGES_MS[i - 1]!;
      // The open last bucket has no upper edge: report its lower one.
      const upper = TTFT_BUCKET_EDGES_MS[i] ?? lower;
      return Math.round(lower + ((upper - lower) * (rank - seen)) / count);
    }
    seen += count;
  }
  return null;
}

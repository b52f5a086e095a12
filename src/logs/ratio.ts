/** Shares as reported: rounded to 4 decimals, so output is stable. */

/** Rounds a share to 4 decimals; 0 when the denominator is 0. */
export function ratio(count: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((count / total) * 10_000) / 10_000;
}

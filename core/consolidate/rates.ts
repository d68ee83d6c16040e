/**
 * One definition of a rate, used by every table, chart, the Écarts text and the JSON summary:
 * achieved over the planned figure of the communes that reported (see consolidate). A group of
 * indicators (a result, a commune) is rated by the mean of its indicators' rates, each capped at
 * 100 % so that one indicator far above its target cannot hide another behind; its colour follows
 * its weakest indicator.
 */
export const rateOf = (achieved: number | null, planned: number | null): number | null =>
  achieved !== null && planned !== null && planned > 0 ? achieved / planned : null;

/** The mean of the rates capped at 1; null when none is known. */
export function cappedMean(rates: readonly (number | null)[]): number | null {
  const known = rates.filter((r): r is number => r !== null);
  return known.length === 0 ? null : known.reduce((a, r) => a + Math.min(1, r), 0) / known.length;
}

/** The weakest known rate (it gives a group its colour); null when none is known. */
export function weakest(rates: readonly (number | null)[]): number | null {
  const known = rates.filter((r): r is number => r !== null);
  return known.length === 0 ? null : Math.min(...known);
}

/** Which band a rate falls in, by the framework's thresholds. */
export function rateBand(rate: number, thresholds: { rateGood: number; rateFair: number }): 'good' | 'fair' | 'poor' {
  return rate >= thresholds.rateGood ? 'good' : rate >= thresholds.rateFair ? 'fair' : 'poor';
}

import type { AggregationRule } from '../framework/schema';

/** Values of one commune for one item, in period order (null: that period gave no value). */
export function acrossPeriods(values: readonly (number | null)[], rule: AggregationRule): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  if (rule === 'sum') return present.reduce((a, b) => a + b, 0);
  if (rule === 'max') return Math.max(...present);
  // latest: the same people are reported again each period; only the last report counts.
  return present[present.length - 1]!;
}

/** Across communes: non reçu communes are left out, never counted as zero. */
export function acrossCommunes(values: readonly (number | null)[], rule: 'sum' | 'max'): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  return rule === 'sum' ? present.reduce((a, b) => a + b, 0) : Math.max(...present);
}

/** The sum of targets or planned amounts, or null when one of them is undefined (« cible non définie »): never a partial sum. */
export const sumOrNull = (values: readonly (number | null)[]): number | null =>
  values.some((t) => t === null) ? null : values.reduce<number>((a, t) => a + t!, 0);

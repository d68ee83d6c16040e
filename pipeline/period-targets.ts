import type { AggregationRule, Framework } from '../core/framework/schema';

/**
 * Working targets per period for generated frameworks (the quarterly example, the national bench): a
 * commune's end-of-project target spread over the reporting periods. Real frameworks give their own.
 */

/** Shares that add up to the target (sum), or a ramp that reaches it in the last period (max, latest). */
export function spreadTarget(target: number, periods: number, rule: AggregationRule): number[] {
  return Array.from({ length: periods }, (_, i) =>
    rule === 'sum'
      ? Math.floor((target * (i + 1)) / periods) - Math.floor((target * i) / periods)
      : Math.ceil((target * (i + 1)) / periods),
  );
}

type PerCommune = Record<string, number>;

function spreadAll(targets: PerCommune, labels: readonly string[], rule: AggregationRule): Record<string, PerCommune> {
  const out: Record<string, PerCommune> = Object.fromEntries(labels.map((l) => [l, {}]));
  for (const [commune, target] of Object.entries(targets))
    spreadTarget(target, labels.length, rule).forEach((v, i) => (out[labels[i]!]![commune] = v));
  return out;
}

/** The framework with every indicator, category and budget line given targets for `labels` (in time order). */
export function withSpreadTargets(framework: Framework, labels: readonly string[]): Framework {
  return {
    ...framework,
    indicators: framework.indicators.map((i) => ({
      ...i,
      periodTargets: spreadAll(i.targets, labels, i.aggregation.periods),
    })),
    beneficiaries: framework.beneficiaries.map((b) => ({
      ...b,
      periodTargets: spreadAll(b.targets, labels, b.aggregation.periods),
    })),
    budgetLines: framework.budgetLines.map((l) => ({ ...l, periodPlanned: spreadAll(l.planned, labels, 'sum') })),
  };
}

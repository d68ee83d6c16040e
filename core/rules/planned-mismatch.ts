import { rowInputs } from '../inputs';
import { cellText } from '../tables';
import { numberOf } from '../values';
import { at, periodTargetOf, type Rule } from './rule';

/** Prévu is the commune's target from the framework; an edited target would skew every rate. */
export const plannedMismatch: Rule = {
  id: 'planned-mismatch',
  meta: {
    description: {
      fr: 'La colonne Prévu reprend la cible de la commune fixée par le cadre de résultats.',
      en: "The Prévu column holds the commune's target set by the results framework.",
    },
    severity: 'error',
    messageIds: ['mismatch', 'empty'],
  },
  check(ctx) {
    const { inputs, framework, commune, period, report } = ctx;
    // Without a known period there is no target to compare with (unknown-period says so).
    if (!commune || !period) return;
    const targets = {
      indicators: new Map(framework.indicators.map((i) => [i.code, periodTargetOf(ctx, i.periodTargets, i.aggregation.periods)])),
      budget: new Map(framework.budgetLines.map((b) => [b.code, periodTargetOf(ctx, b.periodPlanned, 'sum')])),
      beneficiaries: new Map(framework.beneficiaries.map((b) => [b.code, periodTargetOf(ctx, b.periodTargets, b.aggregation.periods)])),
    };
    for (const table of ['indicators', 'budget', 'beneficiaries'] as const) {
      for (const [code, row] of rowInputs(inputs, table)) {
        const planned = row.planned;
        const expected = targets[table].get(code);
        if (!planned || expected === undefined) continue;
        if (cellText(planned.cell) === '') {
          report({ messageId: 'empty', where: at(planned), params: { code, expected } });
          continue;
        }
        const found = numberOf(planned.cell, planned.units);
        if (found !== undefined && found !== expected) report({ messageId: 'mismatch', where: at(planned), params: { code, found, expected } });
      }
    }
  },
};

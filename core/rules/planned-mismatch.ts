import { rowInputs } from '../inputs';
import { cellText } from '../tables';
import { numberOf } from '../values';
import { at, type Rule } from './rule';

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
  check({ inputs, framework, commune, report }) {
    if (!commune) return;
    const targets = {
      indicators: new Map(framework.indicators.map((i) => [i.code, i.targets[commune.code]])),
      budget: new Map(framework.budgetLines.map((b) => [b.code, b.planned[commune.code]])),
      beneficiaries: new Map(framework.beneficiaries.map((b) => [b.code, b.targets[commune.code]])),
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

import { fieldLabel, isNumeric } from '../inputs';
import { numberOf } from '../values';
import { at, defineRule } from './rule';

/** Counts are whole numbers ≥ 0; FCFA amounts are whole francs ≥ 0. */
export const nonNegativeInteger = defineRule({
  id: 'non-negative-integer',
  meta: {
    description: {
      fr: 'Les effectifs sont des nombres entiers positifs ou nuls ; les montants sont en francs CFA entiers.',
      en: 'Counts are whole numbers ≥ 0; amounts are whole CFA francs ≥ 0.',
    },
    severity: 'error',
    messageIds: ['negative', 'fractional', 'fractionalAmount'],
  },
  check({ inputs, report }) {
    for (const input of inputs) {
      if (!isNumeric(input) || input.forbidden || (input.formulaAllowed && input.cell.kind === 'formula')) continue;
      const value = numberOf(input.cell, input.units);
      if (value === undefined) continue;
      const params = { value, field: fieldLabel(input) };
      if (value < 0) report({ messageId: 'negative', where: at(input), params });
      else if (!Number.isInteger(value))
        report({ messageId: input.kind === 'amount' ? 'fractionalAmount' : 'fractional', where: at(input), params });
    }
  },
});

import { fieldLabel } from '../inputs';
import { cellText } from '../tables';
import { at, defineRule } from './rule';

/** Femmes / Hommes stay empty for counts that are not of people: such a value would have nowhere to go. */
export const unexpectedValue = defineRule({
  id: 'unexpected-value',
  meta: {
    description: {
      fr: 'Femmes / Hommes restent vides pour ce qui ne compte pas des personnes.',
      en: 'Femmes / Hommes stay empty for counts that are not of people.',
    },
    severity: 'error',
    messageIds: ['notDisaggregated'],
  },
  check({ inputs, report }) {
    for (const input of inputs)
      if (input.forbidden && cellText(input.cell) !== '')
        report({
          messageId: 'notDisaggregated',
          where: at(input),
          params: { field: fieldLabel(input), code: input.code ?? '', value: cellText(input.cell) },
        });
  },
});

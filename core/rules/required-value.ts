import { fieldLabel } from '../inputs';
import { cellText } from '../tables';
import { at, type Rule } from './rule';

/** Required cells are filled: an activity not done is entered as 0, never left blank. */
export const requiredValue: Rule = {
  id: 'required-value',
  meta: {
    description: {
      fr: 'Les cellules obligatoires sont remplies (une activité non réalisée se saisit 0, pas vide).',
      en: 'Required cells are filled (an activity not carried out is entered as 0, not left blank).',
    },
    severity: 'error',
    messageIds: ['missing', 'missingNumber'],
  },
  check({ inputs, report }) {
    for (const input of inputs) {
      if (!input.required || input.cell.kind === 'formula' || cellText(input.cell) !== '') continue;
      const numeric = input.kind === 'count' || input.kind === 'amount';
      report({
        messageId: numeric ? 'missingNumber' : 'missing',
        where: at(input),
        params: { field: fieldLabel(input), code: input.code ?? '' },
      });
    }
  },
};

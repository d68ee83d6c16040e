import { fieldLabel } from '../inputs';
import { IDENTIFICATION_FIELDS } from '../layout/contract';
import { cellText } from '../tables';
import { at, defineRule } from './rule';

/** Required cells are filled: an activity not done is entered as 0, never left blank. */
export const requiredValue = defineRule({
  id: 'required-value',
  meta: {
    description: {
      fr: 'Les cellules obligatoires sont remplies (une activité non réalisée se saisit 0, pas vide).',
      en: 'Required cells are filled (an activity not carried out is entered as 0, not left blank).',
    },
    severity: 'error',
    messageIds: ['missing', 'missingNumber'],
  },
  check({ view, inputs, report }) {
    // A required Identification field whose label row is gone has no cell to check: it is missing all the same.
    const { sheet, fields } = view.identification;
    if (sheet)
      for (const spec of IDENTIFICATION_FIELDS)
        if (spec.required && !fields[spec.key])
          report({ messageId: 'missing', where: { sheet: sheet.name }, params: { field: spec.label, code: '' } });
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
});

import { fieldLabel } from '../inputs';
import { at, defineRule } from './rule';

/** No Excel error value (#REF!, #DIV/0!, #N/A …) where a value is expected. */
export const excelError = defineRule({
  id: 'excel-error',
  meta: {
    description: {
      fr: 'Aucune valeur d’erreur Excel (#REF!, #DIV/0!, #N/A…) là où une valeur est attendue.',
      en: 'No Excel error value (#REF!, #DIV/0!, #N/A…) where a value is expected.',
    },
    severity: 'error',
    messageIds: ['error'],
  },
  check({ inputs, report }) {
    for (const input of inputs)
      if (input.cell.kind === 'error')
        report({
          messageId: 'error',
          where: at(input),
          params: { code: String(input.cell.value), field: fieldLabel(input) },
        });
  },
});

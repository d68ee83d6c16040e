import { readDate } from '../values';
import { at, defineRule } from './rule';

/** A date cell holds a date (or text in the `jj/mm/aaaa` habit). */
export const invalidDate = defineRule({
  id: 'invalid-date',
  meta: {
    description: {
      fr: 'Une cellule de date contient une date (ou un texte jj/mm/aaaa).',
      en: 'A date cell holds a date (or text written dd/mm/yyyy).',
    },
    severity: 'error',
    messageIds: ['invalid'],
  },
  check({ inputs, report }) {
    for (const input of inputs) {
      if (input.kind !== 'date') continue;
      const read = readDate(input.cell);
      if (read.status === 'invalid') report({ messageId: 'invalid', where: at(input), params: { text: read.text } });
    }
  },
});

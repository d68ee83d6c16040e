import { fieldLabel, isNumeric } from '../inputs';
import { a1 } from '../tables';
import { readDate, readNumber } from '../values';
import { at, defineRule } from './rule';

/** A number or date typed as text in an unambiguous habit is used, and the correction is suggested. */
export const numberAsText = defineRule({
  id: 'number-as-text',
  meta: {
    description: {
      fr: 'Un nombre ou une date saisi comme texte sans ambiguïté (« 1 250 », « 25 personnes ») est lu, et la correction proposée.',
      en: 'A number or date typed as unambiguous text (“1 250”, “25 personnes”) is read, and the correction suggested.',
    },
    severity: 'warning',
    messageIds: ['number', 'date'],
    fixable: true,
  },
  check({ inputs, report }) {
    for (const input of inputs) {
      if (isNumeric(input) && !input.forbidden) {
        const read = readNumber(input.cell, input.units);
        if (read.status !== 'text') continue;
        report({
          messageId: 'number',
          where: at(input),
          // The number itself: written the reader's way when the message is rendered (1 250,5 / 1,250.5).
          params: { text: read.text, value: read.value, field: fieldLabel(input) },
          fix: { sheet: input.sheet, address: a1(input.row, input.column), value: read.value },
        });
      } else if (input.kind === 'date') {
        const read = readDate(input.cell);
        if (read.status === 'text')
          report({ messageId: 'date', where: at(input), params: { text: read.text, date: read.value } });
      }
    }
  },
});

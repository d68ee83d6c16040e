import { fieldLabel, isNumeric } from '../inputs';
import { cellText } from '../tables';
import { readNumber } from '../values';
import { isUndefinedTargetText } from './planned-mismatch';
import { at, defineRule } from './rule';

/** A number cell holds a number, or text that reads as exactly one number. */
export const notANumber = defineRule({
  id: 'not-a-number',
  meta: {
    description: {
      fr: 'Une cellule numérique contient un nombre, ou un texte qui se lit sans ambiguïté comme un nombre.',
      en: 'A number cell holds a number, or text that reads unambiguously as one number.',
    },
    severity: 'error',
    messageIds: ['notNumber', 'ambiguous'],
  },
  check({ inputs, report }) {
    for (const input of inputs) {
      if (!isNumeric(input) || input.forbidden) continue;
      // A period template's Prévu says « cible non définie » where the period has no target (planned-mismatch judges it).
      if (input.prefilled && isUndefinedTargetText(cellText(input.cell))) continue;
      const read = readNumber(input.cell, input.units);
      if (read.status === 'invalid')
        report({ messageId: 'notNumber', where: at(input), params: { text: read.text, field: fieldLabel(input) } });
      else if (read.status === 'ambiguous')
        report({ messageId: 'ambiguous', where: at(input), params: { text: read.text, field: fieldLabel(input) } });
    }
  },
});

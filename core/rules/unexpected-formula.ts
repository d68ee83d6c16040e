import { fieldLabel } from '../inputs';
import { at, defineRule } from './rule';

/** Values are typed, not computed: a formula's cached result is never trusted. */
export const unexpectedFormula = defineRule({
  id: 'unexpected-formula',
  meta: {
    description: {
      fr: 'Les valeurs sont saisies, pas calculées par une formule (sauf le Total prévu par le modèle).',
      en: "Values are typed, not computed by a formula (except the template's own Total).",
    },
    severity: 'error',
    messageIds: ['formula'],
  },
  check({ inputs, report }) {
    for (const input of inputs)
      if (input.cell.kind === 'formula' && !input.formulaAllowed)
        report({
          messageId: 'formula',
          where: at(input),
          params: { formula: `=${input.cell.formula ?? ''}`, field: fieldLabel(input) },
        });
  },
});

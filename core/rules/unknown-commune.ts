import { cellText } from '../tables';
import { at, defineRule } from './rule';

/** The commune must be one of the framework's communes. */
export const unknownCommune = defineRule({
  id: 'unknown-commune',
  meta: {
    description: {
      fr: 'La commune du classeur fait partie des communes du projet.',
      en: "The workbook's commune is one of the project's communes.",
    },
    severity: 'error',
    messageIds: ['unknownCode', 'unknownName'],
  },
  check({ view, framework, commune, report }) {
    if (commune) return;
    const known = framework.communes.map((c) => c.name).join(', ');
    const code = view.meta?.communeCode;
    if (code) {
      report({ messageId: 'unknownCode', where: { sheet: null }, params: { code, known } });
      return;
    }
    const field = view.identification.fields.commune;
    const name = field ? cellText(field.cell) : '';
    // A blank Commune is the business of required-value.
    if (field && name !== '')
      report({
        messageId: 'unknownName',
        where: at({ sheet: view.identification.sheet!.name, ...field }),
        params: { name, known },
      });
  },
});

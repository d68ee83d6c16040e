import { normalise } from '../text';
import { cellText } from '../tables';
import { at, defineRule } from './rule';

/** The commune typed in Identification is the one the template was made for (and the one expected). */
export const communeMismatch = defineRule({
  id: 'commune-mismatch',
  meta: {
    description: {
      fr: 'La commune inscrite dans « Identification » est celle pour laquelle le modèle a été fait.',
      en: 'The commune written in “Identification” is the one the template was made for.',
    },
    severity: 'error',
    messageIds: ['mismatch', 'notExpected'],
  },
  check({ view, framework, commune, options, report }) {
    if (!commune) return;
    const field = view.identification.fields.commune;
    const name = field ? cellText(field.cell) : '';
    if (
      field &&
      name !== '' &&
      normalise(name) !== normalise(commune.name) &&
      normalise(name) !== normalise(commune.code)
    )
      report({
        messageId: 'mismatch',
        where: at({ sheet: view.identification.sheet!.name, ...field }),
        params: { found: name, expected: commune.name },
      });
    if (options.expectedCommune && options.expectedCommune !== commune.code) {
      const expected =
        framework.communes.find((c) => c.code === options.expectedCommune)?.name ?? options.expectedCommune;
      report({ messageId: 'notExpected', where: { sheet: null }, params: { found: commune.name, expected } });
    }
  },
});

import { TABLE_KEYS } from '../layout/contract';
import { defineRule } from './rule';

/** Each table sheet has its header row with every column of the template. */
export const missingHeader = defineRule({
  id: 'missing-header',
  meta: {
    description: {
      fr: 'Chaque tableau a sa ligne d’en-tête avec toutes les colonnes du modèle.',
      en: 'Each table has its header row with every column of the template.',
    },
    severity: 'error',
    messageIds: ['missing'],
  },
  check({ view, report }) {
    for (const key of TABLE_KEYS) {
      const table = view[key];
      if (!table.sheet) continue;
      for (const header of table.missingHeaders)
        report({
          messageId: 'missing',
          where: { sheet: table.sheet.name, row: table.headerRow },
          params: { header, sheet: table.sheet.name },
        });
    }
  },
});

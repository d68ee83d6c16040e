import { rowsByCode, tableItems } from '../inputs';
import { defineRule } from './rule';

/** Every indicator, budget line and beneficiary category of the framework has its row. */
export const missingRow = defineRule({
  id: 'missing-row',
  meta: {
    description: {
      fr: 'Chaque indicateur, rubrique budgétaire et catégorie de bénéficiaires du cadre a sa ligne.',
      en: 'Every indicator, budget line and beneficiary category of the framework has its row.',
    },
    severity: 'error',
    messageIds: ['missing'],
  },
  check({ view, framework, report }) {
    for (const key of ['indicators', 'budget', 'beneficiaries'] as const) {
      const table = view[key];
      if (!table.sheet || table.headerRow === null || table.columns.code === undefined) continue;
      const rows = rowsByCode(table);
      for (const item of tableItems(framework, key))
        if (!rows.has(item.code.toUpperCase()))
          report({
            messageId: 'missing',
            where: { sheet: table.sheet.name },
            params: { code: item.code, label: item.label },
          });
    }
  },
});

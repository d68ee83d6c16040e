import { tableItems } from '../inputs';
import { cellAt } from '../tables';
import { defineRule } from './rule';

/** Every row holding data has a code of the framework; values on other rows would be lost. */
export const unknownCode = defineRule({
  id: 'unknown-code',
  meta: {
    description: {
      fr: 'Chaque ligne remplie porte un code du cadre de résultats.',
      en: 'Every filled row carries a code of the results framework.',
    },
    severity: 'error',
    messageIds: ['unknown', 'noCode'],
  },
  check({ view, framework, report }) {
    for (const key of ['indicators', 'budget', 'beneficiaries'] as const) {
      const table = view[key];
      const column = table.columns.code;
      if (!table.sheet || column === undefined) continue;
      const codes = new Set(tableItems(framework, key).map((i) => i.code.toUpperCase()));
      for (const { code, row } of table.rows) {
        if (code === '') {
          const filled = Object.values(table.columns).find(
            (c) => c !== undefined && cellAt(table.sheet!, row, c).kind !== 'empty',
          );
          report({ messageId: 'noCode', where: { sheet: table.sheet.name, row, column: filled ?? column } });
        } else if (!codes.has(code.toUpperCase()))
          report({ messageId: 'unknown', where: { sheet: table.sheet.name, row, column }, params: { code } });
      }
    }
  },
});

import { TABLE_KEYS } from '../layout/contract';
import { a1 } from '../tables';
import { defineRule } from './rule';

/** A code appears on one row only: two rows for R1.1.1 would be counted twice. */
export const duplicateCode = defineRule({
  id: 'duplicate-code',
  meta: {
    description: { fr: 'Un code n’apparaît que sur une ligne.', en: 'A code appears on one row only.' },
    severity: 'error',
    messageIds: ['duplicate'],
  },
  check({ view, report }) {
    for (const key of TABLE_KEYS) {
      const table = view[key];
      const column = table.columns.code;
      if (!table.sheet || column === undefined) continue;
      const first = new Map<string, number>();
      for (const { code, row } of table.rows) {
        if (!code) continue;
        const seen = first.get(code.toUpperCase());
        if (seen === undefined) first.set(code.toUpperCase(), row);
        else
          report({
            messageId: 'duplicate',
            where: { sheet: table.sheet.name, row, column },
            params: { code, first: a1(seen, column) },
          });
      }
    }
  },
});

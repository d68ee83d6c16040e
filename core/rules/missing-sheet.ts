import type { Framework } from '../framework/schema';
import { allInputs, type InputCell } from '../inputs';
import { SHEET_NAMES, type TableKey } from '../layout/contract';
import { copiesOf, findSheet, locate } from '../layout/locate';
import { cellText, type Sheet, type Tables } from '../tables';
import { defineRule } from './rule';

const REQUIRED: readonly (TableKey | 'identification')[] = ['identification', 'indicators', 'budget', 'beneficiaries'];

/** How many cells the coordinator filled in the sheet of `key` (what the template prefills is not counted). */
function filledCount(inputs: readonly InputCell[], key: TableKey | 'identification'): number {
  return inputs.filter((i) => i.table === key && !i.prefilled && i.cell.kind !== 'empty' && cellText(i.cell) !== '')
    .length;
}

/** The cells filled in `copy`, read as if it were the template's sheet (and the original gone). */
function filledInCopy(
  tables: Tables,
  original: Sheet | null,
  copy: Sheet,
  key: TableKey | 'identification',
  framework: Framework,
): number {
  const name = SHEET_NAMES[key];
  const sheets = tables.sheets.filter((s) => s !== original).map((s) => (s === copy ? { ...s, name } : s));
  return filledCount(allInputs(locate({ sheets }), framework), key);
}

/**
 * Every sheet of the template is present (found by name, whatever its case or accents). A sheet that
 * is missing, or left empty, while a copy of it (« Indicateurs (2) ») holds the figures is said once,
 * naming the copy: the figures are there, the sheet only needs its name back.
 */
export const missingSheet = defineRule({
  id: 'missing-sheet',
  meta: {
    description: { fr: 'Chaque feuille du modèle est présente.', en: 'Every sheet of the template is present.' },
    severity: 'error',
    messageIds: ['missing', 'renamed', 'emptyOriginal'],
  },
  check({ view, inputs, framework, report }) {
    for (const key of REQUIRED) {
      const sheet = SHEET_NAMES[key];
      const original = findSheet(view.tables, sheet);
      const copies = copiesOf(view.tables, sheet);
      if (!original) {
        // The copy holding the most figures is the one to rename.
        const copy = copies
          .map((c) => ({ c, filled: filledInCopy(view.tables, null, c, key, framework) }))
          .sort((a, b) => b.filled - a.filled)[0]?.c;
        if (copy) report({ messageId: 'renamed', where: { sheet: copy.name }, params: { sheet, copy: copy.name } });
        else report({ messageId: 'missing', where: { sheet: null }, params: { sheet } });
      } else if (copies.length > 0 && filledCount(inputs, key) === 0) {
        const copy = copies.find((c) => filledInCopy(view.tables, original, c, key, framework) > 0);
        if (copy)
          report({
            messageId: 'emptyOriginal',
            where: { sheet: original.name },
            params: { sheet: original.name, copy: copy.name },
          });
      }
    }
  },
});

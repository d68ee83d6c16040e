import { duplicateCode } from '../../core/rules/duplicate-code';
import { BEN, BUD, duplicateRow, IND, removeSheet, renameHeader, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import type { Tables } from '../../core/tables';

/** Appends a copy of a row, with another code if given. */
const copyRow = (t: Tables, sheet: string, row: number, code?: string) => {
  const at = duplicateRow(t, sheet, row);
  if (code !== undefined) setValue(t, sheet, `A${at}`, code);
};

ruleTester(duplicateCode, {
  valid: [
    { name: 'every code once' },
    { name: 'a code written in lower case, once', tables: (t) => setValue(t, IND, 'A2', 'r1.1.1') },
    {
      name: 'two rows without a code (unknown-code reports them)',
      tables: (t) => (setValue(t, IND, 'F15', 3), setValue(t, IND, 'F16', 4)),
    },
    { name: 'Budget sheet missing', tables: (t) => removeSheet(t, BUD) },
    {
      name: 'no Code header: no table to check',
      tables: (t) => (copyRow(t, IND, 2), renameHeader(t, IND, 'Code', 'Réf.')),
    },
  ],
  invalid: [
    {
      name: 'R1.1.1 copied at the end of Indicateurs',
      tables: (t) => copyRow(t, IND, 2),
      issues: [{ messageId: 'duplicate', sheet: IND, address: 'A15', params: { code: 'R1.1.1', first: 'A2' } }],
    },
    {
      name: 'a duplicate differing only in case',
      tables: (t) => copyRow(t, BUD, 2, 'bud-1'),
      issues: [{ messageId: 'duplicate', sheet: BUD, address: 'A8', params: { code: 'bud-1', first: 'A2' } }],
    },
    {
      name: 'the same code three times',
      tables: (t) => (copyRow(t, BEN, 5), copyRow(t, BEN, 5)),
      issues: [
        { messageId: 'duplicate', sheet: BEN, address: 'A7', params: { code: 'STR-PE', first: 'A5' } },
        { messageId: 'duplicate', sheet: BEN, address: 'A8', params: { code: 'STR-PE', first: 'A5' } },
      ],
    },
    {
      name: 'a row retyped with the code of the row above',
      tables: (t) => setValue(t, IND, 'A3', 'R1.1.1'),
      issues: [{ messageId: 'duplicate', sheet: IND, address: 'A3', params: { code: 'R1.1.1', first: 'A2' } }],
    },
  ],
});

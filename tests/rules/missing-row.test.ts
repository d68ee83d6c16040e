import { missingRow } from '../../core/rules/missing-row';
import { BEN, BUD, IND, insertRow, removeRow, removeSheet, renameHeader, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(missingRow, {
  valid: [
    { name: 'every row present' },
    { name: 'codes in lower case', tables: (t) => (setValue(t, IND, 'A2', 'r1.1.1'), setValue(t, BUD, 'A2', 'bud-1')) },
    {
      name: 'rows in another order',
      tables: (t) => (setValue(t, IND, 'A2', 'R1.1.2'), setValue(t, IND, 'A3', 'R1.1.1')),
    },
    { name: 'blank rows inserted between rows', tables: (t) => (insertRow(t, IND, 5), insertRow(t, BEN, 3)) },
    { name: 'code with spaces around it', tables: (t) => setValue(t, BUD, 'A7', ' BUD-6 ') },
    { name: 'sheet missing (missing-sheet reports it)', tables: (t) => removeSheet(t, BUD) },
    {
      name: 'no header row (missing-header reports it)',
      tables: (t) => (renameHeader(t, IND, 'Code', 'N°'), removeRow(t, IND, 2)),
    },
  ],
  invalid: [
    {
      name: 'R1.1.1 row deleted',
      tables: (t) => removeRow(t, IND, 2),
      issues: [
        {
          messageId: 'missing',
          sheet: IND,
          address: null,
          row: null,
          params: { code: 'R1.1.1', label: "Acteurs formels de protection de l'enfance formés" },
        },
      ],
    },
    {
      name: 'last budget line deleted',
      tables: (t) => removeRow(t, BUD, 7),
      issues: [{ messageId: 'missing', sheet: BUD, address: null, params: { code: 'BUD-6' } }],
    },
    {
      name: 'code cleared and code mistyped',
      tables: (t) => (setValue(t, BEN, 'A2', null), setValue(t, BEN, 'A6', 'STR-C5')),
      issues: [
        { messageId: 'missing', sheet: BEN, address: null, params: { code: 'BEN-0-14' } },
        { messageId: 'missing', sheet: BEN, address: null, params: { code: 'STR-CS' } },
      ],
    },
  ],
});

import { missingSheet } from '../../core/rules/missing-sheet';
import { BEN, BUD, ID, IND, META, removeSheet, renameSheet } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(missingSheet, {
  valid: [
    { name: 'every sheet present' },
    { name: 'sheet names in capitals without accents', tables: (t) => (renameSheet(t, BEN, 'BENEFICIAIRES'), renameSheet(t, IND, 'INDICATEURS')) },
    { name: 'sheet names with decomposed accents (NFD)', tables: (t) => renameSheet(t, BEN, BEN.normalize('NFD')) },
    { name: 'sheet name with extra spaces', tables: (t) => renameSheet(t, ID, ' Identification ') },
    { name: 'Instructions and _meta removed (not data sheets)', tables: (t) => (removeSheet(t, 'Instructions'), removeSheet(t, META)) },
  ],
  invalid: [
    {
      name: 'Budget removed',
      tables: (t) => removeSheet(t, BUD),
      issues: [{ messageId: 'missing', sheet: null, address: null, params: { sheet: 'Budget' } }],
    },
    {
      name: 'Indicateurs renamed with the year',
      tables: (t) => renameSheet(t, IND, 'Indicateurs 2023'),
      issues: [{ messageId: 'missing', sheet: null, address: null, params: { sheet: 'Indicateurs' } }],
    },
    {
      name: 'an empty workbook',
      tables: (t) => void t.sheets.splice(0),
      issues: [ID, IND, BUD, BEN].map((sheet) => ({ messageId: 'missing', sheet: null, address: null, params: { sheet } })),
    },
  ],
});

import { missingSheet } from '../../core/rules/missing-sheet';
import type { Sheet, Tables } from '../../core/tables';
import { BEN, BUD, ID, IND, META, getSheet, removeSheet, renameSheet, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

/** A copy of `name` under `copyName` holding the figures, while the original is emptied of what was typed in it. */
const filledCopy = (name: string, copyName: string, typed: string[]) => (t: Tables) => {
  const copy: Sheet = structuredClone(getSheet(t, name));
  copy.name = copyName;
  t.sheets.push(copy);
  for (const address of typed) setValue(t, name, address, null);
};
// What a coordinator types in Budget (Dépensé and Commentaire of the seven lines).
const BUDGET_TYPED = ['D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'];

ruleTester(missingSheet, {
  valid: [
    { name: 'every sheet present' },
    {
      name: 'sheet names in capitals without accents',
      tables: (t) => (renameSheet(t, BEN, 'BENEFICIAIRES'), renameSheet(t, IND, 'INDICATEURS')),
    },
    { name: 'sheet names with decomposed accents (NFD)', tables: (t) => renameSheet(t, BEN, BEN.normalize('NFD')) },
    { name: 'sheet name with extra spaces', tables: (t) => renameSheet(t, ID, ' Identification ') },
    {
      name: 'Instructions and _meta removed (not data sheets)',
      tables: (t) => (removeSheet(t, 'Instructions'), removeSheet(t, META)),
    },
    {
      name: 'a filled sheet and a filled copy of it (the original is used)',
      tables: filledCopy(BUD, 'Budget (2)', []),
    },
    {
      name: 'an empty copy next to the filled sheet',
      tables: (t) => (
        filledCopy(BUD, 'Budget (2)', [])(t),
        BUDGET_TYPED.forEach((a) => setValue(t, 'Budget (2)', a, null))
      ),
    },
    {
      name: 'an empty sheet and an empty copy (required-value reports the blanks)',
      tables: (t) => (
        filledCopy(BUD, 'Budget (2)', BUDGET_TYPED)(t),
        BUDGET_TYPED.forEach((a) => setValue(t, 'Budget (2)', a, null))
      ),
    },
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
      issues: [
        {
          messageId: 'renamed',
          sheet: 'Indicateurs 2023',
          address: null,
          params: { sheet: 'Indicateurs', copy: 'Indicateurs 2023' },
        },
      ],
    },
    {
      name: 'Indicateurs deleted, its Excel copy « Indicateurs (2) » kept',
      tables: (t) => renameSheet(t, IND, 'Indicateurs (2)'),
      issues: [
        {
          messageId: 'renamed',
          sheet: 'Indicateurs (2)',
          address: null,
          params: { sheet: 'Indicateurs', copy: 'Indicateurs (2)' },
        },
      ],
    },
    {
      name: 'LibreOffice copy « Bénéficiaires_2 » and « Copie de Identification »',
      tables: (t) => (renameSheet(t, BEN, 'Bénéficiaires_2'), renameSheet(t, ID, 'Copie de Identification')),
      issues: [
        { messageId: 'renamed', sheet: 'Bénéficiaires_2', address: null, params: { copy: 'Bénéficiaires_2' } },
        { messageId: 'renamed', sheet: 'Copie de Identification', address: null, params: { sheet: 'Identification' } },
      ],
    },
    {
      name: 'Budget left empty, its figures typed in « Budget (2) »',
      tables: filledCopy(BUD, 'Budget (2)', BUDGET_TYPED),
      issues: [
        { messageId: 'emptyOriginal', sheet: BUD, address: null, params: { sheet: 'Budget', copy: 'Budget (2)' } },
      ],
    },
    {
      name: 'an empty workbook',
      tables: (t) => void t.sheets.splice(0),
      issues: [ID, IND, BUD, BEN].map((sheet) => ({
        messageId: 'missing',
        sheet: null,
        address: null,
        params: { sheet },
      })),
    },
  ],
});

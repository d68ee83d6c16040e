import { requiredValue } from '../../core/rules/required-value';
import {
  BEN,
  BUD,
  formula,
  ID,
  IND,
  removeRow,
  removeSheet,
  setCell,
  setValue,
  type Value,
} from '../helpers/build-tables';
import { ruleTester, type ExpectedIssue } from '../helpers/rule-tester';
import type { Tables } from '../../core/tables';

const blank =
  (sheet: string, ...addresses: string[]) =>
  (t: Tables) =>
    addresses.forEach((a) => setValue(t, sheet, a, null));
const set = (sheet: string, address: string, value: Value) => (t: Tables) => setValue(t, sheet, address, value);
const missingNumber = (
  sheet: string,
  address: string,
  code: string,
  field: string,
): ExpectedIssue<'missingNumber'> => ({ messageId: 'missingNumber', sheet, address, params: { code, field } });
const missing = (address: string, field: string): ExpectedIssue<'missing'> => ({
  messageId: 'missing',
  sheet: ID,
  address,
  params: { field },
});

ruleTester(requiredValue, {
  valid: [
    { name: 'every required cell filled' },
    { name: 'zero is a value', tables: set(IND, 'F2', 0) },
    {
      name: 'optional cells blank: Fonction, Téléphone, comments',
      tables: (t) => (blank(ID, 'B10', 'B11')(t), blank(IND, 'I2')(t)),
    },
    { name: 'Femmes / Hommes of a non-people indicator blank', tables: blank(IND, 'G5', 'H5') },
    { name: 'Prévu blank (planned-mismatch reports it)', tables: blank(IND, 'E2') },
    {
      name: 'optional Identification rows deleted (Fonction, Téléphone)',
      tables: (t) => (removeRow(t, ID, 11), removeRow(t, ID, 10)),
    },
    { name: 'Identification sheet missing (missing-sheet reports it)', tables: (t) => removeSheet(t, ID) },
    {
      name: 'the template Total formula, even with no cached result',
      tables: (t) => setCell(t, BEN, 'F2', formula('D2+E2')),
    },
  ],
  invalid: [
    {
      name: 'Réalisé R1.1.1 left blank',
      tables: blank(IND, 'F2'),
      issues: [missingNumber(IND, 'F2', 'R1.1.1', 'Réalisé')],
    },
    {
      name: 'Réalisé of only spaces',
      tables: set(IND, 'F6', '   '),
      issues: [missingNumber(IND, 'F6', 'R2.2.2', 'Réalisé')],
    },
    {
      name: 'Femmes and Hommes left blank',
      tables: blank(IND, 'G8', 'H8'),
      issues: [missingNumber(IND, 'G8', 'R3.1.2', 'Femmes'), missingNumber(IND, 'H8', 'R3.1.2', 'Hommes')],
    },
    {
      name: 'Dépensé left blank',
      tables: blank(BUD, 'D4'),
      issues: [missingNumber(BUD, 'D4', 'BUD-3', 'Dépensé (FCFA)')],
    },
    {
      name: 'a structures Total left blank',
      tables: blank(BEN, 'F6'),
      issues: [missingNumber(BEN, 'F6', 'STR-CS', 'Total')],
    },
    {
      name: 'beneficiaries Femmes left blank (the Total formula is not required)',
      tables: blank(BEN, 'D3'),
      issues: [missingNumber(BEN, 'D3', 'BEN-15-17', 'Femmes')],
    },
    {
      name: 'Identification left blank',
      tables: blank(ID, 'B7', 'B8', 'B9', 'B12'),
      issues: [
        missing('B7', 'Commune'),
        missing('B8', 'Période'),
        missing('B9', 'Rempli par'),
        missing('B12', 'Date de saisie'),
      ],
    },
    {
      name: 'the Période row deleted: the field is missing, with no cell to point at',
      tables: (t) => removeRow(t, ID, 8),
      issues: [{ messageId: 'missing', sheet: ID, address: null, row: null, params: { field: 'Période' } }],
    },
    {
      name: 'the Rempli par and Date de saisie labels erased',
      tables: (t) => (setValue(t, ID, 'A9', null), setValue(t, ID, 'A12', 'Date')),
      issues: [
        { messageId: 'missing', sheet: ID, address: null, params: { field: 'Rempli par' } },
        { messageId: 'missing', sheet: ID, address: null, params: { field: 'Date de saisie' } },
      ],
    },
  ],
});

import { excelError } from '../../core/rules/excel-error';
import { BEN, BUD, error, ID, IND, setCell, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(excelError, {
  valid: [
    { name: 'no error value' },
    { name: 'error in a label, not an input', tables: (t) => setValue(t, IND, 'C2', '#REF!') },
    { name: 'error in the Instructions sheet', tables: (t) => setValue(t, 'Instructions', 'A3', '#N/A') },
    {
      name: 'error text in a comment is typed text, not an error value',
      tables: (t) => setCell(t, IND, 'I2', { kind: 'string', value: 'Formule en #REF! corrigée' }),
    },
  ],
  invalid: [
    {
      name: '#REF! in Réalisé',
      tables: (t) => setValue(t, IND, 'F2', '#REF!'),
      issues: [{ messageId: 'error', sheet: IND, address: 'F2', params: { code: '#REF!', field: 'Réalisé' } }],
    },
    {
      name: '#DIV/0! in Dépensé',
      tables: (t) => setCell(t, BUD, 'D3', error('#DIV/0!')),
      issues: [{ messageId: 'error', sheet: BUD, address: 'D3', params: { code: '#DIV/0!', field: 'Dépensé (FCFA)' } }],
    },
    {
      name: '#VALUE! as the date of entry',
      tables: (t) => setValue(t, ID, 'B12', '#VALUE!'),
      issues: [{ messageId: 'error', sheet: ID, address: 'B12', params: { code: '#VALUE!', field: 'Date de saisie' } }],
    },
    {
      name: '#N/A in a beneficiaries Total typed by hand',
      tables: (t) => setValue(t, BEN, 'F5', '#N/A'),
      issues: [{ messageId: 'error', sheet: BEN, address: 'F5', params: { field: 'Total' } }],
    },
    {
      name: 'errors in Prévu, Femmes and Commentaire',
      tables: (t) => (
        setValue(t, IND, 'E2', '#REF!'),
        setValue(t, IND, 'G3', '#NUM!'),
        setValue(t, IND, 'I4', '#NAME?')
      ),
      issues: [
        { messageId: 'error', sheet: IND, address: 'E2', params: { field: 'Prévu' } },
        { messageId: 'error', sheet: IND, address: 'G3', params: { code: '#NUM!', field: 'Femmes' } },
        { messageId: 'error', sheet: IND, address: 'I4', params: { field: 'Commentaire' } },
      ],
    },
  ],
});

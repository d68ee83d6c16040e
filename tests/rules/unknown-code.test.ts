import { unknownCode } from '../../core/rules/unknown-code';
import { appendRow, BEN, BUD, IND, insertRow, renameHeader, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(unknownCode, {
  valid: [
    { name: 'every row with a framework code' },
    { name: 'codes in lower case', tables: (t) => setValue(t, IND, 'A2', 'r1.1.1') },
    { name: 'blank rows between rows', tables: (t) => insertRow(t, BUD, 4) },
    {
      name: 'a note beside the table, outside its columns',
      tables: (t) => setValue(t, IND, 'K20', 'Vérifié par le superviseur'),
    },
    {
      name: 'no Code header (missing-header reports it)',
      tables: (t) => (renameHeader(t, IND, 'Code', 'Réf'), appendRow(t, IND, ['R9.9.9', 'R9.9'])),
    },
  ],
  invalid: [
    {
      name: 'an indicator the framework does not know',
      tables: (t) => appendRow(t, IND, ['R9.9.9', 'R9.9', 'Indicateur ajouté', 'personnes', 0, 5]),
      issues: [{ messageId: 'unknown', sheet: IND, address: 'A15', params: { code: 'R9.9.9' } }],
    },
    {
      name: 'a code mistyped',
      tables: (t) => setValue(t, BUD, 'A3', 'BUD 2'),
      issues: [{ messageId: 'unknown', sheet: BUD, address: 'A3', params: { code: 'BUD 2' } }],
    },
    {
      name: 'a total row without a code, below the table',
      tables: (t) => setValue(t, BUD, 'D9', 23700765),
      issues: [{ messageId: 'noCode', sheet: BUD, address: 'D9' }],
    },
    {
      name: 'a data row whose code was erased: the first filled cell is shown',
      tables: (t) => setValue(t, BEN, 'A3', null),
      issues: [{ messageId: 'noCode', sheet: BEN, address: 'B3' }],
    },
    {
      name: 'only a comment on a row without a code',
      tables: (t) => setValue(t, IND, 'I16', 'Autres activités non prévues'),
      issues: [{ messageId: 'noCode', sheet: IND, address: 'I16' }],
    },
  ],
});

import { unexpectedFormula } from '../../core/rules/unexpected-formula';
import { BEN, BUD, formula, ID, IND, setCell, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(unexpectedFormula, {
  valid: [
    { name: 'the template’s own Total formulas' },
    { name: 'a Total formula rewritten differently', tables: (t) => setCell(t, BEN, 'F3', formula('SUM(D3:E3)', 95)) },
    {
      name: 'a formula in a label',
      tables: (t) => setCell(t, IND, 'C2', formula('"Acteurs "&"formés"', 'Acteurs formés')),
    },
    { name: 'a formula outside the tables', tables: (t) => setValue(t, BUD, 'G2', '=D2/C2') },
  ],
  invalid: [
    {
      name: 'a formula in Réalisé',
      tables: (t) => setCell(t, IND, 'F2', formula('G2+H2', 25)),
      issues: [{ messageId: 'formula', sheet: IND, address: 'F2', params: { formula: '=G2+H2', field: 'Réalisé' } }],
    },
    {
      name: 'a formula in Dépensé',
      tables: (t) => setCell(t, BUD, 'D2', formula('SUM(1000000,3625000)', 4625000)),
      issues: [
        {
          messageId: 'formula',
          sheet: BUD,
          address: 'D2',
          params: { formula: '=SUM(1000000,3625000)', field: 'Dépensé (FCFA)' },
        },
      ],
    },
    {
      name: 'TODAY() as the date of entry',
      tables: (t) => setCell(t, ID, 'B12', formula('TODAY()', '2024-01-15')),
      issues: [{ messageId: 'formula', sheet: ID, address: 'B12', params: { formula: '=TODAY()' } }],
    },
    {
      name: 'a formula in a structures Total (typed, not computed)',
      tables: (t) => setCell(t, BEN, 'F5', formula('2+2', 4)),
      issues: [{ messageId: 'formula', sheet: BEN, address: 'F5', params: { field: 'Total' } }],
    },
    {
      name: 'formulas in Prévu and Femmes',
      tables: (t) => (setValue(t, IND, 'E3', '=25'), setCell(t, BEN, 'D2', formula('F2-E2', 696))),
      issues: [
        { messageId: 'formula', sheet: IND, address: 'E3', params: { formula: '=25', field: 'Prévu' } },
        { messageId: 'formula', sheet: BEN, address: 'D2', params: { field: 'Femmes' } },
      ],
    },
  ],
});

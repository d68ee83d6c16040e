import { unexpectedValue } from '../../core/rules/unexpected-value';
import { BEN, IND, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import type { Tables } from '../../core/tables';

// R2.2.1 (row 5) counts sensibilisations; STR-PE (row 5 of Bénéficiaires) counts structures.
const fill = (sheet: string, cells: Record<string, Value>) => (t: Tables) =>
  Object.entries(cells).forEach(([a, v]) => setValue(t, sheet, a, v));

ruleTester(unexpectedValue, {
  valid: [
    { name: 'Femmes / Hommes only on people counts' },
    { name: 'only spaces in Femmes of a non-people indicator', tables: fill(IND, { G5: '  ' }) },
    { name: 'a value next to the table, outside the columns', tables: fill(IND, { J5: 3 }) },
  ],
  invalid: [
    {
      name: 'Femmes filled on a non-people indicator',
      tables: fill(IND, { G5: 1 }),
      issues: [
        {
          messageId: 'notDisaggregated',
          sheet: IND,
          address: 'G5',
          params: { code: 'R2.2.1', field: 'Femmes', value: '1' },
        },
      ],
    },
    {
      name: 'Femmes and Hommes filled on a non-people indicator',
      tables: fill(IND, { G12: 0, H12: 2 }),
      issues: [
        { messageId: 'notDisaggregated', sheet: IND, address: 'G12', params: { code: 'R4.2.1', value: '0' } },
        {
          messageId: 'notDisaggregated',
          sheet: IND,
          address: 'H12',
          params: { code: 'R4.2.1', field: 'Hommes', value: '2' },
        },
      ],
    },
    {
      name: 'text in Hommes of a structures count',
      tables: fill(BEN, { E5: 'aucun' }),
      issues: [
        {
          messageId: 'notDisaggregated',
          sheet: BEN,
          address: 'E5',
          params: { code: 'STR-PE', field: 'Hommes', value: 'aucun' },
        },
      ],
    },
  ],
});

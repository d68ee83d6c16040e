import { overspending } from '../../core/rules/overspending';
import { BUD, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import type { Tables } from '../../core/tables';

// Gounzourèye plans 4 625 000 FCFA on BUD-1 (row 2) and 4 200 765 on BUD-6 (row 7).
const fill = (cells: Record<string, Value>) => (t: Tables) => Object.entries(cells).forEach(([a, v]) => setValue(t, BUD, a, v));

ruleTester(overspending, {
  valid: [
    { name: 'spent exactly as planned' },
    { name: 'spent less', tables: fill({ D2: 1000000 }) },
    { name: 'nothing spent', tables: fill({ D2: 0 }) },
    { name: 'the planned amount typed as text', tables: fill({ D2: '4 625 000 FCFA' }) },
    { name: 'not a number', tables: fill({ D2: 'tout' }) },
    { name: 'another commune: its own plan', commune: 'BAR', tables: fill({ D7: 4200764 }) },
  ],
  invalid: [
    {
      name: 'one franc over',
      tables: fill({ D2: 4625001 }),
      issues: [{ messageId: 'over', sheet: BUD, address: 'D2', severity: 'warning', params: { code: 'BUD-1', spent: 4625001, planned: 4625000, excess: 1 } }],
    },
    {
      name: 'Bara spending the Gounzourèye amount on BUD-6',
      commune: 'BAR',
      tables: fill({ D7: 4200765 }),
      issues: [{ messageId: 'over', sheet: BUD, address: 'D7', params: { code: 'BUD-6', planned: 4200764, excess: 1 } }],
    },
    {
      name: 'typed as text with FCFA',
      tables: fill({ D2: '5 000 000 FCFA' }),
      issues: [{ messageId: 'over', sheet: BUD, address: 'D2', params: { spent: 5000000, excess: 375000 } }],
    },
    {
      name: 'justified in Commentaire: acknowledged information',
      tables: fill({ D3: 3000000, E3: 'Campagne de dépistage supplémentaire' }),
      issues: [{ messageId: 'overJustified', sheet: BUD, address: 'D3', severity: 'info', acknowledged: true, params: { code: 'BUD-2', excess: 550000, comment: 'Campagne de dépistage supplémentaire' } }],
    },
  ],
});

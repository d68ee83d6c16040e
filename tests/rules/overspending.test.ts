import { overspending } from '../../core/rules/overspending';
import { BUD, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import { budgetLine, setTargets, withQuarters } from '../helpers/quarters';
import type { Framework } from '../../core/framework/schema';
import type { Tables } from '../../core/tables';

// Gounzourèye plans 4 625 000 FCFA on BUD-1 (row 2) and 4 200 765 on BUD-6 (row 7).
const fill = (cells: Record<string, Value>) => (t: Tables) =>
  Object.entries(cells).forEach(([a, v]) => setValue(t, BUD, a, v));
/** 2024 grouping four quarters, with BUD-1's planned amounts for the given periods (every other line has none). */
const quarters = (planned: Record<string, number>) => (fw: Framework) => {
  withQuarters(fw);
  setTargets(fw, budgetLine(fw, 'BUD-1').periodPlanned, planned);
};
const EVERY_QUARTER = { '2024-T1': 1000000, '2024-T2': 1000000, '2024-T3': 1000000, '2024-T4': 1000000 };

ruleTester(overspending, {
  valid: [
    { name: 'spent exactly as planned' },
    { name: 'spent less', tables: fill({ D2: 1000000 }) },
    { name: 'nothing spent', tables: fill({ D2: 0 }) },
    { name: 'the planned amount typed as text', tables: fill({ D2: '4 625 000 FCFA' }) },
    { name: 'not a number', tables: fill({ D2: 'tout' }) },
    { name: 'another commune: its own plan', commune: 'BAR', tables: fill({ D7: 4200764 }) },
    {
      name: 'a quarter spending its own planned amount',
      period: '2024-T2',
      framework: quarters({ '2024-T2': 1000000 }),
      tables: fill({ D2: 1000000 }),
    },
    {
      name: 'a quarter without planned amount is never judged',
      period: '2024-T3',
      framework: quarters({ '2024-T2': 1000000 }),
      tables: fill({ D2: 99000000 }),
    },
    {
      name: 'a year of the real framework without planned amount is never judged',
      period: '2024',
      tables: fill({ D2: 99000000 }),
    },
    {
      name: 'a year spending the sum of its quarters',
      period: '2024',
      framework: quarters(EVERY_QUARTER),
      tables: fill({ D2: 4000000 }),
    },
  ],
  invalid: [
    {
      name: 'one franc over',
      tables: fill({ D2: 4625001 }),
      issues: [
        {
          messageId: 'over',
          sheet: BUD,
          address: 'D2',
          severity: 'warning',
          params: { code: 'BUD-1', spent: 4625001, planned: 4625000, excess: 1 },
        },
      ],
    },
    {
      name: 'Bara spending the Gounzourèye amount on BUD-6',
      commune: 'BAR',
      tables: fill({ D7: 4200765 }),
      issues: [
        { messageId: 'over', sheet: BUD, address: 'D7', params: { code: 'BUD-6', planned: 4200764, excess: 1 } },
      ],
    },
    {
      name: 'typed as text with FCFA',
      tables: fill({ D2: '5 000 000 FCFA' }),
      issues: [{ messageId: 'over', sheet: BUD, address: 'D2', params: { spent: 5000000, excess: 375000 } }],
    },
    {
      name: 'justified in Commentaire: acknowledged information',
      tables: fill({ D3: 3000000, E3: 'Campagne de dépistage supplémentaire' }),
      issues: [
        {
          messageId: 'overJustified',
          sheet: BUD,
          address: 'D3',
          severity: 'info',
          acknowledged: true,
          params: { code: 'BUD-2', excess: 550000, comment: 'Campagne de dépistage supplémentaire' },
        },
      ],
    },
    {
      // 1 200 000 is far below the end-of-project plan (4 625 000), but over the quarter's.
      name: 'a quarter spending beyond its own planned amount',
      period: '2024-T2',
      framework: quarters({ '2024-T2': 1000000 }),
      tables: fill({ D2: 1200000 }),
      issues: [
        {
          messageId: 'over',
          sheet: BUD,
          address: 'D2',
          params: { code: 'BUD-1', spent: 1200000, planned: 1000000, excess: 200000 },
        },
      ],
    },
    {
      name: 'a year spending beyond the sum of its quarters',
      period: '2024',
      framework: quarters(EVERY_QUARTER),
      tables: fill({ D2: 4500000 }),
      issues: [
        { messageId: 'over', sheet: BUD, address: 'D2', params: { code: 'BUD-1', planned: 4000000, excess: 500000 } },
      ],
    },
  ],
});

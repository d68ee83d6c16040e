import { sexSumMismatch } from '../../core/rules/sex-sum-mismatch';
import { BEN, formula, IND, setCell, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';
import type { Tables } from '../../core/tables';

// R1.1.1 (row 2): Réalisé 25 = 11 + 14. BEN-0-14 (row 2): 696 + 754, Total =D2+E2.
const fill = (sheet: string, cells: Record<string, Value>) => (t: Tables) =>
  Object.entries(cells).forEach(([a, v]) => setValue(t, sheet, a, v));

ruleTester(sexSumMismatch, {
  valid: [
    { name: 'Femmes + Hommes = Réalisé and Total' },
    { name: 'the sum typed as text', tables: fill(IND, { G2: '11', H2: '14 personnes' }) },
    { name: 'a Femmes cell blank (required-value reports it)', tables: fill(IND, { G2: null }) },
    { name: 'a Hommes cell not a number (not-a-number reports it)', tables: fill(IND, { H2: 'quatorze' }) },
    {
      name: 'values in Femmes / Hommes of a non-people indicator (unexpected-value reports them)',
      tables: fill(IND, { G5: 1, H5: 5 }),
    },
    {
      name: 'a Total formula with a stale cached result is recomputed, not trusted',
      tables: (t) => setCell(t, BEN, 'F2', formula('D2+E2', 999)),
    },
    { name: 'beneficiaries Total typed as the right number', tables: fill(BEN, { F2: 1450 }) },
    { name: 'structures have no Femmes / Hommes', tables: fill(BEN, { F5: 40 }) },
  ],
  invalid: [
    {
      name: 'Femmes + Hommes ≠ Réalisé',
      tables: fill(IND, { G2: 10 }),
      issues: [
        {
          messageId: 'achieved',
          sheet: IND,
          address: 'F2',
          params: { code: 'R1.1.1', women: 10, men: 14, sum: 24, total: 25 },
        },
      ],
    },
    {
      name: 'Réalisé changed without its split',
      tables: fill(IND, { F8: 60 }),
      issues: [
        {
          messageId: 'achieved',
          sheet: IND,
          address: 'F8',
          params: { code: 'R3.1.2', women: 27, men: 23, sum: 50, total: 60 },
        },
      ],
    },
    {
      name: 'numbers typed as text that do not add up',
      tables: fill(IND, { F3: '25 personnes', G3: '10', H3: '12' }),
      issues: [
        {
          messageId: 'achieved',
          sheet: IND,
          address: 'F3',
          params: { code: 'R1.1.2', women: 10, men: 12, sum: 22, total: 25 },
        },
      ],
    },
    {
      name: 'beneficiaries Total typed as a number different from F + H',
      tables: fill(BEN, { F2: 1500 }),
      issues: [
        {
          messageId: 'total',
          sheet: BEN,
          address: 'F2',
          params: { code: 'BEN-0-14', women: 696, men: 754, sum: 1450, total: 1500 },
        },
      ],
    },
    {
      name: 'beneficiaries Total typed as text',
      tables: fill(BEN, { D3: 40, F3: '95' }),
      issues: [{ messageId: 'total', sheet: BEN, address: 'F3', params: { women: 40, men: 53, sum: 93, total: 95 } }],
    },
  ],
});

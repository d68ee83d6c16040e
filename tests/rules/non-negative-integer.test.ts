import { nonNegativeInteger } from '../../core/rules/non-negative-integer';
import type { Tables } from '../../core/tables';
import { BEN, BUD, formula, IND, setCell, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

const set = (sheet: string, address: string, value: Value) => ({
  tables: (t: Tables) => setValue(t, sheet, address, value),
});

ruleTester(nonNegativeInteger, {
  valid: [
    { name: 'whole numbers everywhere' },
    { name: 'zero achieved', ...set(IND, 'F2', 0) },
    { name: 'whole number typed as text', ...set(BUD, 'D2', '4 625 000') },
    { name: 'not a number (not-a-number reports it)', ...set(IND, 'F2', 'vingt') },
    { name: 'negative Femmes on a non-people indicator (unexpected-value reports it)', ...set(IND, 'G5', -1) },
    {
      name: 'template Total formula with a negative cached result',
      tables: (t) => setCell(t, BEN, 'F2', formula('D2+E2', -1)),
    },
    { name: 'a fraction in a comment', ...set(BUD, 'E2', '0,5') },
  ],
  invalid: [
    {
      name: 'negative achieved',
      ...set(IND, 'F2', -3),
      issues: [{ messageId: 'negative', sheet: IND, address: 'F2', params: { value: -3, field: 'Réalisé' } }],
    },
    {
      name: 'negative typed as text',
      ...set(IND, 'H3', '-5'),
      issues: [{ messageId: 'negative', sheet: IND, address: 'H3', params: { value: -5, field: 'Hommes' } }],
    },
    {
      name: 'negative beneficiaries',
      ...set(BEN, 'D2', -1),
      issues: [{ messageId: 'negative', sheet: BEN, address: 'D2', params: { field: 'Femmes' } }],
    },
    {
      name: 'fractional count',
      ...set(IND, 'F2', 2.5),
      issues: [{ messageId: 'fractional', sheet: IND, address: 'F2', params: { value: 2.5 } }],
    },
    {
      name: 'fractional Femmes typed as text',
      ...set(IND, 'G2', '12,5'),
      issues: [{ messageId: 'fractional', sheet: IND, address: 'G2', params: { value: 12.5, field: 'Femmes' } }],
    },
    {
      name: 'fractional Total typed by hand',
      ...set(BEN, 'F5', 1.5),
      issues: [{ messageId: 'fractional', sheet: BEN, address: 'F5', params: { field: 'Total' } }],
    },
    {
      name: 'edited Prévu with a fraction',
      ...set(IND, 'E2', 25.5),
      issues: [{ messageId: 'fractional', sheet: IND, address: 'E2', params: { field: 'Prévu' } }],
    },
    {
      name: 'FCFA with centimes',
      ...set(BUD, 'D2', 4625000.5),
      issues: [
        {
          messageId: 'fractionalAmount',
          sheet: BUD,
          address: 'D2',
          params: { value: 4625000.5, field: 'Dépensé (FCFA)' },
        },
      ],
    },
    {
      name: 'FCFA with centimes typed the French way, with a unit',
      ...set(BUD, 'D3', '2 450 000,50 FCFA'),
      issues: [{ messageId: 'fractionalAmount', sheet: BUD, address: 'D3', params: { value: 2450000.5 } }],
    },
  ],
});

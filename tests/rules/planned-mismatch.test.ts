import { plannedMismatch } from '../../core/rules/planned-mismatch';
import type { Tables } from '../../core/tables';
import { BEN, BUD, IND, META, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

const set = (sheet: string, address: string, value: Value) => ({
  tables: (t: Tables) => setValue(t, sheet, address, value),
});
// The rule tester starts from the 2023 period template (Prévu = the 2023 targets); `generic` from the generic
// template (Prévu blank); 2024 has no target in the bundled framework (Prévu « cible non définie »).
ruleTester(plannedMismatch, {
  valid: [
    { name: 'every Prévu from the framework' },
    { name: 'Bara’s own targets', commune: 'BAR' },
    { name: 'Prévu retyped as text', ...set(IND, 'E2', '25') },
    { name: 'Prévu retyped with French spaces', ...set(BUD, 'C2', '4\u202f625\u202f000') },
    { name: 'Prévu not a number (not-a-number reports it)', ...set(IND, 'E2', 'vingt-cinq') },
    {
      name: 'unknown commune: no target to compare with',
      tables: (t) => (setValue(t, META, 'B3', 'XYZ'), setValue(t, IND, 'E2', 30)),
    },
    { name: 'a period without targets: « cible non définie » everywhere', period: '2024' },
    { name: 'a period without targets: Prévu erased', period: '2024', ...set(IND, 'E2', null) },
    { name: 'the generic template: Prévu left blank', generic: true },
    { name: 'the generic template, a period without targets, Prévu blank', generic: true, period: '2024' },
    { name: 'the generic template: the period’s target typed in', generic: true, ...set(IND, 'E2', 25) },
  ],
  invalid: [
    {
      name: 'Prévu edited',
      ...set(IND, 'E2', 30),
      issues: [
        { messageId: 'mismatch', sheet: IND, address: 'E2', params: { code: 'R1.1.1', found: 30, expected: 25 } },
      ],
    },
    {
      name: 'Prévu erased',
      ...set(IND, 'E14', null),
      issues: [{ messageId: 'empty', sheet: IND, address: 'E14', params: { code: 'R4.3.1', expected: 2 } }],
    },
    {
      name: '« cible non définie » typed where the period has a target',
      ...set(IND, 'E2', 'Cible non définie'),
      issues: [
        {
          messageId: 'targetDefined',
          sheet: IND,
          address: 'E2',
          params: { code: 'R1.1.1', expected: 25 },
        },
      ],
    },
    {
      name: 'the last budget line of another commune',
      ...set(BUD, 'C7', 4200764),
      issues: [
        {
          messageId: 'mismatch',
          sheet: BUD,
          address: 'C7',
          params: { code: 'BUD-6', found: 4200764, expected: 4200765 },
        },
      ],
    },
    {
      name: 'a Gounzourèye target in the Bara workbook',
      commune: 'BAR',
      ...set(BEN, 'C2', 1450),
      issues: [
        { messageId: 'mismatch', sheet: BEN, address: 'C2', params: { code: 'BEN-0-14', found: 1450, expected: 1180 } },
      ],
    },
    {
      name: 'a target changed in the framework after the template was made',
      framework: (fw) => void (fw.budgetLines[0]!.periodPlanned['2023']!.GNZ = 5000000),
      issues: [{ messageId: 'mismatch', sheet: BUD, address: 'C2', params: { found: 4625000, expected: 5000000 } }],
    },
    {
      name: 'the generic template: a wrong target typed in',
      generic: true,
      ...set(IND, 'E2', 100),
      issues: [
        { messageId: 'mismatch', sheet: IND, address: 'E2', params: { code: 'R1.1.1', found: 100, expected: 25 } },
      ],
    },
    {
      name: 'the whole project’s target typed where the period has none',
      period: '2024',
      ...set(IND, 'E2', 100),
      issues: [
        {
          messageId: 'undefinedTarget',
          sheet: IND,
          address: 'E2',
          params: { code: 'R1.1.1', found: 100, period: '2024' },
        },
      ],
    },
    {
      name: 'the generic template: a target typed for a period that has none',
      generic: true,
      period: '2024',
      ...set(BUD, 'C2', 4625000),
      issues: [
        {
          messageId: 'undefinedTarget',
          sheet: BUD,
          address: 'C2',
          params: { code: 'BUD-1', found: 4625000, period: '2024' },
        },
      ],
    },
  ],
});

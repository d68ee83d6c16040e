import { unknownPeriod } from '../../core/rules/unknown-period';
import type { Tables } from '../../core/tables';
import { ID, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

const period = (value: Value) => (t: Tables) => setValue(t, ID, 'B8', value);

ruleTester(unknownPeriod, {
  valid: [
    { name: 'period 2023', options: { expectedPeriod: '2023' } },
    { name: 'period 2024', period: '2024' },
    { name: 'spaces around the period', tables: period(' 2023 '), options: { expectedPeriod: '2023' } },
    { name: 'the period typed as a number', tables: period(2023) },
    { name: 'left blank (required-value reports it)', tables: period(null), options: { expectedPeriod: '2024' } },
    { name: 'an error value (excel-error reports it)', tables: period('#N/A') },
    { name: 'a formula (unexpected-formula reports it)', tables: period('=A1') },
  ],
  invalid: [
    {
      name: 'a year outside the project',
      tables: period('2025'),
      issues: [{ messageId: 'unknown', sheet: ID, address: 'B8', params: { text: '2025', periods: '2023, 2024' } }],
    },
    { name: 'a quarter', tables: period('T1 2023'), issues: [{ messageId: 'unknown', sheet: ID, address: 'B8', params: { text: 'T1 2023' } }] },
    {
      name: 'the 2023 report sent when 2024 is expected',
      options: { expectedPeriod: '2024' },
      issues: [{ messageId: 'notExpected', sheet: ID, address: 'B8', params: { text: '2023', expected: '2024' } }],
    },
  ],
});

import type { Framework } from '../../core/framework/schema';
import { unknownPeriod } from '../../core/rules/unknown-period';
import type { Tables } from '../../core/tables';
import { ID, META, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

const period = (value: Value) => (t: Tables) => setValue(t, ID, 'B8', value);
/** 2024 reported by quarter: 2024 groups 2024-T1 … 2024-T4. */
const quarters = (fw: Framework) =>
  ['01', '04', '07', '10'].forEach((month, i) => {
    const end = ['03-31', '06-30', '09-30', '12-31'][i]!;
    fw.periods.push({
      label: `2024-T${i + 1}`,
      start: `2024-${month}-01`,
      end: `2024-${end}`,
      kind: 'quarter',
      within: '2024',
    });
  });

// The rule tester starts from the 2023 period template (_meta B5 = 2023); `generic` from the generic template.
ruleTester(unknownPeriod, {
  valid: [
    { name: 'period 2023', options: { expectedPeriod: '2023' } },
    { name: 'period 2024', period: '2024' },
    { name: 'spaces around the period', tables: period(' 2023 '), options: { expectedPeriod: '2023' } },
    { name: 'the period typed as a number', tables: period(2023) },
    { name: 'left blank (required-value reports it)', tables: period(null), options: { expectedPeriod: '2024' } },
    { name: 'an error value (excel-error reports it)', tables: period('#N/A') },
    { name: 'a formula (unexpected-formula reports it)', tables: period('=A1') },
    { name: 'the generic template: any reporting period', generic: true, tables: period('2024') },
    { name: 'a quarter of a year reported by quarter', generic: true, tables: period('2024-T2'), framework: quarters },
  ],
  invalid: [
    {
      name: 'a year outside the project',
      tables: period('2025'),
      issues: [{ messageId: 'unknown', sheet: ID, address: 'B8', params: { text: '2025', periods: '2023, 2024' } }],
    },
    {
      name: 'a quarter',
      tables: period('T1 2023'),
      issues: [{ messageId: 'unknown', sheet: ID, address: 'B8', params: { text: 'T1 2023' } }],
    },
    {
      name: 'the unknown period lists only the reporting periods',
      generic: true,
      tables: period('2025'),
      framework: quarters,
      issues: [
        {
          messageId: 'unknown',
          sheet: ID,
          address: 'B8',
          params: { periods: '2023, 2024-T1, 2024-T2, 2024-T3, 2024-T4' },
        },
      ],
    },
    {
      name: 'a year that groups quarters',
      generic: true,
      tables: period('2024'),
      framework: quarters,
      issues: [
        {
          messageId: 'grouping',
          sheet: ID,
          address: 'B8',
          params: { text: '2024', periods: '2024-T1, 2024-T2, 2024-T3, 2024-T4' },
        },
      ],
    },
    {
      name: 'the 2023 template filled in for 2024',
      tables: period('2024'),
      issues: [{ messageId: 'templatePeriod', sheet: ID, address: 'B8', params: { text: '2024', template: '2023' } }],
    },
    {
      name: 'the template’s period changed in _meta',
      tables: (t) => setValue(t, META, 'B5', '2024'),
      issues: [{ messageId: 'templatePeriod', sheet: ID, address: 'B8', params: { text: '2023', template: '2024' } }],
    },
    {
      name: 'the 2023 report sent when 2024 is expected',
      options: { expectedPeriod: '2024' },
      issues: [{ messageId: 'notExpected', sheet: ID, address: 'B8', params: { text: '2023', expected: '2024' } }],
    },
  ],
});

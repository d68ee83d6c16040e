import { dateOutsidePeriod } from '../../core/rules/date-outside-period';
import type { Tables } from '../../core/tables';
import { date, ID, setCell, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

// Period 2023 runs from 2023-01-01 to 2023-12-31; its deadline is 120 days later, 2024-04-29. A later
// entry is late (late-entry, a warning) until 365 days after the deadline (2025-04-29); beyond, it cannot belong.
const entry = (iso: string) => (t: Tables) => setCell(t, ID, 'B12', date(iso));

ruleTester(dateOutsidePeriod, {
  valid: [
    { name: 'entered on 2024-01-15 for 2023' },
    { name: 'on the first day of the period', tables: entry('2023-01-01') },
    { name: 'on the last day of the period', tables: entry('2023-12-31') },
    { name: 'on the last day of the grace days', tables: entry('2024-04-29') },
    { name: 'as text on the last day of the grace days', tables: (t) => setValue(t, ID, 'B12', '29/04/2024') },
    { name: 'period 2024 entered in 2025', period: '2024' },
    { name: 'period 2024 entered during the period', period: '2024', tables: entry('2024-06-01') },
    { name: 'period typed with spaces', tables: (t) => setValue(t, ID, 'B8', ' 2023 ') },
    {
      name: 'longer grace days in the framework',
      tables: entry('2024-07-01'),
      framework: (fw) => void (fw.entryGraceDays = 200),
    },
    {
      name: 'unknown period (unknown-period reports it)',
      tables: (t) => (setValue(t, ID, 'B8', '2019'), entry('2024-07-01')(t)),
    },
    { name: 'date that is not a date (invalid-date reports it)', tables: (t) => setValue(t, ID, 'B12', 'hier') },
    { name: 'date left blank (required-value reports it)', tables: (t) => setValue(t, ID, 'B12', null) },
    { name: 'the day after the deadline: late, not wrong (late-entry reports it)', tables: entry('2024-04-30') },
    { name: 'a year after the deadline: still late, not wrong', tables: entry('2025-04-29') },
    {
      name: 'no grace days in the framework: late (late-entry reports it)',
      framework: (fw) => void (fw.entryGraceDays = 0),
    },
  ],
  invalid: [
    {
      // A date past year 9999 (a mistyped serial) is written with an ISO year: compared as a date, it is too late.
      name: 'a date in year 10113: too late, not before the period',
      tables: entry('+010113-02-03'),
      issues: [
        {
          messageId: 'after',
          sheet: ID,
          address: 'B12',
          params: { date: '+010113-02-03', period: '2023', last: '2024-04-29' },
        },
      ],
    },
    {
      name: 'the day before the period starts',
      tables: entry('2022-12-31'),
      issues: [
        {
          messageId: 'before',
          sheet: ID,
          address: 'B12',
          params: { date: '2022-12-31', period: '2023', start: '2023-01-01' },
        },
      ],
    },
    {
      name: 'a year and a day after the deadline',
      tables: entry('2025-04-30'),
      issues: [
        {
          messageId: 'after',
          sheet: ID,
          address: 'B12',
          params: { date: '2025-04-30', period: '2023', last: '2024-04-29' },
        },
      ],
    },
    {
      name: 'text date long after the deadline',
      tables: (t) => setValue(t, ID, 'B12', '01/06/2025'),
      issues: [{ messageId: 'after', sheet: ID, address: 'B12', params: { date: '2025-06-01' } }],
    },
    {
      name: 'no grace days in the framework, two years later',
      tables: entry('2025-12-31'),
      framework: (fw) => void (fw.entryGraceDays = 0),
      issues: [{ messageId: 'after', sheet: ID, address: 'B12', params: { date: '2025-12-31', last: '2023-12-31' } }],
    },
    {
      name: 'a 2023 date for period 2024',
      period: '2024',
      tables: entry('2023-12-31'),
      issues: [{ messageId: 'before', sheet: ID, address: 'B12', params: { period: '2024', start: '2024-01-01' } }],
    },
    {
      name: 'a mid-2023 entry whose period was changed to 2024',
      tables: (t) => (setValue(t, ID, 'B8', '2024'), entry('2023-06-01')(t)),
      issues: [{ messageId: 'before', sheet: ID, address: 'B12', params: { date: '2023-06-01', period: '2024' } }],
    },
  ],
});

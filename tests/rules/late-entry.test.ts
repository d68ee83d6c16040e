import { lateEntry } from '../../core/rules/late-entry';
import type { Tables } from '../../core/tables';
import { date, ID, setCell, setValue } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

// Period 2023 ends on 2023-12-31; with 120 grace days its deadline is 2024-04-29. Up to a year after the
// deadline the entry is late but kept; beyond (date-outside-period), the date cannot belong to the period.
const entry = (iso: string) => (t: Tables) => setCell(t, ID, 'B12', date(iso));

ruleTester(lateEntry, {
  valid: [
    { name: 'entered on 2024-01-15 for 2023' },
    { name: 'on the deadline', tables: entry('2024-04-29') },
    { name: 'during the period', tables: entry('2023-06-01') },
    { name: 'before the period (date-outside-period reports it)', tables: entry('2022-12-31') },
    { name: 'more than a year after the deadline (date-outside-period reports it)', tables: entry('2025-04-30') },
    { name: 'unknown period', tables: (t) => (setValue(t, ID, 'B8', '2019'), entry('2024-07-01')(t)) },
    { name: 'date that is not a date', tables: (t) => setValue(t, ID, 'B12', 'hier') },
    {
      name: 'longer grace days in the framework',
      tables: entry('2024-07-01'),
      framework: (fw) => void (fw.entryGraceDays = 200),
    },
  ],
  invalid: [
    {
      name: 'the day after the deadline',
      tables: entry('2024-04-30'),
      issues: [
        {
          messageId: 'late',
          sheet: ID,
          address: 'B12',
          params: { date: '2024-04-30', deadline: '2024-04-29', period: '2023', days: 1 },
        },
      ],
    },
    {
      name: 'a year after the deadline, typed as text',
      tables: (t) => setValue(t, ID, 'B12', '29/04/2025'),
      issues: [{ messageId: 'late', sheet: ID, address: 'B12', params: { date: '2025-04-29', days: 365 } }],
    },
    {
      name: 'no grace days in the framework',
      framework: (fw) => void (fw.entryGraceDays = 0),
      issues: [
        {
          messageId: 'late',
          sheet: ID,
          address: 'B12',
          severity: 'warning',
          params: { date: '2024-01-15', deadline: '2023-12-31', days: 15 },
        },
      ],
    },
  ],
});

import { invalidDate } from '../../core/rules/invalid-date';
import type { Tables } from '../../core/tables';
import { ID, IND, setValue, type Value } from '../helpers/build-tables';
import { ruleTester, type InvalidCase } from '../helpers/rule-tester';

const entry = (value: Value) => (t: Tables) => setValue(t, ID, 'B12', value);
const bad = (name: string, value: Value, text: string): InvalidCase<'invalid'> => ({
  name,
  tables: entry(value),
  issues: [{ messageId: 'invalid', sheet: ID, address: 'B12', params: { text } }],
});

ruleTester(invalidDate, {
  valid: [
    { name: 'a real date cell' },
    { name: 'text jj/mm/aaaa', tables: entry('15/01/2024') },
    { name: 'text j/m/aaaa', tables: entry('5/1/2024') },
    { name: 'text jj-mm-aaaa', tables: entry('15-01-2024') },
    { name: 'text jj.mm.aaaa', tables: entry('15.01.2024') },
    { name: 'text aaaa-mm-jj', tables: entry('2024-01-15') },
    { name: '29 February of a leap year', tables: entry('29/02/2024') },
    { name: 'left blank (required-value reports it)', tables: entry(null) },
    { name: 'error value (excel-error reports it)', tables: entry('#REF!') },
    { name: 'a date-like text in a comment is no date input', tables: (t) => setValue(t, IND, 'I2', '31/02/2024') },
  ],
  invalid: [
    bad('a word', 'hier', 'hier'),
    bad('31 February', '31/02/2024', '31/02/2024'),
    bad('29 February of a common year', '29/02/2023', '29/02/2023'),
    bad('month 13', '15/13/2024', '15/13/2024'),
    bad('aaaa/mm/jj', '2024/01/15', '2024/01/15'),
    bad('a two-digit year', '15/01/24', '15/01/24'),
    bad('an Excel serial number that lost its date format', 45306, '45306'),
    bad('a boolean', true, 'true'),
  ],
});

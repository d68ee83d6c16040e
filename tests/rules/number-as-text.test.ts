import { numberAsText } from '../../core/rules/number-as-text';
import type { Tables } from '../../core/tables';
import { BEN, BUD, ID, IND, setValue, type Value } from '../helpers/build-tables';
import { ruleTester, type InvalidCase } from '../helpers/rule-tester';
import { renderIssue } from '../../core/messages';

const set = (sheet: string, address: string, value: Value) => ({
  tables: (t: Tables) => setValue(t, sheet, address, value),
});
/** A number typed as text: read as `value` (a number in the params, written the reader's way at rendering), fixed to it. */
const asText = (name: string, text: string, value: number, sheet: string, address: string): InvalidCase<'number'> => ({
  name,
  ...set(sheet, address, text),
  issues: [
    { messageId: 'number', sheet, address, params: { text: text.trim(), value }, fix: { sheet, address, value } },
  ],
});
/** How each case's number reads back in French (narrow no-break spaces, decimal comma) and in English. */
const SHOWN: [number, string, string][] = [];
const asTextShown = (name: string, text: string, value: number, shown: string, sheet = IND, address = 'F2') => {
  SHOWN.push([value, shown, new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 }).format(value)]);
  return asText(name, text, value, sheet, address);
};

ruleTester(numberAsText, {
  valid: [
    { name: 'numbers and a date cell' },
    { name: 'a comment with digits', ...set(IND, 'I2', 'Reste 25 personnes à former') },
    { name: 'a phone number', ...set(ID, 'B11', '70000001') },
    { name: 'text in Femmes of a non-people indicator (unexpected-value reports it)', ...set(IND, 'G5', '3') },
    { name: 'not a number (not-a-number reports it)', ...set(IND, 'F2', 'vingt') },
    { name: 'ambiguous (not-a-number reports it)', ...set(IND, 'F2', '1.250') },
    { name: 'invalid date text (invalid-date reports it)', ...set(ID, 'B12', '31/02/2024') },
  ],
  invalid: [
    asTextShown('digits as text', '25', 25, '25'),
    asTextShown('thousands with a space', '4 625 000', 4625000, '4\u202f625\u202f000', BUD, 'D2'),
    asTextShown('thousands with a no-break space', '1\u00a0450', 1450, '1\u202f450', BEN, 'D2'),
    asTextShown('thousands with a narrow no-break space', '1\u202f450', 1450, '1\u202f450', BEN, 'E2'),
    asTextShown('thousands with a thin space', '1\u2009450', 1450, '1\u202f450', BEN, 'E2'),
    asTextShown('French decimal with space grouping', '1 250,5', 1250.5, '1\u202f250,5', BUD, 'D2'),
    asTextShown('French decimal with no-break space grouping', '1\u00a0250,5', 1250.5, '1\u202f250,5', BUD, 'D3'),
    asTextShown(
      'French decimal with narrow no-break space grouping',
      '1\u202f250,5',
      1250.5,
      '1\u202f250,5',
      BUD,
      'D4',
    ),
    asTextShown('a people count with its unit', '25 personnes', 25, '25'),
    asTextShown('a count with its own unit', '2 sensibilisations', 2, '2', IND, 'F5'),
    asTextShown('an amount with FCFA', '4 625 000 FCFA', 4625000, '4\u202f625\u202f000', BUD, 'D2'),
    asTextShown('dot-grouped thousands', '4.625.000', 4625000, '4\u202f625\u202f000', BUD, 'D2'),
    asTextShown('a negative number', '-3', -3, '-3', IND, 'H2'),
    asTextShown('a plus sign and spaces around', ' +14 ', 14, '14', IND, 'H2'),
    asTextShown('a Total typed as text', '4', 4, '4', BEN, 'F5'),
    asTextShown('Prévu retyped as text', '25', 25, '25', IND, 'E2'),
    {
      name: 'date of entry typed as jj/mm/aaaa',
      ...set(ID, 'B12', '15/01/2024'),
      issues: [{ messageId: 'date', sheet: ID, address: 'B12', params: { text: '15/01/2024', date: '2024-01-15' } }],
    },
    {
      name: 'date of entry typed as aaaa-mm-jj',
      ...set(ID, 'B12', '2024-01-15'),
      issues: [{ messageId: 'date', sheet: ID, address: 'B12', params: { text: '2024-01-15', date: '2024-01-15' } }],
    },
  ],
});

test.each(SHOWN)('%p is written back %p in French and %p in English', (value, fr, en) => {
  const issue = { ruleId: 'number-as-text', messageId: 'number', params: { text: 'x', value, field: 'Réalisé' } };
  expect(renderIssue(issue, 'fr')).toContain(`il est lu comme ${fr}.`);
  expect(renderIssue(issue, 'en')).toContain(`it is read as ${en}.`);
});

import { notANumber } from '../../core/rules/not-a-number';
import type { Tables } from '../../core/tables';
import { BEN, BUD, date, formula, IND, setCell, setValue, type Value } from '../helpers/build-tables';
import { ruleTester } from '../helpers/rule-tester';

const set = (sheet: string, address: string, value: Value) => ({
  tables: (t: Tables) => setValue(t, sheet, address, value),
});
const typed = (name: string, value: string, sheet = IND, address = 'F2') => ({ name, ...set(sheet, address, value) });
const bad = (
  name: string,
  value: string,
  messageId: 'notNumber' | 'ambiguous',
  field = 'Réalisé',
  sheet = IND,
  address = 'F2',
) => ({
  name,
  ...set(sheet, address, value),
  issues: [{ messageId, sheet, address, params: { text: value.trim(), field } }],
});

ruleTester(notANumber, {
  valid: [
    { name: 'numbers everywhere' },
    typed('digits as text', '25'),
    typed('thousands with a space', '1 250'),
    typed('thousands with a no-break space', '1\u00a0250'),
    typed('thousands with a narrow no-break space', '1\u202f250'),
    typed('French decimal comma with space grouping', '1 250,5', BUD, 'D2'),
    typed('French decimal comma with no-break space grouping', '1\u00a0250,5', BUD, 'D2'),
    typed('French decimal comma with narrow no-break space grouping', '1\u202f250,5', BUD, 'D2'),
    typed('a unit word of the indicator', '25 personnes'),
    typed('a unit word in capitals, singular', '1 Personne'),
    typed('the unit of a non-people indicator', '2 sensibilisations', IND, 'F5'),
    typed('an amount in FCFA', '4 625 000 FCFA', BUD, 'D2'),
    typed('an amount in F CFA with a decimal comma', '4 625 000,5 F CFA', BUD, 'D2'),
    typed('both separators, French', '1.250,5', BUD, 'D2'),
    typed('both separators, English', '1,250.5', BUD, 'D2'),
    typed('several dot groups', '4.625.000', BUD, 'D2'),
    typed('leading zero decimal', '0,250'),
    typed('more than three digits before the mark', '1250,500'),
    typed('a minus sign (non-negative-integer reports it)', '-3'),
    typed('padded with spaces', '  25  '),
    { name: 'blank (required-value reports it)', ...set(IND, 'F2', null) },
    { name: 'error value (excel-error reports it)', ...set(IND, 'F2', '#REF!') },
    { name: 'formula (unexpected-formula reports it)', tables: (t) => setCell(t, IND, 'F2', formula('G2+H2', 25)) },
    { name: 'text in Femmes of a non-people indicator (unexpected-value reports it)', ...set(IND, 'G5', 'aucune') },
    { name: 'text in a comment', ...set(IND, 'I2', 'vingt-cinq') },
  ],
  invalid: [
    bad('a word', 'vingt', 'notNumber'),
    bad('the unit of another indicator', '25 centres', 'notNumber'),
    bad('a percentage', '80%', 'notNumber'),
    bad('spaces that do not group by three', '1 25', 'notNumber'),
    bad('space grouping mixed with dot groups', '4 625.000.000', 'notNumber', 'Dépensé (FCFA)', BUD, 'D2'),
    bad('a trailing separator', '25,', 'notNumber'),
    bad('N/A typed', 'N/A', 'notNumber', 'Femmes', IND, 'G2'),
    bad('a dash for nothing', '-', 'notNumber', 'Total', BEN, 'F5'),
    bad('1.250: thousands or decimal?', '1.250', 'ambiguous'),
    bad('1,250: thousands or decimal?', '1,250', 'ambiguous'),
    bad('12,500 in Hommes', '12,500', 'ambiguous', 'Hommes', IND, 'H2'),
    bad('ambiguous Prévu', '2.450', 'ambiguous', 'Prévu (FCFA)', BUD, 'C3'),
    {
      name: 'a boolean and a date in count cells',
      tables: (t) => (setValue(t, IND, 'F2', true), setCell(t, BEN, 'D2', date('2023-05-01'))),
      issues: [
        { messageId: 'notNumber', sheet: IND, address: 'F2', params: { text: 'true' } },
        { messageId: 'notNumber', sheet: BEN, address: 'D2', params: { text: '2023-05-01', field: 'Femmes' } },
      ],
    },
  ],
});

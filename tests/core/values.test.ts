import {
  CURRENCY_WORDS,
  dateOf,
  formatFrenchNumber,
  numberOf,
  parseNumberText,
  readDate,
  readNumber,
  type DateRead,
  type NumberRead,
} from '../../core/values';
import { date, empty, error, formula, num, text } from '../helpers/build-tables';
import type { Cell } from '../../core/tables';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('parseNumberText', () => {
  const read = (value: number): Partial<NumberRead> => ({ status: 'text', value });
  it.each<[string, string[], Partial<NumberRead>]>([
    ['25', [], read(25)],
    ['  25  ', [], read(25)],
    ['0', [], read(0)],
    ['+14', [], read(14)],
    ['-3', [], read(-3)],
    ['− 3', [], read(-3)],
    ['1 250', [], read(1250)],
    [`1${NBSP}250`, [], read(1250)],
    [`1${NNBSP}250`, [], read(1250)],
    ['1\u2009250', [], read(1250)],
    ['96 303 057', [], read(96303057)],
    [`96${NNBSP}303${NNBSP}057`, [], read(96303057)],
    ['1 250,5', [], read(1250.5)],
    [`1${NBSP}250,5`, [], read(1250.5)],
    [`1${NNBSP}250,5`, [], read(1250.5)],
    ['1 250.5', [], read(1250.5)],
    ['2,5', [], read(2.5)],
    ['0,250', [], read(0.25)],
    ['1250,500', [], read(1250.5)],
    ['1.250,5', [], read(1250.5)],
    ['1,250.5', [], read(1250.5)],
    ['1.250.000', [], read(1250000)],
    ['1,250,000', [], read(1250000)],
    ['1.250.000,75', [], read(1250000.75)],
    ['25 personnes', ['personnes'], read(25)],
    ['25personnes', ['personnes'], read(25)],
    ['1 Personne', ['personnes'], read(1)],
    [`1${NNBSP}250 personnes`, ['personnes'], read(1250)],
    ['2,5 personnes', ['personnes'], read(2.5)],
    ['3 sensibilisations', ['sensibilisations'], read(3)],
    ['1 plans d’action', ["plans d'action"], read(1)],
    ["1 plan d'action", ["plans d'action"], read(1)],
    ['4 625 000 FCFA', CURRENCY_WORDS, read(4625000)],
    ['4 625 000,50 FCFA', CURRENCY_WORDS, read(4625000.5)],
    ['4 625 000 F CFA', CURRENCY_WORDS, read(4625000)],
    ['4625000 XOF', CURRENCY_WORDS, read(4625000)],
    ['1 000 francs', CURRENCY_WORDS, read(1000)],
    // the text is kept as typed (trimmed), for the message
    [' 1 250 ', [], { status: 'text', value: 1250, text: '1 250' }],
  ])('%j (units %j) reads as a number', (input, units, expected) => {
    expect(parseNumberText(input, units)).toMatchObject(expected);
  });

  it.each<[string, string[]]>([
    ['1.250', []],
    ['1,250', []],
    ['12,500', []],
    ['-1.250', []],
    ['1.250 personnes', ['personnes']],
    ['1 250.000', []],
  ])('%j is ambiguous (thousands or decimal?)', (input, units) => {
    expect(parseNumberText(input, units)).toEqual({ status: 'ambiguous', text: input });
  });

  it.each<[string, string[]]>([
    ['vingt', []],
    ['N/A', []],
    ['-', []],
    ['80%', []],
    ['25 centres', ['personnes']],
    ['25 personnes', []],
    ['25 FCFA', ['personnes']],
    ['25 F', ['personnes']],
    ['25 pers.', ['personnes']],
    ['1 25', []],
    ['12 50', []],
    ['1  250', []],
    ['1 250.000.000', []],
    ['1 250.000,5', []],
    ['25,', []],
    ['.5', []],
    ['1,2,3', []],
    ['1.250,500.5', []],
    ['1e3', []],
    ['3-', []],
  ])('%j is not a number', (input, units) => {
    expect(parseNumberText(input, units)).toEqual({ status: 'invalid', text: input });
  });

  it.each(['', '   ', NBSP])('%j is empty', (input) => {
    expect(parseNumberText(input)).toEqual({ status: 'empty' });
  });
});

describe('readNumber / numberOf', () => {
  it.each<[string, Cell, NumberRead, number | undefined]>([
    ['empty', empty(), { status: 'empty' }, undefined],
    ['number', num(25), { status: 'ok', value: 25 }, 25],
    ['negative number', num(-2.5), { status: 'ok', value: -2.5 }, -2.5],
    ['blank string', text('   '), { status: 'empty' }, undefined],
    ['text number', text('1 250'), { status: 'text', value: 1250, text: '1 250' }, 1250],
    ['ambiguous text', text('1.250'), { status: 'ambiguous', text: '1.250' }, undefined],
    ['text', text('abc'), { status: 'invalid', text: 'abc' }, undefined],
    ['error', error('#REF!'), { status: 'error', code: '#REF!' }, undefined],
    [
      'formula: its cached result is never used',
      formula('G2+H2', 25),
      { status: 'formula', formula: 'G2+H2' },
      undefined,
    ],
    ['boolean', { kind: 'boolean', value: true }, { status: 'invalid', text: 'true' }, undefined],
    ['date', date('2024-01-15'), { status: 'invalid', text: '2024-01-15' }, undefined],
  ])('%s', (_name, cell, expected, value) => {
    expect(readNumber(cell)).toEqual(expected);
    expect(numberOf(cell)).toBe(value);
  });

  it('accepts the units it is given', () => {
    expect(readNumber(text('25 personnes'), ['personnes'])).toEqual({
      status: 'text',
      value: 25,
      text: '25 personnes',
    });
    expect(readNumber(text('25 personnes'))).toEqual({ status: 'invalid', text: '25 personnes' });
    expect(numberOf(text('25 personnes'), ['personnes'])).toBe(25);
  });
});

describe('readDate / dateOf', () => {
  it.each<[string, Cell, DateRead]>([
    ['empty', empty(), { status: 'empty' }],
    ['blank string', text('  '), { status: 'empty' }],
    ['date cell', date('2024-01-15'), { status: 'ok', value: '2024-01-15' }],
    ['jj/mm/aaaa', text('15/01/2024'), { status: 'text', value: '2024-01-15', text: '15/01/2024' }],
    ['j/m/aaaa', text('5/1/2024'), { status: 'text', value: '2024-01-05', text: '5/1/2024' }],
    ['jj-mm-aaaa', text('15-01-2024'), { status: 'text', value: '2024-01-15', text: '15-01-2024' }],
    ['jj.mm.aaaa', text('15.01.2024'), { status: 'text', value: '2024-01-15', text: '15.01.2024' }],
    ['aaaa-mm-jj', text(' 2024-01-15 '), { status: 'text', value: '2024-01-15', text: '2024-01-15' }],
    ['29 February 2024', text('29/02/2024'), { status: 'text', value: '2024-02-29', text: '29/02/2024' }],
    ['29 February 2023', text('29/02/2023'), { status: 'invalid', text: '29/02/2023' }],
    ['31 April', text('31/04/2024'), { status: 'invalid', text: '31/04/2024' }],
    ['day 0', text('00/01/2024'), { status: 'invalid', text: '00/01/2024' }],
    ['month 13', text('15/13/2024'), { status: 'invalid', text: '15/13/2024' }],
    ['month 0 (ISO)', text('2024-00-10'), { status: 'invalid', text: '2024-00-10' }],
    ['two-digit year', text('15/01/24'), { status: 'invalid', text: '15/01/24' }],
    ['aaaa/mm/jj', text('2024/01/15'), { status: 'invalid', text: '2024/01/15' }],
    ['words', text('15 janvier 2024'), { status: 'invalid', text: '15 janvier 2024' }],
    ['a bare serial number', num(45306), { status: 'invalid', text: '45306' }],
    ['boolean', { kind: 'boolean', value: false }, { status: 'invalid', text: 'false' }],
    ['error', error('#VALUE!'), { status: 'error', code: '#VALUE!' }],
    ['formula', formula('TODAY()', '2024-01-15'), { status: 'formula', formula: 'TODAY()' }],
  ])('%s', (_name, cell, expected) => {
    expect(readDate(cell)).toEqual(expected);
    expect(dateOf(cell)).toBe(expected.status === 'ok' || expected.status === 'text' ? expected.value : undefined);
  });
});

describe('formatFrenchNumber', () => {
  it.each<[number, string]>([
    [0, '0'],
    [25, '25'],
    [999, '999'],
    [1000, `1${NNBSP}000`],
    [1250, `1${NNBSP}250`],
    [1250.5, `1${NNBSP}250,5`],
    [96303057, `96${NNBSP}303${NNBSP}057`],
    [-3, '-3'],
    [-1250000, `-1${NNBSP}250${NNBSP}000`],
    [0.25, '0,25'],
  ])('%d → %j', (value, expected) => {
    expect(formatFrenchNumber(value)).toBe(expected);
  });

  it.each([0, 7, 1250, 1250.5, 96303057, 4625000.5])('%d reads back from its French text', (value) => {
    expect(parseNumberText(formatFrenchNumber(value))).toEqual({
      status: 'text',
      value,
      text: formatFrenchNumber(value),
    });
  });
});

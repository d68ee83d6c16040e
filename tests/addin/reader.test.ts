import { isDateFormat } from '../../core/number-formats';
import { DATE_PROBE, isDate1904, officeCell, rangeToSheet, readTables, sheetState } from '../../addin/excel/reader';
import { mockExcel } from './helpers/mock-excel';
import type { SheetSnapshot } from './helpers/snapshot';

describe('isDateFormat (core/number-formats, shared with the pipeline)', () => {
  it.each([
    ['General', false],
    ['', false],
    ['@', false],
    ['#,##0', false],
    ['0.00E+00', false],
    ['[Red]#,##0;[Blue]-#,##0', false],
    ['#,##0 "FCFA"', false],
    ['"day "0', false],
    ['dd/mm/yyyy', true],
    ['m/d/yyyy', true],
    ['mm-dd-yy', true],
    ['[$-40C]d mmmm yyyy', true],
    ['h:mm:ss', true],
    ['yyyy-mm-dd hh:mm', true],
    // LibreOffice writes upper case; escaped letters and General are no date parts.
    ['DD/MM/YYYY', true],
    ['YY', true],
    ['H:MM', true],
    ['\\d0', false],
    ['GENERAL', false],
    ['['.repeat(100_000), false],
  ])('%s → %s', (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });
  it('is false for what is not a format', () => {
    expect(isDateFormat(undefined)).toBe(false);
    expect(isDateFormat(14)).toBe(false);
  });
});

describe('officeCell', () => {
  it('reads constants by their value and type', () => {
    expect(officeCell('', '', 'General', 'Empty')).toEqual({ kind: 'empty', value: null });
    expect(officeCell(12, 12, 'General', 'Double')).toEqual({ kind: 'number', value: 12 });
    expect(officeCell(0, 0, '#,##0', 'Double')).toEqual({ kind: 'number', value: 0 });
    expect(officeCell('1 250', '1 250', 'General', 'String')).toEqual({ kind: 'string', value: '1 250' });
    expect(officeCell('  ', '  ', 'General', 'String')).toEqual({ kind: 'string', value: '  ' });
    expect(officeCell(true, true, 'General', 'Boolean')).toEqual({ kind: 'boolean', value: true });
  });
  it('shows a value Office.js should not give (an object) as #VALUE!, never as « [object Object] »', () => {
    expect(officeCell({ type: 'Entity' }, { type: 'Entity' }, 'General', 'String')).toEqual({
      kind: 'error',
      value: '#VALUE!',
    });
  });

  it('reads an error by its value type, not by its text', () => {
    expect(officeCell('#REF!', '#REF!', 'General', 'Error')).toEqual({ kind: 'error', value: '#REF!' });
    expect(officeCell('#REF!', '#REF!', 'General', 'String')).toEqual({ kind: 'string', value: '#REF!' });
  });
  it('turns a date serial with a date format into YYYY-MM-DD', () => {
    expect(officeCell(45306, 45306, 'dd/mm/yyyy', 'Double')).toEqual({ kind: 'date', value: '2024-01-15' });
    expect(officeCell(45306.99, 45306.99, 'm/d/yyyy h:mm', 'Double')).toEqual({ kind: 'date', value: '2024-01-15' });
    expect(officeCell(45306, 45306, '#,##0', 'Double')).toEqual({ kind: 'number', value: 45306 });
  });
  it('keeps a formula with its cached value and its text without =', () => {
    expect(officeCell(8, '=E3*2', '#,##0', 'Double')).toEqual({ kind: 'formula', value: 8, formula: 'E3*2' });
    expect(officeCell('#DIV/0!', '=1/0', 'General', 'Error')).toEqual({
      kind: 'formula',
      value: '#DIV/0!',
      formula: '1/0',
    });
    expect(officeCell(45307, '=D4+1', 'dd/mm/yyyy', 'Double')).toEqual({
      kind: 'formula',
      value: '2024-01-16',
      formula: 'D4+1',
    });
    expect(officeCell('', '=IF(A1,"","x")', 'General', 'String')).toEqual({
      kind: 'formula',
      value: null,
      formula: 'IF(A1,"","x")',
    });
  });
  it('keeps a cached result of 0 or FALSE, as Excel shows it', () => {
    expect(officeCell(0, '=D2+E2', '#,##0', 'Double')).toEqual({ kind: 'formula', value: 0, formula: 'D2+E2' });
    expect(officeCell(false, '=A1>2', 'General', 'Boolean')).toEqual({
      kind: 'formula',
      value: false,
      formula: 'A1>2',
    });
    expect(officeCell(0, '=A1', 'dd/mm/yyyy', 'Double')).toEqual({
      kind: 'formula',
      value: '1899-12-30',
      formula: 'A1',
    });
  });
  it('reads times of day as Excel shows them, and serials before March 1900 as their dates', () => {
    expect(officeCell(0.5, 0.5, 'h:mm', 'Double')).toEqual({ kind: 'string', value: '12:00' });
    expect(officeCell(1, 1, 'DD/MM/YYYY', 'Double')).toEqual({ kind: 'date', value: '1900-01-01' });
  });
  it('counts date serials from 1904 in a workbook in the 1904 date system (Excel for Mac)', () => {
    expect(officeCell(43844, 43844, 'dd/mm/yyyy', 'Double', true)).toEqual({ kind: 'date', value: '2024-01-15' });
    expect(officeCell(0, 0, 'dd/mm/yyyy', 'Double', true)).toEqual({ kind: 'date', value: '1904-01-01' });
    expect(officeCell(43845, '=D4+1', 'dd/mm/yyyy', 'Double', true)).toEqual({
      kind: 'formula',
      value: '2024-01-16',
      formula: 'D4+1',
    });
    // Numbers and times of day do not depend on the date system.
    expect(officeCell(43844, 43844, '#,##0', 'Double', true)).toEqual({ kind: 'number', value: 43844 });
    expect(officeCell(0.5, 0.5, 'h:mm', 'Double', true)).toEqual({ kind: 'string', value: '12:00' });
  });
  it('reads text that starts with = (typed after an apostrophe) as text', () => {
    expect(officeCell('=A1', '=A1', 'General', 'String')).toEqual({ kind: 'string', value: '=A1' });
  });
});

describe('rangeToSheet', () => {
  it('pads the rows and columns before the used range, then compacts', () => {
    const sheet = rangeToSheet('Notes', 'Hidden', {
      rowIndex: 2,
      columnIndex: 1,
      values: [
        ['a', '', ''],
        ['', '', ''],
        ['', 5, ''],
      ],
      formulas: [
        ['a', '', ''],
        ['', '', ''],
        ['', 5, ''],
      ],
      numberFormat: [
        ['General', 'General', 'General'],
        ['General', 'General', 'General'],
        ['General', '0', 'General'],
      ],
      valueTypes: [
        ['String', 'Empty', 'Empty'],
        ['Empty', 'Empty', 'Empty'],
        ['Empty', 'Double', 'Empty'],
      ],
    });
    expect(sheet).toEqual({
      name: 'Notes',
      state: 'hidden',
      rows: [
        [],
        [],
        [
          { kind: 'empty', value: null },
          { kind: 'string', value: 'a' },
        ],
        [],
        [
          { kind: 'empty', value: null },
          { kind: 'empty', value: null },
          { kind: 'number', value: 5 },
        ],
      ],
    });
  });
  it('gives no rows for the single empty cell Excel returns for a blank sheet', () => {
    expect(
      rangeToSheet('Feuil1', 'Visible', {
        rowIndex: 0,
        columnIndex: 0,
        values: [['']],
        formulas: [['']],
        numberFormat: [['General']],
        valueTypes: [['Empty']],
      }).rows,
    ).toEqual([]);
  });
  it('maps the visibility', () => {
    expect(sheetState('Visible')).toBe('visible');
    expect(sheetState('Hidden')).toBe('hidden');
    expect(sheetState('VeryHidden')).toBe('veryHidden');
  });
});

describe('readTables (office-addin-mock)', () => {
  const sheet = (
    name: string,
    visibility: SheetSnapshot['visibility'],
    rowIndex: number,
    values: unknown[][],
  ): SheetSnapshot => ({
    name,
    visibility,
    rowIndex,
    columnIndex: 0,
    values,
    formulas: values.map((line) => line.map((v) => (v === 7 ? '=3+4' : v))),
    numberFormat: values.map((line) => line.map(() => 'General')),
    valueTypes: values.map((line) =>
      line.map((v) => (v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : 'String')),
    ),
  });

  it('reads every sheet in exactly two syncs, with used ranges of values only', async () => {
    const excel = mockExcel({
      sheets: [
        sheet('Identification', 'Visible', 0, [['Projet', 'Ensemble']]),
        sheet('Calculs', 'Hidden', 3, [[7, 'x']]),
        sheet('_meta', 'VeryHidden', 0, [['communeCode', 'GNZ']]),
      ],
    });
    const tables = await excel.Excel.run((context) => readTables(context));
    expect(excel.syncs()).toBe(2);
    expect(excel.log).toEqual([
      'load worksheets items/name,items/visibility',
      'DATE(2000;1;1)',
      'getUsedRange Identification valuesOnly=true',
      'getUsedRange Calculs valuesOnly=true',
      'getUsedRange _meta valuesOnly=true',
    ]);
    expect(tables).toEqual({
      sheets: [
        {
          name: 'Identification',
          state: 'visible',
          rows: [
            [
              { kind: 'string', value: 'Projet' },
              { kind: 'string', value: 'Ensemble' },
            ],
          ],
        },
        {
          name: 'Calculs',
          state: 'hidden',
          rows: [
            [],
            [],
            [],
            [
              { kind: 'formula', value: 7, formula: '3+4' },
              { kind: 'string', value: 'x' },
            ],
          ],
        },
        {
          name: '_meta',
          state: 'veryHidden',
          rows: [
            [
              { kind: 'string', value: 'communeCode' },
              { kind: 'string', value: 'GNZ' },
            ],
          ],
        },
      ],
    });
  });

  const dated = (serial: number): SheetSnapshot => ({
    name: 'Identification',
    visibility: 'Visible',
    rowIndex: 0,
    columnIndex: 0,
    values: [['Date de saisie', serial, serial + 1]],
    formulas: [['Date de saisie', serial, '=B1+1']],
    numberFormat: [['General', 'dd/mm/yyyy', 'dd/mm/yyyy']],
    valueTypes: [['String', 'Double', 'Double']],
  });

  it('tells the date system by DATE(2000;1;1): 36526 from 1900, 35064 from 1904', () => {
    expect(isDate1904({ value: DATE_PROBE.serial1900, error: '' })).toBe(false);
    expect(isDate1904({ value: DATE_PROBE.serial1904, error: '' })).toBe(true);
    expect(isDate1904({ value: DATE_PROBE.serial1904, error: '#VALUE!' })).toBe(false);
    expect(isDate1904({ value: undefined })).toBe(false);
  });

  it('reads the dates of a 1904 workbook as Excel shows them, still in two syncs', async () => {
    // 15/01/2024 is stored as 43844 in the 1904 system (45306 in the 1900 one).
    const excel = mockExcel({ date1904: true, sheets: [dated(43844)] });
    const tables = await excel.Excel.run((context) => readTables(context));
    expect(excel.syncs()).toBe(2);
    expect(tables.sheets[0]!.rows[0]).toEqual([
      { kind: 'string', value: 'Date de saisie' },
      { kind: 'date', value: '2024-01-15' },
      { kind: 'formula', value: '2024-01-16', formula: 'B1+1' },
    ]);
  });

  it('reads the same dates from a 1900 workbook, and counts from 1900 when DATE() fails', async () => {
    const excel = mockExcel({ sheets: [dated(45306)] });
    const tables = await excel.Excel.run((context) => readTables(context));
    expect(tables.sheets[0]!.rows[0]![1]).toEqual({ kind: 'date', value: '2024-01-15' });
    const failing = mockExcel({ dateFunction: 'error', sheets: [dated(45306)] });
    const fallback = await failing.Excel.run((context) => readTables(context));
    expect(failing.syncs()).toBe(2);
    expect(fallback.sheets[0]!.rows[0]![1]).toEqual({ kind: 'date', value: '2024-01-15' });
  });

  it('costs two syncs whatever the number of sheets', async () => {
    const many = Array.from({ length: 12 }, (_, i) => sheet(`S${i}`, 'Visible', i, [[i]]));
    const excel = mockExcel({ sheets: many });
    const tables = await excel.Excel.run((context) => readTables(context));
    expect(excel.syncs()).toBe(2);
    expect(tables.sheets).toHaveLength(12);
    expect(tables.sheets[11]!.rows[11]).toEqual([{ kind: 'number', value: 11 }]);
  });
});

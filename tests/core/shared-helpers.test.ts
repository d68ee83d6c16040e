import { tableItems } from '../../core/inputs';
import { dateToSerial, serialToIso } from '../../core/number-formats';
import { a1, columnLetter, columnNumber, parseA1, quoteSheet, readA1, sheetRef } from '../../core/tables';
import { escapeAttr, escapeText } from '../../pipeline/xml/escape';
import { framework } from '../helpers/build-tables';

// The one copy of each helper that the readers, writers and rules share (issue 12).

test('column letters and numbers are inverse over the whole sheet (A … XFD)', () => {
  expect([1, 26, 27, 52, 703, 16384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
  for (let c = 1; c <= 16384; c++) if (columnNumber(columnLetter(c)) !== c) throw new Error(`column ${c}`);
});

test('A1 addresses: $ and lower case accepted, anything else is no address', () => {
  expect(readA1('$ab$12')).toEqual({ row: 12, column: 28 });
  expect(parseA1(a1(1048576, 16384))).toEqual({ row: 1048576, column: 16384 });
  for (const text of ['', 'A', '12', 'A1:B2', "'Feuille'!A1", 'A-1']) expect(readA1(text)).toBeNull();
  expect(() => parseA1('A')).toThrow('not an A1 address: A');
});

test('a sheet name in a reference is always quoted, its quotes doubled', () => {
  expect(quoteSheet('Synthèse')).toBe("'Synthèse'");
  expect(sheetRef("L'équipe d'Ansongo", '$H$5:$H$13')).toBe("'L''équipe d''Ansongo'!$H$5:$H$13");
});

test('XML escaping: text escapes & < >, attributes also both quotes', () => {
  expect(escapeText(`a & <b> "c" 'd'`)).toBe(`a &amp; &lt;b&gt; "c" 'd'`);
  expect(escapeAttr(`a & <b> "c" 'd'`)).toBe('a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;');
});

test('a Date becomes the serial that reads back as the same date, in both date systems', () => {
  for (const iso of ['1900-03-01', '2023-12-20', '2024-02-29', '9999-12-31'])
    for (const date1904 of [false, true])
      expect(serialToIso(dateToSerial(new Date(`${iso}T00:00:00Z`), date1904), date1904)).toBe(iso);
  expect(dateToSerial(new Date('2023-12-20T00:00:00Z'), false)).toBe(45280);
  expect(dateToSerial(new Date('2023-12-20T00:00:00Z'), true)).toBe(45280 - 1462);
});

test("a table's items are the framework's indicators, budget lines or beneficiary categories", () => {
  const fw = framework();
  expect(tableItems(fw, 'indicators')).toBe(fw.indicators);
  expect(tableItems(fw, 'budget')).toBe(fw.budgetLines);
  expect(tableItems(fw, 'beneficiaries')).toBe(fw.beneficiaries);
});

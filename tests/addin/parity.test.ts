/**
 * The add-in's Office.js reader and the pipeline's exceljs reader give the same tables, and so the
 * same issues, for the same workbook. The Office side reads a fake Excel (office-addin-mock) built
 * from the file the way Excel presents it.
 */
import { readTables } from '../../addin/excel/reader';
import type { Tables } from '../../core/tables';
import { validate } from '../../core/validate';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { readWorkbookBuffer, readWorkbookFile } from '../../pipeline/read/xlsx';
import { DEFAULT_LIMITS } from '../../pipeline/read/zip-guard';
import { framework, tempDir, writeDate1904, writeExample, writeSeeded, XSS } from './helpers/fixtures';
import { mockExcel } from './helpers/mock-excel';
import { snapshotFile } from './helpers/snapshot';
import { child, elements, parseXml } from '../helpers/xml';

async function bothReaders(file: string): Promise<{ exceljs: Tables; office: Tables; syncs: number }> {
  const exceljs = await readWorkbookFile(file);
  const excel = mockExcel(await snapshotFile(file));
  const office = await excel.Excel.run((context) => readTables(context));
  return { exceljs, office, syncs: excel.syncs() };
}

describe('reader parity (exceljs ↔ Office.js)', () => {
  let dir: string;
  let example: string;
  let seeded: string;
  beforeAll(async () => {
    dir = tempDir();
    example = await writeExample(dir);
    seeded = await writeSeeded(dir);
  });

  it('reads the correct example identically and finds no error in it', async () => {
    const { exceljs, office, syncs } = await bothReaders(example);
    expect(office).toEqual(exceljs);
    expect(syncs).toBe(2);
    const a = validate(exceljs, framework());
    const b = validate(office, framework());
    expect(b).toEqual(a);
    expect(b.stats.errors).toBe(0);
    expect(office.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Identification', 'visible'],
      ['Indicateurs', 'visible'],
      ['Budget', 'visible'],
      ['Bénéficiaires', 'visible'],
      ['Instructions', 'visible'],
      ['_meta', 'veryHidden'],
    ]);
  });

  it('reads the seeded mistakes identically: same tables, same issues', async () => {
    const { exceljs, office, syncs } = await bothReaders(seeded);
    expect(syncs).toBeLessThanOrEqual(2);
    expect(office).toEqual(exceljs);
    const a = validate(exceljs, framework());
    const b = validate(office, framework());
    expect(b.issues).toEqual(a.issues);
    expect(b.stats).toEqual(a.stats);
    const rules = new Set(b.issues.map((i) => i.ruleId));
    for (const rule of ['required-value', 'number-as-text', 'not-a-number', 'excel-error', 'unexpected-formula'])
      expect(rules).toContain(rule);
    expect(b.issues.some((i) => i.ruleId === 'not-a-number' && i.params.text === XSS)).toBe(true);
  });

  it('covers every kind of cell, with offsets, hidden sheets and merged cells', async () => {
    const { exceljs, office } = await bothReaders(seeded);
    const kinds = new Set(office.sheets.flatMap((s) => s.rows.flat().map((c) => c.kind)));
    for (const kind of ['empty', 'number', 'string', 'boolean', 'date', 'error', 'formula'])
      expect(kinds).toContain(kind);
    const notes = office.sheets.find((s) => s.name === 'Notes')!;
    expect(notes).toEqual(exceljs.sheets.find((s) => s.name === 'Notes'));
    expect(notes.state).toBe('hidden');
    expect(notes.rows[2]![2]).toEqual({ kind: 'string', value: 'Visite terrain' });
    expect(notes.rows[3]![3]).toEqual({ kind: 'date', value: '2024-01-15' });
    expect(notes.rows[4]![4]).toEqual({ kind: 'boolean', value: false });
    expect(notes.rows[5]![5]).toEqual({ kind: 'string', value: 'fusion' });
    expect(notes.rows[6]?.[6]).toBeUndefined();
    expect(notes.rows[7]![7]).toEqual({ kind: 'formula', value: '2024-01-16', formula: 'D4+1' });
    const indicators = office.sheets.find((s) => s.name === 'Indicateurs')!;
    const cells = indicators.rows.flat();
    expect(cells).toContainEqual({ kind: 'error', value: '#REF!' });
    expect(cells).toContainEqual({ kind: 'date', value: '2024-06-30' });
    expect(cells.some((c) => c.kind === 'formula' && /^E\d+\*2$/.test(c.formula ?? ''))).toBe(true);
    expect(notes.rows[8]![7]).toEqual({ kind: 'formula', value: false, formula: 'E5' });
    const beneficiaries = office.sheets.find((s) => s.name === 'Bénéficiaires')!;
    expect(beneficiaries.rows[1]![5]).toEqual({ kind: 'formula', value: 0, formula: 'D2+E2' });
    const budget = office.sheets.find((s) => s.name === 'Budget')!;
    expect(budget.rows.flat()).toContainEqual({ kind: 'formula', value: '#DIV/0!', formula: '1/0' });
  });
});

describe('reader parity in the 1904 date system (Excel for Mac workbooks)', () => {
  let dir: string;
  let example: string;
  let seeded: string;
  beforeAll(async () => {
    dir = tempDir();
    example = await writeExample(dir);
    seeded = await writeSeeded(dir);
  });

  it('shifts the stored serials of the fixture, not its dates', async () => {
    const file = await writeDate1904(example, path.join(dir, 'example-1904.xlsx'));
    const zip = await JSZip.loadAsync(readFileSync(file));
    expect(await zip.file('xl/workbook.xml')!.async('string')).toMatch(/<workbookPr date1904="1"/);
    const before = await JSZip.loadAsync(readFileSync(example));
    const serial = async (z: JSZip) => {
      const b12 = elements(parseXml(await z.file('xl/worksheets/sheet1.xml')!.async('string')), 'c').find(
        (c) => c.attributes['r'] === 'B12',
      )!;
      return Number(child(b12, 'v').text);
    };
    expect(await serial(before)).toBe((await serial(zip)) + 1462);
  });

  it.each([
    ['example', () => example],
    ['seeded', () => seeded],
  ])(
    'reads the %s dates in a 1904 workbook as every file reader does, and as in the 1900 workbook',
    async (name, source) => {
      const file = await writeDate1904(source(), path.join(dir, `${name}-1904.xlsx`));
      const { exceljs: auto, office, syncs } = await bothReaders(file);
      expect(syncs).toBe(2);
      const buffer = readFileSync(file);
      for (const reader of ['fast', 'exceljs'] as const)
        expect([reader, office]).toEqual([reader, await readWorkbookBuffer(buffer, file, DEFAULT_LIMITS, { reader })]);
      expect(office).toEqual(auto);
      // The same dates as the workbook saved in the 1900 system, so the same issues.
      const original = await bothReaders(source());
      expect(office).toEqual(original.office);
      expect(validate(office, framework())).toEqual(validate(original.office, framework()));
      const dates = office.sheets
        .flatMap((s) => s.rows.flat())
        .filter((c) => c.kind === 'date' || (c.kind === 'formula' && /^\d{4}-/.test(String(c.value))));
      expect(dates.length).toBeGreaterThan(0);
    },
  );
});

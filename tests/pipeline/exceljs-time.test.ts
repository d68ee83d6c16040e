/**
 * The exceljs fallback is bounded by time: exceljs reads on a thread that is stopped at the read's
 * deadline (exceljs itself cannot be interrupted), and a workbook read that way comes back exactly
 * as exceljs reads it in this thread. Each workbook is written here by hand and zipped with JSZip;
 * a number cell holding no number (`<v>x</v>`) makes the fast reader leave it to exceljs.
 */
import JSZip from 'jszip';
import { refuseOversizedCells } from '../../pipeline/read/cell-limits';
import { readTablesWithExceljs } from '../../pipeline/read/exceljs-tables';
import { InputError } from '../../pipeline/read/input-error';
import { readWorkbookBuffer, type ReadOptions } from '../../pipeline/read/xlsx';
import { DEFAULT_LIMITS } from '../../pipeline/read/zip-guard';
import { renderInputError } from '../../pipeline/cli/text';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

interface Spec {
  sheetData: string;
  after?: string;
  strings?: string[];
  workbookPr?: string;
}

async function workbook(spec: Spec): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date('2024-01-01T00:00:00Z');
  const add = (name: string, text: string) => zip.file(name, text, { date, createFolders: false });
  add(
    '[Content_Types].xml',
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
  );
  add(
    '_rels/.rels',
    `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  add(
    'xl/workbook.xml',
    `<workbook xmlns="${MAIN}" xmlns:r="${RELS}">${spec.workbookPr ?? ''}<sheets><sheet name="Données" sheetId="1" r:id="rId9"/></sheets></workbook>`,
  );
  add(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${RELS}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId9" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  add(
    'xl/styles.xml',
    `<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
  );
  add(
    'xl/sharedStrings.xml',
    `<sst xmlns="${MAIN}">${(spec.strings ?? []).map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
  );
  add(
    'xl/worksheets/sheet1.xml',
    `<worksheet xmlns="${MAIN}"><sheetData>${spec.sheetData}</sheetData>${spec.after ?? ''}</worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The fast reader declines A1 (a number cell holding no number); the other cells are ordinary ones. */
const DECLINED = '<row r="1"><c r="A1"><v>x</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" s="1"><v>45292</v></c></row>';

/** 4 999 merged ranges (just under the limit exceljs is given): exceljs takes seconds over them. */
const slowWorkbook = () =>
  workbook({
    sheetData: DECLINED,
    strings: ['Gao'],
    after: `<mergeCells>${Array.from({ length: 4999 }, (_v, i) => `<mergeCell ref="A${i + 3}:Z${i + 3}"/>`).join('')}</mergeCells>`,
  });

async function read(
  buffer: Buffer,
  options: ReadOptions = {},
): Promise<{ result: unknown; fallbacks: string[]; ms: number }> {
  const fallbacks: string[] = [];
  const started = Date.now();
  const result = await readWorkbookBuffer(buffer, 'Gao.xlsx', DEFAULT_LIMITS, {
    ...options,
    onFallback: (r) => fallbacks.push(r),
  }).catch((e: unknown) => e);
  return { result, fallbacks, ms: Date.now() - started };
}

describe('the exceljs fallback is bounded by time', () => {
  test('a workbook exceljs takes seconds on is refused at the deadline, not read to the end', async () => {
    const small = await workbook({ sheetData: DECLINED, strings: ['Gao'] });
    // A first fallback starts the exceljs thread, so that the deadline below falls in the middle of the read.
    expect((await read(small)).result).toMatchObject({ sheets: [{ name: 'Données' }] });
    const { result, fallbacks, ms } = await read(await slowWorkbook(), { maxReadMs: 300 });
    expect(fallbacks).toEqual(['a number cell that holds no number']);
    expect(result).toBeInstanceOf(InputError);
    expect(result).toMatchObject({ file: 'Gao.xlsx', code: 'tooSlow', params: { seconds: 0 } });
    expect(renderInputError(result as InputError, 'fr')).toMatch(/^Gao\.xlsx : lecture interrompue après 0 s/);
    // Stopped at the deadline: exceljs alone needs seconds for these merged ranges.
    expect(ms).toBeLessThan(1500);
  });

  test('the same workbook is read in full within a longer deadline, as exceljs reads it here', async () => {
    const buffer = await slowWorkbook();
    const { result, fallbacks } = await read(buffer);
    expect(fallbacks).toHaveLength(1);
    const here = await readTablesWithExceljs(buffer);
    expect(here.kind).toBe('tables');
    expect(result).toStrictEqual(here.kind === 'tables' ? refuseOversizedCells(here.tables, 'Gao.xlsx') : null);
  });

  test('a deadline of 1 ms refuses the fallback at once, and the next read is not affected', async () => {
    const buffer = await workbook({ sheetData: DECLINED, strings: ['Gao'] });
    for (const reader of ['auto', 'exceljs'] as const) {
      const { result, ms } = await read(buffer, { reader, maxReadMs: 1 });
      expect(result).toMatchObject({ code: 'tooSlow', params: { seconds: 0 } });
      expect(ms).toBeLessThan(1000);
    }
    const { result } = await read(buffer);
    expect((result as { sheets: { rows: unknown[][] }[] }).sheets[0]!.rows[0]).toStrictEqual([
      { kind: 'empty', value: null },
      { kind: 'string', value: 'Gao' },
      { kind: 'date', value: '2024-01-01' },
    ]);
  });

  test('a fallback workbook reads exactly as exceljs reads it in this thread: formulas, 1904 dates, errors', async () => {
    const buffer = await workbook({
      workbookPr: '<workbookPr date1904="true"/>',
      strings: ['Soni Aliber', ''],
      sheetData:
        DECLINED +
        '<row r="3"><c r="B3" t="s"><v>1</v></c><c r="E3"><f>1+1</f><v>0</v></c><c r="F3" t="b"><f>FALSE()</f><v>0</v></c></row>' +
        '<row r="7"><c r="D7" s="1"><v>1</v></c><c r="G7" t="e"><v>#REF!</v></c><c r="H7" t="inlineStr"><is><t>Bara</t></is></c></row>',
    });
    const { result, fallbacks } = await read(buffer);
    expect(fallbacks).toHaveLength(1);
    const here = await readTablesWithExceljs(
      buffer,
      Buffer.from(await (await JSZip.loadAsync(buffer)).file('xl/workbook.xml')!.async('nodebuffer')),
    );
    expect(here.kind).toBe('tables');
    expect(result).toStrictEqual(here.kind === 'tables' ? here.tables : null);
    const rows = (result as { sheets: { rows: unknown[][] }[] }).sheets[0]!.rows;
    expect(rows[6]![3]).toStrictEqual({ kind: 'date', value: '1904-01-02' });
    expect(rows[2]![4]).toStrictEqual({ kind: 'formula', value: 0, formula: '1+1' });
  });

  test('a package exceljs cannot load comes back from its thread as the same refusal (corrupt)', async () => {
    // A row and a cell without numbers: the fast reader declines it, exceljs fails on it.
    const buffer = await workbook({ sheetData: '<row><c><v>1</v></c></row>' });
    for (const reader of ['auto', 'exceljs'] as const) {
      const { result } = await read(buffer, { reader });
      expect(result).toBeInstanceOf(InputError);
      expect(result).toMatchObject({ file: 'Gao.xlsx', code: 'corrupt' });
    }
  });

  test('an error exceljs throws while its cells are converted is a plain refusal (« endommagé »), and the thread stays sound', async () => {
    // A shared formula copied left of column A: exceljs' cell.formula throws when it slides the reference.
    const buffer = await workbook({
      sheetData:
        '<row r="1"><c r="B1"><f t="shared" ref="B1:B2" si="0">A1</f><v>1</v></c></row><row r="2"><c r="A2"><f t="shared" si="0"/><v>1</v></c></row>',
    });
    const here = await readTablesWithExceljs(buffer).catch((e: unknown) => e);
    expect(here).toBeInstanceOf(Error);
    // exceljs' own words never reach a coordinator: the workbook is « endommagé », with what to do.
    const { result } = await read(buffer, { reader: 'exceljs' });
    expect(result).toBeInstanceOf(InputError);
    expect((result as InputError).code).toBe('corrupt');
    // The thread is still sound afterwards.
    expect((await read(await workbook({ sheetData: DECLINED, strings: ['Gao'] }))).result).toMatchObject({
      sheets: [{ name: 'Données' }],
    });
  });
});

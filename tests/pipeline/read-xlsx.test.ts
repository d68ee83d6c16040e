/** The exceljs reader and its zip guard, on real files. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { validate } from '../../core/validate';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { InputError } from '../../pipeline/read/input-error';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { DEFAULT_LIMITS, inspectZip } from '../../pipeline/read/zip-guard';
import { FIXTURES_DIR, tempDir, writeExample } from '../fixtures/workbooks';

const framework = loadFrameworkFile();
const tmp = tempDir('read');
const example = path.join(tmp.dir, 'example.xlsx');
beforeAll(() => writeExample(framework, 'GNZ', '2023', example));
afterAll(() => tmp.remove());

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

test('a filled-down (shared) formula is read with its own text, not the master cell’s address', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(example);
  // What Excel saves when a formula is typed in F2 and dragged down to F4.
  workbook.getWorksheet('Indicateurs')!.fillFormula('F2:F4', 'G2+H2', [25, 25, 13]);
  const file = path.join(tmp.dir, 'shared-formula.xlsx');
  await workbook.xlsx.writeFile(file);

  const tables = await readWorkbookFile(file);
  const column = tables.sheets
    .find((s) => s.name === 'Indicateurs')!
    .rows.slice(1, 4)
    .map((r) => r[5]);
  expect(column).toEqual([
    { kind: 'formula', value: 25, formula: 'G2+H2' },
    { kind: 'formula', value: 25, formula: 'G3+H3' },
    { kind: 'formula', value: 13, formula: 'G4+H4' },
  ]);
  const issues = validate(tables, framework).issues;
  expect(issues.map((i) => [i.ruleId, i.address, i.params.formula])).toEqual([
    ['unexpected-formula', 'F2', '=G2+H2'],
    ['unexpected-formula', 'F3', '=G3+H3'],
    ['unexpected-formula', 'F4', '=G4+H4'],
  ]);
});

test('a real workbook passes the zip guard, every part inflating to its declared size', () => {
  const verdict = inspectZip(readFileSync(example));
  expect(verdict.ok).toBe(true);
  if (verdict.ok) expect(verdict.entries.map((e) => e.name)).toContain('xl/workbook.xml');
});

test('an honest zip bomb is refused from its central directory', async () => {
  const file = path.join(FIXTURES_DIR, 'zip-bomb', 'rapport-GNZ-2023.xlsx');
  expect(inspectZip(readFileSync(file))).toEqual({ ok: false, reason: 'ratio', detail: 'xl/worksheets/sheet1.xml' });
  expect((await inputError(readWorkbookFile(file))).code).toBe('zipBomb');
});

test('a zip that understates its sizes is refused before exceljs inflates it', async () => {
  const file = path.join(FIXTURES_DIR, 'lying-zip', 'rapport-GNZ-2023.xlsx');
  const buffer = readFileSync(file);
  // 16 MiB declared as 4 KiB: the directory alone looks harmless.
  expect(buffer.length).toBeLessThan(64 * 1024);
  expect(inspectZip(buffer)).toEqual({ ok: false, reason: 'sizeMismatch', detail: 'xl/worksheets/sheet1.xml' });
  const err = await inputError(readWorkbookFile(file));
  expect(err).toMatchObject({ code: 'zipBomb', params: { detail: 'xl/worksheets/sheet1.xml' } });
});

test('a file over the size limit gives its size rounded up, never shown equal to the limit', async () => {
  const size = readFileSync(example).length;
  const small = await inputError(
    readWorkbookFile(example, { ...DEFAULT_LIMITS, maxFileBytes: Math.floor(0.01 * 1048576) }),
  );
  expect(small).toMatchObject({
    code: 'tooLarge',
    params: { size: Math.ceil((size / 1048576) * 100) / 100, max: 0.01 },
  });

  // One byte over 1 MB: « 1,01 Mo, au plus 1 Mo », not « 1 Mo, au plus 1 Mo ».
  const big = path.join(tmp.dir, 'just-over.xlsx');
  writeFileSync(big, Buffer.alloc(1048576 + 1));
  const over = await inputError(readWorkbookFile(big, { ...DEFAULT_LIMITS, maxFileBytes: 1048576 }));
  expect(over).toMatchObject({ code: 'tooLarge', params: { size: 1.01, max: 1 } });
});

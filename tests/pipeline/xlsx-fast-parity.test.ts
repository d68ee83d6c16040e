/**
 * Parity of the fast reader (pipeline/read/xlsx-fast.ts) with exceljs on every real workbook the
 * repository knows: the commune templates and examples, the seeded cases, the macro workbook, the
 * files refused with a reason, workbooks filled by openpyxl and workbooks saved by LibreOffice. The
 * tables must be identical, and no workbook here may need the fallback.
 *
 * Needs Debian's openpyxl for /usr/bin/python3 (apt-get install python3-openpyxl) and LibreOffice
 * (`soffice`), as CI provides; each test says how to install what it misses.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Tables } from '../../core/tables';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { readWorkbookBuffer, readWorkbookFile } from '../../pipeline/read/xlsx';
import { DEFAULT_LIMITS } from '../../pipeline/read/zip-guard';
import { writeTemplates } from '../../pipeline/templates';
import { applyEdits, FIXTURES_DIR, loadSeededCases, tempDir, writeExample } from '../fixtures/workbooks';

const ROOT = path.join(__dirname, '..', '..');
const PYTHON = '/usr/bin/python3';
const OPENPYXL_SCRIPT = path.join(FIXTURES_DIR, 'fill_with_openpyxl.py');

const framework = loadFrameworkFile();
const tmp = tempDir('xlsx-fast');
afterAll(() => tmp.remove());

/** Both readers on one file: identical tables, and the default reader needed no fallback. */
async function expectParity(file: string): Promise<Tables> {
  const buffer = readFileSync(file);
  const exceljs = await readWorkbookBuffer(buffer, file, DEFAULT_LIMITS, { reader: 'exceljs' });
  const fast = await readWorkbookBuffer(buffer, file, DEFAULT_LIMITS, { reader: 'fast' });
  expect(fast).toStrictEqual(exceljs);
  const fallbacks: string[] = [];
  expect(
    await readWorkbookBuffer(buffer, file, DEFAULT_LIMITS, { onFallback: (r) => fallbacks.push(r) }),
  ).toStrictEqual(exceljs);
  expect(fallbacks).toEqual([]);
  return fast;
}

function filesIn(dir: string, extension = '.xlsx'): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((f) => path.join(dir, f));
}

const templates = filesIn(path.join(ROOT, 'templates', 'communes'));
const examples = filesIn(path.join(ROOT, 'templates', 'exemples'));

test('the repository has templates and examples to compare on', () => {
  expect(templates.length).toBeGreaterThanOrEqual(4);
  expect(examples.length).toBeGreaterThanOrEqual(4);
});

test.each([...templates, ...examples].map((f) => [path.relative(ROOT, f), f] as const))('%s', async (_name, file) => {
  const tables = await expectParity(file);
  expect(tables.sheets.length).toBeGreaterThan(0);
});

test('the macro workbook (.xlsm): vbaProject.bin is ignored', async () => {
  const file = filesIn(path.join(FIXTURES_DIR, 'macro-workbook'), '.xlsm')[0]!;
  const tables = await expectParity(file);
  expect(tables.sheets.map((s) => s.name)).toContain('Indicateurs');
});

test('files refused with a reason are refused the same way by both readers', async () => {
  const dirs = readdirSync(FIXTURES_DIR, { withFileTypes: true }).filter(
    (d) => d.isDirectory() && existsSync(path.join(FIXTURES_DIR, d.name, 'expected.json')),
  );
  let refused = 0;
  for (const dir of dirs) {
    const expected = JSON.parse(readFileSync(path.join(FIXTURES_DIR, dir.name, 'expected.json'), 'utf8')) as {
      code?: string;
    };
    if (!expected.code) continue;
    const file = readdirSync(path.join(FIXTURES_DIR, dir.name)).find((f) => f !== 'expected.json')!;
    const buffer = readFileSync(path.join(FIXTURES_DIR, dir.name, file));
    for (const reader of ['auto', 'fast', 'exceljs'] as const) {
      const err = await readWorkbookBuffer(buffer, file, DEFAULT_LIMITS, { reader }).catch((e: unknown) => e);
      expect([dir.name, reader, (err as { code?: string }).code]).toEqual([dir.name, reader, expected.code]);
    }
    refused++;
  }
  expect(refused).toBeGreaterThanOrEqual(6);
});

describe('seeded cases', () => {
  const cases = loadSeededCases();
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (name, seeded) => {
    const example = path.join(tmp.dir, `${name}.example.xlsx`);
    await writeExample(framework, seeded.commune, seeded.period, example);
    await expectParity(example);
    const edited = path.join(tmp.dir, `${name}.xlsx`);
    await applyEdits(example, seeded.edits, edited);
    await expectParity(edited);
  });
});

// ---------------------------------------------------------------------------------------------
// Other producers

function requireTool(command: string, args: string[], install: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8', timeout: 60000 });
  if (probe.error || probe.status !== 0)
    throw new Error(
      `${command} est introuvable ou ne marche pas : ${install}. (${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)})`,
    );
}

let openpyxlFilled: Promise<string[]> | undefined;

/** Two templates filled by openpyxl: correct, with mistakes, for 2024 (made once, for both blocks). */
function openpyxlFiles(): Promise<string[]> {
  openpyxlFilled ??= (async () => {
    requireTool(PYTHON, ['-c', 'import openpyxl'], 'installez-le avec « apt-get install python3-openpyxl »');
    const made = await writeTemplates(framework, path.join(tmp.dir, 'modeles'));
    const out: string[] = [];
    for (const [i, template] of made.slice(0, 2).entries())
      for (const options of [[], ['--mistakes'], ['--period', '2024']]) {
        const file = path.join(tmp.dir, `openpyxl-${i}-${options.join('').replace(/-/g, '') || 'ok'}.xlsx`);
        const result = spawnSync(PYTHON, [OPENPYXL_SCRIPT, template, file, ...options], { encoding: 'utf8' });
        if (result.error || result.status !== 0)
          throw new Error(`fill_with_openpyxl.py: ${result.error?.message ?? result.stderr}`);
        out.push(file);
      }
    return out;
  })();
  return openpyxlFilled;
}

describe('openpyxl', () => {
  test('templates filled by openpyxl (formulas without cached values, dates with a time)', async () => {
    const files = await openpyxlFiles();
    expect(files).toHaveLength(6);
    for (const file of files) await expectParity(file);
    const tables = await readWorkbookFile(files[1]!);
    const identification = tables.sheets.find((s) => s.name === 'Identification')!;
    expect(identification.rows.flat().some((c) => c.kind === 'string' && c.value === '32/01/2024')).toBe(true);
  });
});

/** A small workbook with what LibreOffice rewrites its own way: rich text, dates, merges, links, errors. */
async function writeEdgeCases(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cas');
  ws.getCell('A1').value = { richText: [{ text: 'Gras ', font: { bold: true } }, { text: 'normal' }] };
  ws.getCell('A2').value = { text: 'lien', hyperlink: 'https://example.org/?a=1&b=2' };
  ws.getCell('B1').value = 'fusion';
  ws.mergeCells('B1:C2');
  [1, 2, 3].forEach((r) => (ws.getCell(`D${r}`).value = r));
  ws.fillFormula('E1:E3', 'D1*2', [2, 4, 6]);
  ws.getCell('F1').value = { error: '#N/A' };
  ws.getCell('F2').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  ws.getCell('G1').value = true;
  ws.getCell('G2').value = { formula: '1=1', result: true };
  for (const [address, iso, format] of [
    ['H1', '2024-01-20', 'dd/mm/yyyy'],
    ['H2', '2023-12-31', '[$-40C]d mmmm yyyy'],
    ['H3', '2024-02-29', 'yyyy-mm-dd hh:mm'],
  ] as const) {
    ws.getCell(address).value = new Date(`${iso}T00:00:00Z`);
    ws.getCell(address).numFmt = format;
  }
  ws.getCell('I1').value = 42;
  ws.getCell('I1').numFmt = '@';
  ws.getCell('I2').value = 0.25;
  ws.getCell('I2').numFmt = '0%';
  ws.getCell('J1').value = `& < > " ' 😀`;
  ws.getCell('J2').value = '  espaces  ';
  ws.getCell('J3').value = 'ligne 1\nligne 2';
  ws.getCell('K1').value = { error: '#N/A' };
  ws.getCell('K2').value = false;
  wb.addWorksheet('Cachée', { state: 'hidden' }).getCell('A1').value = 1;
  wb.addWorksheet('TrèsCachée', { state: 'veryHidden' }).getCell('A1').value = 2;
  wb.addWorksheet('Décalée').getCell('C5').value = 'C5';
  await wb.xlsx.writeFile(file);
}

describe('LibreOffice', () => {
  const converted = new Map<string, string>();

  beforeAll(async () => {
    requireTool('soffice', ['--version'], 'installez LibreOffice (« apt-get install libreoffice-calc »)');
    const inputs = path.join(tmp.dir, 'lo-in');
    const outputs = path.join(tmp.dir, 'lo-out');
    mkdirSync(inputs, { recursive: true });
    const sources = [examples[0]!, examples[examples.length - 1]!, (await openpyxlFiles())[1]!];
    const names = sources.map((source, i) => {
      const name = `lo-${i}.xlsx`;
      copyFileSync(source, path.join(inputs, name));
      return name;
    });
    await writeEdgeCases(path.join(inputs, 'lo-cas.xlsx'));
    names.push('lo-cas.xlsx');
    const profile = path.join(tmp.dir, `lo-profile-${process.pid}`);
    const result = spawnSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${profile}`,
        '--convert-to',
        'xlsx',
        '--outdir',
        outputs,
        ...names.map((n) => path.join(inputs, n)),
      ],
      { encoding: 'utf8', timeout: 120000 },
    );
    if (result.error || result.status !== 0)
      throw new Error(`soffice --convert-to xlsx: ${result.error?.message ?? result.stderr}`);
    for (const name of names) {
      if (!existsSync(path.join(outputs, name)))
        throw new Error(`LibreOffice did not write ${name}: ${result.stdout} ${result.stderr}`);
      converted.set(name, path.join(outputs, name));
    }
  }, 180000);

  test('filled examples and an openpyxl fill, saved by LibreOffice', async () => {
    for (const name of ['lo-0.xlsx', 'lo-1.xlsx', 'lo-2.xlsx']) await expectParity(converted.get(name)!);
    // LibreOffice writes its own styles, shared strings and number formats; the values stay.
    const original = await readWorkbookFile(examples[0]!);
    const saved = await readWorkbookFile(converted.get('lo-0.xlsx')!);
    const values = (t: Tables, name: string) => t.sheets.find((s) => s.name === name)!.rows;
    for (const name of ['Identification', 'Indicateurs', 'Budget'])
      expect(values(saved, name)).toEqual(values(original, name));
  });

  test('edge cases saved by LibreOffice', async () => {
    const tables = await expectParity(converted.get('lo-cas.xlsx')!);
    const cas = tables.sheets.find((s) => s.name === 'Cas')!;
    expect(cas.rows[0]![0]).toEqual({ kind: 'string', value: 'Gras normal' });
    expect(cas.rows.map((r) => r[7]?.value).slice(0, 3)).toEqual(['2024-01-20', '2023-12-31', '2024-02-29']);
    // Where LibreOffice and Excel disagree (both readers agree on what LibreOffice wrote): a very
    // hidden sheet comes back merely hidden, and a typed error or boolean comes back as a formula
    // (=#N/A, =FALSE()) with its cached value.
    expect(tables.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Cas', 'visible'],
      ['Cachée', 'hidden'],
      ['TrèsCachée', 'hidden'],
      ['Décalée', 'visible'],
    ]);
    expect(cas.rows.slice(0, 2).map((r) => r[10])).toEqual([
      { kind: 'formula', value: '#N/A', formula: '#N/A' },
      { kind: 'formula', value: false, formula: 'FALSE()' },
    ]);
  });
});

/**
 * The consolidated workbook opens without repair: exceljs loads it back, the package is sound (every
 * XML part well formed, relationships, content types, table, merged ranges, Excel's limits), and
 * LibreOffice converts it to PDF headless — for the seed merge and for merges with every kind of trouble.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import {
  bundledExample,
  copyExamples,
  dataTable,
  headers,
  mergeCli,
  readWorkbook,
  SEED_ACHIEVED,
  sheet,
  tempDir,
  truncateToHalf,
  writeCommune,
} from '../helpers/merge-fixtures';
import { packageProblems, tableColumns } from '../helpers/merge-ooxml';
import { parseXml, sheetPartPath } from '../helpers/xml';

const tmp = tempDir('merge-opens');
afterAll(() => tmp.remove());

interface Scenario {
  name: string;
  args: string[];
  exit: number;
  build(dir: string): void | Promise<void>;
}

const SCENARIOS: Scenario[] = [
  { name: 'seed', args: [], exit: 0, build: (dir) => copyExamples(dir) },
  {
    name: 'missing-and-corrupt',
    args: [],
    exit: 1,
    build: (dir) => {
      copyExamples(dir, ['BAR', 'SAL']);
      truncateToHalf(bundledExample('BAR'), path.join(dir, 'bara.xlsx'));
      writeFileSync(path.join(dir, 'notes.xlsx'), 'pas un classeur');
      writeFileSync(path.join(dir, '~$bara.xlsx'), 'x');
    },
  },
  {
    name: 'english-gaps',
    args: ['--lang', 'en'],
    exit: 0,
    build: async (dir) => {
      copyExamples(dir, ['BAR']);
      await writeCommune(dir, 'BAR', {
        fill: { 'indicators:R4.3.1:achieved': 1, 'indicators:R4.3.1:comment': 'Insécurité <axe> & "piste" coupée' },
      });
    },
  },
  {
    name: 'hostile-text-two-periods',
    args: [],
    exit: 0,
    build: async (dir) => {
      copyExamples(dir);
      await writeCommune(dir, 'GNZ', {
        period: '2024',
        name: '=1+1 <GNZ> & "2024".xlsx',
        fill: {
          'identification:filledBy': '=HYPERLINK("http://exemple.invalid","x") <b>&amp;</b>',
          'indicators:R1.1.1:comment': `Ligne 1\n=2+2 ${'très long commentaire '.repeat(400)}\u0001`,
        },
      });
    },
  },
];

const outputs = new Map<string, string>();

beforeAll(async () => {
  for (const s of SCENARIOS) {
    const dir = path.join(tmp.dir, s.name);
    mkdirSync(dir, { recursive: true });
    await s.build(dir);
    const output = path.join(tmp.dir, 'out', `${s.name}.xlsx`);
    const cli = await mergeCli(['--input', dir, '--output', output, ...s.args]);
    expect([s.name, cli.code]).toEqual([s.name, s.exit]);
    outputs.set(s.name, output);
  }
});

describe.each(SCENARIOS.map((s) => [s.name] as const))('%s', (name) => {
  test('exceljs loads it back with its nine sheets', async () => {
    const workbook = await readWorkbook(outputs.get(name)!);
    expect(workbook.worksheets).toHaveLength(9);
  });

  test('the package is sound: well-formed XML, relationships, content types, merges, limits', async () => {
    expect(await packageProblems(outputs.get(name)!)).toEqual([]);
  });

  test('the Données table matches its header cells and spans exactly its rows', async () => {
    const file = outputs.get(name)!;
    const [table, ...others] = await tableColumns(file);
    expect(others).toEqual([]);
    const workbook = await readWorkbook(file);
    const ws = sheet(workbook, 'Données');
    expect(table!.columns).toEqual([...headers(ws, 1).keys()]);
    expect(table!.ref).toBe(`A1:O${dataTable(workbook).length + 1}`);
  });
});

test('the XML checker does refuse a broken part', () => {
  expect(() => parseXml('<a><b></a>')).toThrow();
  expect(() => parseXml('<a>&nbsp;</a>')).toThrow();
  expect(parseXml('<a x="1"><b>t</b></a>').children[0]!.text).toBe('t');
});

test('the package checker flags an empty <x14:id> extension reference, not a filled one', async () => {
  const zip = new JSZip();
  zip.file('xl/empty.xml', '<a xmlns:x14="urn:x"><x14:id/></a>');
  zip.file('xl/filled.xml', '<a xmlns:x14="urn:x"><x14:id>{00000000-0001-0000-0000-000000000000}</x14:id></a>');
  const file = path.join(tmp.dir, 'x14.xlsx');
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  const problems = await packageProblems(file);
  expect(problems).toContain('xl/empty.xml: empty <x14:id> extension reference');
  expect(problems.filter((p) => p.includes('x14:id'))).toHaveLength(1);
});

/** The workbook with the cached result of R1.1.1's total in Prévu vs Réalisé (`…SUM(H6:H9))`) replaced by 999. */
async function tamper(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  // The sheet's part, found by its name: part numbers follow the order sheets were written in.
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const part = sheetPartPath(workbook, rels, 'Prévu vs Réalisé');
  const xml = await zip.file(part)!.async('string');
  const changed = xml.replace(/(SUM\(H6:H9\)\)<\/f><v>)100(<\/v>)/, '$1999$2');
  expect(changed).not.toBe(xml);
  zip.file(part, changed);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Runs LibreOffice headless with its own profile; `recalc` forces every formula to be recomputed on load. */
function soffice(profile: string, recalc: boolean, args: string[]): string {
  if (recalc) {
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    writeFileSync(
      path.join(profile, 'user', 'registrymodifications.xcu'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>\n',
    );
  }
  const result = spawnSync(
    '/usr/bin/soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck', ...args],
    {
      encoding: 'utf8',
      timeout: 55_000,
    },
  );
  expect(result.error).toBeUndefined();
  expect(result.status).toBe(0);
  const said = `${result.stdout}\n${result.stderr}`;
  expect(said).not.toMatch(/Error|could not be loaded/i);
  return said;
}

test('LibreOffice converts every output to PDF, headless, at least a page per sheet', () => {
  const pdfDir = path.join(tmp.dir, 'pdf');
  const files = [...outputs.values()];
  soffice(path.join(tmp.dir, 'lo-pdf'), false, ['--convert-to', 'pdf', '--outdir', pdfDir, ...files]);
  for (const file of files) {
    const pdf = path.join(pdfDir, `${path.basename(file, '.xlsx')}.pdf`);
    expect([pdf, existsSync(pdf)]).toEqual([pdf, true]);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect([path.basename(file), pages >= 7]).toEqual([path.basename(file), true]);
  }
}, 120_000);

/**
 * LibreOffice exports every sheet to CSV twice: showing the cached values as saved, and after recomputing
 * every formula. Identical exports mean each cached result is what its live formula gives, so Excel (which
 * recalculates on open) and every other viewer show the same numbers — and LibreOffice reads the seed's.
 */
test('LibreOffice reads every sheet, and every cached value is what its formula computes', async () => {
  const filter = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1';
  // A control: the seed output with one cached total changed to 999 — only recalculation can give 100 back.
  const tampered = path.join(tmp.dir, 'out', 'tampered.xlsx');
  writeFileSync(tampered, await tamper(readFileSync(outputs.get('seed')!)));
  const files = [...outputs.values(), tampered];
  const cached = path.join(tmp.dir, 'csv-cached');
  const recalculated = path.join(tmp.dir, 'csv-recalc');
  soffice(path.join(tmp.dir, 'lo-cached'), false, ['--convert-to', filter, '--outdir', cached, ...files]);
  soffice(path.join(tmp.dir, 'lo-recalc'), true, ['--convert-to', filter, '--outdir', recalculated, ...files]);
  const sheets = [
    'Synthèse',
    'Prévu vs Réalisé',
    'Évolution',
    'Budget',
    'Bénéficiaires',
    'Données',
    'Contrôles',
    'Sources',
    'Textes longs',
  ];
  const read = (dir: string, file: string, name: string) =>
    readFileSync(path.join(dir, `${path.basename(file, '.xlsx')}-${name}.csv`), 'utf8');
  const r111 = (dir: string) =>
    read(dir, tampered, 'Prévu vs Réalisé')
      .split('\n')
      .find((l) => l.startsWith('R1.1.1;') && l.includes(';Total projet;'))!
      .split(';')[7];
  expect([r111(cached), r111(recalculated)]).toEqual(['999', '100']);
  for (const file of files.filter((f) => f !== tampered))
    for (const name of sheets) {
      const label = `${path.basename(file)} ${name}`;
      expect([label, read(recalculated, file, name)]).toEqual([label, read(cached, file, name)]);
    }

  // What LibreOffice shows for the seed merge: the seed's numbers.
  const seed = outputs.get('seed')!;
  const pva = read(recalculated, seed, 'Prévu vs Réalisé')
    .split('\n')
    .map((l) => l.split(';'));
  const totals = Object.fromEntries(
    pva.filter((r) => r[4] === 'Total projet').map((r) => [r[0]!, Number(r[7])] as const),
  );
  expect(totals).toEqual(SEED_ACHIEVED);
  expect(read(recalculated, seed, 'Budget')).toMatch(/^;Total budget;;;96303057;96303057;100\s?%;0;/m);
  expect(read(recalculated, seed, 'Synthèse')).toContain('Toutes les activités prévues ont été réalisées.');
  // And for the merge with a missing commune: « non reçu » where Bara's numbers would be.
  const missing = read(recalculated, outputs.get('missing-and-corrupt')!, 'Prévu vs Réalisé')
    .split('\n')
    .map((l) => l.split(';'));
  const bara = missing.filter((r) => r[4] === 'Bara');
  expect(bara).toHaveLength(13);
  expect(new Set(bara.map((r) => r[7]))).toEqual(new Set(['non reçu']));
}, 120_000);

/**
 * `--lang en` is English all through: what `validate`, `merge` and `templates` print (console and --json messages)
 * and the texts of the workbook the merge writes, on a folder full of mistakes (every seeded mistake,
 * unusable files, broken and wrong CSVs) and on bad arguments. Only the contract's French names (sheets,
 * columns) and the data (commune names, the framework's labels, what the coordinators typed) may be
 * French: they are taken out first, then the rest must be free of French typography and words.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { exampleFill } from '../../pipeline/examples';
import { toCell } from '../../pipeline/read/exceljs-tables';
import { run as mergeRun } from '../../pipeline/cli/merge';
import { run as templatesRun } from '../../pipeline/cli/templates';
import { run as validateRun } from '../../pipeline/cli/validate';
import {
  cellsOf,
  csvText,
  fillFor,
  framework,
  readWorkbook,
  shown,
  tidyRowsOf,
  truncateToHalf,
  writeCommune,
} from '../helpers/merge-fixtures';
import { applyEdits, FIXTURES_DIR, loadSeededCases, tempDir, writeExample } from '../fixtures/workbooks';
import { CONTRACT, FRENCH_TYPOGRAPHY, FRENCH_WORDS, stringsIn } from '../helpers/english';
import { runCli } from './capture';

const tmp = tempDir('english');
afterAll(() => tmp.remove());
const input = path.join(tmp.dir, 'in');
const output = path.join(tmp.dir, 'out', 'consolidation.xlsx');
const data = new Set<string>(stringsIn(framework));
const files: string[] = [];
/** R1.1.1 far below its target, and why. */
const BELOW = {
  'indicators:R1.1.1:achieved': 1,
  'indicators:R1.1.1:women': 1,
  'indicators:R1.1.1:men': 0,
  'indicators:R1.1.1:comment': 'Retard dû à la saison des pluies',
};

beforeAll(async () => {
  mkdirSync(input, { recursive: true });
  // Every seeded mistake, each in its own workbook.
  for (const seeded of loadSeededCases()) {
    const example = path.join(tmp.dir, `${seeded.name}.example.xlsx`);
    await writeExample(framework, seeded.commune, seeded.period, example);
    const file = path.join(input, `${seeded.name}.xlsx`);
    await applyEdits(example, seeded.edits, file);
    files.push(file);
    for (const s of stringsIn(exampleFill(framework, seeded.commune, seeded.period))) data.add(s);
    for (const s of stringsIn(seeded.edits.map((e) => e.value))) data.add(s);
  }
  // Files that cannot be used at all.
  for (const [dir, name] of [
    ['saved-as-xls', 'ensemble-gao_ANS_Ansongo_2023.xls'],
    ['saved-as-csv', 'ensemble-gao_ANS_Ansongo_2023-Indicateurs.csv'],
    ['password-protected', 'rapport-GNZ-2023.xlsx'],
    ['truncated-zip', 'rapport-GNZ-2023.xlsx'],
  ] as const) {
    const file = path.join(input, `${dir}-${name}`);
    copyFileSync(path.join(FIXTURES_DIR, dir, name), file);
    files.push(file);
  }
  truncateToHalf(files[0]!, path.join(input, 'half.xlsx'));
  files.push(path.join(input, 'half.xlsx'));
  // CSVs: a quote never closed, an empty one, a tidy table with an unknown code and a number that is not one.
  writeFileSync(path.join(input, 'broken.csv'), 'Période;Commune\n"2023;Bara\n');
  writeFileSync(path.join(input, 'empty.csv'), '');
  const tidy = tidyRowsOf('BAR', '2024', fillFor('BAR', '2024'));
  tidy[1]![4] = 'R9.9.9';
  tidy[2]![8] = 'beaucoup';
  for (const s of stringsIn(tidy)) data.add(s);
  writeFileSync(path.join(input, 'tidy-bara.csv'), csvText(tidy));
  // A good file of a second period, below target with a comment: Synthèse quotes it in its Écarts line
  // and Prévu vs Réalisé names each comment's period.
  files.push(await writeCommune(input, 'ANS', { period: '2024', fill: BELOW }));
  // Duplicates: an exact copy (set aside) and another Bara 2023 with other figures (a conflict).
  copyFileSync(path.join(input, 'number-typed-as-text.xlsx'), path.join(input, 'copy-of-number-typed-as-text.xlsx'));
  files.push(path.join(input, 'copy-of-number-typed-as-text.xlsx'));
  files.push(await writeCommune(input, 'BAR', { name: 'bara-again.xlsx' }));
  for (const period of ['2023', '2024']) for (const s of stringsIn(fillFor('ANS', period, BELOW))) data.add(s);
});

/** The text with the data and the contract's names taken out: what must be English. */
function withoutAllowed(text: string): string {
  let rest = text;
  for (const file of files) rest = rest.split(file).join('FILE');
  rest = rest.split(tmp.dir).join('DIR');
  // Longest first, so that a label is taken out whole before a shorter name inside it; a label also as
  // the Synthèse writes it inside a sentence (« 100 acteurs formels… »: its first letter lower-cased).
  const allowed = [...data, ...CONTRACT]
    .filter((s) => s.trim().length > 1)
    .flatMap((s) => [s, s.charAt(0).toLowerCase() + s.slice(1)]);
  for (const s of allowed.sort((a, b) => b.length - a.length)) rest = rest.split(s).join('…');
  return rest;
}

/** The lines (or cell texts) of `texts` that are still French. */
function french(texts: readonly string[]): string[] {
  return texts.filter((t) => {
    const rest = withoutAllowed(t);
    return FRENCH_TYPOGRAPHY.test(rest) || FRENCH_WORDS.test(rest);
  });
}

const validate = (...argv: string[]) => runCli(validateRun, argv);
const merge = (...argv: string[]) => runCli(mergeRun, argv);
const templates = (...argv: string[]) => runCli(templatesRun, argv);
const COMMANDS = { validate, merge, templates };
const textLines = (...outputs: string[]) =>
  outputs
    .join('\n')
    .split('\n')
    .filter((l) => l.trim() !== '');

test('the checker catches French (a test that cannot fail proves nothing)', () => {
  expect(french(['Erreur : fichier introuvable', '1\u202f250 cells', '« x »', 'the period is Bara’s'])).toEqual([
    'Erreur : fichier introuvable',
    '1\u202f250 cells',
    '« x »',
  ]);
  expect(french(['Indicateurs!F2: “vingt-cinq” is not a number', 'commune Gounzourèye (GNZ), period 2023'])).toEqual(
    [],
  );
});

test('validate --lang en: every line, and every --json message, in English', async () => {
  const text = await validate('--lang', 'en', ...files);
  expect(text.code).toBe(2);
  const lines = textLines(text.stdout, text.stderr);
  // Something was said about every file: the test is not passing on an empty output.
  for (const file of files) expect(lines.some((l) => l.includes(file))).toBe(true);
  expect(lines.some((l) => l.startsWith('  Summary: not valid'))).toBe(true);
  expect(french(lines)).toEqual([]);

  const json = await validate('--lang', 'en', '--json', ...files);
  const report = JSON.parse(json.stdout) as {
    files: ({ issues: { message: string }[] } | { error: { message: string } })[];
  };
  const messages = report.files.flatMap((f) => ('error' in f ? [f.error.message] : f.issues.map((i) => i.message)));
  expect(messages.length).toBeGreaterThan(15);
  expect(french([...messages, ...textLines(json.stderr)])).toEqual([]);
});

test('merge --lang en: the console, the --json messages and the written workbook, in English', async () => {
  const text = await merge('--lang', 'en', '--input', input, '--output', output);
  expect(text.code).toBe(1);
  const lines = textLines(text.stdout, text.stderr);
  expect(lines.length).toBeGreaterThan(20);
  for (const file of files) expect(lines.some((l) => l.includes(path.basename(file)))).toBe(true);
  expect(french(lines)).toEqual([]);

  const json = await merge('--lang', 'en', '--json', '--input', input, '--output', output);
  const summary = JSON.parse(json.stdout) as {
    problem: { message: string } | null;
    sources: { reasonText: string | null }[];
    issues: { ruleId: string; message: string }[];
  };
  const messages = [
    summary.problem?.message,
    ...summary.sources.map((s) => s.reasonText),
    ...summary.issues.map((i) => i.message),
  ].filter((m): m is string => typeof m === 'string');
  expect(messages.length).toBeGreaterThan(20);
  expect(french([...messages, ...textLines(json.stderr)])).toEqual([]);

  // Contrôles names each issue's rule by its id (`non-negative-integer`): a code, not a text.
  for (const issue of summary.issues) data.add(issue.ruleId);
  const cells = await workbookTexts(output);
  // The document properties too (File › Info).
  const { title, subject, keywords } = await readWorkbook(output);
  expect(keywords).toBe('monitoring and evaluation; consolidation');
  expect(french([title, subject, keywords])).toEqual([]);
  expect(cells.length).toBeGreaterThan(100);
  // A comment's period said the English way (“2024: …”).
  expect(cells).toContain('Prévu vs Réalisé: 2024: Retard dû à la saison des pluies');
  expect(french(cells)).toEqual([]);
});

test('merge --lang en --strict --csv: the refusal in English', async () => {
  const strict = await merge(
    '--lang',
    'en',
    '--strict',
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 'out', 'strict.xlsx'),
    '--csv',
    path.join(tmp.dir, 'out', 'strict.csv'),
  );
  expect(strict.code).toBe(1);
  const lines = textLines(strict.stdout, strict.stderr);
  expect(lines.at(-1)).toMatch(/^Error: /);
  expect(french(lines)).toEqual([]);
});

test.each([
  ['a period’s', ['--period', '2023'], /^4 templates written \(framework .+, period 2023\)\.$/],
  ['generic', [], /^4 templates written \(framework .+, generic\)\.$/],
] as const)(
  'templates --lang en, %s templates: the files written and the summary in English',
  async (_l, args, summary) => {
    const out = path.join(tmp.dir, 'templates', String(args.length));
    const cli = await templates('--lang', 'en', '--out', out, ...args);
    expect(cli.code).toBe(0);
    expect(textLines(cli.stdout)).toHaveLength(4);
    const said = textLines(cli.stdout, cli.stderr);
    expect(said.at(-1)).toMatch(summary);
    expect(french(said)).toEqual([]);
  },
);

/** Every text of a written workbook, each behind its sheet's name. */
async function workbookTexts(file: string): Promise<string[]> {
  const workbook = await readWorkbook(file);
  return workbook.worksheets.flatMap((ws) =>
    cellsOf(ws)
      .map((c) => shown(c))
      .filter((v): v is string => typeof v === 'string')
      .map((v) => `${ws.name}: ${v}`),
  );
}

test('merge --lang en, a commune below target with a comment: Synthèse quotes it the English way', async () => {
  const folder = path.join(tmp.dir, 'below');
  await writeCommune(folder, 'ANS', { fill: BELOW });
  const written = path.join(tmp.dir, 'out', 'below.xlsx');
  expect((await merge('--lang', 'en', '--input', folder, '--output', written)).code).toBeLessThanOrEqual(1);
  const cells = await workbookTexts(written);
  expect(cells.some((c) => c.startsWith('Synthèse: ') && c.includes('(“Retard dû à la saison des pluies”)'))).toBe(
    true,
  );
  expect(french(cells)).toEqual([]);
});

test.each([
  ['validate', 'no file', []],
  ['validate', 'an unknown option', ['--frobnicate', 'x.xlsx']],
  ['validate', 'an option without its value', ['x.xlsx', '--framework']],
  ['validate', '--max-size 0', ['--max-size', '0', 'x.xlsx']],
  ['validate', 'a missing framework', ['--framework', 'no-framework.json', 'x.xlsx']],
  ['validate', 'a missing file', ['absent.xlsx']],
  ['merge', 'an unknown option close to a real one', ['--outptu', 'x.xlsx']],
  ['merge', 'an option without its value', ['--output']],
  ['merge', 'an extra argument', ['GNZ']],
  ['merge', '--prefer oldest', ['--prefer', 'oldest']],
  ['merge', '--max-size zero', ['--max-size', 'zero']],
  ['merge', '--period 1999', ['--period', '1999']],
  ['merge', '--output x.txt', ['--output', 'x.txt']],
  ['merge', '--workers 0', ['--workers', '0']],
  ['merge', 'a missing input folder', ['--input', 'no-such-folder']],
  ['templates', 'an unknown option', ['--perod', '2023']],
  ['templates', 'an option without its value', ['--out']],
  ['templates', 'a missing framework', ['--framework', 'no-framework.json']],
] as const)('%s --lang en, %s: one English line', async (command, _label, args) => {
  const cli = await COMMANDS[command]('--lang', 'en', ...args);
  expect(cli.code).toBe(2);
  const said = textLines(cli.stderr);
  expect(said.at(-1)).toMatch(/^(Error: |Invalid results framework – |absent\.xlsx: )/);
  expect(french(said)).toEqual([]);
});

test.each(['validate', 'merge', 'templates'] as const)('%s --lang en --help: in English', async (command) => {
  const help = await COMMANDS[command]('--lang', 'en', '--help');
  expect(help.code).toBe(0);
  const lines = textLines(help.stdout);
  expect(lines[0]).toMatch(/^Usage: /);
  expect(lines.length).toBeGreaterThan(5);
  expect(french(lines)).toEqual([]);
});

test('a date exceljs cannot turn into a serial is an Excel error cell, not a French text among the data', () => {
  const cell = {
    type: ExcelJS.ValueType.Date,
    value: new Date(Number.NaN),
    numFmt: 'dd/mm/yyyy',
  } as unknown as ExcelJS.Cell;
  expect(toCell(cell)).toEqual({ kind: 'error', value: '#VALUE!' });
});

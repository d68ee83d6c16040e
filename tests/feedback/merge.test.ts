/**
 * `merge --feedback DIR`: a feedback per file read, a reminder per commune not received, unreadable
 * files told to their commune when its name says it (else listed in index.txt), `--json`'s feedback
 * section; a re-run replaces last run's files; DIR is refused inside the input folder (nothing
 * written); a feedback workbook dropped in the input folder is never read as a report.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run as validateRun } from '../../pipeline/cli/validate';
import { runCli } from '../cli/capture';
import { hashFolder, mergeCli, tempDir, writeCommune } from '../helpers/merge-fixtures';
import { packageFacts, readBook, toFixRows, type FeedbackJson } from '../helpers/feedback';

const tmp = tempDir('feedback-merge');
afterAll(() => tmp.remove());

interface Summary {
  sources: { file: string; status: string; reason: { id: string } | null }[];
  feedback: FeedbackJson | null;
}

async function mergeWithFeedback(input: string, dir: string, ...more: string[]) {
  const cli = await mergeCli([
    '--input',
    input,
    '--output',
    path.join(tmp.dir, `sortie-${path.basename(dir)}.xlsx`),
    '--feedback',
    dir,
    '--json',
    ...more,
  ]);
  return { cli, summary: JSON.parse(cli.stdout) as Summary };
}

const input = path.join(tmp.dir, 'recus');
const dir = path.join(tmp.dir, 'retours');
let first: Summary;

beforeAll(async () => {
  // Gounzourèye with mistakes, Soni Aliber correct, Bara unreadable (its name says it is Bara's),
  // a stray unreadable file, Ansongo missing.
  await writeCommune(input, 'GNZ', {
    fill: { 'indicators:R1.1.1:achieved': 'vingt-cinq', 'budget:BUD-1:spent': -5 },
  });
  await writeCommune(input, 'SAL');
  writeFileSync(path.join(input, 'rapport_Bara_2023.xlsx'), 'pas un classeur');
  writeFileSync(path.join(input, 'notes.xlsx'), 'pas un classeur non plus');
  const before = hashFolder(input);
  const { cli, summary } = await mergeWithFeedback(input, dir);
  expect(cli.stderr).toContain('index.txt');
  expect(hashFolder(input)).toEqual(before);
  first = summary;
}, 120_000);

const written = () => readdirSync(dir).filter((f) => !f.startsWith('.'));

test('each file read gets its feedback; --json says what was written for whom', () => {
  const feedback = first.feedback!;
  const gnz = feedback.sources.find((s) => s.commune === 'GNZ')!;
  expect(gnz.verdict).toBe('refused');
  expect(gnz.errors).toBeGreaterThanOrEqual(2);
  expect(gnz.written).toEqual(['retour_GNZ_Gounzourèye_2023.xlsx', 'retour_GNZ_Gounzourèye_2023.txt']);
  expect(feedback.sources.find((s) => s.commune === 'SAL')!.verdict).toBe('accepted');
  expect(written()).toEqual(expect.arrayContaining([...gnz.written, 'retour_SAL_Soni Aliber_2023.xlsx', 'index.txt']));
  for (const f of feedback.files) expect(existsSync(path.join(dir, f))).toBe(true);
});

test('a commune expected but not received gets a reminder', () => {
  expect(first.feedback!.reminders).toEqual([
    { commune: 'ANS', communeName: 'Ansongo', period: '2023', written: ['rappel_ANS_Ansongo_2023.txt'] },
  ]);
  const text = readFileSync(path.join(dir, 'rappel_ANS_Ansongo_2023.txt'), 'utf8');
  expect(text).toMatch(/^Rappel : Ansongo \(ANS\), le rapport de la période 2023 n’a pas été reçu/);
  expect(text.length).toBeLessThan(600);
});

test('an unreadable file whose name tells the commune gets a message and a workbook with « À corriger » alone', async () => {
  const bara = first.feedback!.sources.find((s) => s.file === 'rapport_Bara_2023.xlsx')!;
  expect(bara.verdict).toBe('unusable');
  expect(bara.written).toEqual(['retour_BAR_Bara_2023.xlsx', 'retour_BAR_Bara_2023.txt']);
  expect((await packageFacts(path.join(dir, bara.written[0]!))).sheets).toEqual(['À corriger']);
  const text = readFileSync(path.join(dir, bara.written[1]!), 'utf8');
  expect(text).toContain('rapport_Bara_2023.xlsx');
  expect(text).toContain('refusé');
  expect(text).toContain('.xlsx et renvoyez-le');
});

test('a file whose commune cannot be told is listed in index.txt under its heading', () => {
  expect(first.feedback!.withoutCommune.map((o) => o.file)).toEqual(['notes.xlsx']);
  const index = readFileSync(path.join(dir, 'index.txt'), 'utf8');
  const heading = index.indexOf('Fichiers sans commune identifiable (1) :');
  expect(heading).toBeGreaterThan(0);
  expect(index.slice(heading)).toContain('notes.xlsx');
  for (const f of written().filter((w) => w !== 'index.txt')) expect(index).toContain(f);
});

test('a re-run replaces last run’s feedback: a fixed file’s verdict changes, a reminder answered goes', async () => {
  await writeCommune(input, 'GNZ');
  await writeCommune(input, 'ANS');
  const { summary } = await mergeWithFeedback(input, dir);
  const rows = toFixRows(await readBook(path.join(dir, 'retour_GNZ_Gounzourèye_2023.xlsx')));
  expect(rows).toEqual([]);
  expect(summary.feedback!.sources.find((s) => s.commune === 'GNZ')!.verdict).toBe('accepted');
  expect(existsSync(path.join(dir, 'rappel_ANS_Ansongo_2023.txt'))).toBe(false);
  expect(existsSync(path.join(dir, 'retour_ANS_Ansongo_2023.xlsx'))).toBe(true);
  // No temporary file left behind by the atomic writes.
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}, 120_000);

test('a feedback workbook dropped in the input folder is skipped as the tool’s own, and validate refuses it', async () => {
  const folder = path.join(tmp.dir, 'avec-retour');
  await writeCommune(folder, 'SAL');
  copyFileSync(path.join(dir, 'retour_GNZ_Gounzourèye_2023.xlsx'), path.join(folder, 'retour_GNZ.xlsx'));
  const { summary } = await mergeWithFeedback(folder, path.join(tmp.dir, 'retours-2'));
  const dropped = summary.sources.find((s) => s.file === 'retour_GNZ.xlsx')!;
  expect(dropped.status).toBe('skipped');
  expect(dropped.reason?.id).toBe('ownFeedback');
  const facts = await packageFacts(path.join(folder, 'retour_GNZ.xlsx'));
  expect(facts.creator).toBe('ensemble-me-toolkit');
  const validated = await runCli(validateRun, [path.join(folder, 'retour_GNZ.xlsx')]);
  expect(validated.code).toBe(2);
  expect(validated.stderr).toContain('classeur de retour');
}, 120_000);

test.each([
  ['the input folder itself', (inputDir: string) => inputDir],
  ['a folder inside it', (inputDir: string) => path.join(inputDir, 'retours')],
  ['the same folder by another way', (inputDir: string) => path.join(inputDir, '..', path.basename(inputDir))],
])(
  '--feedback in %s is refused in one line, exit 2, nothing written',
  async (_what, target) => {
    const folder = path.join(tmp.dir, `refus-${Math.random().toString(36).slice(2)}`);
    await writeCommune(folder, 'SAL');
    const before = hashFolder(folder);
    const output = path.join(tmp.dir, `refus-${path.basename(folder)}.xlsx`);
    const cli = await mergeCli(['--input', folder, '--output', output, '--feedback', target(folder)]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/^Erreur : --feedback .* est le dossier d’entrée ou se trouve dedans/);
    expect(hashFolder(folder)).toEqual(before);
    expect(existsSync(output)).toBe(false);
  },
  60_000,
);

test('validate --feedback naming one of the files to check is refused, exit 2', async () => {
  const file = await writeCommune(path.join(tmp.dir, 'seul'), 'SAL');
  const cli = await runCli(validateRun, ['--feedback', file, file]);
  expect(cli.code).toBe(2);
  expect(cli.stderr).toMatch(/est un fichier d’entrée/);
});

test('every file refused (no consolidation): the communes not received for their period still get a reminder', async () => {
  const folder = path.join(tmp.dir, 'tout-refuse');
  await writeCommune(folder, 'GNZ', { fill: { 'indicators:R1.1.1:achieved': 'vingt-cinq' } });
  const { cli, summary } = await mergeWithFeedback(folder, path.join(tmp.dir, 'retours-refus'));
  expect(cli.code).toBe(2);
  expect(summary.feedback!.sources.map((s) => s.verdict)).toEqual(['refused']);
  expect(summary.feedback!.reminders.map((r) => r.commune).sort()).toEqual(['ANS', 'BAR', 'SAL']);
}, 60_000);

test('--feedback naming an existing file is refused before anything is written', async () => {
  const folder = path.join(tmp.dir, 'fichier-cible');
  await writeCommune(folder, 'SAL');
  const target = path.join(tmp.dir, 'retours.txt');
  writeFileSync(target, 'mes notes');
  const output = path.join(tmp.dir, 'fichier-cible.xlsx');
  const cli = await mergeCli(['--input', folder, '--output', output, '--feedback', target]);
  expect(cli.code).toBe(2);
  expect(cli.stderr).toMatch(/existe et n’est pas un dossier/);
  expect(readFileSync(target, 'utf8')).toBe('mes notes');
  expect(existsSync(output)).toBe(false);
});

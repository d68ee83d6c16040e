/**
 * index.txt tells the whole folder: `validate --feedback DIR` into the folder of an earlier merge says
 * which run wrote it and lists the earlier run's feedback and reminders still there, under their own
 * heading; what this run rewrote is listed once, as this run's.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { run as validateRun } from '../../pipeline/cli/validate';
import { runCli } from '../cli/capture';
import { mergeCli, tempDir, writeCommune } from '../helpers/merge-fixtures';

const tmp = tempDir('feedback-index-runs');
afterAll(() => tmp.remove());

const input = path.join(tmp.dir, 'recus');
const dir = path.join(tmp.dir, 'retours');
const index = () => readFileSync(path.join(dir, 'index.txt'), 'utf8');
const section = (text: string, heading: string) => {
  const start = text.indexOf(heading);
  return start < 0 ? null : text.slice(start);
};
let sal: string;

beforeAll(async () => {
  await writeCommune(input, 'GNZ', { fill: { 'indicators:R1.1.1:achieved': 'vingt-cinq' } });
  sal = await writeCommune(input, 'SAL');
  const merged = await mergeCli(['--input', input, '--output', path.join(tmp.dir, 'sortie.xlsx'), '--feedback', dir]);
  expect(merged.stderr).toContain('index.txt');
}, 120_000);

test('after a merge, index.txt says it was written by the merge and has no earlier run', () => {
  const text = index();
  expect(text.split('\n')[1]).toBe('Écrit par npm run merge : les listes ci-dessous sont celles de cette exécution.');
  expect(text).not.toContain('D’une exécution précédente');
});

test('validate --feedback into the same folder lists the merge’s files still there, under their heading', async () => {
  const cli = await runCli(validateRun, ['--feedback', dir, sal]);
  expect(cli.code).toBe(0);
  const text = index();
  expect(text.split('\n')[1]).toMatch(
    /^Écrit par npm run validate : .* d’une exécution précédente encore dans ce dossier sont listés à la fin\.$/,
  );
  const earlier = section(text, 'D’une exécution précédente, encore dans ce dossier (')!;
  expect(earlier).not.toBeNull();
  // Every feedback file in the folder is in index.txt; the earlier ones under the heading.
  const files = readdirSync(dir).filter((f) => !f.startsWith('.') && f !== 'index.txt');
  for (const f of files) expect(text).toContain(f);
  expect(earlier).toContain('retour_GNZ_Gounzourèye_2023.xlsx');
  expect(earlier).toContain('- rappel Ansongo (ANS), 2023 → rappel_ANS_Ansongo_2023.txt');
  expect(earlier).toContain('- rappel Bara (BAR), 2023 → rappel_BAR_Bara_2023.txt');
  // Soni Aliber's feedback was rewritten by this run: listed as this run's, not as the earlier run's.
  expect(earlier).not.toContain('retour_SAL');
  expect(section(text, 'Fichiers lus (1) :')).toContain('retour_SAL_Soni Aliber_2023.xlsx');
}, 60_000);

test('an earlier file deleted by hand is no longer listed', async () => {
  rmSync(path.join(dir, 'rappel_BAR_Bara_2023.txt'));
  await runCli(validateRun, ['--feedback', dir, sal]);
  const earlier = section(index(), 'D’une exécution précédente')!;
  expect(earlier).not.toContain('rappel_BAR');
  expect(earlier).toContain('rappel_ANS_Ansongo_2023.txt');
}, 60_000);

test('in English', async () => {
  const en = path.join(tmp.dir, 'feedback-en');
  await mergeCli(['--lang', 'en', '--input', input, '--output', path.join(tmp.dir, 'out-en.xlsx'), '--feedback', en]);
  await runCli(validateRun, ['--lang', 'en', '--feedback', en, sal]);
  const text = readFileSync(path.join(en, 'index.txt'), 'utf8');
  expect(text.split('\n')[1]).toBe(
    'Written by npm run validate: the lists below are this run’s; the feedback and reminders of an earlier run still in this folder are listed at the end.',
  );
  const earlier = section(text, 'From an earlier run, still in this folder (3):')!;
  expect(earlier).toContain('- reminder Ansongo (ANS), 2023 → rappel_ANS_Ansongo_2023.txt');
  expect(earlier).toContain('retour_GNZ_Gounzourèye_2023.txt');
}, 120_000);

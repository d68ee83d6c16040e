/**
 * `merge --lang en --feedback DIR` writes English: the short messages, the reminders, index.txt, the
 * « To fix » sheet and the notes of the views. Only the data (commune names, the framework's labels,
 * what the coordinators typed, file names) and the contract's French names may be French.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exampleFill } from '../../pipeline/examples';
import { applyEdits, loadSeededCases, tempDir, writeExample } from '../fixtures/workbooks';
import { FEEDBACK_TEXTS } from '../../core/messages/feedback';
import { CONTRACT, FRENCH_TYPOGRAPHY, FRENCH_WORDS, stringsIn } from '../helpers/english';
import { firstSheetTexts, readBook } from '../helpers/feedback';
import { framework, mergeCli, writeCommune } from '../helpers/merge-fixtures';

const tmp = tempDir('feedback-english');
afterAll(() => tmp.remove());
const input = path.join(tmp.dir, 'in');
const dir = path.join(tmp.dir, 'feedback');
const data = new Set<string>(stringsIn(framework));
const names: string[] = [];

beforeAll(async () => {
  // Every seeded mistake of Gounzourèye 2023 in one workbook; Bara unreadable; Soni Aliber correct; Ansongo missing.
  const seeded = loadSeededCases().filter(
    (c) => c.commune === 'GNZ' && c.period === '2023' && !['wrong-commune', 'unknown-period'].includes(c.name),
  );
  mkdirSync(input);
  const example = path.join(tmp.dir, 'example.xlsx');
  await writeExample(framework, 'GNZ', '2023', example);
  await applyEdits(
    example,
    seeded.flatMap((c) => c.edits),
    path.join(input, 'ensemble-gao_GNZ_Gounzoureye_2023.xlsx'),
  );
  for (const s of stringsIn(exampleFill(framework, 'GNZ', '2023'))) data.add(s);
  for (const s of stringsIn(seeded.flatMap((c) => c.edits.map((e) => e.value)))) data.add(s);
  writeFileSync(path.join(input, 'Bara_2023.xlsx'), 'not a workbook');
  await writeCommune(input, 'SAL');
  for (const s of stringsIn(exampleFill(framework, 'SAL', '2023'))) data.add(s);
  names.push('ensemble-gao_GNZ_Gounzoureye_2023.xlsx', 'Bara_2023.xlsx');
  const cli = await mergeCli([
    '--lang',
    'en',
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 'out.xlsx'),
    '--feedback',
    dir,
  ]);
  expect(cli.stderr).toContain('Feedback to the communes');
}, 120_000);

function withoutAllowed(text: string): string {
  let rest = text;
  for (const name of [...names, ...readdirSync(dir)]) rest = rest.split(name).join('FILE');
  const allowed = [...data, ...CONTRACT, ...framework.communes.map((c) => c.name)]
    .filter((s) => s.trim().length > 1)
    .flatMap((s) => [s, s.charAt(0).toLowerCase() + s.slice(1)]);
  for (const s of allowed.sort((a, b) => b.length - a.length)) rest = rest.split(s).join('…');
  return rest;
}

const french = (texts: readonly string[]) =>
  texts.filter((t) => {
    const rest = withoutAllowed(t);
    return FRENCH_TYPOGRAPHY.test(rest) || FRENCH_WORDS.test(rest);
  });

test('the checker catches French (a test that cannot fail proves nothing)', () => {
  expect(french(['Fichier refusé — à renvoyer', 'Rappel : Bara', 'File rejected, Gounzourèye'])).toEqual([
    'Fichier refusé — à renvoyer',
    'Rappel : Bara',
  ]);
});

test('the short messages, the reminders and index.txt are English', () => {
  const texts = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  expect(texts).toEqual(
    expect.arrayContaining([
      'index.txt',
      'retour_GNZ_Gounzourèye_2023.txt',
      'retour_BAR_Bara_2023.txt',
      'rappel_ANS_Ansongo_2023.txt',
    ]),
  );
  const lines = texts.flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== ''),
  );
  expect(lines.some((l) => l.includes('rejected, to send again'))).toBe(true);
  expect(french(lines)).toEqual([]);
});

test('the « To fix » sheet and the notes of the views are English', async () => {
  const texts: string[] = [];
  for (const book of readdirSync(dir).filter((f) => f.endsWith('.xlsx'))) {
    const wb = await readBook(path.join(dir, book));
    expect(wb.worksheets[0]!.name).toBe('To fix');
    texts.push(...firstSheetTexts(wb));
    for (const ws of wb.worksheets.slice(1))
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const note = cell.note;
          if (note) texts.push(typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join(''));
        }),
      );
  }
  expect(texts.some((t) => t.startsWith('Error: '))).toBe(true);
  expect(texts.length).toBeGreaterThan(15);
  expect(french(texts)).toEqual([]);
});

test('every English text of the feedback catalogue is English, and has its French twin', () => {
  const texts = (value: unknown, at: string): [string, string][] =>
    typeof value === 'string'
      ? [[at, value]]
      : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => texts(v, `${at}.${k}`));
  const en = texts(FEEDBACK_TEXTS.en, 'en');
  const fr = new Map(texts(FEEDBACK_TEXTS.fr, 'fr'));
  expect(en.length).toBeGreaterThan(40);
  for (const [at] of en) expect([at, fr.has(at.replace(/^en/, 'fr'))]).toEqual([at, true]);
  expect(en.filter(([, t]) => french([t]).length > 0)).toEqual([]);
});

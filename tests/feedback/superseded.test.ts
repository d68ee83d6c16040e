/**
 * A refused file next to an accepted one for the same commune and period (an old broken copy left beside
 * the corrected file): the accepted file takes the plain name `retour_GNZ_…_2023`, the refused one is told
 * it was not used because the other was accepted — never « à renvoyer » — with its problems for
 * information. Same for an unreadable old copy, and for an older version set aside by `--prefer latest`;
 * in French and in English.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mergeCli, tempDir, writeCommune } from '../helpers/merge-fixtures';
import { firstSheetTexts, readBook, toFixRows, type FeedbackJson } from '../helpers/feedback';

const tmp = tempDir('feedback-superseded');
afterAll(() => tmp.remove());

const input = path.join(tmp.dir, 'recus');
const GNZ = 'ensemble-gao_GNZ_Gounzoureye_2023.xlsx';
const GNZ_OLD = 'ensemble-gao_GNZ_Gounzoureye_2023_ancien.xlsx';
const SAL = 'ensemble-gao_SAL_Soni-Aliber_2023.xlsx';
const SAL_OLD = 'ensemble-gao_SAL_Soni-Aliber_2023_ancien.xlsx';
const ANS = 'ensemble-gao_ANS_Ansongo_2023.xlsx';
const ANS_OLD = 'ensemble-gao_ANS_Ansongo_2023_ancien.xlsx';

type Entry = FeedbackJson['sources'][number] & { supersededBy: string | null };
const runs: Record<'fr' | 'en', { dir: string; sources: Entry[]; reminders: FeedbackJson['reminders'] }> = {
  fr: { dir: '', sources: [], reminders: [] },
  en: { dir: '', sources: [], reminders: [] },
};

beforeAll(async () => {
  await writeCommune(input, 'GNZ', { name: GNZ });
  await writeCommune(input, 'GNZ', { name: GNZ_OLD, fill: { 'indicators:R1.1.1:achieved': 'vingt-cinq' } });
  await writeCommune(input, 'SAL', { name: SAL });
  writeFileSync(path.join(input, SAL_OLD), 'pas un classeur');
  // Two versions of Ansongo's report: --prefer latest keeps the later one, the older is set aside.
  await writeCommune(input, 'ANS', {
    name: ANS,
    fill: { 'identification:entryDate': new Date(Date.UTC(2024, 1, 10)) },
  });
  await writeCommune(input, 'ANS', {
    name: ANS_OLD,
    fill: {
      'identification:entryDate': new Date(Date.UTC(2024, 0, 10)),
      'indicators:R4.3.1:achieved': 1,
      'indicators:R4.3.1:comment': 'Insécurité',
    },
  });
  for (const lang of ['fr', 'en'] as const) {
    const dir = path.join(tmp.dir, `retours-${lang}`);
    const cli = await mergeCli([
      '--input',
      input,
      '--output',
      path.join(tmp.dir, `sortie-${lang}.xlsx`),
      '--feedback',
      dir,
      '--lang',
      lang,
      '--prefer',
      'latest',
      '--json',
    ]);
    const feedback = (JSON.parse(cli.stdout) as { feedback: FeedbackJson & { sources: Entry[] } }).feedback;
    runs[lang] = { dir, sources: feedback.sources, reminders: feedback.reminders };
  }
}, 120_000);

const entry = (file: string, lang: 'fr' | 'en' = 'fr') => runs[lang].sources.find((s) => s.file === file)!;
const text = (file: string, lang: 'fr' | 'en' = 'fr') =>
  readFileSync(path.join(runs[lang].dir, entry(file, lang).written[1]!), 'utf8');

test('the accepted file takes the plain name; the refused one is « superseded » by it, under `_2`', () => {
  expect(entry(GNZ)).toMatchObject({
    verdict: 'accepted',
    supersededBy: null,
    written: ['retour_GNZ_Gounzourèye_2023.xlsx', 'retour_GNZ_Gounzourèye_2023.txt'],
  });
  expect(entry(GNZ_OLD)).toMatchObject({
    verdict: 'superseded',
    supersededBy: GNZ,
    written: ['retour_GNZ_Gounzourèye_2023_2.xlsx', 'retour_GNZ_Gounzourèye_2023_2.txt'],
  });
  expect(entry(GNZ_OLD).errors).toBeGreaterThan(0);
  expect(entry(SAL).written[0]).toBe('retour_SAL_Soni Aliber_2023.xlsx');
  expect(entry(SAL_OLD)).toMatchObject({ verdict: 'superseded', supersededBy: SAL });
  // The periods count as received: no reminder for them.
  expect(runs.fr.reminders.map((r) => r.commune)).toEqual(['BAR']);
});

test('its message says it was not used because the other was accepted, never to send it again', () => {
  const message = text(GNZ_OLD);
  expect(message).toContain(
    `fichier non utilisé (un autre fichier accepté). Le fichier ${GNZ_OLD} n’est pas utilisé : ${GNZ} a été accepté à sa place. Rien à renvoyer.`,
  );
  expect(message).toMatch(/\d+ problème\(s\) listé\(s\) pour information dans retour_GNZ_Gounzourèye_2023_2\.xlsx/);
  expect(message).not.toMatch(/à renvoyer —|refusé|renvoyez/);
  const unreadable = text(SAL_OLD);
  expect(unreadable).toContain(`${SAL} a été accepté à sa place`);
  expect(unreadable).not.toMatch(/refusé|renvoyez|\.xlsx et renvoyez/);
});

test('its workbook: the verdict names the accepted file, the problems are listed for information', async () => {
  const book = await readBook(path.join(runs.fr.dir, entry(GNZ_OLD).written[0]!));
  const texts = firstSheetTexts(book);
  expect(texts).toContain(
    `Fichier non utilisé : ${GNZ} a été accepté pour la même commune et la même période. Rien à renvoyer ; les problèmes de ce fichier-ci sont listés pour information.`,
  );
  expect(texts.join('\n')).not.toMatch(/à renvoyer :|Corrigez votre fichier original/);
  const rows = toFixRows(book);
  expect(rows.length).toBe(entry(GNZ_OLD).errors + entry(GNZ_OLD).warnings + entry(GNZ_OLD).noted);
  expect(rows.filter((r) => r.label === 'Erreur')).toHaveLength(entry(GNZ_OLD).errors);
  for (const r of rows) expect(r.todo).toBe('Pour information : ce fichier n’est pas utilisé.');
  // Every sheet's printed header says the same, never « corrigez le fichier original ».
  expect(book.worksheets.length).toBeGreaterThan(1);
  for (const ws of book.worksheets)
    expect(ws.headerFooter.oddHeader).toBe(
      `&LVue en lecture seule de ${GNZ_OLD} — fichier non utilisé, pour information`,
    );
  // The unreadable copy: why it could not be read, no « save it again and send it ».
  const old = firstSheetTexts(await readBook(path.join(runs.fr.dir, entry(SAL_OLD).written[0]!))).join('\n');
  expect(old).toContain('Pourquoi : ');
  expect(old).not.toContain('Que faire');
});

test('an older version set aside by --prefer latest is not used either, and not told « accepté »', () => {
  expect(entry(ANS)).toMatchObject({
    verdict: 'accepted',
    written: ['retour_ANS_Ansongo_2023.xlsx', 'retour_ANS_Ansongo_2023.txt'],
  });
  expect(entry(ANS_OLD)).toMatchObject({ verdict: 'superseded', supersededBy: ANS });
  expect(text(ANS_OLD)).toContain(`Le fichier ${ANS_OLD} n’est pas utilisé : ${ANS} a été accepté à sa place.`);
  expect(text(ANS_OLD)).not.toContain('Merci');
});

test('index.txt lists the superseded file as not used', () => {
  const index = readFileSync(path.join(runs.fr.dir, 'index.txt'), 'utf8');
  expect(index).toContain(
    `- Gounzourèye (GNZ), 2023 : non utilisé (un autre fichier accepté) (${GNZ_OLD}) → retour_GNZ_Gounzourèye_2023_2.xlsx`,
  );
});

test('in English too', async () => {
  expect(entry(GNZ_OLD, 'en').written[0]).toBe('retour_GNZ_Gounzourèye_2023_2.xlsx');
  const message = text(GNZ_OLD, 'en');
  expect(message).toContain(`The file ${GNZ_OLD} is not used: ${GNZ} was accepted instead. Nothing to send again.`);
  expect(message).not.toMatch(/send it again|rejected/);
  const texts = firstSheetTexts(await readBook(path.join(runs.en.dir, entry(GNZ_OLD, 'en').written[0]!)));
  expect(texts).toContain(
    `File not used: ${GNZ} was accepted for the same commune and period. Nothing to send again; the problems of this file are listed for information.`,
  );
});

/**
 * A hostile commune file among good ones: a comment too large to inflate, a comment longer than a cell
 * can hold. Each is refused by name with its French reason; the other communes are consolidated.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  COMMUNES,
  copyExamples,
  dataTable,
  hashFolder,
  mergeCli,
  pointsPerReport,
  readWorkbook,
  records,
  sheet,
  STACK_LINE,
  synthesisCommunes,
  tempDir,
} from '../helpers/merge-fixtures';
import { COMMENT_MARKER, communeWithMarker, hugeSharedString } from '../helpers/zip-bombs';

const tmp = tempDir('merge-bombs');
afterAll(() => tmp.remove());

const HUGE = 'ensemble-gao_BAR_Bara_2023.xlsx';
const LONG = 'ensemble-gao_ANS_Ansongo_2023.xlsx';

test('a 40 MiB comment and a 40 000-character comment: both files refused by name, the two other communes consolidated', async () => {
  const input = path.join(tmp.dir, 'field');
  copyExamples(input, ['BAR', 'ANS']);
  writeFileSync(
    path.join(input, HUGE),
    hugeSharedString(await communeWithMarker('BAR', path.join(tmp.dir, 'bar.xlsx')), COMMENT_MARKER, 40 * 1024 * 1024),
  );
  writeFileSync(
    path.join(input, LONG),
    hugeSharedString(await communeWithMarker('ANS', path.join(tmp.dir, 'ans.xlsx')), COMMENT_MARKER, 40000),
  );
  const before = hashFolder(input);
  const output = path.join(tmp.dir, 'consolidation.xlsx');

  const cli = await mergeCli(['--input', input, '--output', output]);
  expect(cli.code).toBe(1);
  expect(cli.stdout + cli.stderr).not.toMatch(STACK_LINE);
  const lineOf = (file: string) => cli.stdout.split('\n').filter((l) => l.includes(file));
  expect(lineOf(HUGE)).toEqual([
    `✗ refusé   ${HUGE} (Bara, 2023) : inutilisable : contenu trop volumineux une fois décompressé (plus de 32 Mo à lire, dépassés à la partie xl/sharedStrings.xml), refusé par précaution : une fiche de commune en fait moins de 1 Mo ; enregistrez la fiche sans les feuilles ni les données ajoutées et renvoyez-la`,
  ]);
  expect(lineOf(LONG)).toHaveLength(1);
  expect(lineOf(LONG)[0]).toMatch(
    /^✗ refusé {3}ensemble-gao_ANS_Ansongo_2023\.xlsx \(Ansongo, 2023\) : inutilisable : la cellule Indicateurs!I\d+ contient 40.000 caractères, plus que les 32.767 qu’Excel permet dans une cellule/,
  );
  expect(cli.stdout).toContain('4 fichier(s) : 2 accepté(s), 2 refusé(s), 0 ignoré(s), 0 écarté(s).');

  const workbook = await readWorkbook(output);
  expect(dataTable(workbook)).toHaveLength(2 * pointsPerReport());
  const communes = synthesisCommunes(sheet(workbook, 'Synthèse'));
  expect([...communes.values()].map((c) => c.status)).toEqual(
    COMMUNES.map((c) => (c === 'BAR' || c === 'ANS' ? 'non reçu' : 'reçu')),
  );
  const sources = new Map(records(sheet(workbook, 'Sources'), 1).map((r) => [String(r.value('Fichier')), r]));
  expect(sources.get(HUGE)!.value('Statut')).toBe('refusé');
  expect(String(sources.get(LONG)!.value('Motif'))).toMatch(/^inutilisable : la cellule Indicateurs!I\d+ contient/);
  expect(hashFolder(input)).toEqual(before);
});

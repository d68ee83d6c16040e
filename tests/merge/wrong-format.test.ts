/**
 * A coordinator's report saved as .xls, .ods or as one sheet in CSV (files written by LibreOffice from
 * the Ansongo example) next to the good workbooks: each is refused by name with the advice to save the
 * workbook as .xlsx, never skipped unseen nor answered with the tidy format's errors.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { copyExamples, mergeCli, mergeJson, readWorkbook, records, sheet, tempDir } from '../helpers/merge-fixtures';

const tmp = tempDir('merge-wrong-format');
afterAll(() => tmp.remove());

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const XLS = 'ensemble-gao_ANS_Ansongo_2023.xls';
const ODS = 'ensemble-gao_ANS_Ansongo_2023.ods';
const CSV = 'ensemble-gao_ANS_Ansongo_2023-Indicateurs.csv';
const SAVE_AS = 'Fichier › Enregistrer sous › Classeur Excel (.xlsx)';

function folder(): string {
  const dir = path.join(tmp.dir, 'in');
  mkdirSync(dir, { recursive: true });
  copyExamples(dir, ['ANS']);
  copyFileSync(path.join(FIXTURES, 'saved-as-xls', XLS), path.join(dir, XLS));
  copyFileSync(path.join(FIXTURES, 'saved-as-ods', ODS), path.join(dir, ODS));
  copyFileSync(path.join(FIXTURES, 'saved-as-csv', CSV), path.join(dir, CSV));
  return dir;
}

test('.xls, .ods and a template sheet saved as CSV are refused by name, each with what to do', async () => {
  const input = folder();
  const output = path.join(tmp.dir, 'out.xlsx');
  const cli = await mergeCli(['--input', input, '--output', output]);
  expect(cli.code).toBe(1);
  const lineOf = (file: string) => cli.stdout.split('\n').filter((l) => l.includes(file));
  expect(lineOf(XLS)).toEqual([
    `✗ refusé   ${XLS} (Ansongo, 2023) : inutilisable : classeur au format .xls (Excel 97-2003) : ouvrez-le, puis ${SAVE_AS}, et envoyez le fichier .xlsx`,
  ]);
  expect(lineOf(ODS)).toEqual([
    expect.stringContaining(
      `${ODS} (Ansongo, 2023) : inutilisable : classeur au format .ods (LibreOffice) : ouvrez-le, puis ${SAVE_AS}`,
    ),
  ]);
  expect(lineOf(CSV)).toEqual([
    `✗ refusé   ${CSV} (Ansongo, 2023) : inutilisable : la feuille « Indicateurs » du modèle, enregistrée seule en CSV : ouvrez le classeur de la commune, puis ${SAVE_AS}, et envoyez le fichier .xlsx`,
  ]);
  expect(cli.stdout).toContain('6 fichier(s) : 3 accepté(s), 3 refusé(s), 0 ignoré(s), 0 écarté(s).');

  const sources = records(sheet(await readWorkbook(output), 'Sources'), 1);
  for (const file of [XLS, ODS, CSV]) {
    const row = sources.find((r) => r.value('Fichier') === file)!;
    expect([file, row.value('Statut')]).toEqual([file, 'refusé']);
    expect(String(row.value('Motif'))).toContain(SAVE_AS);
  }
});

test('the CSV sheet gets one message, not the tidy format’s missing columns', async () => {
  const { summary } = await mergeJson(['--input', folder(), '--output', path.join(tmp.dir, 'out-json.xlsx')]);
  const issues = summary.issues.filter((i) => i.file === CSV);
  expect(issues.map((i) => i.ruleId)).toEqual(['unusable-file']);
});

/**
 * Re-running a merge in the same folder: last run's workbook and `--csv` table, left among the
 * inputs (or written there by `--output` / `--csv`), are recognised by their content, listed as
 * skipped with the reason, and replaced; the figures are those of the commune files alone. A commune
 * workbook is never written over, whatever its name.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  copyExamples,
  dataTable,
  detailRows,
  mergeCli,
  mergeJson,
  pointsPerReport,
  readWorkbook,
  records,
  SEED_ACHIEVED,
  sha256,
  sheet,
  tempDir,
  type JsonSummary,
} from '../helpers/merge-fixtures';

const tmp = tempDir('merge-rerun');
afterAll(() => tmp.remove());

const OWN_WORKBOOK = 'sortie d’une consolidation précédente (npm run merge) : ignorée';
const OWN_CSV = 'table CSV d’une consolidation précédente (npm run merge --csv) : ignorée';

const totals = async (file: string) =>
  Object.fromEntries(
    detailRows(sheet(await readWorkbook(file), 'Prévu vs Réalisé'))
      .filter((r) => r.commune === 'Total projet')
      .map((r) => [r.code, r.value('Réalisé')]),
  );
const status = (summary: JsonSummary, file: string) => summary.sources.find((s) => s.file === file);

describe('the bundled examples merged twice into their own folder (--output and --csv inside it)', () => {
  const dir = path.join(tmp.dir, 'same-folder');
  const output = path.join(dir, 'consolidation.xlsx');
  const csv = path.join(dir, 'consolidation.csv');
  const args = ['--input', dir, '--output', output, '--csv', csv];
  let communes: string[];
  let firstData: ReturnType<typeof dataTable>;
  let firstCsv: Buffer;
  let second: Awaited<ReturnType<typeof mergeJson>>;

  beforeAll(async () => {
    communes = copyExamples(dir);
    const first = await mergeCli(args);
    expect(first.code).toBe(0);
    firstData = dataTable(await readWorkbook(output));
    firstCsv = readFileSync(csv);
    const hashes = communes.map(sha256);
    second = await mergeJson(args);
    // The commune workbooks are never touched.
    expect(communes.map(sha256)).toEqual(hashes);
  });

  test('exit 0, nothing on stderr, no error', () => {
    expect(second.cli.stderr).toBe('');
    expect(second.cli.code).toBe(0);
    expect(second.summary.problem).toBeNull();
    expect(second.summary.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('last run’s workbook and CSV are listed as skipped, saying why (--json)', () => {
    expect(status(second.summary, 'consolidation.xlsx')).toMatchObject({ status: 'skipped', reasonText: OWN_WORKBOOK });
    expect(status(second.summary, 'consolidation.csv')!.status).toBe('skipped');
    expect(status(second.summary, 'consolidation.csv')!.reasonText).toContain(OWN_CSV);
    expect(second.summary.sources.filter((s) => s.status === 'accepted')).toHaveLength(4);
    expect(second.summary.communes.every((c) => c.received && c.sources.length === 1)).toBe(true);
  });

  test('exactly the same figures: Données row for row, the same CSV bytes, the seed totals', async () => {
    const workbook = await readWorkbook(output);
    expect(dataTable(workbook)).toEqual(firstData);
    expect(firstData).toHaveLength(4 * pointsPerReport());
    expect(readFileSync(csv).equals(firstCsv)).toBe(true);
    expect(await totals(output)).toEqual(SEED_ACHIEVED);
  });

  test('Sources of the new workbook lists both as « ignoré » with the reason', async () => {
    const rows = records(sheet(await readWorkbook(output), 'Sources'), 1);
    const row = (file: string) => rows.find((r) => r.value('Fichier') === file)!;
    expect(row('consolidation.xlsx').value('Statut')).toBe('ignoré');
    expect(row('consolidation.xlsx').value('Motif')).toBe(OWN_WORKBOOK);
    expect(row('consolidation.csv').value('Statut')).toBe('ignoré');
    expect(String(row('consolidation.csv').value('Motif'))).toContain(OWN_CSV);
  });

  test('the console lists them as « – ignoré » with the reason, a third run still exits 0', async () => {
    const third = await mergeCli(args);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain(`– ignoré   consolidation.xlsx : ${OWN_WORKBOOK}`);
    expect(third.stdout).toContain(`– ignoré   consolidation.csv : ${OWN_CSV}`);
    expect(third.stdout).toContain('6 fichier(s) : 4 accepté(s), 0 refusé(s), 2 ignoré(s), 0 écarté(s).');
  });

  test('with a --max-size smaller than last run’s workbook, it is still skipped, not refused as too large', async () => {
    // The commune workbooks weigh ~16 Ko, the consolidation several times more.
    const small = await mergeCli([...args, '--max-size', '0.03']);
    expect([small.code, small.stderr]).toEqual([0, '']);
    expect(small.stdout).toContain(`– ignoré   consolidation.xlsx : ${OWN_WORKBOOK}`);
  });
});

describe('recognised by content, not by name', () => {
  const dir = path.join(tmp.dir, 'renamed');
  let previous: string;
  let previousCsv: string;

  beforeAll(async () => {
    const first = path.join(tmp.dir, 'first');
    copyExamples(first);
    previous = path.join(tmp.dir, 'first.xlsx');
    previousCsv = path.join(tmp.dir, 'first.csv');
    expect((await mergeCli(['--input', first, '--output', previous, '--csv', previousCsv])).code).toBe(0);
    copyExamples(dir);
    mkdirSync(path.join(dir, 'archives'));
    copyFileSync(previous, path.join(dir, 'archives', 'rapport-gao-2023.xlsx'));
    copyFileSync(previousCsv, path.join(dir, 'archives', 'donnees 2023.csv'));
  });

  test('renamed copies in a subfolder are skipped; --output elsewhere; English reasons with --lang en', async () => {
    const output = path.join(tmp.dir, 'renamed.xlsx');
    const { cli, summary } = await mergeJson(['--input', dir, '--output', output, '--lang', 'en']);
    expect(cli.code).toBe(0);
    expect(status(summary, 'archives/rapport-gao-2023.xlsx')).toMatchObject({
      status: 'skipped',
      reasonText: 'output of an earlier merge (npm run merge): skipped',
    });
    expect(status(summary, 'archives/donnees 2023.csv')!.status).toBe('skipped');
    expect(status(summary, 'archives/donnees 2023.csv')!.reasonText).toMatch(
      /^CSV table of an earlier merge \(npm run merge --csv\): skipped/,
    );
    expect(dataTable(await readWorkbook(output))).toHaveLength(4 * pointsPerReport());
  });

  test('an output of an earlier version, without « Textes longs », is still recognised', async () => {
    const workbook = await readWorkbook(previous);
    workbook.removeWorksheet(workbook.getWorksheet('Textes longs')!.id);
    const older = path.join(dir, 'consolidation-version-precedente.xlsx');
    await workbook.xlsx.writeFile(older);
    const { summary } = await mergeJson(['--input', dir, '--output', path.join(tmp.dir, 'older.xlsx')]);
    expect(status(summary, 'consolidation-version-precedente.xlsx')).toMatchObject({
      status: 'skipped',
      reasonText: OWN_WORKBOOK,
    });
    rmSync(older);
  });

  test('an output written before « Évolution » (and « Textes longs ») is still recognised, as is today’s, which has it', async () => {
    const workbook = await readWorkbook(previous);
    expect(workbook.getWorksheet('Évolution')).toBeDefined();
    for (const name of ['Évolution', 'Textes longs']) workbook.removeWorksheet(workbook.getWorksheet(name)!.id);
    const older = path.join(dir, 'consolidation-avant-evolution.xlsx');
    await workbook.xlsx.writeFile(older);
    const { summary } = await mergeJson(['--input', dir, '--output', path.join(tmp.dir, 'before-evolution.xlsx')]);
    expect(status(summary, 'consolidation-avant-evolution.xlsx')).toMatchObject({
      status: 'skipped',
      reasonText: OWN_WORKBOOK,
    });
    expect(status(summary, 'archives/rapport-gao-2023.xlsx')).toMatchObject({
      status: 'skipped',
      reasonText: OWN_WORKBOOK,
    });
    rmSync(older);
  });

  test('a consolidation opened and saved again by a manager (another author, a sheet added) is still one', async () => {
    const workbook = await readWorkbook(previous);
    workbook.lastModifiedBy = 'Awa Maïga';
    workbook.addWorksheet('Notes').getCell('A1').value = 'À présenter au comité';
    const resaved = path.join(dir, 'synthese-annotee.xlsx');
    await workbook.xlsx.writeFile(resaved);
    const { cli, summary } = await mergeJson(['--input', dir, '--output', path.join(tmp.dir, 'annotated.xlsx')]);
    expect(cli.code).toBe(0);
    expect(status(summary, 'synthese-annotee.xlsx')).toMatchObject({ status: 'skipped', reasonText: OWN_WORKBOOK });
  });
});

describe('a commune workbook is never written over', () => {
  test('named like an output (consolidation.xlsx) and given as --output beside last run’s CSV: exit 2, every file unchanged', async () => {
    const dir = path.join(tmp.dir, 'impostor');
    copyExamples(dir);
    expect(
      (
        await mergeCli([
          '--input',
          dir,
          '--output',
          path.join(tmp.dir, 'impostor-first.xlsx'),
          '--csv',
          path.join(dir, 'consolidation.csv'),
        ])
      ).code,
    ).toBe(0);
    const bara = readdirSync(dir).find((f) => f.includes('_BAR_'))!;
    copyFileSync(path.join(dir, bara), path.join(dir, 'consolidation.xlsx'));
    const before = new Map(readdirSync(dir).map((f) => [f, sha256(path.join(dir, f))]));
    const cli = await mergeCli([
      '--input',
      dir,
      '--output',
      path.join(dir, 'consolidation.xlsx'),
      '--csv',
      path.join(dir, 'consolidation.csv'),
    ]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd().split('\n')).toEqual([
      'Erreur : le fichier de sortie serait écrit sur une entrée (consolidation.xlsx) : choisissez un autre --output',
    ]);
    expect(new Map(readdirSync(dir).map((f) => [f, sha256(path.join(dir, f))]))).toEqual(before);
  });
});

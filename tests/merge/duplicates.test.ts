/**
 * Two files for the same commune and period: neither is used (each names the other), exit 1 — unless
 * `--prefer latest`, which keeps the one with the later Date de saisie and sets the other aside.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  communeName,
  copyExamples,
  csvText,
  dataTable,
  detailRows,
  fillFor,
  mergeCli,
  mergeJson,
  readWorkbook,
  records,
  SEED_ACHIEVED,
  sectionTexts,
  sheet,
  synthesisCommunes,
  tempDir,
  tidyRowsOf,
  writeCommune,
} from '../helpers/merge-fixtures';

const tmp = tempDir('merge-dup');
afterAll(() => tmp.remove());

const OLDER = 'bara-premier-envoi.xlsx';
const NEWER = 'bara-corrige.xlsx';

/** The three other examples, plus two Bara reports for 2023: a first one below target, then a corrected one. */
async function folder(name: string, newerDate: Date): Promise<string> {
  const dir = path.join(tmp.dir, name);
  copyExamples(dir, ['BAR']);
  await writeCommune(dir, 'BAR', {
    name: OLDER,
    fill: { 'identification:entryDate': new Date(Date.UTC(2024, 0, 18)), 'indicators:R4.3.1:achieved': 1, 'indicators:R4.3.1:comment': 'Insécurité' },
  });
  await writeCommune(dir, 'BAR', { name: NEWER, fill: { 'identification:entryDate': newerDate } });
  return dir;
}

describe('without --prefer: both rejected', () => {
  let input: string;
  beforeAll(async () => {
    input = await folder('plain', new Date(Date.UTC(2024, 1, 2)));
  });

  test('exit 1; each file is rejected with an issue naming the other; Bara is non reçu', async () => {
    const output = path.join(tmp.dir, 'plain.xlsx');
    const { cli, summary } = await mergeJson(['--input', input, '--output', output]);
    expect(cli.code).toBe(1);
    expect(summary.exitCode).toBe(1);
    const status = Object.fromEntries(summary.sources.map((s) => [s.file, s.status]));
    expect(status[OLDER]).toBe('rejected');
    expect(status[NEWER]).toBe('rejected');
    for (const [file, other] of [
      [OLDER, NEWER],
      [NEWER, OLDER],
    ] as const) {
      const issues = summary.issues.filter((i) => i.file === file && i.ruleId === 'duplicate-report');
      expect(issues).toHaveLength(1);
      expect(issues[0]!.severity).toBe('error');
      expect(issues[0]!.message).toContain(other);
      expect(issues[0]!.message).toContain('Bara');
      expect(issues[0]!.message).toContain('2023');
      expect(summary.sources.find((s) => s.file === file)!.reasonText).toContain(other);
    }
    expect(summary.communes.find((c) => c.code === 'BAR')).toMatchObject({ received: false, sources: [] });

    const workbook = await readWorkbook(output);
    const data = dataTable(workbook);
    expect(data.some((r) => r['Source'] === OLDER || r['Source'] === NEWER)).toBe(false);
    expect(synthesisCommunes(sheet(workbook, 'Synthèse')).get('Bara')!.status).toBe('non reçu');
    expect(detailRows(sheet(workbook, 'Prévu vs Réalisé')).filter((r) => r.commune === 'Bara').map((r) => r.value('Réalisé'))).toEqual(
      Object.keys(SEED_ACHIEVED).map(() => 'non reçu'),
    );
    const sources = records(sheet(workbook, 'Sources'), 1);
    expect(sources.filter((r) => r.value('Statut') === 'refusé').map((r) => r.value('Fichier')).sort()).toEqual([NEWER, OLDER].sort());
    // Synthèse lists both under « Fichiers refusés ».
    const synthesis = sheet(workbook, 'Synthèse');
    const refused: string[] = [];
    synthesis.eachRow((row) => {
      const a = row.getCell('A').value;
      if (a === OLDER || a === NEWER) refused.push(String(a));
    });
    expect(refused.sort()).toEqual([NEWER, OLDER].sort());
  });

  test('human output: both lines ✗ refusé with the other’s name', async () => {
    const cli = await mergeCli(['--input', input, '--output', path.join(tmp.dir, 'plain-human.xlsx')]);
    expect(cli.code).toBe(1);
    // « ✗ refusé   FILE (Bara, 2023) : reason »: the file right after the status.
    const line = (file: string) => cli.stdout.split('\n').find((l) => /^\S \S+\s+(.*?) \(/.exec(l)?.[1] === file)!;
    expect(line(OLDER)).toMatch(/^✗ refusé/);
    expect(line(OLDER)).toContain(`même commune et même période que ${NEWER}`);
    expect(line(NEWER)).toContain(`même commune et même période que ${OLDER}`);
    expect(cli.stdout).toContain('Non reçu : Bara : 2023 non reçu (fichier refusé).');
  });
});

describe('--prefer latest', () => {
  test('the later Date de saisie is used, the other « écarté »; exit 0 and the seed totals', async () => {
    const input = await folder('latest', new Date(Date.UTC(2024, 1, 2)));
    const output = path.join(tmp.dir, 'latest.xlsx');
    const { cli, summary } = await mergeJson(['--input', input, '--output', output, '--prefer', 'latest']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const older = summary.sources.find((s) => s.file === OLDER)!;
    expect(older.status).toBe('duplicate');
    expect(older.reasonText).toContain(NEWER);
    expect(summary.sources.find((s) => s.file === NEWER)!.status).toBe('accepted');
    expect(summary.communes.find((c) => c.code === 'BAR')).toMatchObject({ received: true, sources: [NEWER] });
    expect(summary.issues.filter((i) => i.severity === 'error')).toEqual([]);

    const workbook = await readWorkbook(output);
    const sources = records(sheet(workbook, 'Sources'), 1);
    const row = sources.find((r) => r.value('Fichier') === OLDER)!;
    expect(row.value('Statut')).toBe('écarté');
    expect(String(row.value('Motif'))).toContain(NEWER);
    // Bara's numbers are the corrected file's: R4.3.1 back to 2, the seed's 8 in total.
    const bara = dataTable(workbook).filter((r) => r['Commune'] === communeName('BAR'));
    expect(new Set(bara.map((r) => r['Source']))).toEqual(new Set([NEWER]));
    const totals = detailRows(sheet(workbook, 'Prévu vs Réalisé')).filter((r) => r.commune === 'Total projet');
    expect(Object.fromEntries(totals.map((r) => [r.code, r.value('Réalisé')]))).toEqual(SEED_ACHIEVED);
    expect(sectionTexts(sheet(workbook, 'Synthèse'), 'Écarts')).toEqual(['Toutes les activités prévues ont été réalisées.']);
  });

  test('the same Date de saisie: still a duplicate error, exit 1, Bara non reçu', async () => {
    const same = fillFor('BAR')['identification:entryDate'] as Date;
    const input = path.join(tmp.dir, 'tie');
    copyExamples(input, ['BAR']);
    await writeCommune(input, 'BAR', { name: OLDER, fill: { 'identification:entryDate': same, 'indicators:R4.3.1:achieved': 1, 'indicators:R4.3.1:comment': 'x' } });
    await writeCommune(input, 'BAR', { name: NEWER, fill: { 'identification:entryDate': same } });
    const { cli, summary } = await mergeJson(['--input', input, '--output', path.join(tmp.dir, 'tie.xlsx'), '--prefer', 'latest']);
    expect(cli.code).toBe(1);
    expect(summary.sources.filter((s) => s.status === 'rejected').map((s) => s.file).sort()).toEqual([NEWER, OLDER].sort());
    expect(summary.communes.find((c) => c.code === 'BAR')!.received).toBe(false);
  });
});

test('the same commune for two different periods is not a duplicate', async () => {
  const input = path.join(tmp.dir, 'two-periods');
  copyExamples(input);
  await writeCommune(input, 'BAR', { period: '2024' });
  const { cli, summary } = await mergeJson(['--input', input, '--output', path.join(tmp.dir, 'two-periods.xlsx')]);
  expect(cli.code).toBe(0);
  expect(summary.sources.map((s) => s.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
  expect(summary.communes.find((c) => c.code === 'BAR')!.sources).toHaveLength(2);
});

describe('--prefer latest with a CSV holding several communes', () => {
  test('only the duplicated commune of the CSV is set aside; its other commune is still used', async () => {
    const dir = path.join(tmp.dir, 'csv-multi');
    copyExamples(dir, ['GNZ', 'SAL']);
    // The CSV (no date of entry) holds Gounzourèye and Soni Aliber; a workbook also covers Gounzourèye.
    const rows = [...tidyRowsOf('GNZ', '2023', fillFor('GNZ')), ...tidyRowsOf('SAL', '2023', fillFor('SAL')).slice(1)];
    writeFileSync(path.join(dir, 'kobo.csv'), csvText(rows));
    await writeCommune(dir, 'GNZ', { name: 'gnz.xlsx' });
    const output = path.join(tmp.dir, 'csv-multi.xlsx');
    const { cli, summary } = await mergeJson(['--input', dir, '--output', output, '--prefer', 'latest']);
    expect(cli.code).toBe(0);
    const status = Object.fromEntries(summary.sources.map((s) => [s.file, s.status]));
    expect(status['kobo.csv']).toBe('accepted');
    expect(status['gnz.xlsx']).toBe('accepted');
    expect(summary.communes.filter((c) => !c.received)).toEqual([]);
    const setAside = summary.issues.filter((i) => i.file === 'kobo.csv' && i.ruleId === 'duplicate-report');
    expect(setAside).toHaveLength(1);
    expect(setAside[0]!.severity).toBe('info');
    expect(setAside[0]!.message).toContain('gnz.xlsx');
    const data = dataTable(await readWorkbook(output));
    expect(new Set(data.filter((r) => r['Commune'] === 'Gounzourèye').map((r) => r['Source']))).toEqual(new Set(['gnz.xlsx']));
    expect(new Set(data.filter((r) => r['Commune'] === 'Soni Aliber').map((r) => r['Source']))).toEqual(new Set(['kobo.csv']));
  });
});

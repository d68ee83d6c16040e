/**
 * Two files for the same commune and period. The same figures are one submission sent twice: counted
 * once, the copy « écarté », exit 0. Different figures: neither is used (each names the other), exit 1
 * — unless `--prefer latest`, which keeps the one with the later Date de saisie and sets the other aside.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
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
  pointsPerReport,
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
    fill: {
      'identification:entryDate': new Date(Date.UTC(2024, 0, 18)),
      'indicators:R4.3.1:achieved': 1,
      'indicators:R4.3.1:comment': 'Insécurité',
    },
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
    expect(
      detailRows(sheet(workbook, 'Prévu vs Réalisé'))
        .filter((r) => r.commune === 'Bara')
        .map((r) => r.value('Réalisé')),
    ).toEqual(Object.keys(SEED_ACHIEVED).map(() => 'non reçu'));
    const sources = records(sheet(workbook, 'Sources'), 1);
    expect(
      sources
        .filter((r) => r.value('Statut') === 'refusé')
        .map((r) => r.value('Fichier'))
        .sort(),
    ).toEqual([NEWER, OLDER].sort());
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
    expect(sectionTexts(sheet(workbook, 'Synthèse'), 'Écarts')).toEqual([
      'Toutes les activités prévues ont été réalisées.',
    ]);
  });

  test('the same Date de saisie: still a duplicate error, exit 1, Bara non reçu', async () => {
    const same = fillFor('BAR')['identification:entryDate'] as Date;
    const input = path.join(tmp.dir, 'tie');
    copyExamples(input, ['BAR']);
    await writeCommune(input, 'BAR', {
      name: OLDER,
      fill: { 'identification:entryDate': same, 'indicators:R4.3.1:achieved': 1, 'indicators:R4.3.1:comment': 'x' },
    });
    await writeCommune(input, 'BAR', { name: NEWER, fill: { 'identification:entryDate': same } });
    const { cli, summary } = await mergeJson([
      '--input',
      input,
      '--output',
      path.join(tmp.dir, 'tie.xlsx'),
      '--prefer',
      'latest',
    ]);
    expect(cli.code).toBe(1);
    expect(
      summary.sources
        .filter((s) => s.status === 'rejected')
        .map((s) => s.file)
        .sort(),
    ).toEqual([NEWER, OLDER].sort());
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
    expect(new Set(data.filter((r) => r['Commune'] === 'Gounzourèye').map((r) => r['Source']))).toEqual(
      new Set(['gnz.xlsx']),
    );
    expect(new Set(data.filter((r) => r['Commune'] === 'Soni Aliber').map((r) => r['Source']))).toEqual(
      new Set(['kobo.csv']),
    );
  });
});

describe('identical submissions: one submission, counted once', () => {
  const COPY = 'bara-renvoi.xlsx';
  const pva = async (output: string) => {
    const rows = detailRows(sheet(await readWorkbook(output), 'Prévu vs Réalisé'));
    const of = (commune: string) =>
      Object.fromEntries(
        rows.filter((r) => r.commune === commune).map((r) => [r.code, [r.value('Prévu'), r.value('Réalisé')]]),
      );
    return { total: of('Total projet'), bara: of('Bara') };
  };
  let reference: Awaited<ReturnType<typeof pva>>;
  beforeAll(async () => {
    const dir = path.join(tmp.dir, 'reference');
    copyExamples(dir);
    const output = path.join(tmp.dir, 'reference.xlsx');
    expect((await mergeCli(['--input', dir, '--output', output])).code).toBe(0);
    reference = await pva(output);
  });

  test('the same file sent twice: exit 0, no error, the copy « écarté » naming the file kept; figures not doubled', async () => {
    const dir = path.join(tmp.dir, 'identical');
    const [original] = copyExamples(dir).filter((f) => f.includes('_BAR_'));
    copyFileSync(original!, path.join(dir, COPY));
    const output = path.join(tmp.dir, 'identical.xlsx');
    const { cli, summary } = await mergeJson(['--input', dir, '--output', output]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(summary.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const originalName = path.basename(original!);
    // The first in file order is kept: bara-renvoi.xlsx sorts before ensemble-gao_….
    expect(summary.sources.find((s) => s.file === COPY)!.status).toBe('accepted');
    const setAside = summary.sources.find((s) => s.file === originalName)!;
    expect(setAside.status).toBe('duplicate');
    expect(setAside.reasonText).toBe(`copie identique de ${COPY} (mêmes chiffres) : comptée une fois`);
    expect(summary.communes.find((c) => c.code === 'BAR')).toMatchObject({ received: true, sources: [COPY] });

    const workbook = await readWorkbook(output);
    expect(dataTable(workbook)).toHaveLength(4 * pointsPerReport());
    expect(await pva(output)).toEqual(reference);
    const row = records(sheet(workbook, 'Sources'), 1).find((r) => r.value('Fichier') === originalName)!;
    expect(row.value('Statut')).toBe('écarté');
    expect(row.value('Motif')).toBe(`copie identique de ${COPY} (mêmes chiffres) : comptée une fois`);
  });

  test('same figures, another author and date of entry, plus a CSV of the same figures: counted once, exit 0', async () => {
    const dir = path.join(tmp.dir, 'same-figures');
    copyExamples(dir, ['BAR']);
    await writeCommune(dir, 'BAR', { name: 'bara-a.xlsx' });
    await writeCommune(dir, 'BAR', {
      name: 'bara-b.xlsx',
      fill: { 'identification:filledBy': 'Moussa Touré', 'identification:entryDate': new Date(Date.UTC(2024, 1, 20)) },
    });
    writeFileSync(path.join(dir, 'bara-kobo.csv'), csvText(tidyRowsOf('BAR', '2023', fillFor('BAR'))));
    const output = path.join(tmp.dir, 'same-figures.xlsx');
    const { cli, summary } = await mergeJson(['--input', dir, '--output', output, '--lang', 'en']);
    expect(cli.code).toBe(0);
    expect(summary.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const status = Object.fromEntries(summary.sources.map((s) => [s.file, [s.status, s.reasonText]]));
    expect(status['bara-a.xlsx']![0]).toBe('accepted');
    expect(status['bara-b.xlsx']).toEqual(['duplicate', 'identical copy of bara-a.xlsx (same figures): counted once']);
    // A workbook (date of entry, author) is kept before a CSV of the same figures, whatever the file order.
    expect(status['bara-kobo.csv']).toEqual([
      'duplicate',
      'identical copy of bara-a.xlsx (same figures): counted once',
    ]);
    const info = summary.issues.filter((i) => i.ruleId === 'duplicate-report');
    expect(info.map((i) => [i.file, i.severity, i.message])).toEqual([
      ['bara-b.xlsx', 'info', 'Bara, period 2023: same figures as bara-a.xlsx: one submission, counted once.'],
      ['bara-kobo.csv', 'info', 'Bara, period 2023: same figures as bara-a.xlsx: one submission, counted once.'],
    ]);
    expect(dataTable(await readWorkbook(output))).toHaveLength(4 * pointsPerReport());
  });

  test('one number differs: a conflict, an error naming both files, neither used, exit 1', async () => {
    const dir = path.join(tmp.dir, 'conflict');
    copyExamples(dir, ['BAR']);
    await writeCommune(dir, 'BAR', { name: 'bara-a.xlsx' });
    await writeCommune(dir, 'BAR', {
      name: 'bara-b.xlsx',
      fill: { 'budget:BUD-1:spent': (fillFor('BAR')['budget:BUD-1:spent'] as number) - 1 },
    });
    const { cli, summary } = await mergeJson(['--input', dir, '--output', path.join(tmp.dir, 'conflict.xlsx')]);
    expect(cli.code).toBe(1);
    for (const [file, other] of [
      ['bara-a.xlsx', 'bara-b.xlsx'],
      ['bara-b.xlsx', 'bara-a.xlsx'],
    ]) {
      expect(summary.sources.find((s) => s.file === file)!.status).toBe('rejected');
      const errors = summary.issues.filter((i) => i.file === file && i.ruleId === 'duplicate-report');
      expect(errors.map((e) => [e.severity, e.message])).toEqual([
        ['error', `Bara, période 2023 : ce fichier et ${other} portent sur la même commune et la même période.`],
      ]);
    }
    expect(summary.communes.find((c) => c.code === 'BAR')!.received).toBe(false);
  });

  test('--prefer latest: a copy of the later file is counted once with it, the earlier figures set aside', async () => {
    const dir = path.join(tmp.dir, 'latest-with-copy');
    copyExamples(dir, ['BAR']);
    await writeCommune(dir, 'BAR', {
      name: 'bara-1.xlsx',
      fill: {
        'identification:entryDate': new Date(Date.UTC(2024, 0, 18)),
        'indicators:R4.3.1:achieved': 1,
        'indicators:R4.3.1:comment': 'x',
      },
    });
    await writeCommune(dir, 'BAR', {
      name: 'bara-2.xlsx',
      fill: { 'identification:entryDate': new Date(Date.UTC(2024, 1, 2)) },
    });
    await writeCommune(dir, 'BAR', {
      name: 'bara-3.xlsx',
      fill: { 'identification:entryDate': new Date(Date.UTC(2024, 1, 2)) },
    });
    const output = path.join(tmp.dir, 'latest-with-copy.xlsx');
    const { cli, summary } = await mergeJson(['--input', dir, '--output', output, '--prefer', 'latest']);
    expect(cli.code).toBe(0);
    const status = Object.fromEntries(summary.sources.map((s) => [s.file, [s.status, s.reasonText]]));
    expect(status['bara-2.xlsx']![0]).toBe('accepted');
    expect(status['bara-3.xlsx']).toEqual([
      'duplicate',
      'copie identique de bara-2.xlsx (mêmes chiffres) : comptée une fois',
    ]);
    expect(status['bara-1.xlsx']).toEqual([
      'duplicate',
      'doublon écarté : bara-2.xlsx est retenu (date de saisie plus récente)',
    ]);
    expect(Object.fromEntries(Object.entries((await pva(output)).total).map(([k, v]) => [k, v[1]]))).toEqual(
      SEED_ACHIEVED,
    );
  });
});

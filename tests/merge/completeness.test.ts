/**
 * Completeness is per commune and per period (issue 9, points 2 and 13). Two years: Ansongo's two 2024
 * copies disagree (both refused), Bara sent nothing for 2024, and Gounzourèye entered 2024 late. None of
 * them may read « reçu » for 2024, « Toutes les communes … » may not appear, and lateness is reported
 * without dropping the figures.
 */
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { LABELS } from '../../pipeline/write/consolidated/labels';
import type { CliResult } from '../cli/capture';
import { writeFileSync } from 'node:fs';
import {
  csvText,
  fillFor,
  framework,
  mergeCli,
  tidyRowsOf,
  readWorkbook,
  records,
  rowWith,
  sheet,
  shown,
  synthesisCommunes,
  tempDir,
  textsOf,
  writeCommune,
} from '../helpers/merge-fixtures';

const tmp = tempDir('merge-completeness');
afterAll(() => tmp.remove());

const L = LABELS.fr;
const input = path.join(tmp.dir, 'in');
const output = path.join(tmp.dir, 'out.xlsx');
let cli: CliResult;
let json: {
  complete: boolean;
  communes: { code: string; received: boolean; complete: boolean; missing: string[] }[];
  coverage: {
    commune: string;
    period: string;
    state: string;
    files: string[];
    daysLate: number | null;
    deadline: string | null;
  }[];
};
let workbook: ExcelJS.Workbook;

// 2024 ends on 31/12/2024; with the framework's grace days the deadline is 30/04/2025.
const LATE_ENTRY = new Date(Date.UTC(2025, 5, 14));

beforeAll(async () => {
  for (const code of ['GNZ', 'SAL', 'ANS', 'BAR']) await writeCommune(input, code, { period: '2023' });
  await writeCommune(input, 'GNZ', { period: '2024', fill: { 'identification:entryDate': LATE_ENTRY } });
  await writeCommune(input, 'SAL', { period: '2024' });
  await writeCommune(input, 'ANS', { period: '2024', name: 'Ansongo_2024_copie1.xlsx' });
  await writeCommune(input, 'ANS', {
    period: '2024',
    name: 'Ansongo_2024_copie2.xlsx',
    fill: { 'indicators:R4.3.1:achieved': 1, 'indicators:R4.3.1:comment': 'Insécurité' },
  });
  cli = await mergeCli(['--input', input, '--output', output]);
  json = JSON.parse((await mergeCli(['--input', input, '--output', output, '--json'])).stdout) as typeof json;
  workbook = await readWorkbook(output);
}, 60_000);

test('console: the commune-periods not received, the late one, and never « Toutes les communes »', () => {
  expect(cli.code).toBe(1);
  expect(cli.stdout).toContain('Non reçu : Ansongo : 2024 non reçu (fichier refusé) ; Bara : 2024 non reçu.');
  expect(cli.stdout).toMatch(
    /En retard : Gounzourèye : 2024 saisi le 14\/06\/2025, 45 j après la date limite \(30\/04\/2025\)\./,
  );
  expect(cli.stdout).not.toContain('Toutes les communes');
});

test('--json: completeness per commune and period', () => {
  expect(json.complete).toBe(false);
  const state = (commune: string, period: string) =>
    json.coverage.find((c) => c.commune === commune && c.period === period)!;
  expect(state('ANS', '2024')).toEqual(
    expect.objectContaining({ state: 'rejected', files: ['Ansongo_2024_copie1.xlsx', 'Ansongo_2024_copie2.xlsx'] }),
  );
  expect(state('BAR', '2024')).toEqual(expect.objectContaining({ state: 'missing', files: [] }));
  expect(state('GNZ', '2024')).toEqual(
    expect.objectContaining({ state: 'received', daysLate: 45, deadline: '2025-04-30' }),
  );
  expect(json.coverage.filter((c) => c.state === 'received')).toHaveLength(6);
  expect(json.communes.map((c) => [c.code, c.received, c.complete, c.missing])).toEqual([
    ['GNZ', true, true, []],
    ['SAL', true, true, []],
    ['ANS', true, false, ['2024']],
    ['BAR', true, false, ['2024']],
  ]);
});

test('Synthèse: Ansongo and Bara « incomplet (2024 non reçu) », a reception table per period with timeliness, no « all received »', () => {
  const synthesis = sheet(workbook, 'Synthèse');
  const communes = synthesisCommunes(synthesis);
  expect([...communes].map(([name, c]) => [name, c.status])).toEqual([
    ['Gounzourèye', L.received],
    ['Soni Aliber', L.received],
    ['Ansongo', 'incomplet (2024 non reçu)'],
    ['Bara', 'incomplet (2024 non reçu)'],
  ]);
  const texts = textsOf(synthesis);
  expect(texts).not.toContain(L.allReceived);
  expect(texts).toContain(
    '6 fichier(s) reçu(s) sur 8 attendus ; non reçus : Ansongo (2024, fichier refusé) ; Bara (2024).',
  );
  const header = rowWith(synthesis, 'C', L.reception).number;
  const rows = records(synthesis, header).slice(0, 8);
  const row = (commune: string, period: string) =>
    rows.find((r) => r.value(L.commune) === commune && r.value(L.periods) === period)!;
  expect(row('Ansongo', '2024').value(L.reception)).toBe(L.stateRejected);
  expect(row('Bara', '2024').value(L.reception)).toBe(L.stateMissing);
  expect(row('Gounzourèye', '2024').value(L.timeliness)).toBe('45 j de retard (limite : 30/04/2025)');
  expect(row('Soni Aliber', '2024').value(L.timeliness)).toBe(L.onTime);
  expect(row('Bara', '2023').value(L.reception)).toBe(L.stateReceived);
  // The late figures are kept: Gounzourèye's 2024 file is accepted and counted.
  expect(row('Gounzourèye', '2024').value(L.file)).toBe(
    json.coverage.find((c) => c.commune === 'GNZ' && c.period === '2024')!.files[0],
  );
});

test('Sources: one row per commune-period not received, and the timeliness of each accepted file', () => {
  const sources = records(sheet(workbook, 'Sources'), 1);
  const missing = sources
    .filter((r) => r.value(L.file) === null)
    .map((r) => [r.value(L.commune), r.value(L.periods), r.value(L.status), r.value(L.reason)]);
  expect(missing).toEqual([
    ['Ansongo', '2024', L.stateMissing, 'Ansongo : 2024 non reçu (fichier refusé)'],
    ['Bara', '2024', L.stateMissing, 'Bara : 2024 non reçu'],
  ]);
  const gnz2024 = sources.find((r) => r.value(L.commune) === 'Gounzourèye' && r.value(L.periods) === '2024')!;
  expect(gnz2024.value(L.timeliness)).toBe('45 j de retard (limite : 30/04/2025)');
  expect(gnz2024.value(L.status)).toBe('accepté');
});

test('every commune sent every period: then, and only then, « Toutes les communes … »', async () => {
  const dir = path.join(tmp.dir, 'all');
  for (const period of ['2023', '2024'])
    for (const c of framework.communes) await writeCommune(dir, c.code, { period });
  const all = await mergeCli(['--input', dir, '--output', path.join(tmp.dir, 'all.xlsx')]);
  expect(all.stdout).toContain('Toutes les communes ont envoyé leur fichier pour chaque période (2023, 2024).');
  const synthesis = sheet(await readWorkbook(path.join(tmp.dir, 'all.xlsx')), 'Synthèse');
  expect(textsOf(synthesis)).toContain(L.allReceived);
  expect(shown(rowWith(synthesis, 'A', 'Bara').getCell('C'))).toBe(L.received);
});

test('--period with a CSV of two periods: only that period is used, and Sources says that period', async () => {
  const dir = path.join(tmp.dir, 'csv-two-periods');
  await writeCommune(dir, 'SAL', { period: '2024' });
  const rows = [
    ...tidyRowsOf('GNZ', '2023', fillFor('GNZ', '2023')),
    ...tidyRowsOf('GNZ', '2024', fillFor('GNZ', '2024')).slice(1),
  ];
  writeFileSync(path.join(dir, 'gounzoureye.csv'), csvText(rows));
  const run = await mergeCli([
    '--input',
    dir,
    '--output',
    path.join(tmp.dir, 'two.xlsx'),
    '--period',
    '2024',
    '--json',
  ]);
  const summary = JSON.parse(run.stdout) as { sources: { file: string; period: string | null; status: string }[] };
  expect(summary.sources.find((s) => s.file === 'gounzoureye.csv')).toMatchObject({
    status: 'accepted',
    period: '2024',
  });
});

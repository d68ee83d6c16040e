/**
 * Edge cases of targets per period that a review found: a selection without any target, an earlier
 * period missing from the cumulative, targets of an indicator whose achieved is the communes' maximum,
 * the Écarts line without a target, and how the selection is named. Each says the truth or nothing.
 */
import path from 'node:path';
import { consolidate } from '../../core/consolidate/consolidate';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { labelsFor } from '../../pipeline/write/consolidated/labels';
import { gapsText } from '../../pipeline/write/consolidated/synthesis';
import {
  copyExamples,
  mergeCli,
  mergeJson,
  readWorkbook,
  rowWith,
  sheet,
  shown,
  tempDir,
  textsOf,
} from '../helpers/merge-fixtures';
import { acceptedReport, indicator, QUARTERS, setTargets, withQuarters } from '../helpers/quarters';

const tmp = tempDir('merge-period-edges');
afterAll(() => tmp.remove());

const report = acceptedReport;

function quarterly() {
  const fw = withQuarters(loadFrameworkFile());
  setTargets(fw, indicator(fw, 'R1.1.1').periodTargets, { '2024-T1': 5, '2024-T2': 5, '2024-T3': 10, '2024-T4': 5 });
  return fw;
}

test('an earlier period missing from the folder: the model, the console and Synthèse say the cumulative lacks it', () => {
  const fw = quarterly();
  const model = consolidate(
    fw,
    [
      report('GNZ', '2024-T1', { 'R1.1.1': 5 }),
      report('GNZ', '2024-T3', { 'R1.1.1': 9 }),
      report('SAL', '2024-T3', { 'R1.1.1': 9 }),
    ],
    { periods: ['2024-T3'] },
  );
  expect(model.toDateMissing).toEqual([
    { period: '2023', communes: ['GNZ', 'SAL', 'ANS', 'BAR'] },
    { period: '2024-T1', communes: ['SAL', 'ANS', 'BAR'] },
    { period: '2024-T2', communes: ['GNZ', 'SAL', 'ANS', 'BAR'] },
  ]);
  // Without --period the selection is every period read: only what comes before it can be missing.
  expect(consolidate(fw, [report('GNZ', '2024-T1', { 'R1.1.1': 5 })]).toDateMissing).toEqual([
    { period: '2023', communes: ['GNZ', 'SAL', 'ANS', 'BAR'] },
  ]);
  expect(consolidate(fw, [report('GNZ', '2023', { 'R1.1.1': 5 })]).toDateMissing).toEqual([]);
});

test('a selection without any target and without files: « cible non définie », never a planned 0', async () => {
  const output = path.join(tmp.dir, 'seed-2024.xlsx');
  const input = path.join(tmp.dir, 'seed');
  copyExamples(input);
  const { summary } = await mergeJson(['--input', input, '--output', output, '--period', '2024']);
  const r = (
    summary as unknown as { indicators: { code: string; planned: number | null; target: number | null }[] }
  ).indicators.find((i) => i.code === 'R1.1.1')!;
  expect([r.planned, r.target]).toEqual([null, null]);
  const synthesis = sheet(await readWorkbook(output), 'Synthèse');
  const row = rowWith(synthesis, 'A', 'R1.1.1');
  expect(shown(row.getCell('C'))).toBe('cible non définie');
  // The period asked for names the consolidation (a year, not its quarters), in Synthèse's « Période ».
  expect(shown(rowWith(synthesis, 'A', 'Période').getCell('B'))).toBe('2024');
});

test('the 2023 files read for the cumulative of 2024: the console names the periods missing from it', async () => {
  const input = path.join(tmp.dir, 'seed-cum');
  copyExamples(input, ['BAR']);
  const cli = await mergeCli(['--input', input, '--output', path.join(tmp.dir, 'seed-cum.xlsx'), '--period', '2024']);
  expect(cli.stdout).toContain('Cumul à date incomplet, fichiers absents du dossier : 2023 (Bara).');
  const en = await mergeCli([
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 'seed-cum-en.xlsx'),
    '--period',
    '2024',
    '--lang',
    'en',
  ]);
  expect(en.stdout).toContain('Cumulative to date incomplete, files missing from the folder: 2023 (Bara).');
  expect(en.stdout).toMatch(/: period 2023, before 2024: counted in the cumulative to date only/);
  expect(en.stdout).not.toMatch(/\S : period/);
  const synthesis = sheet(await readWorkbook(path.join(tmp.dir, 'seed-cum.xlsx')), 'Synthèse');
  expect(textsOf(synthesis)).toContain('Cumul à date incomplet, fichiers absents du dossier : 2023 (Bara).');
});

test('targets add up over communes even when the achieved is their maximum: Évolution agrees with the totals', () => {
  const fw = quarterly();
  const r = indicator(fw, 'R4.2.1');
  r.aggregation.communes = 'max';
  setTargets(fw, r.periodTargets, { '2024-T1': 1, '2024-T2': 1, '2024-T3': 2, '2024-T4': 2 });
  const model = consolidate(
    fw,
    QUARTERS.slice(0, 2).flatMap((q) => [report('GNZ', q, { 'R4.2.1': 1 }), report('SAL', q, { 'R4.2.1': 1 })]),
    { periods: ['2024-T2'] },
  );
  const line = model.indicators.find((l) => l.item.code === 'R4.2.1')!;
  const t2 = line.evolution.total.find((p) => p.period === '2024-T2')!;
  expect([line.total.planned, t2.plannedReceived, t2.target]).toEqual([2, 2, 4]);
  expect([line.total.achieved, t2.achieved]).toEqual([1, 1]);
});

test('Écarts: a selection without a target for an indicator gives no made-up percentage', () => {
  const fw = withQuarters(loadFrameworkFile());
  // R1.1.1: a target for the whole year only (25 a commune), none per quarter.
  setTargets(fw, indicator(fw, 'R1.1.1').periodTargets, { 2024: 25 });
  const reports = [
    ...QUARTERS.map((q) => report('GNZ', q, { 'R1.1.1': 5 })),
    report('BAR', '2024-T1', { 'R1.1.1': 3 }),
  ];
  const model = consolidate(fw, reports, { periods: [...QUARTERS], selection: '2024' });
  const ctx = {
    model,
    sources: [],
    issues: [],
    lang: 'fr' as const,
    labels: labelsFor('fr'),
    generatedAt: '2024-02-15T00:00:00Z',
    footer: '',
  };
  // Gounzourèye sent the whole year (20 for 25); Bara one quarter, which has no target of its own.
  expect(gapsText(ctx).find((l) => l.startsWith('R1.1.1'))).toBe(
    "R1.1.1 Acteurs formels de protection de l'enfance formés : réalisé 23 ; cible non définie pour une partie de la sélection – Gounzourèye : 20 sur 25",
  );
  const en = gapsText({ ...ctx, lang: 'en', labels: labelsFor('en') }).find((l) => l.startsWith('R1.1.1'));
  expect(en).toBe(
    "R1.1.1 Acteurs formels de protection de l'enfance formés: achieved 23; no target for part of the selection – Gounzourèye: 20 of 25",
  );
});

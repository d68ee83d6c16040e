/**
 * A merge of one quarter among quarterly files: the quarter is judged against its own targets, earlier
 * quarters count in the cumulative to date only (and Sources says so), later ones are set aside; the
 * manager reads both answers in Synthèse and Prévu vs Réalisé. Real workbooks, the real command line.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { periodTarget } from '../../core/framework/periods';
import type { Framework } from '../../core/framework/schema';
import { planTemplate } from '../../core/layout/plan';
import { exampleFill } from '../../pipeline/examples';
import { withSpreadTargets } from '../../pipeline/period-targets';
import { writeTemplateFile, type Fill } from '../../pipeline/templates';
import {
  dataTable,
  framework,
  mergeCli,
  mergeJson,
  readWorkbook,
  rowWith,
  sheet,
  shown,
  tempDir,
  textsOf,
} from '../helpers/merge-fixtures';
import { QUARTERS, withQuarters } from '../helpers/quarters';
import { columnLetter } from '../../core/tables';

const tmp = tempDir('merge-period-selection');
afterAll(() => tmp.remove());

const quarterly: Framework = withSpreadTargets(withQuarters(structuredClone(framework)), QUARTERS);
const R = 'R1.1.1';
const target = (commune: string, period: string) =>
  periodTarget(
    quarterly.periods,
    quarterly.indicators.find((i) => i.code === R)!.periodTargets,
    commune,
    'sum',
    period,
  )!;

/** A quarter's workbook: the example fill, R1.1.1 achieved as given, Prévu showing the quarter's own targets. */
async function quarter(dir: string, commune: string, period: string, achieved: number): Promise<void> {
  const fill: Fill = {
    ...exampleFill(quarterly, commune, period),
    'identification:entryDate': new Date(Date.UTC(2024, 11, 20)),
  };
  for (const ind of quarterly.indicators) {
    const t = periodTarget(quarterly.periods, ind.periodTargets, commune, ind.aggregation.periods, period)!;
    fill[`indicators:${ind.code}:planned`] = t;
    fill[`indicators:${ind.code}:achieved`] = t;
    if (ind.unit === 'personnes')
      Object.assign(fill, { [`indicators:${ind.code}:women`]: 0, [`indicators:${ind.code}:men`]: t });
  }
  Object.assign(fill, {
    [`indicators:${R}:achieved`]: achieved,
    [`indicators:${R}:women`]: 0,
    [`indicators:${R}:men`]: achieved,
  });
  for (const line of quarterly.budgetLines) {
    const planned = periodTarget(quarterly.periods, line.periodPlanned, commune, 'sum', period)!;
    Object.assign(fill, { [`budget:${line.code}:planned`]: planned, [`budget:${line.code}:spent`]: planned });
  }
  for (const cat of quarterly.beneficiaries)
    fill[`beneficiaries:${cat.code}:planned`] = periodTarget(
      quarterly.periods,
      cat.periodTargets,
      commune,
      cat.aggregation.periods,
      period,
    )!;
  await writeTemplateFile(
    quarterly,
    planTemplate(quarterly, commune),
    path.join(dir, `${commune}_${period}.xlsx`),
    fill,
  );
}

let input: string;
let frameworkFile: string;
beforeAll(async () => {
  input = path.join(tmp.dir, 'in');
  frameworkFile = path.join(tmp.dir, 'framework.json');
  writeFileSync(frameworkFile, JSON.stringify(quarterly));
  await quarter(input, 'GNZ', '2024-T1', target('GNZ', '2024-T1'));
  await quarter(input, 'GNZ', '2024-T2', target('GNZ', '2024-T2') + 1);
  await quarter(input, 'GNZ', '2024-T3', target('GNZ', '2024-T3'));
  await quarter(input, 'SAL', '2024-T2', target('SAL', '2024-T2') - 1);
}, 60000);

interface Summary {
  selection: string | null;
  periods: string[];
  toDatePeriods: string[];
  sources: { file: string; status: string; period: string | null; reasonText: string | null }[];
  indicators: {
    code: string;
    planned: number | null;
    achieved: number | null;
    rate: number | null;
    toDate: { achieved: number; target: number; rate: number; endTarget: number };
  }[];
}

test('--period 2024-T2: the quarter against its own targets; T1 in the cumulative only, T3 set aside', async () => {
  const { cli, summary } = await mergeJson([
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 't2.xlsx'),
    '--framework',
    frameworkFile,
    '--period',
    '2024-T2',
  ]);
  const s = summary as unknown as Summary;
  expect(cli.code).toBe(0);
  expect([s.selection, s.periods, s.toDatePeriods]).toEqual(['2024-T2', ['2024-T2'], ['2023', '2024-T1', '2024-T2']]);
  const byFile = new Map(s.sources.map((x) => [x.file, x]));
  expect(byFile.get('GNZ_2024-T1.xlsx')).toMatchObject({
    status: 'accepted',
    reasonText: 'période 2024-T1, avant 2024-T2 : comptée dans le cumul à date seulement',
  });
  expect(byFile.get('GNZ_2024-T3.xlsx')).toMatchObject({ status: 'skipped' });
  expect(byFile.get('GNZ_2024-T2.xlsx')).toMatchObject({ status: 'accepted', reasonText: null });
  const r = s.indicators.find((i) => i.code === R)!;
  // T2 of GNZ and SAL: their own targets, achieved one above and one below; not the end-of-project 25 each.
  const planned = target('GNZ', '2024-T2') + target('SAL', '2024-T2');
  expect([r.planned, r.achieved, r.rate]).toEqual([planned, planned, 1]);
  // To date: GNZ's T1 and T2, SAL's T2, against the end-of-project targets of the two communes.
  const toDate = target('GNZ', '2024-T1') + target('GNZ', '2024-T2') + 1 + target('SAL', '2024-T2') - 1;
  expect(r.toDate).toEqual({ achieved: toDate, target: 50, rate: toDate / 50, endTarget: 100 });
});

test('the console says why T1 is read, and nothing is « below target » against the whole project', async () => {
  const cli = await mergeCli([
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 't2-console.xlsx'),
    '--framework',
    frameworkFile,
    '--period',
    '2024-T2',
  ]);
  expect(cli.stdout).toMatch(
    /GNZ_2024-T1\.xlsx \(Gounzourèye, 2024-T1\) : période 2024-T1, avant 2024-T2 : comptée dans le cumul à date seulement/,
  );
  expect(cli.stdout).not.toMatch(/sous le prévu|below target/);
  expect(cli.stdout).toContain(
    '4 fichier(s) : 3 accepté(s), 0 refusé(s), 1 ignoré(s), 0 écarté(s).\nDont 1 des périodes antérieures (2024-T1), comptés dans le cumul à date seulement.',
  );
});

test('Synthèse and Prévu vs Réalisé label the two questions and give both answers', async () => {
  const output = path.join(tmp.dir, 't2-book.xlsx');
  expect(
    (await mergeCli(['--input', input, '--output', output, '--framework', frameworkFile, '--period', '2024-T2'])).code,
  ).toBe(0);
  const book = await readWorkbook(output);
  const synthesis = sheet(book, 'Synthèse');
  expect(textsOf(synthesis)).toEqual(
    expect.arrayContaining([
      'Sur la période (2024-T2)',
      'Depuis le début du projet (→ 2024-T2)',
      'Cumul à date',
      'Cible fin de projet',
      'Avancement',
    ]),
  );
  const row = rowWith(synthesis, 'A', R);
  const planned = target('GNZ', '2024-T2') + target('SAL', '2024-T2');
  expect(['C', 'D', 'E', 'H'].map((c) => shown(row.getCell(c)))).toEqual([planned, planned, 1, 50]);
  // Progress is never coloured as « en retard »: part of the end-of-project target is not yet due.
  const formatted = (ws: typeof synthesis) =>
    (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings.map((f) => f.ref);
  expect(formatted(synthesis).some((ref) => /(^|[^A-Z])I\d/.test(ref))).toBe(false);
  expect(formatted(synthesis).some((ref) => /(^|[^A-Z])E\d/.test(ref))).toBe(true);
  const pva = sheet(book, 'Prévu vs Réalisé');
  const headers = (pva.getRow(4).values as unknown[]).slice(1);
  const col = (name: string) => headers.indexOf(name) + 1;
  const gnz = pva
    .getRows(5, pva.rowCount - 4)!
    .find((rw) => shown(rw.getCell(1)) === R && shown(rw.getCell(5)) === 'Gounzourèye')!;
  // Évolution: the quarter after the selection is set aside, not « non reçu » (GNZ sent its T3).
  const evolution = sheet(book, 'Évolution');
  const evoRow = rowWith(evolution, 'A', R);
  let headerRow = evoRow.number - 1;
  while (shown(evolution.getRow(headerRow).getCell(1)) !== 'Code') headerRow--;
  const evoHeaders = (evolution.getRow(headerRow).values as unknown[]).slice(1);
  expect(shown(evoRow.getCell(evoHeaders.indexOf('Réalisé 2024-T3') + 1))).toBe('après la sélection');
  expect(shown(evoRow.getCell(evoHeaders.indexOf('Réalisé 2024-T1') + 1))).toBe(target('GNZ', '2024-T1'));
  // Données: the selection's rows only, their period's bounds as real dates (a pivot groups them), the end target.
  const data = dataTable(book);
  expect(new Set(data.map((d) => d['Période']))).toEqual(new Set(['2024-T2']));
  const gnzTotal = data.find(
    (d) => d['Commune'] === 'Gounzourèye' && d['Code'] === R && d['Désagrégation'] === 'Total',
  )!;
  expect([
    gnzTotal['Début de période'],
    gnzTotal['Fin de période'],
    gnzTotal['Prévu'],
    gnzTotal['Cible fin de projet'],
  ]).toEqual([new Date('2024-04-01T00:00:00Z'), new Date('2024-06-30T00:00:00Z'), target('GNZ', '2024-T2'), 25]);
  const progress = columnLetter(col('Avancement'));
  expect(formatted(pva).some((ref) => new RegExp(`(^|[^A-Z])${progress}\\d`).test(ref))).toBe(false);
  expect([
    shown(gnz.getCell(col('Prévu'))),
    shown(gnz.getCell(col('Cumul à date'))),
    shown(gnz.getCell(col('Cible fin de projet'))),
  ]).toEqual([target('GNZ', '2024-T2'), target('GNZ', '2024-T1') + target('GNZ', '2024-T2') + 1, 25]);
});

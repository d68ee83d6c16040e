/**
 * Cumulative consistency across files: for an indicator that reports a running total or a stock
 * (periods rule « max » or « latest »), a commune's value lower than an earlier period's is a warning
 * on the later file's cell, naming both periods and both values. Real workbooks of two quarters.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CUMULATIVE_DECREASE, cumulativeDecreases } from '../../core/consolidate/cumulative';
import type { AcceptedReport } from '../../core/consolidate/model';
import type { DataPoint } from '../../core/extract';
import { interpolate, LANGS, MESSAGES, renderIssue } from '../../core/messages';
import { planTemplate } from '../../core/layout/plan';
import { exampleFill } from '../../pipeline/examples';
import { ruleTitle } from '../../core/messages/merge';
import { writeTemplateFile, type Fill } from '../../pipeline/templates';
import {
  csvText,
  framework,
  mergeCli,
  mergeJson,
  readWorkbook,
  records,
  sheet,
  tempDir,
  tidyRowsOf,
} from '../helpers/merge-fixtures';
import { withQuarters } from '../helpers/quarters';

const tmp = tempDir('merge-cumulative');
afterAll(() => tmp.remove());

// R4.2.1 (row 12) counts a stock by 'max', R3.1.1 (row 7) by 'latest'; R2.2.1 (row 5) adds its periods up.
const quarterly = withQuarters(structuredClone(framework));
const rule = (code: string) => quarterly.indicators.find((i) => i.code === code)!.aggregation.periods;
const ENTERED: Record<string, Date> = {
  '2024-T2': new Date(Date.UTC(2024, 6, 10)),
  '2024-T3': new Date(Date.UTC(2024, 9, 10)),
};

/** A correctly filled quarter workbook of the quarterly framework, with some achievements changed. */
async function quarter(
  dir: string,
  commune: string,
  period: string,
  achieved: Record<string, number>,
): Promise<string> {
  const fill: Fill = { ...exampleFill(quarterly, commune, period), 'identification:entryDate': ENTERED[period]! };
  for (const [code, value] of Object.entries(achieved)) fill[`indicators:${code}:achieved`] = value;
  const name = `${commune}_${period}.xlsx`;
  await writeTemplateFile(quarterly, planTemplate(quarterly, commune), path.join(dir, name), fill);
  return name;
}

let input: string;
let frameworkFile: string;
const FR =
  'R4.2.1 : 3 en 2024-T3, moins que 4 en 2024-T2 (GNZ_2024-T2.xlsx) : un cumul ne diminue pas ; vérifiez les deux fichiers.';
const EN =
  'R4.2.1: 3 in 2024-T3, less than 4 in 2024-T2 (GNZ_2024-T2.xlsx): a running total does not go down; check both files.';

beforeAll(async () => {
  expect([rule('R4.2.1'), rule('R3.1.1'), rule('R2.2.1')]).toEqual(['max', 'latest', 'sum']);
  input = path.join(tmp.dir, 'in');
  mkdirSync(input, { recursive: true });
  frameworkFile = path.join(tmp.dir, 'cadre-trimestres.json');
  writeFileSync(frameworkFile, JSON.stringify(quarterly, null, 2));
  // Gounzourèye: the 'max' stock goes down (4 → 3), the 'latest' one stays, the 'sum' count goes down (as it may).
  await quarter(input, 'GNZ', '2024-T2', { 'R4.2.1': 4, 'R3.1.1': 2, 'R2.2.1': 2 });
  await quarter(input, 'GNZ', '2024-T3', { 'R4.2.1': 3, 'R3.1.1': 2, 'R2.2.1': 0 });
  // Soni Aliber: everything goes up, or a 'sum' count down.
  await quarter(input, 'SAL', '2024-T2', { 'R4.2.1': 1, 'R3.1.1': 1, 'R2.2.1': 3 });
  await quarter(input, 'SAL', '2024-T3', { 'R4.2.1': 2, 'R3.1.1': 2, 'R2.2.1': 1 });
});

const decreases = <T extends { ruleId: string }>(issues: T[]): T[] =>
  issues.filter((i) => i.ruleId === CUMULATIVE_DECREASE.id);

test('a « max » stock that goes down is one warning on the later file’s cell, naming both periods and values', async () => {
  const { cli, summary } = await mergeJson([
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 'out.xlsx'),
    '--framework',
    frameworkFile,
  ]);
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(0);
  expect(decreases(summary.issues)).toEqual([
    {
      file: 'GNZ_2024-T3.xlsx',
      ruleId: 'cumulative-decrease',
      severity: 'warning',
      sheet: 'Indicateurs',
      row: 12,
      column: 6,
      address: 'F12',
      messageId: 'decrease',
      params: {
        code: 'R4.2.1',
        value: 3,
        period: '2024-T3',
        earlier: 4,
        earlierPeriod: '2024-T2',
        earlierFile: 'GNZ_2024-T2.xlsx',
      },
      message: FR,
    },
  ]);
  // Counted in the later file's line of Sources: its warnings are those listed for it.
  const warnings = (file: string) => summary.issues.filter((i) => i.file === file && i.severity === 'warning').length;
  const records = summary.sources as unknown as { file: string; warnings: number; status: string }[];
  for (const s of records) expect([s.file, s.status, s.warnings]).toEqual([s.file, 'accepted', warnings(s.file)]);
  expect(records.find((s) => s.file === 'GNZ_2024-T3.xlsx')!.warnings).toBeGreaterThanOrEqual(1);
});

test('the console shows it under the later file, with its cell; in English too', async () => {
  const fr = await mergeCli([
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 'out-fr.xlsx'),
    '--framework',
    frameworkFile,
  ]);
  const lines = fr.stdout.split('\n');
  const at = lines.findIndex((l) => l.includes('GNZ_2024-T3.xlsx'));
  const own = lines.slice(
    at + 1,
    lines.findIndex((l, i) => i > at && !l.startsWith('    ')),
  );
  expect(own.filter((l) => l.includes(FR))).toEqual([
    expect.stringMatching(/^\s+Avertissement\s+Indicateurs!F12\s+R4\.2\.1 : 3 en 2024-T3/),
  ]);
  expect(fr.stdout.split(FR)).toHaveLength(2);
  const en = await mergeCli([
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 'out-en.xlsx'),
    '--framework',
    frameworkFile,
    '--lang',
    'en',
  ]);
  expect(en.stdout).toContain(EN);
});

test('the Contrôles sheet lists it with the later file and cell', async () => {
  const output = path.join(tmp.dir, 'out-controls.xlsx');
  await mergeCli(['--input', input, '--output', output, '--framework', frameworkFile]);
  const rows = records(sheet(await readWorkbook(output), 'Contrôles'), 1).filter((r) => r.value('Message') === FR);
  expect(rows.map((r) => [r.value('Fichier'), r.value('Feuille'), r.value('Cellule'), r.value('Contrôle')])).toEqual([
    ['GNZ_2024-T3.xlsx', 'Indicateurs', 'F12', CUMULATIVE_DECREASE.description.fr],
  ]);
});

test('with --period 2024-T3 the earlier quarter’s files are read, and the decrease is seen', async () => {
  const { summary } = await mergeJson([
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 'out-t3.xlsx'),
    '--framework',
    frameworkFile,
    '--period',
    '2024-T3',
  ]);
  expect(decreases(summary.issues).map((i) => [i.file, i.message])).toEqual([['GNZ_2024-T3.xlsx', FR]]);
});

test('with --period 2024-T2 the later quarter is set aside: nothing to compare', async () => {
  const { summary } = await mergeJson([
    '--input',
    input,
    '--output',
    path.join(tmp.dir, 'out-t2.xlsx'),
    '--framework',
    frameworkFile,
    '--period',
    '2024-T2',
  ]);
  expect(decreases(summary.issues)).toEqual([]);
});

test('in a tidy CSV of two quarters, the warning points at the CSV’s own row and Réalisé column', async () => {
  const dir = path.join(tmp.dir, 'csv');
  mkdirSync(dir, { recursive: true });
  const fill = (period: string, value: number): Fill => ({
    ...exampleFill(quarterly, 'GNZ', period),
    'indicators:R4.2.1:achieved': value,
  });
  const rows = [
    ...tidyRowsOf('GNZ', '2024-T2', fill('2024-T2', 4)),
    ...tidyRowsOf('GNZ', '2024-T3', fill('2024-T3', 3)).slice(1),
  ];
  writeFileSync(path.join(dir, 'gounzoureye.csv'), csvText(rows));
  const line = rows.findIndex((r) => r[0] === '2024-T3' && r[4] === 'R4.2.1' && r[6] === 'Total') + 1;
  const column = rows[0]!.indexOf('Réalisé') + 1;
  const { cli, summary } = await mergeJson([
    '--input',
    dir,
    '--output',
    path.join(tmp.dir, 'out-csv.xlsx'),
    '--framework',
    frameworkFile,
  ]);
  expect(cli.code).toBe(0);
  expect(decreases(summary.issues).map((i) => [i.file, i.sheet, i.row, i.column])).toEqual([
    ['gounzoureye.csv', 'gounzoureye', line, column],
  ]);
});

describe('cumulativeDecreases (pure)', () => {
  const point = (code: string, achieved: number | null, row = 12): DataPoint => ({
    section: 'indicators',
    code,
    disaggregation: 'total',
    planned: null,
    achieved,
    comment: '',
    source: `Indicateurs!F${row}`,
  });
  const report = (
    commune: string,
    period: string,
    points: DataPoint[],
    source = `${commune}_${period}.xlsx`,
  ): AcceptedReport => ({
    source,
    commune,
    period,
    filledBy: '',
    entryDate: null,
    points,
  });
  const found = (reports: AcceptedReport[]) =>
    cumulativeDecreases(quarterly, reports).map((i) => [
      i.file,
      i.params.earlierPeriod,
      i.params.earlier,
      i.params.value,
    ]);

  it('compares in time order, whatever the order of the files', () => {
    expect(
      found([report('GNZ', '2024-T3', [point('R4.2.1', 3)]), report('GNZ', '2024-T2', [point('R4.2.1', 4)])]),
    ).toEqual([['GNZ_2024-T3.xlsx', '2024-T2', 4, 3]]);
  });

  it('names the earlier period with the highest value, the nearest one on a tie', () => {
    const reports = [
      report('GNZ', '2024-T1', [point('R3.1.1', 5, 7)]),
      report('GNZ', '2024-T2', [point('R3.1.1', 5, 7)]),
      report('GNZ', '2024-T3', [point('R3.1.1', 2, 7)]),
      report('GNZ', '2024-T4', [point('R3.1.1', 4, 7)]),
    ];
    expect(found(reports)).toEqual([
      ['GNZ_2024-T3.xlsx', '2024-T2', 5, 2],
      ['GNZ_2024-T4.xlsx', '2024-T2', 5, 4],
    ]);
  });

  it('never compares « sum » indicators, other communes, Femmes / Hommes rows or missing values', () => {
    const women: DataPoint = { ...point('R4.2.1', 1), disaggregation: 'women' };
    const reports = [
      report('GNZ', '2024-T1', [point('R2.2.1', 9, 5), point('R4.2.1', 6), { ...women, achieved: 9 }]),
      report('SAL', '2024-T2', [point('R4.2.1', 1)]),
      report('GNZ', '2024-T2', [point('R2.2.1', 0, 5), point('R4.2.1', null), women]),
      report('GNZ', '2024-T3', [point('R4.2.1', 6)]),
    ];
    expect(found(reports)).toEqual([]);
  });

  it('leaves two files of the same period to the duplicates check', () => {
    expect(
      found([
        report('GNZ', '2024-T2', [point('R4.2.1', 4)], 'a.xlsx'),
        report('GNZ', '2024-T2', [point('R4.2.1', 3)], 'b.xlsx'),
      ]),
    ).toEqual([]);
  });

  it('ignores a file of a period that groups others (the year of the quarters)', () => {
    expect(
      found([report('GNZ', '2024', [point('R4.2.1', 9)]), report('GNZ', '2024-T1', [point('R4.2.1', 3)])]),
    ).toEqual([]);
  });

  it('compares years when they are the reporting periods (the real framework)', () => {
    const issues = cumulativeDecreases(framework, [
      report('BAR', '2023', [point('R4.2.1', 2)]),
      report('BAR', '2024', [point('R4.2.1', 1)]),
    ]);
    expect(issues.map((i) => [i.file, i.sheet, i.address, i.row, i.column])).toEqual([
      ['BAR_2024.xlsx', 'Indicateurs', 'F12', 12, 6],
    ]);
  });

  it('has its message in both languages, with the same placeholders, and a title for Contrôles', () => {
    const params = {
      code: 'R4.2.1',
      value: 3,
      period: '2024-T3',
      earlier: 4,
      earlierPeriod: '2024-T2',
      earlierFile: 'GNZ_2024-T2.xlsx',
    };
    expect(renderIssue({ ruleId: CUMULATIVE_DECREASE.id, messageId: 'decrease', params }, 'fr')).toBe(FR);
    expect(renderIssue({ ruleId: CUMULATIVE_DECREASE.id, messageId: 'decrease', params }, 'en')).toBe(EN);
    for (const lang of LANGS) {
      const template = (MESSAGES[lang].checks as Record<string, Record<string, string>>)[CUMULATIVE_DECREASE.id]!
        .decrease!;
      expect(interpolate(template, params, lang)).not.toMatch(/\{\w+\}/);
      expect(ruleTitle(CUMULATIVE_DECREASE.id, lang)).toBe(CUMULATIVE_DECREASE.description[lang]);
    }
  });
});

/**
 * A commune's report as a CSV in the tidy long format (the `Données` columns): a merge's own `--csv`
 * export saved again from a spreadsheet (the export as written is an output, skipped), or written by
 * hand the way French Excel or KoboToolbox gives it (`;`, UTF-8 BOM, `1 250 000` with any kind of
 * space). It merges to the same totals as the workbook it stands for; a bad row is refused with its
 * CSV line and column.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  TIDY_HEADER_V1,
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
  rowWith,
  SEED_ACHIEVED,
  SEED_BUDGET,
  sectionTexts,
  sheet,
  shown,
  tempDir,
  tidyRowsOf,
} from '../helpers/merge-fixtures';
import { columnLetter } from '../../core/tables';

const tmp = tempDir('merge-csv-in');
afterAll(() => tmp.remove());

/** Everything the seed checks, from a consolidated workbook. */
function totals(workbook: ExcelJS.Workbook) {
  const pva = detailRows(sheet(workbook, 'Prévu vs Réalisé')).filter((r) => r.commune === 'Total projet');
  const ben = detailRows(sheet(workbook, 'Bénéficiaires')).filter((r) => r.commune === 'Total projet');
  const budget = sheet(workbook, 'Budget');
  const grand = rowWith(budget, 'B', 'Total budget');
  return {
    indicators: Object.fromEntries(
      pva.map((r) => [r.code, [r.value('Réalisé'), r.value('Femmes'), r.value('Hommes')]]),
    ),
    beneficiaries: Object.fromEntries(
      ben.map((r) => [r.code, [r.value('Total'), r.value('Femmes'), r.value('Hommes')]]),
    ),
    budgetLines: Object.fromEntries(
      detailRows(budget)
        .filter((r) => r.commune === 'Total projet')
        .map((r) => [r.code, r.value('Dépensé (FCFA)')]),
    ),
    budget: [shown(grand.getCell('E')), shown(grand.getCell('F'))],
    gaps: sectionTexts(sheet(workbook, 'Synthèse'), 'Écarts'),
  };
}

let reference: ReturnType<typeof totals>;
beforeAll(async () => {
  const input = path.join(tmp.dir, 'reference');
  copyExamples(input);
  const output = path.join(tmp.dir, 'reference.xlsx');
  const cli = await mergeCli(['--input', input, '--output', output]);
  expect(cli.code).toBe(0);
  reference = totals(await readWorkbook(output));
  expect(Object.fromEntries(Object.entries(reference.indicators).map(([k, v]) => [k, v[0]]))).toEqual(SEED_ACHIEVED);
  expect(reference.budget).toEqual([SEED_BUDGET, SEED_BUDGET]);
});

test('the --csv export of a merge is an output, skipped; saved again as CSV (as Excel does), it is the commune’s input and gives the same totals', async () => {
  // 1. Merge Soni Aliber alone, exporting the tidy table.
  const alone = path.join(tmp.dir, 'sal-alone');
  copyExamples(alone, ['GNZ', 'ANS', 'BAR']);
  const csv = path.join(tmp.dir, 'soni-aliber.csv');
  const first = await mergeCli(['--input', alone, '--output', path.join(tmp.dir, 'sal-alone.xlsx'), '--csv', csv]);
  expect(first.code).toBe(0);
  // 2. The three other workbooks and that export, as written: skipped, Soni Aliber not received.
  const input = path.join(tmp.dir, 'with-export');
  copyExamples(input, ['SAL']);
  copyFileSync(csv, path.join(input, 'soni-aliber.csv'));
  const skipped = await mergeJson(['--input', input, '--output', path.join(tmp.dir, 'with-export-as-is.xlsx')]);
  expect(skipped.summary.sources.find((s) => s.file === 'soni-aliber.csv')).toMatchObject({ status: 'skipped' });
  expect(skipped.summary.sources.find((s) => s.file === 'soni-aliber.csv')!.reasonText).toContain(
    'consolidation précédente',
  );
  expect(skipped.summary.communes.find((c) => c.code === 'SAL')!.received).toBe(false);
  // 3. Saved again from a spreadsheet (Excel and LibreOffice quote only what needs it): a tidy table like any other.
  const resaved = Papa.parse<string[]>(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), {
    skipEmptyLines: 'greedy',
  }).data;
  writeFileSync(path.join(input, 'soni-aliber.csv'), csvText(resaved), 'utf8');
  const output = path.join(tmp.dir, 'with-export.xlsx');
  const { cli, summary } = await mergeJson(['--input', input, '--output', output]);
  expect(summary.issues).toEqual([]);
  expect(cli.code).toBe(0);
  expect(summary.sources.find((s) => s.file === 'soni-aliber.csv')).toMatchObject({
    status: 'accepted',
    commune: 'SAL',
    period: '2023',
  });
  const workbook = await readWorkbook(output);
  expect(totals(workbook)).toEqual(reference);
  const data = dataTable(workbook);
  expect(data).toHaveLength(4 * pointsPerReport());
  expect(data.filter((r) => r['Source'] === 'soni-aliber.csv')).toHaveLength(pointsPerReport());
});

test('a --csv table written before targets per period (ten columns) is still recognised as last run’s output', async () => {
  const input = path.join(tmp.dir, 'old-export');
  copyExamples(input);
  // The older table's first line exactly as the tool wrote it: BOM, quoted headers, CRLF.
  const header = `\uFEFF${TIDY_HEADER_V1.map((h) => `"${h}"`).join(';')}\r\n`;
  writeFileSync(
    path.join(input, 'donnees-2023.csv'),
    `${header}"2023";"Ansongo";"Ansongo";"Indicateurs";"R1.1.1";"x";"Total";25;25;"a.xlsx"\r\n`,
    'utf8',
  );
  const { summary } = await mergeJson(['--input', input, '--output', path.join(tmp.dir, 'old-export.xlsx')]);
  expect(summary.sources.find((s) => s.file === 'donnees-2023.csv')).toMatchObject({ status: 'skipped' });
  expect(summary.sources.find((s) => s.file === 'donnees-2023.csv')!.reasonText).toContain('consolidation précédente');
});

test('a hand-made CSV (`;`, BOM, « 4 625 000 » with spaces, no-break and narrow no-break spaces) gives the same totals', async () => {
  const input = path.join(tmp.dir, 'by-hand');
  copyExamples(input, ['ANS']);
  const rows = tidyRowsOf('ANS', '2023', fillFor('ANS'));
  const text = csvText(rows);
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text).toMatch(/4\u00a0625\u00a0000|4\u202f625\u202f000|4 625 000/);
  writeFileSync(path.join(input, 'ansongo-kobo.csv'), text, 'utf8');
  const output = path.join(tmp.dir, 'by-hand.xlsx');
  const { cli, summary } = await mergeJson(['--input', input, '--output', output]);
  expect(summary.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  expect(cli.code).toBe(0);
  const workbook = await readWorkbook(output);
  expect(totals(workbook)).toEqual(reference);
  // Every number of the CSV is in Données once, as a number.
  const ans = dataTable(workbook).filter((r) => r['Commune'] === communeName('ANS'));
  expect(ans).toHaveLength(rows.length - 1);
  expect(ans.every((r) => typeof r['Réalisé'] === 'number' && r['Source'] === 'ansongo-kobo.csv')).toBe(true);
});

describe('a CSV with bad rows is refused, each problem at its CSV line and column', () => {
  const rows = tidyRowsOf('BAR', '2023', fillFor('BAR'));
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);
  const letter = (name: string) => columnLetter(col(name) + 1);
  // A non-number in Réalisé of an existing row, and a row with a code the framework does not know.
  const wordLine = rows.findIndex((r) => r[col('Code')] === 'R2.2.1' && r[col('Désagrégation')] === 'Total');
  const bad = rows.map((r, i) => (i === wordLine ? r.map((v, c) => (c === col('Réalisé') ? 'un' : v)) : r));
  bad.push(['2023', 'Bara', 'Ansongo', 'Indicateurs', 'R9.9.9', 'Indicateur inconnu', 'Total', '1', '1', '']);
  const unknownLine = bad.length; // 1-based line of the last row
  const file = 'bara.csv';
  const sheetName = 'bara';

  let input: string;
  beforeAll(() => {
    input = path.join(tmp.dir, 'bad-csv');
    copyExamples(input, ['BAR']);
    writeFileSync(path.join(input, file), csvText(bad), 'utf8');
  });

  test.each([
    ['a non-number in Réalisé', 'not-a-number', () => wordLine + 1, () => letter('Réalisé')],
    ['an unknown code', 'unknown-code', () => unknownLine, () => letter('Code')],
  ])('%s: %s at the CSV line and column', async (_what, ruleId, line, column) => {
    const { cli, summary } = await mergeJson(['--input', input, '--output', path.join(tmp.dir, `bad-${ruleId}.xlsx`)]);
    expect(cli.code).toBe(1);
    expect(summary.sources.find((s) => s.file === file)!.status).toBe('rejected');
    const issue = summary.issues.find((i) => i.file === file && i.ruleId === ruleId)!;
    expect(issue).toBeDefined();
    expect(issue).toMatchObject({ severity: 'error', sheet: sheetName, row: line(), address: `${column()}${line()}` });
    expect(issue.message).not.toContain('\n');
  });

  test('exactly those two errors, both located; Bara non reçu; human output names bara!<cell>', async () => {
    const { summary } = await mergeJson(['--input', input, '--output', path.join(tmp.dir, 'bad-all.xlsx')]);
    const errors = summary.issues.filter((i) => i.file === file && i.severity === 'error');
    expect(errors.map((e) => e.address).sort()).toEqual(
      [`${letter('Réalisé')}${wordLine + 1}`, `${letter('Code')}${unknownLine}`].sort(),
    );
    expect(summary.communes.find((c) => c.code === 'BAR')!.received).toBe(false);

    const cli = await mergeCli(['--input', input, '--output', path.join(tmp.dir, 'bad-human.xlsx')]);
    expect(cli.stdout).toContain(`${sheetName}!${letter('Réalisé')}${wordLine + 1}`);
    expect(cli.stdout).toContain(`${sheetName}!${letter('Code')}${unknownLine}`);
    expect(cli.stdout).toMatch(/✗ refusé\s+bara\.csv/);
  });
});

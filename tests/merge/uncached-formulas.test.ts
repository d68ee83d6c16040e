/**
 * Templates filled by a program that keeps the template's formulas (the Total of Bénéficiaires) but
 * saves them without a cached value — exceljs writing `{ formula }` alone, or openpyxl — merge to the
 * same totals as the examples: the merge never trusts (nor needs) a cached result.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { isPeople } from '../../core/framework/schema';
import { inputCells, planTemplate, templateFileName } from '../../core/layout/plan';
import { writeTemplateFile } from '../../pipeline/templates';
import { FIXTURES_DIR } from '../fixtures/workbooks';
import {
  COMMUNES,
  copyExamples,
  dataTable,
  detailRows,
  fillFor,
  formulaOf,
  framework,
  type JsonSummary,
  mergeJson,
  readWorkbook,
  rowWith,
  SEED_ACHIEVED,
  SEED_BUDGET,
  sheet,
  shown,
  tempDir,
} from '../helpers/merge-fixtures';

const tmp = tempDir('merge-uncached');
afterAll(() => tmp.remove());

/** An empty template of the generator, for a commune and 2023 (its targets in Prévu, which openpyxl's fill copies). */
async function emptyTemplate(code: string): Promise<string> {
  const dir = path.join(tmp.dir, 'templates');
  mkdirSync(dir, { recursive: true });
  const commune = framework.communes.find((c) => c.code === code)!;
  const file = path.join(dir, templateFileName(framework, commune, '_2023'));
  await writeTemplateFile(framework, planTemplate(framework, code, '2023'), file);
  return file;
}

/** exceljs: the example values typed in, and every formula of Bénéficiaires re-saved with no result. */
async function fillWithExceljs(code: string, out: string): Promise<void> {
  const cells = inputCells(planTemplate(framework, code, '2023'));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await emptyTemplate(code));
  for (const [key, value] of Object.entries(fillFor(code))) {
    const target = cells.get(key)!;
    workbook.getWorksheet(target.sheet.name)!.getCell(target.cell.row, target.cell.column).value = value;
  }
  const ben = workbook.getWorksheet('Bénéficiaires')!;
  ben.eachRow((row) =>
    row.eachCell((cell) => {
      const f = formulaOf(cell);
      if (f !== null) cell.value = { formula: f };
    }),
  );
  await workbook.xlsx.writeFile(out);
}

/** openpyxl (tests/fixtures/fill_with_openpyxl.py): formulas kept, cached values dropped. */
async function fillWithOpenpyxl(code: string, out: string): Promise<void> {
  const script = path.join(FIXTURES_DIR, 'fill_with_openpyxl.py');
  const printed = execFileSync('/usr/bin/python3', [script, await emptyTemplate(code), out, '--period', '2023'], {
    encoding: 'utf8',
  });
  expect(JSON.parse(printed)).toEqual({ broken: [] });
}

/** The Total cells of Bénéficiaires for people categories: formulas, and none has a cached value. */
async function uncachedTotals(file: string): Promise<number> {
  const workbook = await readWorkbook(file);
  const ws = sheet(workbook, 'Bénéficiaires');
  let count = 0;
  for (const cat of framework.beneficiaries.filter(isPeople)) {
    const row = rowWith(ws, 'A', cat.code);
    const total = row.getCell('F');
    expect(formulaOf(total)).toBe(`D${row.number}+E${row.number}`);
    expect(total.result).toBeUndefined();
    count++;
  }
  return count;
}

let examples: JsonSummary['indicators'];
beforeAll(async () => {
  const dir = path.join(tmp.dir, 'examples');
  copyExamples(dir);
  const { cli, summary } = await mergeJson(['--input', dir, '--output', path.join(tmp.dir, 'examples.xlsx')]);
  expect(cli.code).toBe(0);
  examples = summary.indicators;
});

// exceljs types the examples' own values, so even Femmes / Hommes match; openpyxl splits by sex its own way.
test.each([
  { name: 'exceljs', fill: fillWithExceljs, compared: 'every figure' },
  { name: 'openpyxl', fill: fillWithOpenpyxl, compared: 'planned and achieved' },
] as const)(
  'templates filled with $name, formulas without cached values: the same totals as the examples ($compared)',
  async ({ name, fill, compared }) => {
    const input = path.join(tmp.dir, name);
    mkdirSync(input, { recursive: true });
    for (const code of COMMUNES) {
      const commune = framework.communes.find((c) => c.code === code)!;
      const file = path.join(input, templateFileName(framework, commune, `_${name}`));
      await fill(code, file);
      expect(await uncachedTotals(file)).toBe(3);
    }
    const output = path.join(tmp.dir, `${name}.xlsx`);
    const { cli, summary } = await mergeJson(['--input', input, '--output', output]);
    expect(summary.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(cli.code).toBe(0);
    expect(Object.fromEntries(summary.indicators.map((i) => [i.code, i.achieved]))).toEqual(SEED_ACHIEVED);
    const pick = (list: JsonSummary['indicators']) =>
      compared === 'every figure' ? list : list.map(({ code, planned, achieved }) => ({ code, planned, achieved }));
    expect(pick(summary.indicators)).toEqual(pick(examples));

    const workbook = await readWorkbook(output);
    const totals = detailRows(sheet(workbook, 'Prévu vs Réalisé')).filter((r) => r.commune === 'Total projet');
    expect(Object.fromEntries(totals.map((r) => [r.code, r.value('Réalisé')]))).toEqual(SEED_ACHIEVED);
    const grand = rowWith(sheet(workbook, 'Budget'), 'B', 'Total budget');
    expect([shown(grand.getCell('E')), shown(grand.getCell('F'))]).toEqual([SEED_BUDGET, SEED_BUDGET]);
    // Beneficiaries: each category's total is its target, and Total = Femmes + Hommes for people.
    const ben = detailRows(sheet(workbook, 'Bénéficiaires')).filter((r) => r.commune === 'Total projet');
    for (const cat of framework.beneficiaries) {
      const r = ben.find((x) => x.code === cat.code)!;
      const target = Object.values(cat.targets).reduce((a, b) => a + b, 0);
      expect([cat.code, r.value('Total')]).toEqual([cat.code, target]);
      if (isPeople(cat)) expect(Number(r.value('Femmes')) + Number(r.value('Hommes'))).toBe(target);
    }
    // And in Données the people Totals are numbers (Femmes + Hommes), never blank.
    const data = dataTable(workbook).filter((r) => r['Section'] === 'Bénéficiaires' && r['Désagrégation'] === 'Total');
    expect(data).toHaveLength(COMMUNES.length * framework.beneficiaries.length);
    expect(data.every((r) => typeof r['Réalisé'] === 'number')).toBe(true);
  },
);

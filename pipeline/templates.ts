import path from 'node:path';
import { isReportingPeriod, periodTree, reportingPeriodsOf } from '../core/framework/periods';
import type { Framework } from '../core/framework/schema';
import { inputCells, planTemplate, templateFileName, type TemplatePlan } from '../core/layout/plan';
import { a1 } from '../core/tables';
import { writeAtomic } from './write/atomic';
import { renderTemplate } from './write/template-xlsx';
import { fromRoot } from './paths';

export const TEMPLATES_DIR = fromRoot('templates', 'communes');

/** Values to put in a template's input cells, by input key (see core/layout/plan). */
export type Fill = Record<string, string | number | Date | null>;

/** Writes the plan with the given input values; a Date becomes a real Excel date cell. */
export async function writeTemplateFile(
  framework: Framework,
  plan: TemplatePlan,
  file: string,
  fill: Fill = {},
): Promise<void> {
  const cells = inputCells(plan);
  const dates = new Map<string, Date>();
  for (const [key, value] of Object.entries(fill)) {
    const target = cells.get(key);
    if (!target) throw new Error(`no input cell ${key} in the template`);
    if (value instanceof Date) dates.set(key, value);
    else target.cell.value = value;
  }
  // Cached results of the template's own formulas follow the filled values, as Excel would show them.
  for (const sheet of plan.sheets)
    for (const cell of sheet.cells) {
      if (cell.formula === undefined) continue;
      const refs = cell.formula.split('+').map((ref) => sheet.cells.find((c) => a1(c.row, c.column) === ref));
      cell.result = refs.reduce((sum, c) => sum + (typeof c?.value === 'number' ? c.value : 0), 0);
    }
  const workbook = await renderTemplate(plan, {
    creator: framework.project.implementer,
    version: `${framework.id} ${framework.version}`,
  });
  for (const [key, date] of dates) {
    const { sheet, cell } = cells.get(key)!;
    workbook.getWorksheet(sheet.name)!.getCell(cell.row, cell.column).value = date;
  }
  await writeAtomic(file, (temp) => workbook.xlsx.writeFile(temp));
}

/**
 * Why `label` cannot have its own templates (a one-line French error), or null when it is a reporting period.
 * A year that groups quarters is consolidated, never reported on: its templates would be its quarters'.
 */
export function templatePeriodProblem(framework: Framework, label: string): string | null {
  const tree = periodTree(framework.periods);
  if (isReportingPeriod(framework.periods, label)) return null;
  const choices = tree.reporting.join(', ');
  return tree.byLabel.has(label)
    ? `--period : « ${label} » regroupe plusieurs périodes (${reportingPeriodsOf(framework.periods, label).join(', ')}) ; un modèle se fait pour une période de rapportage : ${choices}`
    : `--period : « ${label} » n’est pas une période du cadre ; choisissez une période de rapportage : ${choices}`;
}

/** One empty template per commune, for one reporting period or generic (no period); returns the files written. */
export async function writeTemplates(framework: Framework, outDir: string, period?: string): Promise<string[]> {
  if (period !== undefined) {
    const problem = templatePeriodProblem(framework, period);
    if (problem) throw new Error(problem);
  }
  const files: string[] = [];
  for (const commune of framework.communes) {
    const file = path.join(outDir, templateFileName(framework, commune, period === undefined ? '' : `_${period}`));
    await writeTemplateFile(framework, planTemplate(framework, commune.code, period), file);
    files.push(file);
  }
  return files;
}

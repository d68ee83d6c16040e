import { BORDER_COLOUR, BORDERED_ROLES, ROLE_FILLS as PLAN_FILLS, wrappedRowHeights } from '../../core/layout/plan';
import type { CellRole, PlannedCell, PlannedSheet, TemplatePlan, Validation } from '../../core/layout/plan';
import { a1, columnLetter } from '../../core/tables';

/**
 * « Créer le modèle »: renders core/layout/plan.ts's template plan through Office.js, the same plan
 * the exceljs writer (pipeline/write/template-xlsx.ts) renders, with the same fills by role.
 * Values, formulas, number formats, fills, fonts, borders and column widths need ExcelApi 1.1;
 * cell locking and sheet protection 1.2; frozen header rows 1.7; data validation 1.8; print setup 1.9.
 * Each optional part is skipped when the host lacks it.
 */

/** The plan's colours (the exceljs template uses the same), as Office.js writes them. */
export const ROLE_FILLS: Partial<Record<CellRole, string>> = Object.fromEntries(
  Object.entries(PLAN_FILLS).map(([role, hex]) => [role, `#${hex}`]),
);
const BORDERED = BORDERED_ROLES;
const BORDER_COLOR = `#${BORDER_COLOUR}`;
const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

export interface WriterFeatures {
  protection: boolean;
  freezePanes: boolean;
  dataValidation: boolean;
  pageLayout: boolean;
}

/** What this Excel can do, from `Office.context.requirements.isSetSupported('ExcelApi', v)`. */
export function writerFeatures(supports: (version: string) => boolean): WriterFeatures {
  return {
    protection: supports('1.2'),
    freezePanes: supports('1.7'),
    dataValidation: supports('1.8'),
    pageLayout: supports('1.9'),
  };
}

/** Column width in characters (exceljs) → points (Office.js), for the default Calibri 11 font. */
export function widthToPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/**
 * Text that Excel would turn into something else when written through `values` (a formula, a number,
 * a date, a boolean) is written with a leading apostrophe, as a person would type it, and stays text.
 */
export function asTypedText(value: string): string {
  const risky = /^[=+\-@]/.test(value) || /^[\d\s.,:/%()$€-]+$/.test(value) || /^(true|false|vrai|faux)$/i.test(value);
  return risky ? `'${value}` : value;
}

function validationRule(v: Validation): Excel.DataValidationRule {
  if (v.type === 'whole') return { wholeNumber: { formula1: v.min ?? 0, operator: 'GreaterThanOrEqualTo' } };
  if (v.type === 'date') return { date: { formula1: v.dates![0], formula2: v.dates![1], operator: 'Between' } };
  return { list: { inCellDropDown: true, source: v.list!.join(',') } };
}

function writeCell(
  worksheet: Excel.Worksheet,
  sheet: PlannedSheet,
  planned: PlannedCell,
  features: WriterFeatures,
): void {
  const range = worksheet.getCell(planned.row - 1, planned.column - 1);
  if (planned.numFmt) range.numberFormat = [[planned.numFmt]];
  if (planned.formula !== undefined) range.formulas = [[`=${planned.formula}`]];
  else if (planned.value !== undefined && planned.value !== null)
    range.values = [[typeof planned.value === 'string' ? asTypedText(planned.value) : planned.value]];

  // Navigation to a child object that is only written: nothing is read, so nothing needs loading.
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  const format = range.format;
  const fill = ROLE_FILLS[planned.role];
  if (fill) format.fill.color = fill;
  if (BORDERED.has(planned.role))
    for (const edge of EDGES) {
      const border = format.borders.getItem(edge);
      border.style = 'Continuous';
      border.weight = 'Thin';
      border.color = BORDER_COLOR;
    }
  if (planned.role === 'title') {
    format.font.bold = true;
    format.font.size = 14;
    format.font.color = '#1F4E78';
  }
  if (planned.role === 'subtitle') format.font.italic = true;
  if (planned.role === 'header') {
    format.font.bold = true;
    format.font.color = '#FFFFFF';
  }
  if (planned.role === 'label') format.font.bold = true;
  if (planned.muted) {
    format.font.italic = true;
    format.font.color = '#808080';
  }
  format.verticalAlignment = 'Top';
  format.wrapText = Boolean(planned.wrap || planned.role === 'header');
  if (features.protection && sheet.protect && planned.role === 'input') format.protection.locked = false;
  if (features.dataValidation && planned.validation) {
    const v = planned.validation;
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    const dv = range.dataValidation;
    dv.ignoreBlanks = true;
    dv.rule = validationRule(v);
    dv.prompt = { showPrompt: true, title: v.promptTitle, message: v.prompt };
    dv.errorAlert = { showAlert: true, style: 'Stop', title: v.errorTitle, message: v.error };
  }
}

function writeSheet(context: Excel.RequestContext, sheet: PlannedSheet, features: WriterFeatures): Excel.Worksheet {
  const worksheet = context.workbook.worksheets.add(sheet.name);
  sheet.widths.forEach((width, i) => {
    const letter = columnLetter(i + 1);
    worksheet.getRange(`${letter}:${letter}`).format.columnWidth = widthToPoints(width);
  });
  for (const planned of sheet.cells) writeCell(worksheet, sheet, planned, features);
  for (const [row, height] of wrappedRowHeights(sheet)) worksheet.getRange(`${row}:${row}`).format.rowHeight = height;
  if (features.freezePanes && sheet.frozenRows > 0) worksheet.freezePanes.freezeRows(sheet.frozenRows);
  if (features.pageLayout) {
    worksheet.pageLayout.orientation = sheet.landscape ? 'Landscape' : 'Portrait';
    if (sheet.printTitleRows) worksheet.pageLayout.setPrintTitleRows(`$${sheet.printTitleRows.replace(':', ':$')}`);
  }
  if (sheet.state === 'veryHidden') worksheet.visibility = 'VeryHidden';
  // Protection without a password, as in the exceljs template: it guards the layout against slips.
  if (features.protection && sheet.protect)
    worksheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
  return worksheet;
}

export interface WriteOptions {
  /** Empty sheets of a blank workbook (« Feuil1 ») to delete once the template is in. */
  removeSheets?: readonly string[];
}

/** Writes every sheet of the plan in one batch, then shows « Identification ». */
export async function writeTemplate(
  context: Excel.RequestContext,
  plan: TemplatePlan,
  features: WriterFeatures,
  options: WriteOptions = {},
): Promise<void> {
  const written = plan.sheets.map((sheet) => ({ sheet, worksheet: writeSheet(context, sheet, features) }));
  for (const name of options.removeSheets ?? []) context.workbook.worksheets.getItem(name).delete();
  const first = written.find((w) => w.sheet.state === 'visible');
  if (first) {
    first.worksheet.activate();
    first.worksheet.getRange(a1(1, 1)).select();
  }
  await context.sync();
}

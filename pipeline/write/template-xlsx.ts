import ExcelJS from 'exceljs';
import { BORDER_COLOUR, BORDERED_ROLES, ROLE_FILLS, wrappedRowHeights } from '../../core/layout/plan';
import type { PlannedCell, PlannedSheet, TemplatePlan, Validation } from '../../core/layout/plan';
import { a1 } from '../../core/tables';

/** Renders a host-neutral template plan with exceljs: styles, protection, validation, print setup. */

const edge = { style: 'thin' as const, color: { argb: `FF${BORDER_COLOUR}` } };
const THIN: Partial<ExcelJS.Borders> = { top: edge, left: edge, bottom: edge, right: edge };

function dataValidation(v: Validation): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    promptTitle: v.promptTitle,
    prompt: v.prompt,
    errorTitle: v.errorTitle,
    error: v.error,
  };
  if (v.type === 'whole') return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [v.min ?? 0] };
  if (v.type === 'date') {
    const [first, last] = v.dates!;
    return {
      ...common,
      type: 'date',
      operator: 'between',
      formulae: [new Date(`${first}T00:00:00Z`), new Date(`${last}T00:00:00Z`)],
    };
  }
  return { ...common, type: 'list', formulae: [`"${v.list!.join(',')}"`] };
}

function styleCell(cell: ExcelJS.Cell, planned: PlannedCell): void {
  const fill = ROLE_FILLS[planned.role];
  if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill}` } };
  if (BORDERED_ROLES.has(planned.role)) cell.border = THIN;
  if (planned.role === 'title') cell.font = { name: 'Calibri', bold: true, size: 14, color: { argb: 'FF1F4E78' } };
  if (planned.role === 'subtitle') cell.font = { name: 'Calibri', italic: true, size: 11 };
  if (planned.role === 'header') cell.font = { name: 'Calibri', bold: true, color: { argb: 'FFFFFFFF' } };
  if (planned.role === 'label') cell.font = { name: 'Calibri', bold: true };
  if (planned.muted) cell.font = { name: 'Calibri', italic: true, color: { argb: 'FF808080' } };
  cell.alignment = { vertical: 'top', wrapText: Boolean(planned.wrap || planned.role === 'header') };
  if (planned.numFmt) cell.numFmt = planned.numFmt;
  cell.protection = { locked: planned.role !== 'input' };
}

/**
 * Data validation per contiguous run of cells in a column (never whole columns). Added as ranges:
 * exceljs' own per-cell merging can emit overlapping ranges, which Excel reports as damage.
 */
function addValidations(ws: ExcelJS.Worksheet, cells: readonly PlannedCell[]): void {
  const runs: { column: number; first: number; last: number; validation: Validation }[] = [];
  const sorted = cells.filter((c) => c.validation).sort((a, b) => a.column - b.column || a.row - b.row);
  for (const cell of sorted) {
    const run = runs.at(-1);
    if (
      run &&
      run.column === cell.column &&
      run.last === cell.row - 1 &&
      JSON.stringify(run.validation) === JSON.stringify(cell.validation)
    )
      run.last = cell.row;
    else runs.push({ column: cell.column, first: cell.row, last: cell.row, validation: cell.validation! });
  }
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  for (const run of runs) {
    const range =
      run.first === run.last ? a1(run.first, run.column) : `${a1(run.first, run.column)}:${a1(run.last, run.column)}`;
    validations.add(range, dataValidation(run.validation));
  }
}

async function renderSheet(workbook: ExcelJS.Workbook, sheet: PlannedSheet, footer: string): Promise<void> {
  const ws = workbook.addWorksheet(sheet.name, { state: sheet.state });
  sheet.widths.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  for (const planned of sheet.cells) {
    const cell = ws.getCell(a1(planned.row, planned.column));
    if (planned.formula !== undefined) cell.value = { formula: planned.formula, result: planned.result ?? 0 };
    else if (planned.value !== undefined && planned.value !== null) cell.value = planned.value;
    styleCell(cell, planned);
  }
  addValidations(ws, sheet.cells);
  for (const [row, height] of wrappedRowHeights(sheet)) ws.getRow(row).height = height;
  if (sheet.frozenRows > 0)
    ws.views = [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: 0, topLeftCell: a1(sheet.frozenRows + 1, 1) }];
  ws.pageSetup = {
    paperSize: 9,
    orientation: sheet.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(sheet.printTitleRows ? { printTitlesRow: sheet.printTitleRows } : {}),
  };
  ws.headerFooter = { oddFooter: `&L${footer}&C&A&RPage &P / &N` };
  // Protection without a password: it guards the layout against slips, not against a determined user.
  if (sheet.protect)
    await ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
}

export async function renderTemplate(
  plan: TemplatePlan,
  properties: { creator: string; version: string },
): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = properties.creator;
  workbook.title = plan.title;
  workbook.subject = 'Fiche de suivi-évaluation';
  workbook.keywords = `suivi-évaluation; ${plan.commune.code}; ${properties.version}`;
  // A fixed date keeps the document properties stable when the templates are regenerated.
  workbook.created = new Date('2024-01-01T00:00:00Z');
  workbook.modified = workbook.created;
  for (const sheet of plan.sheets) await renderSheet(workbook, sheet, plan.title.replace(/&/g, '&&'));
  return workbook;
}

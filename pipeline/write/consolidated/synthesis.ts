import type ExcelJS from 'exceljs';
import { selectionLabel } from '../../../core/consolidate/model';
import { sumOrNull } from '../../../core/consolidate/aggregate';
import { rateOf } from '../../../core/consolidate/rates';
import { formatDate, interpolate } from '../../../core/messages';
import { sheetRef } from '../../../core/tables';
import type { BudgetMap } from './budget';
import type { WriteContext } from './context';
import type { DetailMap } from './detail-sheet';
import { RowCursor } from './row-cursor';
import { fitRowHeight, MAX_ROW_POINTS } from './row-height';
import { LISTED_UP_TO, writeCommunesTable, writeReceptionTable } from './synthesis-communes';
import { writeResults } from './synthesis-results';
import { writeBeneficiaries, writePartners } from './synthesis-tables';
import { writeAchieved, writeControlsLine, writeGaps, writeRejected } from './synthesis-texts';
import { EXECUTION_FORMAT, executionFormatting, formula, NUMBER_FORMAT, subtitle, title, value, widths } from './style';

export { gapsText, PARAGRAPH_MAX } from './synthesis-texts';

export interface SynthesisRefs {
  plannedVsAchieved: DetailMap;
  budget: BudgetMap;
  beneficiaries: DetailMap;
}

/** Where Synthèse put its tables, for the charts that come later. */
export interface SynthesisMap {
  /** `weakest`: per result, the formula of its weakest indicator's rate on Synthèse (what its colour follows). */
  results: { first: number; last: number; rows: Map<string, number>; rateColumn: string; weakest: Map<string, string> };
  communes: { first: number; last: number; rateColumn: string; weakestColumn: string };
  beneficiaries: { first: number; last: number };
  /** The last row written, for what comes below. */
  lastRow: number;
}

/** Synthèse's columns A to I: what its charts span and what prints. */
export const SYNTHESIS_COLUMNS = 9;

/** Synthèse, section by section down one row cursor; the dashboard comes under it (dashboard.ts). */
export function writeSynthesis(ws: ExcelJS.Worksheet, ctx: WriteContext, refs: SynthesisRefs): SynthesisMap {
  const fw = ctx.model.framework;
  // G to I: the cumulative to date against the end-of-project target, beside the period's figures.
  widths(ws, [18, 46, 12, 12, 10, 30, 12, 12, 11]);
  title(ws.getCell('A1'), `${fw.project.shortTitle} – ${ctx.labels.synthesisTitle}`);
  subtitle(ws.getCell('A2'), fw.project.title);
  const at = new RowCursor(4);
  writeProjectFacts(ws, ctx, at);
  writeBudgetSummary(ws, ctx, refs.budget, at);
  at.next();
  const results = writeResults(ws, ctx, refs.plannedVsAchieved, at);
  at.next();
  writeAchieved(ws, ctx, at);
  at.next();
  writeGaps(ws, ctx, at);
  at.next();
  writePartners(ws, ctx, at);
  at.next();
  const beneficiaries = writeBeneficiaries(ws, ctx, refs.beneficiaries, at);
  at.next();
  const communes = writeCommunesTable(ws, ctx, refs.plannedVsAchieved, at);
  at.next();
  writeReceptionTable(ws, ctx, at);
  at.next();
  writeRejected(ws, ctx, at);
  const lastRow = writeControlsLine(ws, ctx, at);
  for (let row = 1; row <= lastRow; row++) fitRowHeight(ws, row, SYNTHESIS_COLUMNS);
  return {
    results,
    communes: {
      first: communes.first,
      last: communes.last,
      rateColumn: communes.rateColumn,
      weakestColumn: communes.weakestColumn,
    },
    beneficiaries,
    lastRow,
  };
}

/** A bold label in column A, wrapped when longer than its column: never cut by the value beside it. */
function label(ws: ExcelJS.Worksheet, row: number, text: string): void {
  value(ws.getCell(`A${row}`), text);
  ws.getCell(`A${row}`).font = { name: 'Calibri', bold: true };
  ws.getCell(`A${row}`).alignment = { wrapText: true, vertical: 'top' };
  ws.getCell(`B${row}`).alignment = { vertical: 'top' };
  if (text.length > 20) ws.getRow(row).height = Math.min(MAX_ROW_POINTS, Math.ceil(text.length / 20) * 15);
}

/** Location, periods, donor, implementer, date generated. */
export function writeProjectFacts(ws: ExcelJS.Worksheet, ctx: WriteContext, at: RowCursor): void {
  const { labels: L, model } = ctx;
  const fw = model.framework;
  const field = (text: string, v: string) => {
    label(ws, at.row, text);
    value(ws.getCell(`B${at.row}`), v);
    at.next();
  };
  const cercles = [...new Set(fw.communes.map((c) => c.cercle))];
  // A national framework names hundreds of communes: then their number, not their names.
  const communeList =
    fw.communes.length <= LISTED_UP_TO
      ? fw.communes.map((c) => c.name).join(', ')
      : interpolate(L.communeCount, { count: fw.communes.length }, ctx.lang);
  const cercleList =
    cercles.length <= LISTED_UP_TO
      ? cercles.join(', ')
      : interpolate(L.cercleCount, { count: cercles.length }, ctx.lang);
  field(
    L.location,
    interpolate(L.locationText, { region: fw.project.region, cercles: cercleList, communes: communeList }, ctx.lang),
  );
  field(L.periods, selectionLabel(model));
  field(L.donor, fw.project.donor);
  field(L.implementer, [fw.project.implementer, ...fw.project.partners].join(L.listSeparator));
  field(L.generated, formatDate(ctx.generatedAt.slice(0, 10), ctx.lang));
}

/**
 * The project's budget comes from the framework; planned (communes received), spent and the execution
 * rate reference the Budget sheet's grand total: the manager can follow every number.
 */
export function writeBudgetSummary(ws: ExcelJS.Worksheet, ctx: WriteContext, bud: BudgetMap, at: RowCursor): void {
  const { labels: L, model } = ctx;
  label(ws, at.row, L.projectBudget);
  value(ws.getCell(`B${at.row}`), model.framework.project.budget);
  ws.getCell(`B${at.row}`).numFmt = NUMBER_FORMAT;
  ws.getCell(`B${at.row}`).alignment = { horizontal: 'left', vertical: 'top' };
  at.next();
  const c = bud.columns;
  const plannedValues = model.budget.map((l) => l.total.planned);
  const planned = sumOrNull(plannedValues) ?? L.targetUndefined;
  const spentValues = model.budget.map((l) => l.total.achieved);
  const spent = spentValues.every((v) => v === null) ? 0 : spentValues.reduce<number>((a, v) => a + (v ?? 0), 0);
  for (const [text, column, result, fmt] of [
    [L.plannedReceived, c.planned!, planned, NUMBER_FORMAT],
    [`${L.spent} (FCFA)`, c.spent!, spent, NUMBER_FORMAT],
    [L.executionRate, c.rate!, rateOf(spent, typeof planned === 'number' ? planned : null) ?? '', EXECUTION_FORMAT],
  ] as const) {
    label(ws, at.row, text);
    const cell = ws.getCell(`B${at.row}`);
    formula(cell, sheetRef(bud.sheet, `${column}${bud.grandTotalRow}`), result);
    cell.numFmt = fmt;
    cell.alignment = { horizontal: 'left', vertical: 'top' };
    if (fmt === EXECUTION_FORMAT) executionFormatting(ws, `B${at.row}`);
    at.next();
  }
}

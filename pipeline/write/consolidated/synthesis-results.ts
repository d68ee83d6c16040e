import type ExcelJS from 'exceljs';
import type { Line } from '../../../core/consolidate/model';
import { cappedMean, rateOf } from '../../../core/consolidate/rates';
import type { Indicator } from '../../../core/framework/schema';
import { toDateMissingText } from '../../../core/messages/merge';
import { sheetRef } from '../../../core/tables';
import type { WriteContext } from './context';
import { cappedMeanFormula, rateFormula, type DetailMap } from './detail-sheet';
import type { RowCursor } from './row-cursor';
import { paragraph } from './synthesis-texts';
import {
  APART_FORMAT,
  formula,
  heading,
  headerRow,
  notReceived,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  rateFormatting,
  value,
} from './style';

/** Where the results table is, for the dashboard's chart of results. */
export interface ResultsTable {
  first: number;
  last: number;
  rows: Map<string, number>;
  rateColumn: string;
  weakest: Map<string, string>;
}

/**
 * Expected results: each result, then its indicators, with planned, achieved, rate and the planned
 * figure of the communes not received, apart; then the notes on how the rates are computed.
 */
export function writeResults(ws: ExcelJS.Worksheet, ctx: WriteContext, pva: DetailMap, at: RowCursor): ResultsTable {
  const { model } = ctx;
  writeResultsHeader(ws, ctx, at);
  const first = at.row;
  const rows = new Map<string, number>();
  const weakest = new Map<string, string>();
  for (const result of model.framework.results) {
    const lines = model.indicators.filter((l) => l.item.result === result.code);
    const resultRow = at.row;
    value(ws.getCell(`A${at.row}`), result.code);
    value(ws.getCell(`B${at.row}`), result.statement);
    ws.getRow(at.row).font = { name: 'Calibri', bold: true };
    ws.getRow(at.row).alignment = { vertical: 'top' };
    ws.getCell(`B${at.row}`).alignment = { wrapText: true, vertical: 'top' };
    rows.set(result.code, at.row);
    at.next();
    const firstLine = at.row;
    for (const line of lines) {
      writeIndicatorRow(ws, ctx, pva, line, at.row);
      at.next();
    }
    const weakestOf = writeResultRates(ws, ctx, lines, resultRow, firstLine);
    if (weakestOf) weakest.set(result.code, weakestOf);
  }
  const last = at.row - 1;
  writeResultNotes(ws, ctx, at);
  return { first, last, rows, rateColumn: 'E', weakest };
}

/**
 * Two questions, two groups of columns: did the period reach its own target; where is the project
 * against its end-of-project target.
 */
function writeResultsHeader(ws: ExcelJS.Worksheet, ctx: WriteContext, at: RowCursor): void {
  const { labels: L, model } = ctx;
  heading(ws.getCell(`A${at.row}`), L.resultsHeading);
  at.next();
  const selection = model.periods.length > 0 ? model.periods.join(', ') : '–';
  const toDateEnd = model.toDatePeriods.at(-1) ?? '–';
  const r = at.row;
  value(ws.getCell(`C${r}`), `${L.periodHeading} (${model.selection ?? selection})`);
  ws.mergeCells(`C${r}:F${r}`);
  value(ws.getCell(`G${r}`), `${L.toDateHeading} (→ ${toDateEnd})`);
  ws.mergeCells(`G${r}:I${r}`);
  for (const c of ['C', 'G']) {
    ws.getCell(`${c}${r}`).font = { name: 'Calibri', bold: true, color: { argb: 'FF1F4E78' } };
    ws.getCell(`${c}${r}`).alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
    ws.getCell(`${c}${r}`).border = { bottom: { style: 'thin', color: { argb: 'FF1F4E78' } } };
  }
  at.next();
  headerRow(ws.getRow(at.row), [
    L.code,
    L.statement,
    L.planned,
    L.achieved,
    L.rate,
    L.plannedApart,
    L.toDate,
    L.endTarget,
    L.toDateRate,
  ]);
  at.next();
}

/** An indicator's row: its figures referenced on Prévu vs Réalisé, its rates computed here. */
function writeIndicatorRow(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  pva: DetailMap,
  line: Line<Indicator>,
  r: number,
): void {
  const L = ctx.labels;
  const total = pva.totalRows.get(line.item.code)!;
  value(ws.getCell(`A${r}`), line.item.code);
  value(ws.getCell(`B${r}`), line.item.label);
  if (line.total.planned === null) notReceived(ws.getCell(`C${r}`), L.targetUndefined);
  else formula(ws.getCell(`C${r}`), sheetRef(pva.sheet, `${pva.columns.planned}${total}`), line.total.planned);
  formula(
    ws.getCell(`D${r}`),
    sheetRef(pva.sheet, `${pva.columns.achieved}${total}`),
    line.total.achieved ?? L.notReceived,
  );
  formula(ws.getCell(`E${r}`), rateFormula(`D${r}`, `C${r}`), rateOf(line.total.achieved, line.total.planned) ?? '');
  // The target of the commune-periods not received (a whole commune, or a quarter of one): a figure of
  // the framework, not a sum of the sheet's cells (a missing quarter has no row of its own).
  if (line.missingPlanned === null) notReceived(ws.getCell(`F${r}`), L.targetUndefined);
  else value(ws.getCell(`F${r}`), line.missingPlanned);
  formula(
    ws.getCell(`G${r}`),
    sheetRef(pva.sheet, `${pva.columns.toDate}${total}`),
    line.toDate.total.achieved ?? L.notReceived,
  );
  formula(ws.getCell(`H${r}`), sheetRef(pva.sheet, `${pva.columns.endTarget}${total}`), line.toDate.total.target);
  formula(
    ws.getCell(`I${r}`),
    rateFormula(`G${r}`, `H${r}`),
    rateOf(line.toDate.total.achieved, line.toDate.total.target) ?? '',
  );
  for (const c of ['C', 'D', 'G', 'H']) ws.getCell(`${c}${r}`).numFmt = NUMBER_FORMAT;
  ws.getCell(`E${r}`).numFmt = PERCENT_FORMAT;
  ws.getCell(`I${r}`).numFmt = PERCENT_FORMAT;
  ws.getCell(`F${r}`).numFmt = APART_FORMAT;
  ws.getRow(r).alignment = { vertical: 'top' };
  ws.getCell(`B${r}`).alignment = { indent: 1, wrapText: true, vertical: 'top' };
}

/**
 * A result's rate: the mean of its indicators' rates, each capped at 100 % (units differ, so figures
 * are not added); its colour follows its weakest indicator, whose formula is returned.
 */
function writeResultRates(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  lines: Line<Indicator>[],
  resultRow: number,
  first: number,
): string | undefined {
  const { rateGood: good, rateFair: fair } = ctx.model.framework.thresholds;
  const last = first + lines.length - 1;
  const rates = lines.map((l) => rateOf(l.total.achieved, l.total.planned));
  const cells = lines.map((_, i) => `E${first + i}`);
  formula(ws.getCell(`E${resultRow}`), lines.length > 0 ? cappedMeanFormula(cells, '') : '""', cappedMean(rates) ?? '');
  ws.getCell(`E${resultRow}`).numFmt = PERCENT_FORMAT;
  // Progress is not coloured by the thresholds: 72 % of the end-of-project target after three quarters
  // of four is on plan, not « en retard » (the period's own rate, in E, says that).
  const toDateRates = lines.map((l) => rateOf(l.toDate.total.achieved, l.toDate.total.target));
  const toDateCells = lines.map((_, i) => `I${first + i}`);
  formula(
    ws.getCell(`I${resultRow}`),
    lines.length > 0 ? cappedMeanFormula(toDateCells, '') : '""',
    cappedMean(toDateRates) ?? '',
  );
  ws.getCell(`I${resultRow}`).numFmt = PERCENT_FORMAT;
  if (lines.length === 0) return undefined;
  // Blank, not 0, when no indicator has a rate (MIN of no number is 0).
  const weakestOf = `IF(COUNT(E${first}:E${last})=0,"",MIN(E${first}:E${last}))`;
  rateFormatting(ws, `E${resultRow}`, good, fair, weakestOf, false);
  rateFormatting(ws, `E${first}:E${last}`, good, fair, undefined, false);
  return weakestOf;
}

/** How the rates are computed; an earlier period missing from the folder makes the cumulative short: said where it is read. */
function writeResultNotes(ws: ExcelJS.Worksheet, ctx: WriteContext, at: RowCursor): void {
  const L = ctx.labels;
  const fw = ctx.model.framework;
  paragraph(ws, at.row, L.rateRule, true);
  at.next();
  paragraph(ws, at.row, L.toDateRule, true);
  at.next();
  const toDate = toDateMissingText(ctx.model.toDateMissing, fw, ctx.lang);
  if (toDate) {
    paragraph(ws, at.row, toDate);
    ws.getCell(`B${at.row}`).font = { name: 'Calibri', bold: true, color: { argb: 'FFC00000' } };
    at.next();
  }
}

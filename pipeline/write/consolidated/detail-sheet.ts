import type ExcelJS from 'exceljs';
import type { CommuneFigures, CommuneStatus, Line, ToDate } from '../../../core/consolidate/model';
import { selectionLabel } from '../../../core/consolidate/model';
import { commentsText, type WriteContext } from './context';
import { columnLetter } from '../../../core/tables';
import { rateOf } from '../../../core/consolidate/rates';
import { interpolate } from '../../../core/messages';
import { columnPixels, fitRowHeight } from './row-height';
import { rowCapacity } from './long-texts';
import {
  EXECUTION_FORMAT,
  executionFormatting,
  formula,
  headerRow,
  notReceived,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  rateFormatting,
  subtitle,
  title,
  totalRow,
  value,
  widths,
  drain,
} from './style';

/**
 * The three detail sheets (Prévu vs Réalisé, Budget, Bénéficiaires) share one shape: for each item a
 * « Total projet » row of live formulas, then one row per commune. This writes that shape.
 */

export type Figure =
  /** A number from the inputs; a commune that sent nothing shows « non reçu », never 0. */
  | {
      key: string;
      header: string;
      width: number;
      kind: 'input';
      pick: (f: CommuneFigures, toDate: ToDate) => number | null;
      applies?: (item: never) => boolean;
    }
  /**
   * A target from the framework; null: the period has none (« cible non définie »). On the project row it
   * adds up the communes whose `basis` figure is known (by default the spec's).
   */
  | {
      key: string;
      header: string;
      width: number;
      kind: 'planned';
      pick: (f: CommuneFigures, toDate: ToDate) => number | null;
      basis?: string;
    }
  /** Computed on the row from other figures (a rate, a remainder): a formula everywhere. */
  | {
      key: string;
      header: string;
      width: number;
      kind: 'derived';
      format: 'rate' | 'number';
      formula: (
        col: Record<string, string>,
        row: number,
        block: { first: number; last: number; total: number },
      ) => string;
      compute: (f: CommuneFigures, total: CommuneFigures, toDate: ToDate) => number | null;
      /** Coloured as an achievement (thresholds of the framework) or as budget execution (overspending apart). */
      rate?: 'achievement' | 'execution';
    };

export interface DetailSpec<T> {
  title: string;
  itemHeaders: { header: string; width: number }[];
  itemCells: (item: T) => string[];
  figures: Figure[];
  /** How commune rows add up to the project row (the framework's rule across communes). */
  communeRule: (item: T) => 'sum' | 'max';
  /** The figure whose communes count in the project's planned total (those that reported it). */
  basis: string;
  commentsHeader?: string;
  /** The comments column in characters (40 by default). */
  commentsWidth?: number;
  /** The commune and cercle columns in characters (16 and 12 by default). */
  placeWidths?: [number, number];
}

/** Where each item's total row is, and the letter of each figure column. */
export interface DetailMap {
  sheet: string;
  columns: Record<string, string>;
  totalRows: Map<string, number>;
  communeRows: Map<string, Map<string, number>>;
  firstDataRow: number;
  lastDataRow: number;
  /** The value a figure cell shows (its cached result), as written: committed rows cannot be read back. */
  shown(address: string): number | string | null;
}

export const DETAIL_HEADER_ROW = 4;
/** The comments column, in characters, and its text's width in pixels (padding and one indent step off). */
const COMMENTS_WIDTH = 40;
const commentsPixels = (width: number) => columnPixels(width) - 6 - 9;
const HEADER_ROW = DETAIL_HEADER_ROW;

export async function writeDetailSheet<T extends { code: string }>(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  spec: DetailSpec<T>,
  lines: readonly Line<T>[],
): Promise<DetailMap> {
  const { labels: L, model } = ctx;
  const communes: readonly CommuneStatus[] = model.communes;
  const notReceivedText = L.notReceived;
  title(ws.getCell('A1'), spec.title);
  subtitle(
    ws.getCell('A2'),
    interpolate(
      L.periodLine,
      { project: model.framework.project.shortTitle, periods: selectionLabel(model) },
      ctx.lang,
    ),
  );
  subtitle(ws.getCell('A3'), L.detailRule);
  const headers = [
    ...spec.itemHeaders.map((h) => h.header),
    L.commune,
    L.cercle,
    ...spec.figures.map((f) => f.header),
    ...(spec.commentsHeader ? [spec.commentsHeader] : []),
  ];
  headerRow(ws.getRow(HEADER_ROW), headers);
  const commentsWidth = spec.commentsWidth ?? COMMENTS_WIDTH;
  widths(ws, [
    ...spec.itemHeaders.map((h) => h.width),
    ...(spec.placeWidths ?? [16, 12]),
    ...spec.figures.map((f) => f.width),
    ...(spec.commentsHeader ? [commentsWidth] : []),
  ]);

  const firstFigure = spec.itemHeaders.length + 3;
  const col: Record<string, string> = {};
  spec.figures.forEach((f, i) => (col[f.key] = columnLetter(firstFigure + i)));
  const commentsColumn = firstFigure + spec.figures.length;
  const shown = new Map<string, number | string | null>();
  const map: DetailMap = {
    sheet: ws.name,
    columns: col,
    totalRows: new Map(),
    communeRows: new Map(),
    firstDataRow: HEADER_ROW + 1,
    lastDataRow: HEADER_ROW,
    shown: (address) => shown.get(address) ?? null,
  };
  const rateColumns = spec.figures.flatMap((f) =>
    f.kind === 'derived' && f.rate ? [{ letter: col[f.key]!, kind: f.rate }] : [],
  );

  let r = HEADER_ROW + 1;
  for (const line of lines) {
    const total = r;
    const first = r + 1;
    const last = r + communes.length;
    const block = { first, last, total };
    const put = (row: ExcelJS.Row, figures: CommuneFigures, toDate: ToDate, isTotal: boolean) => {
      spec.figures.forEach((f, i) => {
        const cell = row.getCell(firstFigure + i);
        const address = `${col[f.key]}${row.number}`;
        if (f.kind === 'planned') {
          const planned = f.pick(figures, toDate);
          shown.set(address, planned ?? L.targetUndefined);
          // Never a stand-in number: no target for the period is said in words, and no rate follows.
          if (planned === null) return notReceived(cell, L.targetUndefined);
          // The project's planned figure counts the communes that reported only (the rates' basis);
          // SUMIF skips « non reçu » and « cible non définie » where SUMPRODUCT would fail on text.
          const basis = col[f.basis ?? spec.basis]!;
          if (isTotal)
            formula(
              cell,
              `SUMIF(${basis}${first}:${basis}${last},">=0",${col[f.key]}${first}:${col[f.key]}${last})`,
              planned,
            );
          else value(cell, planned);
          cell.numFmt = NUMBER_FORMAT;
        } else if (f.kind === 'input') {
          // Femmes / Hommes of a count that is not of people: nothing to show, not « non reçu ».
          if (f.applies && !(f.applies as (item: T) => boolean)(line.item)) return;
          const v = f.pick(figures, toDate);
          shown.set(address, v ?? notReceivedText);
          if (isTotal) {
            const range = `${col[f.key]}${first}:${col[f.key]}${last}`;
            const fn = spec.communeRule(line.item) === 'sum' ? 'SUM' : 'MAX';
            formula(cell, `IF(COUNT(${range})=0,"${notReceivedText}",${fn}(${range}))`, v ?? notReceivedText);
          } else if (v === null) notReceived(cell, notReceivedText);
          else value(cell, v);
          cell.numFmt = NUMBER_FORMAT;
        } else {
          const computed = f.compute(figures, line.total, toDate);
          shown.set(address, computed ?? '');
          formula(cell, f.formula(col, row.number, block), computed ?? '');
          cell.numFmt =
            f.format === 'rate' ? (f.rate === 'execution' ? EXECUTION_FORMAT : PERCENT_FORMAT) : NUMBER_FORMAT;
        }
      });
    };
    const totalRowObj = ws.getRow(total);
    spec.itemCells(line.item).forEach((text, i) => value(totalRowObj.getCell(i + 1), text));
    value(totalRowObj.getCell(spec.itemHeaders.length + 1), L.projectTotal);
    padTexts(totalRowObj, spec.itemHeaders.length + 2);
    put(totalRowObj, line.total, line.toDate.total, true);
    totalRow(totalRowObj, headers.length);
    fitRowHeight(ws, total);
    map.totalRows.set(line.item.code, total);
    const rows = new Map<string, number>();
    communes.forEach((status, i) => {
      const row = ws.getRow(first + i);
      spec.itemCells(line.item).forEach((text, c) => value(row.getCell(c + 1), text));
      value(row.getCell(spec.itemHeaders.length + 1), status.commune.name);
      value(row.getCell(spec.itemHeaders.length + 2), status.commune.cercle);
      padTexts(row, spec.itemHeaders.length + 2);
      const figures = line.communes[status.commune.code]!;
      put(row, figures, line.toDate.communes[status.commune.code]!, false);
      if (spec.commentsHeader) {
        const cell = row.getCell(commentsColumn);
        // At most what the tallest row shows: a longer text ends with where the rest is (Textes longs).
        const comments = commentsText(figures.comments, ctx);
        value(cell, comments || null, rowCapacity(comments, commentsPixels(commentsWidth)));
        // Indented: never glued to the number printed right-aligned just before it.
        cell.alignment = { wrapText: true, vertical: 'top', indent: 1 };
      }
      fitRowHeight(ws, first + i);
      rows.set(status.commune.code, first + i);
    });
    map.communeRows.set(line.item.code, rows);
    // Streamed: the block is done, send it out and free its memory (a no-op in an in-memory workbook).
    ws.getRow(last).commit();
    await drain(ws);
    r = last + 1;
  }
  map.lastDataRow = r - 1;
  ws.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: Math.max(map.lastDataRow, HEADER_ROW), column: headers.length },
  };
  for (const { letter, kind } of rateColumns) {
    const range = `${letter}${HEADER_ROW + 1}:${letter}${Math.max(map.lastDataRow, HEADER_ROW + 1)}`;
    if (kind === 'execution') executionFormatting(ws, range);
    else rateFormatting(ws, range, model.framework.thresholds.rateGood, model.framework.thresholds.rateFair);
  }
  return map;
}

/** Texts after the first column start one step in: a wrapped label never runs into the next one. */
function padTexts(row: ExcelJS.Row, lastColumn: number): void {
  for (let c = 2; c <= lastColumn; c++) row.getCell(c).alignment = { ...row.getCell(c).alignment, indent: 1 };
}

/** A rate column: the figure `of` over the planned figure, on each row, coloured as `colours` says. */
export function rateFigure(
  header: string,
  width: number,
  of: string,
  key = 'rate',
  colours: 'achievement' | 'execution' = 'achievement',
): Figure {
  return {
    key,
    header,
    width,
    kind: 'derived',
    format: 'rate',
    rate: colours,
    formula: (c, r) => rateFormula(`${c[of]}${r}`, `${c.planned}${r}`),
    compute: (f) => rateOf(f.achieved, f.planned),
  };
}

/** The three columns « cumul à date », « cible fin de projet » and their rate: where the project stands. */
export function toDateFigures(L: { toDate: string; endTarget: string; toDateRate: string }): Figure[] {
  return [
    { key: 'toDate', header: L.toDate, width: 9, kind: 'input', pick: (_, t) => t.achieved },
    { key: 'endTarget', header: L.endTarget, width: 9, kind: 'planned', pick: (_, t) => t.target, basis: 'toDate' },
    {
      key: 'toDateRate',
      header: L.toDateRate,
      width: 11,
      kind: 'derived',
      format: 'rate',
      // Not coloured by the thresholds: part of the end-of-project target is not yet due.
      formula: (c, r) => rateFormula(`${c.toDate}${r}`, `${c.endTarget}${r}`),
      compute: (_f, _total, t) => rateOf(t.achieved, t.target),
    },
  ];
}

/**
 * The rate of a group (a result, a commune): the mean of its indicators' rates, each capped at 100 %
 * (core/consolidate/rates), in plain functions every spreadsheet has; `otherwise` when none has a rate.
 */
export function cappedMeanFormula(cells: readonly string[], otherwise: string): string {
  const terms = cells.map((c) => `IF(ISNUMBER(${c}),MIN(1,${c}),0)`).join('+');
  return `IFERROR((${terms})/COUNT(${cells.join(',')}),"${otherwise}")`;
}

/** `IF(AND(ISNUMBER(a),ISNUMBER(b),b>0),a/b,"")`: blank when there is nothing to divide (no target, text in Excel compares above 0). */
export const rateFormula = (achieved: string, planned: string) =>
  `IF(AND(ISNUMBER(${achieved}),ISNUMBER(${planned}),${planned}>0),${achieved}/${planned},"")`;

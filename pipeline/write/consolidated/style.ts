import type ExcelJS from 'exceljs';
import { cutAt, longTextsOf } from './long-texts';
import { xmlSafeText } from './xml-safe';

/**
 * Whole numbers grouped by three in the viewer's language (96 303 057 in French, 96,303,057 in
 * English); a negative amount, an overspending, with its minus sign and in red: never read as money left.
 */
export const NUMBER_FORMAT = '#,##0;[Red]-#,##0;0';
/** The same, with a dash for zero: a part that is not there (the planned figure of communes not received). */
export const APART_FORMAT = '#,##0;[Red]-#,##0;"–"';
export const PERCENT_FORMAT = '0"\u00a0"%';
/** Budget execution: one decimal beyond 100 %, so an overspending of 0,2 % never reads « 100 % ». */
export const EXECUTION_FORMAT = '[>1]0.0"\u00a0"%;0"\u00a0"%';
export const DATE_FORMAT = 'dd/mm/yyyy';

const BLUE = 'FF1F4E78';
const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };

export function title(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  cell.font = { name: 'Calibri', bold: true, size: 14, color: { argb: BLUE } };
}

export function subtitle(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  cell.font = { name: 'Calibri', italic: true, color: { argb: 'FF595959' } };
}

export function heading(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  cell.font = { name: 'Calibri', bold: true, size: 12, color: { argb: BLUE } };
}

export function headerRow(row: ExcelJS.Row, headers: readonly string[]): void {
  // Two lines of text: « Taux d'exécution », « Avertissements » fit without widening the columns.
  row.height = 30;
  headers.forEach((text, i) => {
    const cell = row.getCell(i + 1);
    cell.value = text;
    cell.font = { name: 'Calibri', bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: BLUE } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  });
}

export function totalRow(row: ExcelJS.Row, columns: number): void {
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.font = { name: 'Calibri', bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { top: { style: 'thin', color: { argb: BLUE } } };
  }
}

export function notReceived(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  cell.font = { name: 'Calibri', italic: true, color: { argb: 'FF808080' } };
  cell.alignment = { horizontal: 'right' };
}

/** A live formula with its value cached, so every viewer shows the number without recalculating. */
export function formula(cell: ExcelJS.Cell, text: string, result: number | string | null): void {
  // A text result is written in the sheet itself, not in the shared strings that makeXmlSafe cleans.
  const shown = typeof result === 'string' ? xmlSafeText(cellText(result)) : result;
  cell.value = { formula: text, result: shown ?? undefined };
}

/**
 * The cached result of a formula cell. Not `cell.value.result`: exceljs' value getter drops a result
 * that is falsy (0, "", FALSE — upstream exceljs#2943); `cell.result` keeps it, so a 0 % stays 0 %.
 */
export function formulaResult(cell: ExcelJS.Cell): ExcelJS.CellFormulaValue['result'] {
  return cell.result;
}

/** The number or text a cell shows: its value, or a formula's cached result; null for anything else. */
export function shownValue(cell: ExcelJS.Cell): number | string | null {
  const v = cell.value;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'formula' in v) {
    const result = formulaResult(cell);
    return typeof result === 'number' || typeof result === 'string' ? result : null;
  }
  return null;
}

/** Excel's limit: a cell holds at most 32 767 characters; a longer text makes it repair the file. */
export const CELL_TEXT_MAX = 32767;

/**
 * A text that fits in one cell, for a cell outside any workbook being written (a formula's cached
 * result): a longer one is cut with a visible « … ».
 */
export function cellText(text: string, max = CELL_TEXT_MAX): string {
  return text.length <= max ? text : cutAt(text, max, '…');
}

/**
 * The text `cell` shows for `text`: at most `max` characters. A longer one (a pasted report as a
 * comment, many comments joined) shows its beginning and where the rest is: the sheet `Textes longs`
 * of the workbook holds it whole (long-texts.ts).
 */
export function fitted(cell: ExcelJS.Cell, text: string, max = CELL_TEXT_MAX): string {
  if (text.length <= max) return text;
  return longTextsOf(cell)?.fit(cell, text, max) ?? cellText(text, max);
}

/** A value that came from an input: always a plain value, never a formula; a text of `max` characters at most. */
export function value(cell: ExcelJS.Cell, v: string | number | null | undefined, max = CELL_TEXT_MAX): void {
  cell.value = v === undefined || v === null ? null : typeof v === 'string' ? fitted(cell, v, max) : v;
}

export function printSetup(ws: ExcelJS.Worksheet, titleRows: string | undefined, footer: string): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = { oddFooter: `&L${footer.replace(/&/g, '&&')}&C&A&RPage &P / &N` };
}

export function widths(ws: ExcelJS.Worksheet, values: readonly number[]): void {
  values.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/**
 * Achievement rates: coloured by the framework's thresholds, with a data bar unless `bars` is false
 * (Synthèse: its tall rows would stretch the bars into one stripe). `basis` is what the colour follows
 * when it is not the cell itself: a group's weakest indicator.
 */
export function rateFormatting(
  ws: ExcelJS.Worksheet,
  range: string,
  good: number,
  fair: number,
  basis?: string,
  bars = true,
): void {
  const first = range.split(':')[0]!;
  const test = basis ? `(${basis})` : first;
  const fill = (argb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb } });
  const when = (condition: string) => [`AND(ISNUMBER(${first}),ISNUMBER(${test}),${condition.replace(/\$X/g, test)})`];
  ws.addConditionalFormatting({
    ref: range,
    rules: [
      {
        type: 'expression',
        formulae: when(`$X>=${good}`),
        priority: 1,
        style: {
          fill: fill(RATE_COLOURS.good.fill),
          font: { name: 'Calibri', color: { argb: RATE_COLOURS.good.font } },
        },
      },
      {
        type: 'expression',
        formulae: when(`$X>=${fair}`),
        priority: 2,
        style: {
          fill: fill(RATE_COLOURS.fair.fill),
          font: { name: 'Calibri', color: { argb: RATE_COLOURS.fair.font } },
        },
      },
      {
        type: 'expression',
        formulae: when(`$X<${fair}`),
        priority: 3,
        style: {
          fill: fill(RATE_COLOURS.poor.fill),
          font: { name: 'Calibri', color: { argb: RATE_COLOURS.poor.font } },
        },
      },
      // A full bar is 100 % (beyond, still full): the eye reads « done », not a share of 150 %.
      ...(bars
        ? [
            {
              type: 'dataBar',
              priority: 4,
              gradient: false,
              cfvo: [
                { type: 'num', value: 0 },
                { type: 'num', value: 1 },
              ],
              color: { argb: 'FF5B9BD5' },
            } as ExcelJS.ConditionalFormattingRule,
          ]
        : []),
    ],
  });
}

/**
 * Budget execution is not an achievement: spending less than planned is not « behind », and spending
 * more is not « achieved ». Execution up to 100 % is neutral; overspending has its own band.
 */
export function executionFormatting(ws: ExcelJS.Worksheet, range: string): void {
  const first = range.split(':')[0]!;
  ws.addConditionalFormatting({
    ref: range,
    rules: [
      {
        type: 'expression',
        formulae: [`AND(ISNUMBER(${first}),${first}>1)`],
        priority: 1,
        style: {
          fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: EXECUTION_COLOURS.over.fill } },
          font: { name: 'Calibri', bold: true, color: { argb: EXECUTION_COLOURS.over.font } },
        },
      },
    ],
  });
}

export const EXECUTION_COLOURS = {
  // Dark grey, apart from the navy « Dépensé » bars the markers sit on.
  within: { strong: 'FF404040' },
  over: { fill: 'FFF4B183', font: 'FF843C0C', strong: 'FFC55A11' },
} as const;

/** The colours of the rate thresholds, shared with the charts so a manager reads them the same way. */
export const RATE_COLOURS = {
  good: { fill: 'FFC6EFCE', font: 'FF006100', strong: 'FF70AD47' },
  fair: { fill: 'FFFFEB9C', font: 'FF9C5700', strong: 'FFFFC000' },
  poor: { fill: 'FFFFC7CE', font: 'FF9C0006', strong: 'FFC00000' },
} as const;

/**
 * Waits until the zip writer has taken what this sheet committed. Writing is synchronous: without
 * turns of the event loop a streamed sheet piles up in memory, and how much depends on how fast the
 * compressor keeps up. exceljs' sheet stream keeps its pending data in `buffers` (an internal of
 * exceljs 4): while more than a couple are waiting, let the compressor work. On anything else, one
 * turn of the event loop.
 */
export async function drain(ws?: ExcelJS.Worksheet): Promise<void> {
  const pending = (ws as unknown as { stream?: { buffers?: unknown[] } } | undefined)?.stream?.buffers;
  do await new Promise<void>((resolve) => setImmediate(resolve));
  while (Array.isArray(pending) && pending.length > 2);
}

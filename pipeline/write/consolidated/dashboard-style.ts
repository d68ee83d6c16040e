import type ExcelJS from 'exceljs';
import type { CellRange } from '../charts';
import type { RowCursor } from './row-cursor';
import { PERCENT_FORMAT, RATE_COLOURS, value } from './style';

/** Women in warm tones, men in cool ones; the darker, the younger. */
export const WOMEN = ['C55A11', 'ED7D31', 'F8CBAD'];
export const MEN = ['1F4E78', '2E75B6', '9DC3E6'];
export const PLANNED_COLOUR = 'A6A6A6';
export const SPENT_COLOUR = '1F4E78';
export const TARGET_COLOUR = '404040';

export const strong = (band: keyof typeof RATE_COLOURS) => RATE_COLOURS[band].strong.slice(2);

/** Labels of every rate, 0 % included; a text (no rate) shows no label. */
export const LABEL_FORMAT = `${PERCENT_FORMAT};-${PERCENT_FORMAT};${PERCENT_FORMAT};`;

/** A chart's range on the dashboard's own sheet: one cell, or one column from `first` to `last`. */
export type SheetRange = (col: string, first: number, last?: number) => CellRange;

export function rangesOn(sheet: string): SheetRange {
  return (col, first, last = first) => ({
    sheet,
    range: first === last ? `${col}${first}` : `${col}${first}:${col}${last}`,
  });
}

/** A header row tall enough for its wrapped texts (bold: a little under one character per unit of width). */
export function headerHeight(ws: ExcelJS.Worksheet, row: number): void {
  let lines = 1;
  ws.getRow(row).eachCell((cell, col) => {
    const width = ws.getColumn(col).width ?? 8.43;
    lines = Math.max(lines, Math.ceil(cell.text.length / Math.max(1, (width - 2) * 0.7)));
  });
  ws.getRow(row).height = Math.min(6, lines) * 15;
}

/** A chart data table's bold title, on its own row. */
export function tableTitle(ws: ExcelJS.Worksheet, at: RowCursor, text: string): void {
  value(ws.getCell(`A${at.row}`), text);
  ws.getCell(`A${at.row}`).font = { name: 'Calibri', bold: true };
  at.next();
}

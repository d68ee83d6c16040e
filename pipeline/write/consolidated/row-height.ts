import type ExcelJS from 'exceljs';
import { formulaResult } from './style';

/**
 * Row heights for wrapped text. Neither writer measures text, and a row without a height is only
 * grown by the application that opens the file when it recalculates layout (LibreOffice does not for a
 * streamed workbook's rows; a printout then overprints the next row). So the number of lines is
 * estimated here from Calibri's character widths, a little generously (wider letters, no hyphenation),
 * and the row is given the height of that many lines.
 */

/** Advance widths of Calibri (≈ Carlito) in ems, by character class; unknown characters count as wide. */
const NARROW = new Set("iljI.,:;!|'’ ");
const SEMI = new Set('frt()[]{}-/"«»');
const WIDE = new Set('mwMW%@');
function ems(ch: string): number {
  if (NARROW.has(ch)) return 0.24;
  if (SEMI.has(ch)) return 0.34;
  if (WIDE.has(ch)) return 0.86;
  if (/[A-ZÀ-Ý]/.test(ch)) return 0.6;
  if (/[0-9]/.test(ch)) return 0.51;
  return 0.5;
}

/** A safety margin over the estimate: a line that just fits in one application may wrap in another. */
const GENEROUS = 1.1;
/** Pixels of a column of `width` characters (Excel's rule for Calibri 11: 7 px a character, 5 of padding). */
export const columnPixels = (width: number) => Math.trunc(width * 7 + 5);
/** Padding inside a cell, left and right, and an indent step, in pixels. */
const PADDING = 6;
const INDENT = 9;

/** Widths in ems, by text: labels, names and words repeat on every row (a national Données has 150 000). */
const emsCache = new Map<string, number>();
const EMS_CACHE_SIZE = 50_000;

function textEms(text: string): number {
  let total = emsCache.get(text);
  if (total !== undefined) return total;
  total = 0;
  for (const ch of text) total += ems(ch);
  if (emsCache.size >= EMS_CACHE_SIZE) emsCache.clear();
  emsCache.set(text, total);
  return total;
}

/** The width in pixels (96 dpi) of `text` in Calibri of `size` points. */
export function textPixels(text: string, size = 11, bold = false): number {
  return textEms(text) * ((size * 96) / 72) * (bold ? 1.06 : 1) * GENEROUS;
}

/** Line counts by text and width: the same labels wrap the same way on every commune's row. */
const linesCache = new Map<string, number>();

/** How many lines `text` takes once wrapped (by words, as spreadsheets do) in `pixels` of width. */
export function wrappedLines(text: string, pixels: number, size = 11, bold = false): number {
  if (!text.includes('\n') && textPixels(text, size, bold) <= pixels) return 1;
  const key = `${pixels}|${size}|${bold ? 1 : 0}|${text}`;
  let lines = linesCache.get(key);
  if (lines === undefined) {
    lines = countLines(text, pixels, size, bold);
    if (linesCache.size >= EMS_CACHE_SIZE) linesCache.clear();
    linesCache.set(key, lines);
  }
  return lines;
}

function countLines(text: string, pixels: number, size: number, bold: boolean): number {
  const space = textPixels(' ', size, bold);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(' ')) {
      const w = textPixels(word, size, bold);
      if (used > 0 && used + space + w > pixels) {
        lines++;
        used = 0;
      }
      used += (used > 0 ? space : 0) + w;
      // A word longer than the line is broken across lines.
      while (used > pixels) {
        lines++;
        used -= pixels;
      }
    }
  }
  return lines;
}

/** Excel's tallest row; a longer text must be cut into several rows by its writer. */
export const MAX_ROW_POINTS = 409;

/** Height in points of `lines` lines of Calibri of `size` points (Excel's 15 points a line at 11). */
export const linesHeight = (lines: number, size = 11) => Math.ceil(lines * 15 * (size / 11));

/** A cell of the row if it exists: asking exceljs for a missing cell would create it. */
const existing = (row: ExcelJS.Row, col: number) => row.findCell(col);

function cellText(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (v && typeof v === 'object' && 'formula' in v) {
    const result = formulaResult(cell);
    return typeof result === 'string' ? result : null;
  }
  return null;
}

/** The width in pixels a cell's text has: its column's, or its merged columns' together. */
function cellPixels(ws: ExcelJS.Worksheet, row: ExcelJS.Row, cell: ExcelJS.Cell, col: number): number {
  let pixels = columnPixels(ws.getColumn(col).width ?? 8.43);
  for (let c = col + 1; c <= col + 50; c++) {
    const next = existing(row, c);
    if (!next?.isMerged || next.master !== cell) break;
    pixels += columnPixels(ws.getColumn(c).width ?? 8.43);
  }
  return pixels - PADDING - (cell.alignment?.indent ?? 0) * INDENT;
}

/**
 * A new style for a cell: its own may be shared with others (exceljs keeps the object it was given). A
 * shared style gives one shared derived style, so exceljs' style table (keyed by object) stays small.
 */
const derived = {
  wrap: new WeakMap<object, Partial<ExcelJS.Style>>(),
  top: new WeakMap<object, Partial<ExcelJS.Style>>(),
};
function restyled(style: Partial<ExcelJS.Style>, change: 'wrap' | 'top'): Partial<ExcelJS.Style> {
  const known = derived[change].get(style);
  if (known) return known;
  const alignment =
    change === 'wrap'
      ? { ...style.alignment, wrapText: true, vertical: style.alignment?.vertical ?? 'top' }
      : { ...style.alignment, vertical: 'top' as const };
  const made = { ...style, alignment };
  derived[change].set(style, made);
  return made;
}

/**
 * Makes the text of a row print whole: a text too long for its cell, that the next cell (or the edge of
 * the printout, after column `lastColumn`) would cut, is wrapped; then the row gets the height of its
 * tallest wrapped text (never lower than it was). Call it once the row's cells, styles and merges are
 * set, before the row is committed.
 */
export function fitRowHeight(ws: ExcelJS.Worksheet, rowNumber: number, lastColumn = Infinity): void {
  const row = ws.getRow(rowNumber);
  const isEmpty = (col: number) => {
    const v = existing(row, col)?.value;
    return v === null || v === undefined || v === '';
  };
  let height = 0;
  row.eachCell((cell, col) => {
    const text = cellText(cell);
    if (!text || (cell.isMerged && cell.master !== cell)) return;
    const size = cell.font?.size ?? 11;
    const bold = cell.font?.bold ?? false;
    const pixels = cellPixels(ws, row, cell, col);
    const needed = text.includes('\n') ? Infinity : textPixels(text, size, bold);
    if (!cell.alignment?.wrapText) {
      if (needed <= pixels) return;
      // Left-aligned text runs over empty cells to its right, up to the printout's edge.
      let room = pixels;
      for (let c = col + 1; c <= lastColumn && c <= col + 50 && isEmpty(c) && !existing(row, c)?.isMerged; c++)
        room += columnPixels(ws.getColumn(c).width ?? 8.43);
      const alignment = cell.alignment?.horizontal;
      if (needed <= room && (alignment === undefined || alignment === 'left')) return;
      cell.style = restyled(cell.style, 'wrap');
    }
    height = Math.max(height, linesHeight(wrappedLines(text, pixels, size, bold), size));
  });
  if (height <= (row.height ?? 15)) return;
  row.height = Math.min(height, MAX_ROW_POINTS);
  // A tall row reads from the top: every text starts on its first line, level with the wrapped ones.
  row.eachCell((cell) => {
    if (!cell.alignment?.vertical) cell.style = restyled(cell.style, 'top');
  });
}

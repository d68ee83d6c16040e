import type ExcelJS from 'exceljs';
import { interpolate } from '../../../core/messages';
import { sheetRef } from '../../../core/tables';
import type { WriteContext } from './context';
import { OUTPUT_SHEETS } from './labels';
import { columnPixels, linesHeight, MAX_ROW_POINTS, textPixels, wrappedLines } from './row-height';

/**
 * Texts too long for their cell (Excel's 32 767 characters, or the 409 points of a row on Synthèse):
 * the cell shows their beginning and says where the rest is; the sheet `Textes longs` holds each whole,
 * in pieces that each fit in one cell and one row. Rows are numbered as texts are cut, so the cut cell
 * can name its row although the sheet is written last.
 */
export class LongTexts {
  readonly entries: { where: string; pieces: string[]; first: number }[] = [];
  private next = FIRST_ROW;

  constructor(private readonly ctx: WriteContext) {}

  /** The text shown in `cell` for `text`, at most `max` characters, the whole text kept when it is cut. */
  fit(cell: ExcelJS.Cell, text: string, max: number): string {
    if (text.length <= max) return text;
    const pieces = splitPieces(text);
    if (this.next + pieces.length > ROWS_MAX) return cutAt(text, max, '…');
    const first = this.next;
    this.next += pieces.length;
    this.entries.push({ where: sheetRef(cell.worksheet.name, cell.address), pieces, first });
    return cutAt(
      text,
      max,
      interpolate(this.ctx.labels.longTextContinued, { sheet: OUTPUT_SHEETS.longTexts, row: first }, this.ctx.lang),
    );
  }
}

const FIRST_ROW = 2;
/** Excel's last row: beyond, a text is only cut (a million cut texts is not a report anyone reads). */
const ROWS_MAX = 1_048_576;
/** The column the pieces are shown in, in characters (Excel's width unit). */
const TEXT_WIDTH = 120;
/** A piece's length before it is checked against the row's height: about twenty lines of the column. */
const PIECE = 2000;

/** The first `max` characters of `text`, the last ones replaced by `tail`; never half a surrogate pair. */
export function cutAt(text: string, max: number, tail: string): string {
  let end = Math.max(0, max - tail.length);
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}${tail}`;
}

/** Pieces that each fit in a row of the `Textes longs` column: cut after a space when there is one near. */
export function splitPieces(text: string): string[] {
  const pixels = columnPixels(TEXT_WIDTH) - 6;
  const pieces: string[] = [];
  let at = 0;
  while (at < text.length) {
    let size = Math.min(PIECE, text.length - at);
    let piece = pieceOf(text, at, size, at + size < text.length);
    // Wide letters or many line breaks: a smaller piece, until it fits in the tallest row.
    while (piece.length > 1 && linesHeight(wrappedLines(piece, pixels)) > MAX_ROW_POINTS) {
      size = Math.max(1, Math.floor(size / 2));
      piece = pieceOf(text, at, size, true);
    }
    pieces.push(piece);
    at += piece.length;
  }
  return pieces;
}

function pieceOf(text: string, at: number, size: number, more: boolean): string {
  let end = at + size;
  if (more) {
    // After the last space of the piece's last fifth: words stay whole when they can.
    const space = text.lastIndexOf(' ', end - 1);
    if (space >= at + Math.floor(size * 0.8)) end = space + 1;
    else if (/[\uD800-\uDBFF]/.test(text[end - 1]!) && end - 1 > at) end--;
  }
  return text.slice(at, end);
}

/**
 * How many characters of `text` a wrapped cell `pixels` wide shows in Excel's tallest row, three lines
 * left for the pointer to the rest: all of it when it fits. A longer text is cut there rather than at
 * 32 767 characters, so its « … » and where the rest is are seen, not hidden below the row.
 */
export function rowCapacity(text: string, pixels: number): number {
  if (linesHeight(wrappedLines(text, pixels)) <= MAX_ROW_POINTS) return text.length;
  const lines = Math.floor(MAX_ROW_POINTS / 15) - 3;
  const sample = text.slice(0, 2000);
  let n = Math.min(text.length, Math.floor((lines * pixels) / Math.max(1, textPixels(sample) / sample.length)));
  while (n > 100 && wrappedLines(text.slice(0, n), pixels) > lines) n = Math.floor(n * 0.85);
  return Math.max(100, n);
}

/** Long texts of the workbook being written, found from any of its cells. */
const registry = new WeakMap<object, LongTexts>();
export function keepLongTexts(workbook: object, texts: LongTexts): void {
  registry.set(workbook, texts);
}
export function longTextsOf(cell: ExcelJS.Cell): LongTexts | undefined {
  const workbook = (cell as { worksheet?: { workbook?: object } }).worksheet?.workbook;
  return workbook ? registry.get(workbook) : undefined;
}

/** `Textes longs`: where each cut text is, and the whole text in consecutive rows. */
export async function writeLongTexts(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  texts: LongTexts,
  drain: (ws: ExcelJS.Worksheet) => Promise<void>,
): Promise<void> {
  const L = ctx.labels;
  const header = ws.getRow(1);
  [L.cell, L.longTextPart, L.longTextText].forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { name: 'Calibri', bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } };
    cell.alignment = { vertical: 'middle' };
  });
  for (const [i, w] of [30, 9, TEXT_WIDTH].entries()) ws.getColumn(i + 1).width = w;
  header.commit();
  if (texts.entries.length === 0) {
    ws.getCell('A2').value = L.noLongText;
    ws.getRow(2).commit();
  }
  const pixels = columnPixels(TEXT_WIDTH) - 6;
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  for (const entry of texts.entries) {
    entry.pieces.forEach((piece, i) => {
      const row = ws.getRow(entry.first + i);
      row.getCell(1).value = entry.where;
      row.getCell(1).alignment = { vertical: 'top' };
      row.getCell(2).value = `${i + 1}/${entry.pieces.length}`;
      row.getCell(2).alignment = { vertical: 'top', horizontal: 'center' };
      row.getCell(3).value = piece;
      row.getCell(3).alignment = wrap;
      row.height = Math.min(MAX_ROW_POINTS, Math.max(15, linesHeight(wrappedLines(piece, pixels))));
      row.commit();
    });
    await drain(ws);
  }
  const last = texts.entries.at(-1);
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: last ? last.first + last.pieces.length - 1 : 1, column: 3 },
  };
}

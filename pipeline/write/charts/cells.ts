import type ExcelJS from 'exceljs';
import { columnLetter, readA1, sheetRef } from '../../../core/tables';
import type { CellRange, CellSource, CellValue } from './types';

/** `AB12` → { col: 28, row: 12 } (both 1-based). */
export function parseAddress(address: string): { col: number; row: number } {
  const at = readA1(address);
  if (!at) throw new Error(`not a cell address: « ${address} »`);
  const { column: col, row } = at;
  if (col < 1 || col > 16384 || row < 1 || row > 1048576)
    throw new Error(`cell address out of the sheet: « ${address} »`);
  return { col, row };
}

/** The cells of a one-row or one-column range, in order. */
export function cellsOf(range: CellRange): string[] {
  const [a, b = a] = range.range.split(':') as [string, string?];
  const from = parseAddress(a);
  const to = parseAddress(b);
  if (from.col !== to.col && from.row !== to.row)
    throw new Error(`${range.sheet}!${range.range}: a chart range must be one row or one column`);
  if (to.col < from.col || to.row < from.row)
    throw new Error(`${range.sheet}!${range.range}: a range goes from its top-left cell to its bottom-right cell`);
  const out: string[] = [];
  for (let row = from.row; row <= to.row; row++)
    for (let col = from.col; col <= to.col; col++) out.push(`${columnLetter(col)}${row}`);
  return out;
}

/** The formula a chart stores for a range: `'Synthèse'!$H$5:$H$13`. */
export function rangeFormula(range: CellRange): string {
  const absolute = range.range
    .split(':')
    .map((address) => {
      const { col, row } = parseAddress(address);
      return `$${columnLetter(col)}$${row}`;
    })
    .join(':');
  return sheetRef(range.sheet, absolute);
}

/** The cached values of an exceljs workbook: a formula's stored result, rich text as plain text. */
export function exceljsCells(workbook: ExcelJS.Workbook): CellSource {
  const cell = (sheet: string, address: string): ExcelJS.Cell => {
    const ws = workbook.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet « ${sheet} »`);
    return ws.getCell(address);
  };
  return {
    value(sheet, address) {
      return plain(cell(sheet, address).value);
    },
    numberFormat(sheet, address) {
      return cell(sheet, address).numFmt || undefined;
    },
  };
}

function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    if (r === undefined || r === null) return null;
    if (typeof r === 'number' || typeof r === 'string') return r;
    if (typeof r === 'boolean') return r ? 'TRUE' : 'FALSE';
    if (r instanceof Date) return r.toISOString().slice(0, 10);
    return null;
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return String(v.text);
  return null;
}

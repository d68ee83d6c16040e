/**
 * The plain, host-neutral picture of a workbook. The exceljs reader (pipeline) and the Office.js
 * reader (add-in) both produce exactly this, so the validator sees the same thing in both hosts.
 */

export type CellKind = 'empty' | 'number' | 'string' | 'boolean' | 'date' | 'error' | 'formula';

export interface Cell {
  kind: CellKind;
  /**
   * number → number; string → the text as typed; boolean → boolean; date → `YYYY-MM-DD`;
   * error → the Excel error code (`#REF!`); formula → its cached result (never trusted); empty → null.
   */
  value: string | number | boolean | null;
  /** The formula text without `=`, for kind `formula`. */
  formula?: string;
}

export interface Sheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** rows[r][c] is the cell at 1-based row r+1, column c+1; ragged rows are allowed. */
  rows: Cell[][];
}

export interface Tables {
  sheets: Sheet[];
}

export const EMPTY: Cell = Object.freeze({ kind: 'empty', value: null });

export function cellAt(sheet: Sheet, row: number, column: number): Cell {
  return sheet.rows[row - 1]?.[column - 1] ?? EMPTY;
}

/** 1 → A, 27 → AA */
export function columnLetter(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** `AB` → 28: column letters (upper case) to their 1-based number. */
export function columnNumber(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i++) column = column * 26 + letters.charCodeAt(i) - 64;
  return column;
}

/** `AB12` or `$AB$12` → { row: 12, column: 28 }, or null when the text is no A1 address. */
export function readA1(address: string): { row: number; column: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(address.trim());
  return m ? { row: Number(m[2]), column: columnNumber(m[1]!.toUpperCase()) } : null;
}

/** `AB12` → { row: 12, column: 28 } */
export function parseA1(address: string): { row: number; column: number } {
  const at = readA1(address);
  if (!at) throw new Error(`not an A1 address: ${address}`);
  return at;
}

/** A sheet name as a formula reference writes it: `'Synthèse'`, quotes inside doubled (`'L''équipe'`). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A reference to a cell or range of another sheet: `'Synthèse'!$H$5`. */
export function sheetRef(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${address}`;
}

/** The text a person would read in the cell, for labels, codes and comments. */
export function cellText(cell: Cell): string {
  if (cell.value === null || cell.value === undefined) return '';
  return String(cell.value).trim();
}

/** Days since 1899-12-30 (Excel's 1900 date system) → `YYYY-MM-DD`. */
export function serialToIsoDate(serial: number): string {
  const ms = Math.round(serial * 86400000) + Date.UTC(1899, 11, 30);
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoDateToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (Date.UTC(y!, m! - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
}

/**
 * Drops trailing empty cells and rows and fills holes with EMPTY, so that two readers of the same
 * workbook (exceljs, Office.js used ranges) produce identical tables.
 */
export function compact(sheet: Sheet): Sheet {
  const rows: Cell[][] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const source = sheet.rows[r] ?? [];
    let last = -1;
    for (let c = 0; c < source.length; c++) if (source[c] && source[c]!.kind !== 'empty') last = c;
    const cells: Cell[] = [];
    for (let c = 0; c <= last; c++) cells.push(source[c] && source[c]!.kind !== 'empty' ? source[c]! : EMPTY);
    rows.push(cells);
  }
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  return { name: sheet.name, state: sheet.state, rows };
}

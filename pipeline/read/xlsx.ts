import ExcelJS from 'exceljs';
import { compact, type Cell, type Sheet, type Tables } from '../../core/tables';
import path from 'node:path';
import { parseCsvBuffer, templateSheetOfCsv } from './csv';
import { InputError } from './input-error';
import { readInputFile } from './input-file';
import { FastReaderUnsupported, isFastReaderPart, readTablesFast } from './xlsx-fast';
import { isConsolidatedWorkbook, OWN_OUTPUT_PARTS } from './own-output';
import { refuseOversizedCells } from './cell-limits';
import { DEFAULT_LIMITS, inspectZip, zipGuardError, type ZipLimits } from './zip-guard';

/** exceljs value → the core's plain cell. Merged cells other than the top-left read as empty, as in Office.js. */
export function toCell(cell: ExcelJS.Cell): Cell {
  if (cell.type === ExcelJS.ValueType.Merge) return { kind: 'empty', value: null };
  // A filled-down formula is saved as a shared formula: its value only names the master cell (`F2`);
  // exceljs' cell.formula translates the master's text to this cell (`G3+H3`).
  if (cell.type === ExcelJS.ValueType.Formula) {
    const f = cell.value as ExcelJS.CellFormulaValue & { sharedFormula?: string };
    return { kind: 'formula', value: plain(f.result).value, formula: cell.formula ?? f.formula ?? '' };
  }
  return fromValue(cell.value);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function plain(value: unknown): Cell {
  if (value === null || value === undefined) return { kind: 'empty', value: null };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value === '' ? { kind: 'empty', value: null } : { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  // exceljs makes an invalid Date of a date-formatted cell it cannot convert (a cached error, a huge
  // number): the value is unreadable, said so instead of throwing.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'string', value: '(date illisible)' } : { kind: 'date', value: isoDate(value) };
  if (typeof value === 'object' && 'error' in value) return { kind: 'error', value: String((value as ExcelJS.CellErrorValue).error) };
  return { kind: 'string', value: String(value) };
}

function fromValue(value: ExcelJS.CellValue): Cell {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value) {
      const f = value as ExcelJS.CellFormulaValue & { sharedFormula?: string };
      const cached = plain(f.result);
      return { kind: 'formula', value: cached.value, formula: f.formula ?? f.sharedFormula ?? '' };
    }
    if ('richText' in value) return plain((value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(''));
    if ('hyperlink' in value) return plain((value as ExcelJS.CellHyperlinkValue).text);
  }
  return plain(value);
}

export function worksheetToSheet(ws: ExcelJS.Worksheet): Sheet {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = toCell(cell);
    });
    rows[r - 1] = cells;
  });
  const state = ws.state === 'veryHidden' ? 'veryHidden' : ws.state === 'hidden' ? 'hidden' : 'visible';
  return compact({ name: ws.name, state, rows });
}

export function workbookToTables(workbook: ExcelJS.Workbook): Tables {
  return { sheets: workbook.worksheets.map(worksheetToSheet) };
}

/**
 * Bytes → MB with two decimals. The size of a refused file is rounded up, so that a 50.3 MB file
 * against a 50 MB limit reads « 50,3 Mo, au plus 50 Mo », never « 50 Mo, au plus 50 Mo ».
 */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** A `.csv` given for a workbook: the advice names the template sheet it was saved from, when it is one. */
function savedAsCsv(buffer: Buffer, file: string): InputError | null {
  if (!['.csv', '.txt'].includes(path.extname(file).toLowerCase())) return null;
  let sheet: string | null = null;
  try {
    sheet = templateSheetOfCsv(parseCsvBuffer(buffer, file));
  } catch {
    // An unreadable CSV still gets the advice to save the workbook as .xlsx.
  }
  return sheet ? new InputError(file, 'csvSheet', { sheet }) : new InputError(file, 'csv');
}

/**
 * Reads a .xlsx / .xlsm into tables. The size and the zip's directory are checked before anything
 * is inflated; macros are never run nor kept (only cell values are read).
 */
export async function readWorkbookFile(file: string, limits: ZipLimits = DEFAULT_LIMITS): Promise<Tables> {
  return readWorkbookBuffer(await readInputFile(file, limits.maxFileBytes), file, limits);
}

export interface ReadOptions {
  /**
   * `auto` (the default): the fast reader (xlsx-fast.ts), and exceljs for a workbook it does not
   * recognise; `exceljs` or `fast` alone, for tests and benches (`fast` throws instead of falling back).
   */
  reader?: 'auto' | 'fast' | 'exceljs';
  /** Told why, when `auto` falls back to exceljs. */
  onFallback?: (reason: string) => void;
}

export async function readWorkbookBuffer(buffer: Buffer, file: string, limits: ZipLimits = DEFAULT_LIMITS, options: ReadOptions = {}): Promise<Tables> {
  const reader = options.reader ?? 'auto';
  // An encrypted workbook (password to open) and an old .xls are both OLE compound files, not zips;
  // only the encrypted one holds an EncryptedPackage stream.
  if (buffer.subarray(0, 8).equals(CFB_MAGIC)) throw new InputError(file, buffer.includes(ENCRYPTED_PACKAGE) ? 'encrypted' : 'xls');
  // The guard inflates only the parts the fast reader needs, and those that tell the merge's own
  // consolidated workbook, when the workbook's relationships reach them.
  const keep = (name: string) => OWN_OUTPUT_PARTS.includes(name) || (reader !== 'exceljs' && isFastReaderPart(name));
  const verdict = inspectZip(buffer, limits, { keep });
  if (!verdict.ok) {
    if (verdict.reason === 'notZip') throw savedAsCsv(buffer, file) ?? new InputError(file, 'notWorkbook');
    if (verdict.parts && isConsolidatedWorkbook(verdict.parts)) throw new InputError(file, 'ownOutput');
    throw zipGuardError(verdict, file, limits);
  }
  if (isConsolidatedWorkbook(verdict.parts ?? new Map())) throw new InputError(file, 'ownOutput');
  if (!verdict.entries.some((e) => e.name === 'xl/workbook.xml'))
    throw new InputError(file, verdict.entries.some((e) => e.name === 'content.xml') && /\.(ods|ots|fods)$/i.test(file) ? 'ods' : 'notWorkbook');
  if (reader !== 'exceljs') {
    try {
      return refuseOversizedCells(
        readTablesFast(
          verdict.entries.map((e) => e.name),
          verdict.parts ?? new Map(),
        ),
        file,
      );
    } catch (err) {
      if (reader === 'fast') throw err;
      // Anything the fast reader does not recognise, or fails on, is exceljs' to read.
      options.onFallback?.(err instanceof FastReaderUnsupported ? err.reason : `${(err as Error).name}: ${(err as Error).message}`);
    }
  }
  // exceljs inflates every entry: each is checked first, within the same budget.
  const whole = inspectZip(buffer, limits, { inflate: 'all' });
  if (!whole.ok) throw zipGuardError(whole, file, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new InputError(file, 'corrupt', { detail: String((err as Error).message ?? err).split('\n')[0]!.slice(0, 120) });
  }
  return refuseOversizedCells(workbookToTables(workbook), file);
}

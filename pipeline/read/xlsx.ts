import ExcelJS from 'exceljs';
import { numberCell } from '../../core/number-formats';
import { compact, type Cell, type Sheet, type Tables } from '../../core/tables';
import path from 'node:path';
import { parseCsvBuffer, templateSheetOfCsv } from './csv';
import { InputError } from './input-error';
import { readInputFile } from './input-file';
import { FastReaderUnsupported, isFastReaderPart, readTablesFast, WorkbookRefused } from './xlsx-fast';
import { findZipAmbiguity } from './zip-ambiguity';
import { isConsolidatedWorkbook, OWN_OUTPUT_PARTS } from './own-output';
import { refuseOversizedCells } from './cell-limits';
import { DEFAULT_LIMITS, inspectZip, zipGuardError, type ZipLimits } from './zip-guard';

/** How dates are counted: what the file says (`date1904`), and what exceljs believed when it made Dates. */
export interface DateSystem {
  date1904: boolean;
  exceljs1904: boolean;
}

const DEFAULT_DATES: DateSystem = { date1904: false, exceljs1904: false };

/**
 * exceljs value → the core's plain cell, as the file says it (not exceljs' reading): a formula keeps
 * a cached 0 or FALSE (cell.result; only exceljs' value getter drops it), numbers and dates are read
 * from their serial with the core's number-format rules. Merged cells other than the top-left read
 * as empty, as in Office.js.
 */
export function toCell(cell: ExcelJS.Cell, dates: DateSystem = DEFAULT_DATES): Cell {
  if (cell.type === ExcelJS.ValueType.Merge) return { kind: 'empty', value: null };
  // A filled-down formula is saved as a shared formula: its value only names the master cell (`F2`);
  // exceljs' cell.formula translates the master's text to this cell (`G3+H3`).
  if (cell.type === ExcelJS.ValueType.Formula) {
    const f = cell.value as ExcelJS.CellFormulaValue & { sharedFormula?: string };
    return { kind: 'formula', value: plain(cell.result, cell.numFmt, dates).value, formula: cell.formula ?? f.formula ?? '' };
  }
  return fromValue(cell.value, cell.numFmt, dates);
}

function plain(value: unknown, numFmt: string | undefined, dates: DateSystem): Cell {
  if (value === null || value === undefined) return { kind: 'empty', value: null };
  // exceljs parses an empty or non-numeric cached <v> as NaN: the file holds no number there.
  if (typeof value === 'number') return Number.isNaN(value) ? { kind: 'empty', value: null } : numberCell(value, numFmt, dates.date1904);
  if (typeof value === 'string') return value === '' ? { kind: 'empty', value: null } : { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) {
    // Back to the serial exceljs converted, then read with the file's own date system.
    const serial = value.getTime() / 86400000 + 25569 - (dates.exceljs1904 ? 1462 : 0);
    return Number.isFinite(serial) ? numberCell(serial, numFmt || 'yyyy-mm-dd', dates.date1904) : { kind: 'string', value: '(date illisible)' };
  }
  if (typeof value === 'object' && 'error' in value) return { kind: 'error', value: String((value as ExcelJS.CellErrorValue).error) };
  return { kind: 'string', value: String(value) };
}

function fromValue(value: ExcelJS.CellValue, numFmt: string | undefined, dates: DateSystem): Cell {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value) {
      const f = value as ExcelJS.CellFormulaValue & { sharedFormula?: string };
      const cached = plain(f.result, numFmt, dates);
      return { kind: 'formula', value: cached.value, formula: f.formula ?? f.sharedFormula ?? '' };
    }
    if ('richText' in value) return plain((value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(''), undefined, dates);
    if ('hyperlink' in value) return plain((value as ExcelJS.CellHyperlinkValue).text, undefined, dates);
  }
  return plain(value, numFmt, dates);
}

export function worksheetToSheet(ws: ExcelJS.Worksheet, dates: DateSystem = DEFAULT_DATES): Sheet {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = toCell(cell, dates);
    });
    rows[r - 1] = cells;
  });
  const state = ws.state === 'veryHidden' ? 'veryHidden' : ws.state === 'hidden' ? 'hidden' : 'visible';
  return compact({ name: ws.name, state, rows });
}

/** `workbookXml`: the file's xl/workbook.xml, which says the date system (`1` or `true`; exceljs knows only `1`). */
export function workbookToTables(workbook: ExcelJS.Workbook, workbookXml?: Buffer): Tables {
  const exceljs1904 = Boolean(workbook.properties?.date1904);
  const flag = workbookXml ? /<(?:\w+:)?workbookPr\b[^>]*?\bdate1904\s*=\s*["']\s*(1|true)\s*["']/.exec(workbookXml.toString('utf8')) : null;
  const dates = { exceljs1904, date1904: workbookXml ? flag !== null : exceljs1904 };
  return { sheets: workbook.worksheets.map((ws) => worksheetToSheet(ws, dates)) };
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

/** A commune workbook reads in well under a second: a minute means a crafted file. */
const MAX_READ_MS = 60_000;

/** More merged ranges than exceljs reads in a few seconds (its merge check is quadratic). */
const MAX_MERGES_FOR_EXCELJS = 5000;

/** The `<mergeCell` elements in the worksheets held in memory (any prefix). */
function countMergedRanges(parts: ReadonlyMap<string, Buffer>): number {
  let count = 0;
  for (const bytes of parts.values()) for (let i = bytes.indexOf('mergeCell '); i >= 0; i = bytes.indexOf('mergeCell ', i + 10)) count++;
  return count;
}

export interface ReadOptions {
  /**
   * `auto` (the default): the fast reader (xlsx-fast.ts), and exceljs for a workbook it does not
   * recognise; `exceljs` or `fast` alone, for tests and benches (`fast` throws instead of falling back).
   */
  reader?: 'auto' | 'fast' | 'exceljs';
  /** The longest a workbook may take to read, in milliseconds (the fast reader checks as it goes). */
  maxReadMs?: number;
  /** Told why, when `auto` falls back to exceljs. */
  onFallback?: (reason: string) => void;
}

export async function readWorkbookBuffer(buffer: Buffer, file: string, limits: ZipLimits = DEFAULT_LIMITS, options: ReadOptions = {}): Promise<Tables> {
  const started = Date.now();
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
  const ambiguity = findZipAmbiguity(buffer);
  if (ambiguity) throw new InputError(file, 'ambiguousZip', { name: ambiguity.name });
  if (isConsolidatedWorkbook(verdict.parts ?? new Map())) throw new InputError(file, 'ownOutput');
  if (!verdict.entries.some((e) => e.name === 'xl/workbook.xml'))
    throw new InputError(file, verdict.entries.some((e) => e.name === 'content.xml') && /\.(ods|ots|fods)$/i.test(file) ? 'ods' : 'notWorkbook');
  const parts = verdict.parts ?? new Map<string, Buffer>();
  if (reader !== 'exceljs') {
    try {
      return refuseOversizedCells(
        readTablesFast(
          verdict.entries.map((e) => e.name),
          parts,
          started + (options.maxReadMs ?? MAX_READ_MS),
        ),
        file,
      );
    } catch (err) {
      if (err instanceof WorkbookRefused)
        throw err.reason === 'tooSlow' ? new InputError(file, 'tooSlow', { seconds: Math.round((options.maxReadMs ?? MAX_READ_MS) / 1000) }) : new InputError(file, 'tooComplex', { count: err.count });
      if (reader === 'fast') throw err;
      // Anything the fast reader does not recognise, or fails on, is exceljs' to read.
      options.onFallback?.(err instanceof FastReaderUnsupported ? err.reason : `${(err as Error).name}: ${(err as Error).message}`);
    }
  }
  // exceljs inflates every entry: each is checked first, within the same budget.
  const whole = inspectZip(buffer, limits, { inflate: 'all' });
  if (!whole.ok) throw zipGuardError(whole, file, limits);
  // exceljs is quadratic in merged ranges (50 000 take more than 5 minutes): never given many.
  const merges = countMergedRanges(parts);
  if (merges > MAX_MERGES_FOR_EXCELJS) throw new InputError(file, 'tooComplex', { count: merges });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    // exceljs' own words (« Unexpected xml node in parseOpen ») mean nothing to a coordinator: not shown.
    throw new InputError(file, 'corrupt');
  }
  return refuseOversizedCells(workbookToTables(workbook, verdict.parts?.get('xl/workbook.xml')), file);
}

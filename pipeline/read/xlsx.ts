import path from 'node:path';
import type { Tables } from '../../core/tables';
import { parseCsvBuffer, templateSheetOfCsv } from './csv';
import { readTablesInThread } from './exceljs-thread';
import { InputError } from './input-error';
import { readInputFile } from './input-file';
import { FastReaderUnsupported, isFastReaderPart, readTablesFast, WorkbookRefused } from './xlsx-fast';
import { findZipAmbiguity } from './zip-ambiguity';
import { isFeedbackWorkbook, isOwnWorkbook, OWN_OUTPUT_PARTS } from './own-output';
import { refuseOversizedCells } from './cell-limits';
import { DEFAULT_LIMITS, inspectZip, zipGuardError, type ZipLimits } from './zip-guard';

export { toCell, workbookToTables, worksheetToSheet, type DateSystem } from './exceljs-tables';

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

/** A workbook this tool wrote: last run's consolidated output, or a feedback view. */
const ownWorkbookError = (file: string, parts: ReadonlyMap<string, Buffer>) =>
  new InputError(file, isFeedbackWorkbook(parts) ? 'ownFeedback' : 'ownOutput');

/** A commune workbook reads in well under a second: a minute means a crafted file. */
const MAX_READ_MS = 60_000;

/** More merged ranges than exceljs reads in a few seconds (its merge check is quadratic). */
const MAX_MERGES_FOR_EXCELJS = 5000;

/** The `<mergeCell>` elements (any prefix, any whitespace after the name) of the worksheets held in memory. */
function countMergedRanges(parts: ReadonlyMap<string, Buffer>): number {
  let count = 0;
  for (const [name, bytes] of parts) {
    // Worksheets only: a shared string may well say « mergeCell ».
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) continue;
    for (let i = bytes.indexOf('mergeCell'); i >= 0; i = bytes.indexOf('mergeCell', i + 9)) {
      const before = bytes[i - 1];
      const after = bytes[i + 9];
      // `<mergeCell` or `<x:mergeCell`, then a space, tab, line break, `/` or `>` (not `<mergeCells`).
      const opens = before === 0x3c || before === 0x3a;
      if (
        opens &&
        after !== undefined &&
        (after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d || after === 0x2f || after === 0x3e)
      )
        count++;
    }
  }
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

export async function readWorkbookBuffer(
  buffer: Buffer,
  file: string,
  limits: ZipLimits = DEFAULT_LIMITS,
  options: ReadOptions = {},
): Promise<Tables> {
  const maxReadMs = options.maxReadMs ?? MAX_READ_MS;
  const deadline = Date.now() + maxReadMs;
  const tooSlow = () => new InputError(file, 'tooSlow', { seconds: Math.round(maxReadMs / 1000) });
  const reader = options.reader ?? 'auto';
  // An encrypted workbook (password to open) and an old .xls are both OLE compound files, not zips;
  // only the encrypted one holds an EncryptedPackage stream.
  if (buffer.subarray(0, 8).equals(CFB_MAGIC))
    throw new InputError(file, buffer.includes(ENCRYPTED_PACKAGE) ? 'encrypted' : 'xls');
  // The guard inflates only the parts the fast reader needs, and those that tell the merge's own
  // consolidated workbook, when the workbook's relationships reach them.
  const keep = (name: string) => OWN_OUTPUT_PARTS.includes(name) || (reader !== 'exceljs' && isFastReaderPart(name));
  const verdict = inspectZip(buffer, limits, { keep });
  if (!verdict.ok) {
    if (verdict.reason === 'notZip') throw savedAsCsv(buffer, file) ?? new InputError(file, 'notWorkbook');
    if (verdict.parts && isOwnWorkbook(verdict.parts)) throw ownWorkbookError(file, verdict.parts);
    throw zipGuardError(verdict, file, limits);
  }
  const ambiguity = findZipAmbiguity(buffer);
  if (ambiguity) throw new InputError(file, 'ambiguousZip', { name: ambiguity.name });
  if (isOwnWorkbook(verdict.parts ?? new Map())) throw ownWorkbookError(file, verdict.parts ?? new Map());
  if (!verdict.entries.some((e) => e.name === 'xl/workbook.xml'))
    throw new InputError(
      file,
      verdict.entries.some((e) => e.name === 'content.xml') && /\.(ods|ots|fods)$/i.test(file) ? 'ods' : 'notWorkbook',
    );
  const parts = verdict.parts ?? new Map<string, Buffer>();
  if (reader !== 'exceljs') {
    try {
      return refuseOversizedCells(
        readTablesFast(
          verdict.entries.map((e) => e.name),
          parts,
          deadline,
        ),
        file,
      );
    } catch (err) {
      if (err instanceof WorkbookRefused)
        throw err.reason === 'tooSlow' ? tooSlow() : new InputError(file, 'tooComplex', { count: err.count });
      if (reader === 'fast') throw err;
      // Anything the fast reader does not recognise, or fails on, is exceljs' to read.
      options.onFallback?.(
        err instanceof FastReaderUnsupported ? err.reason : `${(err as Error).name}: ${(err as Error).message}`,
      );
    }
  }
  // exceljs inflates every entry: each is checked first, within the same budget.
  const whole = inspectZip(buffer, limits, { inflate: 'all' });
  if (!whole.ok) throw zipGuardError(whole, file, limits);
  // exceljs is quadratic in merged ranges (50 000 take more than 5 minutes): never given many.
  const merges = countMergedRanges(parts);
  if (merges > MAX_MERGES_FOR_EXCELJS) throw new InputError(file, 'tooComplex', { count: merges });
  // exceljs cannot be interrupted: it reads on its own thread, stopped at the same deadline.
  const left = deadline - Date.now();
  let read: Awaited<ReturnType<typeof readTablesInThread>>;
  try {
    read =
      left > 0
        ? await readTablesInThread(buffer, verdict.parts?.get('xl/workbook.xml'), left)
        : { kind: 'timeout' as const };
  } catch {
    // exceljs' own failures while converting (« 0 is out of bounds… ») or running out of memory mean
    // nothing to a coordinator: the workbook is refused in plain words, with what to do.
    throw new InputError(file, 'corrupt');
  }
  if (read.kind === 'timeout') throw tooSlow();
  if (read.kind === 'corrupt') throw new InputError(file, 'corrupt');
  return refuseOversizedCells(read.tables, file);
}

import { END, OPEN, Scanner, XmlScanError } from '../xml/scanner';
import ExcelJS from 'exceljs';
import { dateToSerial, numberCell } from '../../core/number-formats';
import { compact, type Cell, type Sheet, type Tables } from '../../core/tables';

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
    return {
      kind: 'formula',
      value: plain(cell.result, cell.numFmt, dates).value,
      formula: cell.formula ?? f.formula ?? '',
    };
  }
  return fromValue(cell.value, cell.numFmt, dates);
}

function plain(value: unknown, numFmt: string | undefined, dates: DateSystem): Cell {
  if (value === null || value === undefined) return { kind: 'empty', value: null };
  // exceljs parses an empty or non-numeric cached <v> as NaN: the file holds no number there.
  if (typeof value === 'number')
    return Number.isNaN(value) ? { kind: 'empty', value: null } : numberCell(value, numFmt, dates.date1904);
  if (typeof value === 'string') return value === '' ? { kind: 'empty', value: null } : { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) {
    // Back to the serial exceljs converted, then read with the file's own date system. A date with no
    // serial is shown as Excel shows a value it cannot compute, #VALUE!: an error the rules word in the
    // user's language (it was a French text placed among the data).
    const serial = dateToSerial(value, dates.exceljs1904);
    return Number.isFinite(serial)
      ? numberCell(serial, numFmt || 'yyyy-mm-dd', dates.date1904)
      : { kind: 'error', value: '#VALUE!' };
  }
  if (typeof value === 'object' && 'error' in value)
    return { kind: 'error', value: String((value as ExcelJS.CellErrorValue).error) };
  // No other object is a cell's value in the file: shown as Excel shows what it cannot compute, never « [object Object] ».
  return { kind: 'error', value: '#VALUE!' };
}

function fromValue(value: ExcelJS.CellValue, numFmt: string | undefined, dates: DateSystem): Cell {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value) {
      const f = value as ExcelJS.CellFormulaValue & { sharedFormula?: string };
      const cached = plain(f.result, numFmt, dates);
      return { kind: 'formula', value: cached.value, formula: f.formula ?? f.sharedFormula ?? '' };
    }
    if ('richText' in value) return plain(value.richText.map((r) => r.text).join(''), undefined, dates);
    if ('hyperlink' in value) return plain(value.text, undefined, dates);
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

/**
 * The date system xl/workbook.xml declares (`date1904` on `<workbookPr>`, `1` or `true`), read with the
 * XML scanner (comments and foreign attributes are not it); null when the part cannot be read.
 */
function date1904Of(xml: string): boolean | null {
  try {
    const sc = new Scanner(xml);
    for (let k = sc.next(); k !== END; k = sc.next()) {
      if (k !== OPEN || sc.depth() !== 2 || sc.qname.slice(sc.qname.indexOf(':') + 1) !== 'workbookPr') continue;
      const flag = sc.attr('date1904')?.trim();
      return flag === '1' || flag === 'true';
    }
    return false;
  } catch (err) {
    if (err instanceof XmlScanError) return null;
    throw err;
  }
}

/** `workbookXml`: the file's xl/workbook.xml, which says the date system (`1` or `true`; exceljs knows only `1`). */
export function workbookToTables(workbook: ExcelJS.Workbook, workbookXml?: Buffer): Tables {
  const exceljs1904 = Boolean(workbook.properties?.date1904);
  const dates = { exceljs1904, date1904: (workbookXml && date1904Of(workbookXml.toString('utf8'))) ?? exceljs1904 };
  return { sheets: workbook.worksheets.map((ws) => worksheetToSheet(ws, dates)) };
}

/** What exceljs makes of a whole package: its tables, or `corrupt` when exceljs cannot load it. */
export type ExceljsRead = { kind: 'tables'; tables: Tables } | { kind: 'corrupt' };

export async function readTablesWithExceljs(buffer: Buffer, workbookXml?: Buffer): Promise<ExceljsRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    // exceljs' own words (« Unexpected xml node in parseOpen ») mean nothing to a coordinator: not shown.
    return { kind: 'corrupt' };
  }
  return { kind: 'tables', tables: workbookToTables(workbook, workbookXml) };
}

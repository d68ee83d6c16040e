/**
 * What Office.js would return for a workbook, built from the .xlsx with exceljs (tests only): for each
 * sheet, its used range (valuesOnly) with values, formulas, numberFormat and valueTypes the way Excel
 * gives them: dates as serial numbers with their date format, errors as '#REF!' strings of type
 * 'Error', formulas as '=…' in `formulas` with their cached result in `values`, '' for empty cells.
 */
import ExcelJS from 'exceljs';
import { dateToSerial } from '../../../core/number-formats';

export interface SheetSnapshot {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  rowIndex: number;
  columnIndex: number;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: string[][];
  valueTypes: string[][];
  /** Solid fills by A1 address (for the fake hosts). */
  fills?: Record<string, string>;
  protected?: boolean;
  /** Cells left unlocked on a protected sheet. */
  unlocked?: string[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** The workbook counts dates from 1904 (Excel for Mac): its serials are 1462 days fewer. */
  date1904?: boolean;
  /** What DATE() answers with: 'error' for a host whose workbook functions fail. */
  dateFunction?: 'error';
}

type Seen = { value: unknown; formula: unknown; type: string };

function plain(value: unknown, date1904: boolean): { value: unknown; type: string } {
  if (value === null || value === undefined) return { value: '', type: 'Empty' };
  if (value instanceof Date) return { value: dateToSerial(value, date1904), type: 'Double' };
  if (typeof value === 'number') return { value, type: 'Double' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'string') return { value, type: value === '' ? 'Empty' : 'String' };
  if (typeof value === 'object' && 'error' in value)
    return { value: String((value as ExcelJS.CellErrorValue).error), type: 'Error' };
  if (typeof value === 'object' && 'richText' in value)
    return plain((value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(''), date1904);
  if (typeof value === 'object' && 'hyperlink' in value)
    return plain((value as ExcelJS.CellHyperlinkValue).text, date1904);
  return { value: JSON.stringify(value), type: 'String' };
}

function seen(cell: ExcelJS.Cell, date1904: boolean): Seen {
  if (cell.type === ExcelJS.ValueType.Merge || cell.type === ExcelJS.ValueType.Null)
    return { value: '', formula: '', type: 'Empty' };
  if (cell.type === ExcelJS.ValueType.Formula) {
    // cell.result: the cached result, 0 and FALSE included (exceljs' value getter drops them).
    const result = plain(cell.result, date1904);
    return { value: result.value, formula: `=${cell.formula}`, type: result.type === 'Empty' ? 'String' : result.type };
  }
  const { value, type } = plain(cell.value, date1904);
  return { value, formula: value, type };
}

function argbToHex(argb: string | undefined): string | null {
  return argb && /^[0-9A-F]{8}$/i.test(argb) ? `#${argb.slice(2).toUpperCase()}` : null;
}

/** `date1904`: exceljs made its Dates in the 1904 system (workbook.properties.date1904). */
export function snapshotWorksheet(ws: ExcelJS.Worksheet, date1904 = false): SheetSnapshot {
  let r1 = Infinity;
  let c1 = Infinity;
  let r2 = 0;
  let c2 = 0;
  const fills: Record<string, string> = {};
  const unlocked: string[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const fill = cell.fill && cell.fill.type === 'pattern' ? argbToHex(cell.fill.fgColor?.argb) : null;
      if (fill) fills[cell.address] = fill;
      if (cell.protection && cell.protection.locked === false) unlocked.push(cell.address);
      if (cell.type === ExcelJS.ValueType.Null || cell.type === ExcelJS.ValueType.Merge) return;
      r1 = Math.min(r1, r);
      c1 = Math.min(c1, c);
      r2 = Math.max(r2, r);
      c2 = Math.max(c2, c);
    });
  });
  if (r2 === 0) [r1, c1, r2, c2] = [1, 1, 1, 1];
  const values: unknown[][] = [];
  const formulas: unknown[][] = [];
  const numberFormat: string[][] = [];
  const valueTypes: string[][] = [];
  for (let r = r1; r <= r2; r++) {
    const v: unknown[] = [];
    const f: unknown[] = [];
    const n: string[] = [];
    const t: string[] = [];
    for (let c = c1; c <= c2; c++) {
      const cell = ws.findCell(r, c);
      const s = cell ? seen(cell, date1904) : { value: '', formula: '', type: 'Empty' };
      v.push(s.value);
      f.push(s.formula);
      n.push(cell?.numFmt || 'General');
      t.push(s.type);
    }
    values.push(v);
    formulas.push(f);
    numberFormat.push(n);
    valueTypes.push(t);
  }
  const visibility = ws.state === 'veryHidden' ? 'VeryHidden' : ws.state === 'hidden' ? 'Hidden' : 'Visible';
  const isProtected = Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet);
  return {
    name: ws.name,
    visibility,
    rowIndex: r1 - 1,
    columnIndex: c1 - 1,
    values,
    formulas,
    numberFormat,
    valueTypes,
    fills,
    protected: isProtected,
    unlocked,
  };
}

export async function snapshotFile(file: string): Promise<WorkbookSnapshot> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const date1904 = Boolean(workbook.properties?.date1904);
  return { sheets: workbook.worksheets.map((ws) => snapshotWorksheet(ws, date1904)), date1904 };
}

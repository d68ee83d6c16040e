import { numberCell } from '../../core/number-formats';
import { compact, type Cell, type Sheet, type Tables } from '../../core/tables';

/**
 * Office.js → the core's plain tables, cell for cell what pipeline/read/xlsx.ts (exceljs) produces
 * from the same file. The parity test (tests/addin/parity.test.ts) holds the two readers together.
 *
 * Needs ExcelApi 1.2 (getUsedRange(valuesOnly), workbook functions). One validation costs exactly two
 * context.sync calls: 1. the worksheets' names and visibility, and the workbook's date system;
 * 2. every sheet's used range with all its properties.
 */

/** What one `range.load(RANGE_PROPERTIES)` gives back, as Excel returns it. */
export interface RangeData {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  valueTypes: unknown[][];
  /** 0-based index of the range's first row / column in the sheet. */
  rowIndex: number;
  columnIndex: number;
}

export const RANGE_PROPERTIES = 'values,formulas,numberFormat,valueTypes,rowIndex,columnIndex';
export const SHEET_PROPERTIES = 'items/name,items/visibility';

const EMPTY_CELL = (): Cell => ({ kind: 'empty', value: null });

/**
 * Which date system the workbook counts in, asked in the first batch: DATE(2000;1;1) is 36526 in the
 * 1900 system and 35064 (1462 days fewer) in the 1904 one (Excel for Mac). `Workbook.use1904DateSystem`
 * says it directly, but only in the preview API (no ExcelApi requirement set has it), whereas workbook
 * functions need ExcelApi 1.2, which the reader needs anyway.
 */
export const DATE_PROBE = { year: 2000, month: 1, day: 1, serial1900: 36526, serial1904: 35064 } as const;

/** The probe's answer → true for the 1904 system; an error or any other answer reads as 1900 (Excel's default). */
export function isDate1904(probe: { value?: unknown; error?: unknown }): boolean {
  return !probe.error && probe.value === DATE_PROBE.serial1904;
}

/** A value as Excel shows it → a plain cell, with the pipeline's number-format rules (core/number-formats.ts). */
function plainCell(value: unknown, valueType: unknown, format: unknown, date1904: boolean): Cell {
  if (valueType === 'Error') return { kind: 'error', value: String(value) };
  if (value === null || value === undefined || value === '') return EMPTY_CELL();
  // Office.js gives dates as the serial the workbook stores, counted in the workbook's date system.
  if (typeof value === 'number') return numberCell(value, format, date1904);
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'string') return { kind: 'string', value };
  // Office.js gives numbers, texts and booleans; anything else is shown as Excel shows what it cannot compute.
  return { kind: 'error', value: '#VALUE!' };
}

/**
 * One cell. `formulas` holds `=…` for a formula cell and the constant itself otherwise; a text
 * constant that happens to start with `=` (typed with a leading apostrophe) equals its value.
 */
export function officeCell(
  value: unknown,
  formula: unknown,
  format: unknown,
  valueType: unknown,
  date1904 = false,
): Cell {
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) {
    const cached = plainCell(value, valueType, format, date1904);
    return { kind: 'formula', value: cached.value, formula: formula.slice(1) };
  }
  return plainCell(value, valueType, format, date1904);
}

/** A sheet's visibility as Office.js gives it: `Excel.SheetVisibility`, a string enum (`Visible`, `Hidden`, `VeryHidden`). */
export function sheetState(visibility: string): Sheet['state'] {
  if (visibility === 'VeryHidden') return 'veryHidden';
  if (visibility === 'Hidden') return 'hidden';
  return 'visible';
}

/** A used range → a sheet; the rows and columns before the range are padded, then compacted. */
export function rangeToSheet(name: string, visibility: string, range: RangeData, date1904 = false): Sheet {
  const rows: Cell[][] = [];
  const values = range.values ?? [];
  values.forEach((line, r) => {
    const cells: Cell[] = [];
    line.forEach((value, c) => {
      const cell = officeCell(
        value,
        range.formulas?.[r]?.[c],
        range.numberFormat?.[r]?.[c],
        range.valueTypes?.[r]?.[c],
        date1904,
      );
      if (cell.kind !== 'empty') cells[range.columnIndex + c] = cell;
    });
    rows[range.rowIndex + r] = cells;
  });
  return compact({ name, state: sheetState(visibility), rows });
}

/** Reads every sheet of the workbook in two round trips. */
export async function readTables(context: Excel.RequestContext): Promise<Tables> {
  const worksheets = context.workbook.worksheets;
  worksheets.load(SHEET_PROPERTIES);
  const probe = context.workbook.functions.date(DATE_PROBE.year, DATE_PROBE.month, DATE_PROBE.day);
  probe.load('value,error');
  await context.sync();
  const date1904 = isDate1904(probe);
  const read = worksheets.items.map((worksheet) => {
    const range = worksheet.getUsedRange(true);
    // The properties are named in RANGE_PROPERTIES; the linter only sees a load without a literal.
    // eslint-disable-next-line office-addins/no-empty-load
    range.load(RANGE_PROPERTIES);
    return { worksheet, range };
  });
  await context.sync();
  return {
    sheets: read.map(({ worksheet, range }) =>
      rangeToSheet(worksheet.name, worksheet.visibility, range as unknown as RangeData, date1904),
    ),
  };
}

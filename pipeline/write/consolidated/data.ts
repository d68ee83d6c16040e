import type ExcelJS from 'exceljs';
import type { DataRow } from '../../../core/consolidate/model';
import { isoDateToSerial } from '../../../core/tables';
import { DISAGGREGATION_LABELS, SECTION_LABELS, TIDY_COLUMNS } from '../../../core/layout/contract';
import type { WriteContext } from './context';
import { fitRowHeight } from './row-height';
import { DATE_FORMAT, NUMBER_FORMAT, fitted, widths, drain } from './style';

/** The tidy row as the cells of `Données` and of the CSV export (same columns, same order). */
export function tidyValues(row: DataRow): (string | number | null)[] {
  return [
    row.period,
    row.commune,
    row.cercle,
    SECTION_LABELS[row.section],
    row.code,
    row.label,
    DISAGGREGATION_LABELS[row.disaggregation],
    row.planned,
    row.achieved,
    row.source,
    row.periodStart,
    row.periodEnd,
    row.endTarget,
    row.baseline,
    row.baselineYear,
  ];
}

export const TIDY_HEADERS = TIDY_COLUMNS.map((c) => c.header);

const NUMBER_STYLE: Partial<ExcelJS.Style> = { numFmt: NUMBER_FORMAT };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: DATE_FORMAT, alignment: { horizontal: 'left' } };
/** The file name follows a right-aligned number: one step in, never glued to it. */
const SOURCE_STYLE: Partial<ExcelJS.Style> = { alignment: { indent: 1 } };
/** The label wraps (with the row's height set to match), so the printout shows it whole. */
const LABEL_STYLE: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: 'top' } };

/**
 * `Données`: every number of every accepted input, once, row by row (committed as written, so a
 * national consolidation never holds the sheet in memory). Returns the data row count; the Excel
 * table over it is added to the written package (exceljs' streaming writer writes no tables).
 */
export async function writeData(ws: ExcelJS.Worksheet, ctx: WriteContext): Promise<number> {
  widths(ws, [8, 14, 10, 11, 9, 28, 13, 9, 9, 34, 10, 10, 9, 9, 9]);
  const header = ws.getRow(1);
  TIDY_HEADERS.forEach((name, i) => (header.getCell(i + 1).value = name));
  header.font = { name: 'Calibri', bold: true };
  // Headers of numbers stand over their numbers, on the right.
  for (const c of [8, 9, 13, 14, 15]) header.getCell(c).alignment = { horizontal: 'right', wrapText: true };
  for (const c of [11, 12]) header.getCell(c).alignment = { wrapText: true };
  header.getCell(10).alignment = { indent: 1 };
  header.commit();
  const data = ctx.model.data;
  for (let i = 0; i < data.length; i++) {
    const row = ws.getRow(i + 2);
    tidyValues(data[i]!).forEach((v, c) => {
      const cell = row.getCell(c + 1);
      // One shared style object per kind of cell: exceljs then looks each style up once, not per cell.
      cell.style =
        c === 7 || c === 8 || c === 12 || c === 13
          ? NUMBER_STYLE
          : c === 5
            ? LABEL_STYLE
            : c === 9
              ? SOURCE_STYLE
              : c === 10 || c === 11
                ? DATE_STYLE
                : PLAIN_STYLE;
      if (v === null || v === '') return;
      // Period bounds as real dates (a pivot groups them); the year of the baseline as a plain number.
      // As the serial number Excel stores (1900 system), not a Date object per cell: 224 000 of them nationally.
      if (c === 10 || c === 11) cell.value = isoDateToSerial(String(v));
      else cell.value = typeof v === 'string' ? fitted(cell, v) : v;
    });
    fitRowHeight(ws, i + 2);
    row.commit();
    if (i % 1000 === 999) await drain(ws);
  }
  // An empty table is not valid OOXML: one blank row keeps it well-formed.
  return Math.max(1, ctx.model.data.length);
}

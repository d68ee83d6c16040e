import type ExcelJS from 'exceljs';
import type { DataRow } from '../../../core/consolidate/model';
import { DISAGGREGATION_LABELS, SECTION_LABELS, TIDY_COLUMNS } from '../../../core/layout/contract';
import type { WriteContext } from './context';
import { NUMBER_FORMAT, printSetup, widths } from './style';

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
  ];
}

export const TIDY_HEADERS = TIDY_COLUMNS.map((c) => c.header);

/** `Données`: every number of every accepted input, once, as an Excel table for pivots and Power BI. */
export function writeData(ws: ExcelJS.Worksheet, ctx: WriteContext): void {
  const rows = ctx.model.data.map(tidyValues);
  ws.addTable({
    name: 'Donnees',
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: TIDY_HEADERS.map((name) => ({ name, filterButton: true })),
    // An empty table is not valid OOXML: one blank row keeps the sheet well-formed.
    rows: rows.length > 0 ? rows : [TIDY_HEADERS.map(() => null)],
  });
  widths(ws, [9, 16, 12, 14, 11, 50, 14, 12, 12, 40]);
  ws.getColumn(8).numFmt = NUMBER_FORMAT;
  ws.getColumn(9).numFmt = NUMBER_FORMAT;
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2' }];
  printSetup(ws, '1:1', ctx.footer);
}

import type ExcelJS from 'exceljs';
import type { CellPoint, ChartSpec } from '../charts';
import { columnPixels } from './row-height';

/**
 * The printed pages of Synthèse's charts: under the tables, two charts a page, each as wide as the
 * tables, so the page is fitted to the tables' width and their text prints large (≥ 8 pt on A4).
 * The rows that hold the charts have a set height, so Excel and LibreOffice place them alike, and a
 * manual page break starts each page of charts. The print area stops under the charts: the chart data
 * below (« Tableau de bord ») stays on screen and off paper.
 */

/** Rows of 15 points (20 px) on one page of charts: 680 px, under a landscape A4 page at 100 %. */
const ROWS_PER_PAGE = 34;
const ROW_POINTS = 15;
const ROW_PIXELS = 20;
const CHARTS_PER_PAGE = 2;
const MARGIN = { left: 14, top: 8, gap: 16 };

export interface ChartPages {
  /** The first and last rows of the chart pages. */
  first: number;
  last: number;
  /** Where chart `i` goes (0-based), at full width. */
  anchor: (i: number) => { from: CellPoint; size: { width: number; height: number } };
  /** Raises a chart's text sizes so that, shrunk with the page, they still print at 9 points. */
  readable: (chart: ChartSpec) => void;
}

/** Width of a landscape A4 page inside the 0.4-inch side margins of every sheet, in pixels at 96 dpi. */
const PRINTABLE_PIXELS = (297 / 25.4 - 2 * 0.4) * 96;
/** The smallest printed text, with room for LibreOffice's columns, a few percent wider than Excel's. */
const PRINTED_POINTS = 9;

/** Reserves the chart pages from `first` on, for `count` charts, over columns 1 to `lastColumn`. */
export function chartPages(ws: ExcelJS.Worksheet, first: number, count: number, lastColumn: number): ChartPages {
  const pages = Math.ceil(count / CHARTS_PER_PAGE);
  const last = first + pages * ROWS_PER_PAGE - 1;
  for (let r = first; r <= last; r++) ws.getRow(r).height = ROW_POINTS;
  for (let p = 0; p < pages; p++) ws.getRow(first + p * ROWS_PER_PAGE - 1).addPageBreak();
  let tableWidth = 0;
  for (let c = 1; c <= lastColumn; c++) tableWidth += columnPixels(ws.getColumn(c).width ?? 8.43);
  const width = tableWidth - 2 * MARGIN.left;
  // Fitted to the page's width, the sheet prints at this scale (never enlarged).
  const scale = Math.min(1, PRINTABLE_PIXELS / tableWidth);
  const size = (points: number | undefined) => Math.max(points ?? 0, Math.ceil((2 * PRINTED_POINTS) / scale) / 2);
  const height = Math.floor(
    (ROWS_PER_PAGE * ROW_PIXELS - 2 * MARGIN.top - (CHARTS_PER_PAGE - 1) * MARGIN.gap) / CHARTS_PER_PAGE,
  );
  return {
    first,
    last,
    anchor: (i) => {
      const page = Math.floor(i / CHARTS_PER_PAGE);
      const y = MARGIN.top + (i % CHARTS_PER_PAGE) * (height + MARGIN.gap);
      const row = first + page * ROWS_PER_PAGE + Math.floor(y / ROW_PIXELS);
      return { from: { cell: `A${row}`, dx: MARGIN.left, dy: y % ROW_PIXELS }, size: { width, height } };
    },
    readable: (chart) => {
      // Legend and value axis labels are a point under the chart's size.
      chart.fontSize = size((chart.fontSize ?? 9) - 1) + 1;
      if (chart.categoryAxis) chart.categoryAxis.labelSize = size(chart.categoryAxis.labelSize);
      for (const series of chart.series) if (series.dataLabels) series.dataLabels.size = size(series.dataLabels.size);
    },
  };
}

/**
 * Prints `A1` to the last column and row given, and nothing else of the sheet. exceljs writes the range
 * as `$` + each corner, so the rows carry their own `$`: `$A$1:$F$80`, an absolute range every reader takes.
 */
export function printArea(ws: ExcelJS.Worksheet, lastColumn: string, lastRow: number): void {
  ws.pageSetup.printArea = `A$1:${lastColumn}$${lastRow}`;
}

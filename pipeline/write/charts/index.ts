/**
 * Native charts for workbooks written with exceljs, which writes none: describe each chart with typed
 * cell ranges, colours and titles, then add them to the written file as its last step.
 */
export {
  addChartsTo,
  addChartsToFile,
  addChartsToPackage,
  appendToRoot,
  editPackage,
  Package,
  relsPathOf,
  sheetParts,
} from './package';
export { cellsOf, exceljsCells, parseAddress, rangeFormula } from './cells';
export type {
  CellPoint,
  CellRange,
  CellSource,
  CellValue,
  ChartAnchor,
  ChartSeries,
  ChartSpec,
  Colour,
  DataLabels,
  SeriesLine,
  ValueAxis,
  CategoryAxis,
} from './types';

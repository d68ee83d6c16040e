/**
 * The typed description of a native chart: where it sits, what it plots, how it looks. Nothing here
 * knows what the numbers mean; a caller describes cells and colours, the module writes DrawingML.
 */

/** A block of cells of one sheet: `H5:H13`, or a single cell `H4`. Sheet names are given unquoted. */
export interface CellRange {
  sheet: string;
  range: string;
}

/** A cell corner: its A1 address, plus an offset in pixels (96 dpi) into that cell. */
export interface CellPoint {
  cell: string;
  dx?: number;
  dy?: number;
}

/**
 * Where the chart sits: between two cell corners (it stretches with the rows and columns), or at a cell
 * corner with a fixed size in pixels (it keeps its size whatever the rows' heights).
 */
export type ChartAnchor =
  { from: CellPoint; to: CellPoint } | { from: CellPoint; size: { width: number; height: number } };

/** An RGB colour, `70AD47`, or exceljs' ARGB `FF70AD47` (the alpha byte is ignored). */
export type Colour = string;

export type LabelPosition = 'outEnd' | 'inEnd' | 'ctr' | 'inBase' | 't' | 'b' | 'l' | 'r';

export interface DataLabels {
  /** Excel number format of the labels, e.g. `0 %`; default: the cells' own format. */
  numberFormat?: string;
  position?: LabelPosition;
  /** Font size in points; default 8. */
  size?: number;
  bold?: boolean;
  colour?: Colour;
}

export interface SeriesLine {
  /** Width in points; default 2.25 for a line series. */
  width?: number;
  dash?: 'solid' | 'dash' | 'sysDash' | 'sysDot' | 'lgDash';
  /** Markers on each point: none by default for lines. */
  marker?: 'none' | 'circle' | 'square' | 'diamond' | 'triangle';
  markerSize?: number;
  /** A line series drawn with markers only (no connecting line). */
  hidden?: boolean;
}

export interface ChartSeries {
  /** The series' name (legend entry): a cell of the workbook, or a fixed text. */
  name: CellRange | { text: string };
  /** One row or one column of labels. */
  categories: CellRange;
  /** One row or one column of numbers, as long as the categories. */
  values: CellRange;
  colour: Colour;
  /** Bars (the chart's own direction) or a line over them; default: the chart's type. */
  kind?: 'bar' | 'line';
  /** A series on the secondary value axis gets its own scale, drawn on the right. */
  axis?: 'primary' | 'secondary';
  dataLabels?: DataLabels | false;
  line?: SeriesLine;
  /**
   * A colour per point (bar, or marker of a line), overriding the series colour; null keeps it. Fixed
   * when written: it does not follow a later change of the cells. On a line series, LibreOffice shows
   * the markers' colours only when the line is hidden (markers only).
   */
  pointColours?: readonly (Colour | null)[];
  /** false: no legend entry (a series that only carries labels). */
  inLegend?: boolean;
}

export interface ValueAxis {
  title?: string;
  /** Excel number format of the tick labels, e.g. `0 %` or `# ##0`. */
  numberFormat?: string;
  min?: number;
  max?: number;
  majorUnit?: number;
  gridlines?: boolean;
}

export interface CategoryAxis {
  title?: string;
  /** Font size of the category labels in points; default 8. */
  labelSize?: number;
  /** Angle of the labels in degrees, counter-clockwise; 0 keeps long labels level (wrapped). Default: the viewer's choice. */
  labelRotation?: number;
}

export interface ChartSpec {
  /** Sheet the chart is drawn on (unquoted name). */
  sheet: string;
  anchor: ChartAnchor;
  /** Vertical bars (`column`), horizontal bars (`bar`), or lines. */
  type: 'column' | 'bar' | 'line';
  /** How bar series sit together: side by side, stacked, or stacked to 100 %. Default `clustered`. */
  grouping?: 'clustered' | 'stacked' | 'percentStacked';
  /** Bars of the same category drawn over each other (-100 … 100); default 0, 100 when stacked. */
  overlap?: number;
  /** Space between categories, in % of a bar's width (0 … 500); default 80. */
  gapWidth?: number;
  title?: string;
  /** The shape's name, as Excel's selection pane shows it; default `Chart N`. */
  name?: string;
  /** Alternative text for screen readers. */
  description?: string;
  categoryAxis?: CategoryAxis;
  valueAxis?: ValueAxis;
  /** Needed when a series is on the secondary axis. */
  secondaryAxis?: ValueAxis;
  legend?: 'bottom' | 'top' | 'right' | 'left' | 'none';
  /** BCP 47 language of the texts: one of `LOCALES` (core/messages/index.ts). */
  language?: string;
  /** Default font size of the chart's texts, in points; default 9. */
  fontSize?: number;
  series: ChartSeries[];
}

/** The value a cell shows: its cached result when it holds a formula. */
export type CellValue = string | number | null;

/** Reads the workbook's cells, to store the cached values every chart carries. */
export interface CellSource {
  value(sheet: string, address: string): CellValue;
  /** The cell's number format, stored with the cached numbers; `General` when unknown. */
  numberFormat?(sheet: string, address: string): string | undefined;
}

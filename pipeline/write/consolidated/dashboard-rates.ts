import type ExcelJS from 'exceljs';
import { rateBand, rateOf, weakest } from '../../../core/consolidate/rates';
import { LOCALES } from '../../../core/messages';
import type { CellPoint, ChartSeries, ChartSpec } from '../charts';
import type { WriteContext } from './context';
import { headerHeight, LABEL_FORMAT, strong, tableTitle, TARGET_COLOUR, type SheetRange } from './dashboard-style';
import type { RowCursor } from './row-cursor';
import type { SynthesisMap } from './synthesis';
import { formula, headerRow, PERCENT_FORMAT, rateFormatting, shownValue, value } from './style';

export interface RateRow {
  category: string;
  description: string;
  /** The Synthèse cell holding the rate, or null when there is none (a commune not received). */
  source: string | null;
  /** The weakest indicator's rate: a formula, and its value now. The bar's colour follows it. */
  weakest: { formula: string; value: number | null } | null;
}

export interface Block {
  header: number;
  first: number;
  last: number;
}

/** The threshold bands' names, « ≥ 80 % » and the like, as the rate tables' headers. */
export interface Bands {
  good: string;
  fair: string;
  poor: string;
  target: string;
}

/**
 * Code | label | rate | weakest indicator | one column per threshold band | target: the bar's height is
 * the rate, its band (colour) follows the weakest indicator, live.
 */
export function writeRateTable(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  at: RowCursor,
  table: { title: string; headers: [string, string]; bands: Bands; rows: RateRow[] },
): Block {
  const fw = ctx.model.framework;
  const { rateGood: good, rateFair: fair } = fw.thresholds;
  const { bands } = table;
  tableTitle(ws, at, table.title);
  const header = at.row;
  headerRow(ws.getRow(header), [
    ...table.headers,
    ctx.labels.rate,
    ctx.labels.weakest,
    bands.good,
    bands.fair,
    bands.poor,
    bands.target,
  ]);
  headerHeight(ws, header);
  at.next();
  const first = at.row;
  for (const row of table.rows) {
    const r = at.row;
    value(ws.getCell(`A${r}`), row.category);
    value(ws.getCell(`B${r}`), row.description);
    if (row.source) {
      const rate = shownValue(ws.getCell(row.source));
      const num = typeof rate === 'number' ? rate : null;
      formula(ws.getCell(`C${r}`), row.source, rate ?? '');
      const [c, w] = [`C${r}`, `D${r}`];
      const wv = row.weakest ? row.weakest.value : num;
      if (row.weakest) formula(ws.getCell(w), `IFERROR(${row.weakest.formula},"")`, wv ?? '');
      else formula(ws.getCell(w), c, wv ?? '');
      const band = num !== null && wv !== null ? rateBand(wv, fw.thresholds) : null;
      const inBand = (test: string, which: typeof band) =>
        [`IF(AND(ISNUMBER(${c}),ISNUMBER(${w}),${test}),${c},"")`, band === which ? num! : ''] as const;
      formula(ws.getCell(`E${r}`), ...inBand(`${w}>=${good}`, 'good'));
      formula(ws.getCell(`F${r}`), ...inBand(`${w}>=${fair},${w}<${good}`, 'fair'));
      formula(ws.getCell(`G${r}`), ...inBand(`${w}<${fair}`, 'poor'));
    }
    value(ws.getCell(`H${r}`), good);
    for (const col of 'CDEFGH') ws.getCell(`${col}${r}`).numFmt = PERCENT_FORMAT;
    at.next();
  }
  const last = at.row - 1;
  // One rule for the column: each rate coloured by the weakest indicator beside it.
  rateFormatting(ws, `C${first}:C${last}`, good, fair, `D${first}`, false);
  at.next();
  return { header, first, last };
}

/** 1. Each expected result: the mean rate of its indicators (Synthèse's results table, column E). */
export function resultRateRows(ctx: WriteContext, syn: SynthesisMap): RateRow[] {
  const { model } = ctx;
  return model.framework.results.map((res) => {
    const lines = model.indicators.filter((l) => l.item.result === res.code);
    const basis = syn.results.weakest.get(res.code);
    return {
      category: res.code,
      description: res.statement,
      source: `${syn.results.rateColumn}${syn.results.rows.get(res.code)!}`,
      weakest: basis
        ? { formula: basis, value: weakest(lines.map((l) => rateOf(l.total.achieved, l.total.planned))) }
        : null,
    };
  });
}

/** 2. Each commune: its mean rate (Synthèse's communes table); a missing one stays empty. */
export function communeRateRows(
  ctx: WriteContext,
  syn: SynthesisMap,
  communeCategory: (status: WriteContext['model']['communes'][number]) => string,
): RateRow[] {
  const { model } = ctx;
  return model.communes.map((status, i) => ({
    category: communeCategory(status),
    description: status.commune.cercle,
    source: status.received ? `${syn.communes.rateColumn}${syn.communes.first + i}` : null,
    weakest: status.received
      ? {
          formula: `${syn.communes.weakestColumn}${syn.communes.first + i}`,
          value: weakest(
            model.indicators.map((l) =>
              rateOf(l.communes[status.commune.code]!.achieved, l.communes[status.commune.code]!.planned),
            ),
          ),
        }
      : null,
  }));
}

/**
 * A rate table's chart. Bars coloured by band carry no label: a blank band would read « 0 % ». The labels
 * ride on an invisible line over the rate column, so a real 0 % reads « 0 % » and a commune not received, none.
 */
export function rateChart(
  ctx: WriteContext,
  range: SheetRange,
  chart: {
    title: string;
    categoryTitle: string;
    block: Block;
    anchor: { from: CellPoint; size: { width: number; height: number } };
  },
): ChartSpec {
  const { block, anchor } = chart;
  const categories = range('A', block.first, block.last);
  const band = (col: string, colour: string): ChartSeries => ({
    name: range(col, block.header),
    categories,
    values: range(col, block.first, block.last),
    colour,
    dataLabels: false,
  });
  const labels: ChartSeries = {
    name: range('C', block.header),
    categories,
    values: range('C', block.first, block.last),
    colour: TARGET_COLOUR,
    kind: 'line',
    line: { hidden: true, marker: 'none' },
    dataLabels: { numberFormat: LABEL_FORMAT, position: 't', size: 8, bold: true },
    inLegend: false,
  };
  return {
    sheet: range('A', 1).sheet,
    anchor: { from: anchor.from, size: anchor.size },
    type: 'column',
    title: chart.title,
    language: LOCALES[ctx.lang],
    overlap: 100,
    gapWidth: 60,
    categoryAxis: { title: chart.categoryTitle },
    valueAxis: { title: ctx.labels.achievementRate, numberFormat: PERCENT_FORMAT, min: 0 },
    legend: 'bottom',
    series: [
      band('E', strong('good')),
      band('F', strong('fair')),
      band('G', strong('poor')),
      {
        name: range('H', block.header),
        categories,
        values: range('H', block.first, block.last),
        colour: TARGET_COLOUR,
        kind: 'line',
        line: { width: 2.25, dash: 'dash' },
      },
      labels,
    ],
  };
}

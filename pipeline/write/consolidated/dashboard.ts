import type ExcelJS from 'exceljs';
import type { CommuneStatus } from '../../../core/consolidate/model';
import { interpolate } from '../../../core/messages';
import { columnLetter } from '../../../core/tables';
import type { ChartSpec } from '../charts';
import { chartPages, printArea } from './chart-pages';
import type { WriteContext } from './context';
import { writeBeneficiaryTable, writeBudgetTable } from './dashboard-figures';
import { communeRateRows, rateChart, resultRateRows, writeRateTable, type Bands } from './dashboard-rates';
import { rangesOn } from './dashboard-style';
import { RowCursor } from './row-cursor';
import { SYNTHESIS_COLUMNS, type SynthesisMap, type SynthesisRefs } from './synthesis';
import { heading, subtitle } from './style';

export { PLANNED_COLOUR, SPENT_COLOUR, TARGET_COLOUR } from './dashboard-style';

/**
 * « Tableau de bord »: four charts under Synthèse's tables, two a printed page, and under them the contiguous
 * tables they read. Every number of those tables is a live formula to a Synthèse or detail-sheet cell,
 * with its value cached, so a corrected figure moves the chart. A commune that sent nothing keeps its
 * row, labelled « Bara (non reçu) », with empty cells: a gap in the chart, never 0 %.
 */

export interface DashboardRefs extends SynthesisRefs {
  synthesis: SynthesisMap;
}

/** The chart data's columns right of Synthèse's tables (from column G), at a set width. */
const FIRST_CHART_COLUMN = 7;

/** Writes the « Tableau de bord » block; returns the charts over it and the last row it wrote. */
export function writeDashboard(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  refs: DashboardRefs,
): { charts: ChartSpec[]; lastRow: number } {
  const { labels: L, lang } = ctx;
  /** A commune's name in the charts says when its figures are missing or partial. */
  const communeCategory = (status: CommuneStatus) =>
    !status.received
      ? interpolate(L.communeNotReceived, { commune: status.commune.name }, lang)
      : status.complete
        ? status.commune.name
        : interpolate(L.communeIncomplete, { commune: status.commune.name }, lang);
  const range = rangesOn(ws.name);

  // The charts print on their own pages under the tables; their data comes after, off the printout.
  const pages = chartPages(ws, refs.synthesis.lastRow + 2, 4, SYNTHESIS_COLUMNS);
  const at = new RowCursor(pages.last + 3);
  heading(ws.getCell(`A${at.row}`), L.dashboardHeading);
  at.next();
  subtitle(ws.getCell(`A${at.row}`), L.dashboardNote);
  at.next(2);

  const bands = bandNames(ctx);
  const results = writeRateTable(ws, ctx, at, {
    title: L.chartResults,
    headers: [L.code, L.expectedResult],
    bands,
    rows: resultRateRows(ctx, refs.synthesis),
  });
  const communes = writeRateTable(ws, ctx, at, {
    title: L.chartCommunes,
    headers: [L.commune, L.cercle],
    bands,
    rows: communeRateRows(ctx, refs.synthesis, communeCategory),
  });
  const budgetChart = writeBudgetTable(ws, ctx, refs.budget, at, range);
  const beneficiaries = writeBeneficiaryTable(ws, ctx, refs.beneficiaries, at, range, communeCategory);

  // Columns right of the tables get an explicit width, so every viewer lays the data out alike.
  for (let col = FIRST_CHART_COLUMN; col < FIRST_CHART_COLUMN + 20; col++)
    if (ws.getColumn(col).width === undefined) ws.getColumn(col).width = 12;
  const anchor = pages.anchor;
  const charts: ChartSpec[] = [
    rateChart(ctx, range, {
      title: L.chartResults,
      categoryTitle: L.expectedResult,
      block: results,
      anchor: anchor(0),
    }),
    rateChart(ctx, range, { title: L.chartCommunes, categoryTitle: L.commune, block: communes, anchor: anchor(1) }),
    budgetChart(anchor(2)),
    beneficiaries.chart(anchor(3)),
  ];
  for (const chart of charts) pages.readable(chart);
  // Landscape: the tables' width fitted to the page keeps their text large.
  ws.pageSetup.orientation = 'landscape';
  printArea(ws, columnLetter(SYNTHESIS_COLUMNS), pages.last);
  return { charts, lastRow: beneficiaries.last };
}

/** The threshold bands' names with the framework's thresholds, as percentages. */
function bandNames(ctx: WriteContext): Bands {
  const { labels: L, lang } = ctx;
  const { rateGood: good, rateFair: fair } = ctx.model.framework.thresholds;
  const pct = (x: number) => Math.round(x * 100);
  return {
    good: interpolate(L.bandGood, { good: pct(good) }, lang),
    fair: interpolate(L.bandFair, { good: pct(good), fair: pct(fair) }, lang),
    poor: interpolate(L.bandPoor, { fair: pct(fair) }, lang),
    target: interpolate(L.target, { good: pct(good) }, lang),
  };
}

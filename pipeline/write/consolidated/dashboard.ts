import type ExcelJS from 'exceljs';
import { shownValue } from './style';
import { isPeople } from '../../../core/framework/schema';
import { interpolate, LOCALES } from '../../../core/messages';
import { columnLetter, sheetRef } from '../../../core/tables';
import type { CellPoint, CellRange, ChartSeries, ChartSpec } from '../charts';
import type { WriteContext } from './context';
import { chartPages, printArea } from './chart-pages';
import { SYNTHESIS_COLUMNS, type SynthesisMap, type SynthesisRefs } from './synthesis';
import { rateBand, rateOf, weakest } from '../../../core/consolidate/rates';
import { EXECUTION_COLOURS, EXECUTION_FORMAT, executionFormatting, formula, heading, headerRow, NUMBER_FORMAT, PERCENT_FORMAT, rateFormatting, RATE_COLOURS, subtitle, value } from './style';

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
/** Women in warm tones, men in cool ones; the darker, the younger. */
const WOMEN = ['C55A11', 'ED7D31', 'F8CBAD'];
const MEN = ['1F4E78', '2E75B6', '9DC3E6'];
export const PLANNED_COLOUR = 'A6A6A6';
export const SPENT_COLOUR = '1F4E78';
export const TARGET_COLOUR = '404040';

const strong = (band: keyof typeof RATE_COLOURS) => RATE_COLOURS[band].strong.slice(2);

/** Labels of every rate, 0 % included; a text (no rate) shows no label. */
const LABEL_FORMAT = `${PERCENT_FORMAT};-${PERCENT_FORMAT};${PERCENT_FORMAT};`;



/** A header row tall enough for its wrapped texts (bold: a little under one character per unit of width). */
function headerHeight(ws: ExcelJS.Worksheet, row: number): void {
  let lines = 1;
  ws.getRow(row).eachCell((cell, col) => {
    const width = ws.getColumn(col).width ?? 8.43;
    lines = Math.max(lines, Math.ceil(String(cell.value ?? '').length / Math.max(1, (width - 2) * 0.7)));
  });
  ws.getRow(row).height = Math.min(6, lines) * 15;
}

interface RateRow {
  category: string;
  description: string;
  /** The Synthèse cell holding the rate, or null when there is none (a commune not received). */
  source: string | null;
  /** The weakest indicator's rate: a formula, and its value now. The bar's colour follows it. */
  weakest: { formula: string; value: number | null } | null;
}

interface Block {
  header: number;
  first: number;
  last: number;
}

/** Writes the « Tableau de bord » block; returns the charts over it and the last row it wrote. */
export function writeDashboard(ws: ExcelJS.Worksheet, ctx: WriteContext, refs: DashboardRefs): { charts: ChartSpec[]; lastRow: number } {
  const { labels: L, model, lang } = ctx;
  const fw = model.framework;
  const { rateGood: good, rateFair: fair } = fw.thresholds;
  const pct = (x: number) => Math.round(x * 100);
  /** A commune's name in the charts says when its figures are missing or partial. */
  const communeCategory = (status: (typeof model.communes)[number]) =>
    !status.received
      ? interpolate(L.communeNotReceived, { commune: status.commune.name }, lang)
      : status.complete
        ? status.commune.name
        : interpolate(L.communeIncomplete, { commune: status.commune.name }, lang);
  const bands = {
    good: interpolate(L.bandGood, { good: pct(good) }, lang),
    fair: interpolate(L.bandFair, { good: pct(good), fair: pct(fair) }, lang),
    poor: interpolate(L.bandPoor, { fair: pct(fair) }, lang),
    target: interpolate(L.target, { good: pct(good) }, lang),
  };
  const S = ws.name;
  const range = (col: string, first: number, last = first): CellRange => ({ sheet: S, range: first === last ? `${col}${first}` : `${col}${first}:${col}${last}` });

  // The charts print on their own pages under the tables; their data comes after, off the printout.
  const pages = chartPages(ws, refs.synthesis.lastRow + 2, 4, SYNTHESIS_COLUMNS);
  let r = pages.last + 3;
  heading(ws.getCell(`A${r}`), L.dashboardHeading);
  r++;
  subtitle(ws.getCell(`A${r}`), L.dashboardNote);
  r += 2;

  const tableTitle = (text: string) => {
    value(ws.getCell(`A${r}`), text);
    ws.getCell(`A${r}`).font = { name: 'Calibri', bold: true };
    r++;
  };

  /**
   * Code | label | rate | weakest indicator | one column per threshold band | target: the bar's height is
   * the rate, its band (colour) follows the weakest indicator, live.
   */
  const rateTable = (title: string, headers: [string, string], rows: RateRow[]): Block => {
    tableTitle(title);
    const header = r;
    headerRow(ws.getRow(r), [...headers, L.rate, L.weakest, bands.good, bands.fair, bands.poor, bands.target]);
    headerHeight(ws, r);
    r++;
    const first = r;
    for (const row of rows) {
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
        const inBand = (test: string, which: typeof band) => [`IF(AND(ISNUMBER(${c}),ISNUMBER(${w}),${test}),${c},"")`, band === which ? num! : ''] as const;
        formula(ws.getCell(`E${r}`), ...inBand(`${w}>=${good}`, 'good'));
        formula(ws.getCell(`F${r}`), ...inBand(`${w}>=${fair},${w}<${good}`, 'fair'));
        formula(ws.getCell(`G${r}`), ...inBand(`${w}<${fair}`, 'poor'));
      }
      value(ws.getCell(`H${r}`), good);
      for (const col of 'CDEFGH') ws.getCell(`${col}${r}`).numFmt = PERCENT_FORMAT;
      r++;
    }
    const last = r - 1;
    // One rule for the column: each rate coloured by the weakest indicator beside it.
    rateFormatting(ws, `C${first}:C${last}`, good, fair, `D${first}`, false);
    r++;
    return { header, first, last };
  };

  const rateChart = (title: string, categoryTitle: string, block: Block, anchor: { from: CellPoint; size: { width: number; height: number } }): ChartSpec => {
    const categories = range('A', block.first, block.last);
    // Bars coloured by band carry no label: a blank band would read « 0 % ». The labels ride on an
    // invisible line over the rate column, so a real 0 % reads « 0 % » and a commune not received, none.
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
      sheet: S,
      anchor: { from: anchor.from, size: anchor.size },
      type: 'column',
      title,
      language: LOCALES[lang],
      overlap: 100,
      gapWidth: 60,
      categoryAxis: { title: categoryTitle },
      valueAxis: { title: L.achievementRate, numberFormat: PERCENT_FORMAT, min: 0 },
      legend: 'bottom',
      series: [
        band('E', strong('good')),
        band('F', strong('fair')),
        band('G', strong('poor')),
        { name: range('H', block.header), categories, values: range('H', block.first, block.last), colour: TARGET_COLOUR, kind: 'line', line: { width: 2.25, dash: 'dash' } },
        labels,
      ],
    };
  };

  // 1. Each expected result: the mean rate of its indicators (Synthèse's results table, column E).
  const syn = refs.synthesis;
  const results = rateTable(
    L.chartResults,
    [L.code, L.expectedResult],
    fw.results.map((res) => {
      const lines = model.indicators.filter((l) => l.item.result === res.code);
      const basis = syn.results.weakest.get(res.code);
      return {
        category: res.code,
        description: res.statement,
        source: `${syn.results.rateColumn}${syn.results.rows.get(res.code)!}`,
        weakest: basis ? { formula: basis, value: weakest(lines.map((l) => rateOf(l.total.achieved, l.total.planned))) } : null,
      };
    }),
  );

  // 2. Each commune: its mean rate (Synthèse's communes table, column D); a missing one stays empty.
  const communes = rateTable(
    L.chartCommunes,
    [L.commune, L.cercle],
    model.communes.map((status, i) => ({
      category: communeCategory(status),
      description: status.commune.cercle,
      source: status.received ? `${syn.communes.rateColumn}${syn.communes.first + i}` : null,
      weakest: status.received
        ? {
            formula: `${syn.communes.weakestColumn}${syn.communes.first + i}`,
            value: weakest(model.indicators.map((l) => rateOf(l.communes[status.commune.code]!.achieved, l.communes[status.commune.code]!.planned))),
          }
        : null,
    })),
  );

  // 3. Budget: each line's project total on the Budget sheet.
  tableTitle(L.chartBudget);
  const bud = refs.budget;
  const budgetHeader = r;
  headerRow(ws.getRow(r), [L.code, L.budgetLine, L.plannedFcfa, L.spentFcfa, L.executionRate]);
  headerHeight(ws, r);
  r++;
  const budgetFirst = r;
  const rateColours: (string | null)[] = [];
  for (const line of model.budget) {
    const row = bud.totalRows.get(line.item.code)!;
    value(ws.getCell(`A${r}`), line.item.code);
    value(ws.getCell(`B${r}`), line.item.label);
    for (const [col, key, fmt] of [
      ['C', 'planned', NUMBER_FORMAT],
      ['D', 'spent', NUMBER_FORMAT],
      ['E', 'rate', EXECUTION_FORMAT],
    ] as const) {
      const address = `${bud.columns[key]}${row}`;
      formula(ws.getCell(`${col}${r}`), sheetRef(bud.sheet, address), bud.shown(address) ?? '');
      ws.getCell(`${col}${r}`).numFmt = fmt;
    }
    const rate = bud.shown(`${bud.columns.rate}${row}`);
    // Execution, not achievement: within the budget in blue, overspending apart.
    rateColours.push(typeof rate !== 'number' ? null : (rate > 1 ? EXECUTION_COLOURS.over.strong : EXECUTION_COLOURS.within.strong).slice(2));
    r++;
  }
  const budgetLast = r - 1;
  executionFormatting(ws, `E${budgetFirst}:E${budgetLast}`);
  r++;

  // 4. Beneficiaries of each age band (the categories counted in people), women and men, per commune.
  tableTitle(L.chartBeneficiaries);
  const ben = refs.beneficiaries;
  const people = model.beneficiaries.filter((line) => isPeople(line.item));
  const columns = people.flatMap((line, i) =>
    (['women', 'men'] as const).map((sex) => ({ line, sex, colour: (sex === 'women' ? WOMEN : MEN)[Math.min(i, 2)]!, header: interpolate(L.sexCategory, { sex: L[sex], category: line.item.shortLabel ?? line.item.label }, lang) })),
  );
  const benHeader = r;
  headerRow(ws.getRow(r), [L.commune, L.cercle, ...columns.map((c) => c.header)]);
  const benHeaderRow = r;
  r++;
  const benFirst = r;
  for (const status of model.communes) {
    value(ws.getCell(`A${r}`), communeCategory(status));
    value(ws.getCell(`B${r}`), status.commune.cercle);
    columns.forEach((c, i) => {
      const cell = ws.getCell(`${columnLetter(3 + i)}${r}`);
      const address = `${ben.columns[c.sex]}${ben.communeRows.get(c.line.item.code)!.get(status.commune.code)!}`;
      const cached = ben.shown(address);
      // A commune not received has no number: the cell stays empty, a gap in the chart.
      if (status.received && typeof cached === 'number') formula(cell, sheetRef(ben.sheet, address), cached);
      cell.numFmt = NUMBER_FORMAT;
    });
    r++;
  }
  const benLast = r - 1;
  for (let col = 7; col < 3 + columns.length; col++) if (ws.getColumn(col).width === undefined) ws.getColumn(col).width = 14;
  headerHeight(ws, benHeaderRow);

  // Columns right of the tables get an explicit width, so every viewer lays the data out alike.
  for (let col = FIRST_CHART_COLUMN; col < FIRST_CHART_COLUMN + 20; col++) if (ws.getColumn(col).width === undefined) ws.getColumn(col).width = 12;
  const at = pages.anchor;
  const language = LOCALES[lang];
  const budgetCategories = range('B', budgetFirst, budgetLast);
  const charts: ChartSpec[] = [
    rateChart(L.chartResults, L.expectedResult, results, at(0)),
    rateChart(L.chartCommunes, L.commune, communes, at(1)),
    {
      sheet: S,
      anchor: at(2),
      type: 'column',
      title: L.chartBudget,
      language,
      gapWidth: 60,
      categoryAxis: { title: L.budgetLine, labelSize: 7, labelRotation: 0 },
      valueAxis: { title: L.amountFcfa, numberFormat: NUMBER_FORMAT, min: 0 },
      secondaryAxis: { title: L.executionRate, numberFormat: PERCENT_FORMAT, min: 0 },
      legend: 'bottom',
      series: [
        { name: range('C', budgetHeader), categories: budgetCategories, values: range('C', budgetFirst, budgetLast), colour: PLANNED_COLOUR },
        { name: range('D', budgetHeader), categories: budgetCategories, values: range('D', budgetFirst, budgetLast), colour: SPENT_COLOUR },
        {
          name: range('E', budgetHeader),
          categories: budgetCategories,
          values: range('E', budgetFirst, budgetLast),
          colour: TARGET_COLOUR,
          kind: 'line',
          axis: 'secondary',
          line: { hidden: true, marker: 'circle', markerSize: 9 },
          pointColours: rateColours,
          dataLabels: { numberFormat: EXECUTION_FORMAT, position: 't', size: 8, bold: true },
        },
      ],
    },
    {
      sheet: S,
      anchor: at(3),
      type: 'column',
      grouping: 'stacked',
      title: L.chartBeneficiaries,
      language,
      gapWidth: 60,
      categoryAxis: { title: L.commune },
      valueAxis: { title: L.people, numberFormat: NUMBER_FORMAT, min: 0 },
      legend: 'right',
      series: columns.map((c, i) => ({
        name: range(columnLetter(3 + i), benHeader),
        categories: range('A', benFirst, benLast),
        values: range(columnLetter(3 + i), benFirst, benLast),
        colour: c.colour,
      })),
    },
  ];
  for (const chart of charts) pages.readable(chart);
  // Landscape: the tables' width fitted to the page keeps their text large.
  ws.pageSetup.orientation = 'landscape';
  printArea(ws, columnLetter(SYNTHESIS_COLUMNS), pages.last);
  return { charts, lastRow: benLast };
}

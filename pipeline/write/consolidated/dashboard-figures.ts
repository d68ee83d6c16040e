import type ExcelJS from 'exceljs';
import { isPeople } from '../../../core/framework/schema';
import { interpolate, LOCALES } from '../../../core/messages';
import { columnLetter, sheetRef } from '../../../core/tables';
import type { CellPoint, ChartSpec } from '../charts';
import type { BudgetMap } from './budget';
import type { WriteContext } from './context';
import {
  headerHeight,
  MEN,
  PLANNED_COLOUR,
  SPENT_COLOUR,
  tableTitle,
  TARGET_COLOUR,
  WOMEN,
  type SheetRange,
} from './dashboard-style';
import type { DetailMap } from './detail-sheet';
import type { RowCursor } from './row-cursor';
import {
  EXECUTION_COLOURS,
  EXECUTION_FORMAT,
  executionFormatting,
  formula,
  headerRow,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  value,
} from './style';

type Anchor = { from: CellPoint; size: { width: number; height: number } };
type Chart = (anchor: Anchor) => ChartSpec;

/** 3. Budget: each line's project total on the Budget sheet; returns the chart over it. */
export function writeBudgetTable(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  bud: BudgetMap,
  at: RowCursor,
  range: SheetRange,
): Chart {
  const { labels: L, model } = ctx;
  tableTitle(ws, at, L.chartBudget);
  const header = at.row;
  headerRow(ws.getRow(header), [L.code, L.budgetLine, L.plannedFcfa, L.spentFcfa, L.executionRate]);
  headerHeight(ws, header);
  at.next();
  const first = at.row;
  const rateColours: (string | null)[] = [];
  for (const line of model.budget) {
    const r = at.row;
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
    rateColours.push(
      typeof rate !== 'number'
        ? null
        : (rate > 1 ? EXECUTION_COLOURS.over.strong : EXECUTION_COLOURS.within.strong).slice(2),
    );
    at.next();
  }
  const last = at.row - 1;
  executionFormatting(ws, `E${first}:E${last}`);
  at.next();
  const categories = range('B', first, last);
  return (anchor) => ({
    sheet: ws.name,
    anchor,
    type: 'column',
    title: L.chartBudget,
    language: LOCALES[ctx.lang],
    gapWidth: 60,
    categoryAxis: { title: L.budgetLine, labelSize: 7, labelRotation: 0 },
    valueAxis: { title: L.amountFcfa, numberFormat: NUMBER_FORMAT, min: 0 },
    secondaryAxis: { title: L.executionRate, numberFormat: PERCENT_FORMAT, min: 0 },
    legend: 'bottom',
    series: [
      { name: range('C', header), categories, values: range('C', first, last), colour: PLANNED_COLOUR },
      { name: range('D', header), categories, values: range('D', first, last), colour: SPENT_COLOUR },
      {
        name: range('E', header),
        categories,
        values: range('E', first, last),
        colour: TARGET_COLOUR,
        kind: 'line',
        axis: 'secondary',
        line: { hidden: true, marker: 'circle', markerSize: 9 },
        pointColours: rateColours,
        dataLabels: { numberFormat: EXECUTION_FORMAT, position: 't', size: 8, bold: true },
      },
    ],
  });
}

/**
 * 4. Beneficiaries of each age band (the categories counted in people), women and men, per commune;
 * returns the chart over it and the table's last row.
 */
export function writeBeneficiaryTable(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  ben: DetailMap,
  at: RowCursor,
  range: SheetRange,
  communeCategory: (status: WriteContext['model']['communes'][number]) => string,
): { chart: Chart; last: number } {
  const { labels: L, model, lang } = ctx;
  tableTitle(ws, at, L.chartBeneficiaries);
  const people = model.beneficiaries.filter((line) => isPeople(line.item));
  const columns = people.flatMap((line, i) =>
    (['women', 'men'] as const).map((sex) => ({
      line,
      sex,
      colour: (sex === 'women' ? WOMEN : MEN)[Math.min(i, 2)]!,
      header: interpolate(L.sexCategory, { sex: L[sex], category: line.item.shortLabel ?? line.item.label }, lang),
    })),
  );
  const header = at.row;
  headerRow(ws.getRow(header), [L.commune, L.cercle, ...columns.map((c) => c.header)]);
  at.next();
  const first = at.row;
  for (const status of model.communes) {
    const r = at.row;
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
    at.next();
  }
  const last = at.row - 1;
  for (let col = 7; col < 3 + columns.length; col++)
    if (ws.getColumn(col).width === undefined) ws.getColumn(col).width = 14;
  headerHeight(ws, header);
  const chart: Chart = (anchor) => ({
    sheet: ws.name,
    anchor,
    type: 'column',
    grouping: 'stacked',
    title: L.chartBeneficiaries,
    language: LOCALES[lang],
    gapWidth: 60,
    categoryAxis: { title: L.commune },
    valueAxis: { title: L.people, numberFormat: NUMBER_FORMAT, min: 0 },
    legend: 'right',
    series: columns.map((c, i) => ({
      name: range(columnLetter(3 + i), header),
      categories: range('A', first, last),
      values: range(columnLetter(3 + i), first, last),
      colour: c.colour,
    })),
  });
  return { chart, last };
}

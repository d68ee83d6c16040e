import type ExcelJS from 'exceljs';
import type { Line } from '../../../core/consolidate/model';
import { selectionLabel } from '../../../core/consolidate/model';
import { cappedMean, rateOf } from '../../../core/consolidate/rates';
import type { BeneficiaryCategory, BudgetLine, Indicator } from '../../../core/framework/schema';
import { periodTree } from '../../../core/framework/periods';
import { interpolate, LOCALES } from '../../../core/messages';
import { columnLetter } from '../../../core/tables';
import type { CellRange, ChartSpec } from '../charts';
import { chartPages, printArea } from './chart-pages';
import type { WriteContext } from './context';
import { PLANNED_COLOUR, SPENT_COLOUR, TARGET_COLOUR } from './dashboard';
import { rateFormula } from './detail-sheet';
import { columnPixels, fitRowHeight } from './row-height';
import {
  drain,
  EXECUTION_FORMAT,
  executionFormatting,
  formula,
  heading,
  headerRow,
  notReceived,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  rateFormatting,
  subtitle,
  title,
  value,
  widths,
} from './style';

/**
 * `Évolution`: every reporting period of the framework, for a manager. A summary per period (the rate
 * of the period against its own target, the progress toward the end-of-project target, the budget),
 * two native charts of it, then the detail per indicator, budget line and beneficiary category (and per
 * commune with `--evolution-communes`). A period without a target says « cible non définie », a period
 * not received « non reçu »: never 0.
 *
 * Target and rate of a period are those of the communes received for it (the house rule: the target
 * of a commune not received stays out of the rates). The cumulative to date of a commune keeps what it
 * sent before a period it missed, so a missing report does not make the project's progress go back.
 */

/** Colours of the two rate lines: the period's own rate navy like « Dépensé », the cumulative orange. */
const PERIOD_COLOUR = SPENT_COLOUR;
const CUMULATIVE_COLOUR = 'C55A11';
const LABEL_FORMAT = `${PERCENT_FORMAT};-${PERCENT_FORMAT};${PERCENT_FORMAT};`;
/** Width of a landscape A4 page inside the 0.4-inch side margins, in pixels at 96 dpi (as chart-pages.ts). */
const PRINTABLE_PIXELS = (297 / 25.4 - 2 * 0.4) * 96;
/** Height of the same page inside its 0.5-inch top and bottom margins, in points. */
const PRINTABLE_POINTS_HIGH = (210 / 25.4 - 2 * 0.5) * 72;
const HEADER_POINTS = 45;
/** Excel's limit on a formula's length; beyond it, the rate is written as a value. */
const FORMULA_MAX = 8000;

/** One item of a table: its figures for each period, to date, and at the end of the project. */
interface ItemFigures {
  code: string;
  label: string;
  baseline: string | null;
  periods: { target: number | null; achieved: number | null }[];
  toDate: number | null;
  endTarget: number | null;
}

/** A line of any section: the model carries its periods' figures, already added up by the item's rules. */
type AnyLine = Line<Indicator | BudgetLine | BeneficiaryCategory>;

export interface EvolutionSummary {
  charts: ChartSpec[];
  /** The last row the charts read (the summary and its reference column). */
  lastRow: number;
  /** Writes the detail tables under the charts; call after the chart data is kept. */
  details(): Promise<void>;
}

/**
 * A rate as the line chart reads it: a live reference where there is a number, an empty cell where there
 * is none (a gap in every viewer; LibreOffice draws a text or an #N/A as 0 %), like the dashboard's.
 */
function plotted(cell: ExcelJS.Cell, source: string, shown: number | null): void {
  if (shown !== null) formula(cell, source, shown);
}

export function writeEvolution(ws: ExcelJS.Worksheet, ctx: WriteContext): EvolutionSummary {
  const { labels: L, model, lang } = ctx;
  const fw = model.framework;
  const { rateGood, rateFair } = fw.thresholds;
  const communeCodes = fw.communes.map((c) => c.code);
  // The lines' evolution follows the framework's reporting periods, in time order.
  const periods = periodTree(fw.periods).reporting;
  const toDate = new Set(model.toDatePeriods);
  /** What stands for a missing number: « non reçu », or « après la sélection » beyond a --period (its files are set aside). */
  const missingText = (i: number) =>
    toDate.has(periods[i]!) || model.selection === null ? L.notReceived : L.evoAfterSelection;
  const n = periods.length;
  // Code | label | Référence | per period: Cible, Réalisé | Cumul à date | Cible fin | Avancement.
  const periodColumn = (i: number, which: 0 | 1) => 4 + 2 * i + which;
  const toDateColumn = 4 + 2 * n;
  const lastColumn = toDateColumn + 2;
  const lastLetter = columnLetter(lastColumn);
  widths(ws, [9, 32, 11, ...Array.from({ length: 2 * n }, () => 11), 12, 12, 11]);
  // The summary shares the columns: its numbers need at least 14 characters (FCFA amounts).
  for (let c = 4; c <= 7; c++) ws.getColumn(c).width = Math.max(ws.getColumn(c).width ?? 0, 14);

  const indicators: readonly AnyLine[] = model.indicators;
  const budget: readonly AnyLine[] = model.budget;
  const beneficiaries: readonly AnyLine[] = model.beneficiaries;

  /** The project's figures of a line: each period's target and achieved over the communes received for it. */
  const projectFigures = (line: AnyLine): ItemFigures => ({
    ...itemTexts(line.item),
    // The communes received for the period (the rates' rule); its whole target when none sent it.
    periods: line.evolution.total.map((p) => ({
      target: p.achieved === null ? p.target : p.plannedReceived,
      achieved: p.achieved,
    })),
    toDate: line.toDate.total.achieved,
    endTarget: line.toDate.total.achieved === null ? line.toDate.endTarget : line.toDate.total.target,
  });
  const communeFigures = (line: AnyLine, commune: string): ItemFigures => ({
    ...itemTexts(line.item),
    periods: line.evolution.communes[commune]!.map((p) => ({ target: p.target, achieved: p.achieved })),
    toDate: line.toDate.communes[commune]!.achieved,
    endTarget: line.toDate.communes[commune]!.target,
  });
  function itemTexts(
    item: Indicator | BudgetLine | BeneficiaryCategory,
  ): Pick<ItemFigures, 'code' | 'label' | 'baseline'> {
    const base =
      'baseline' in item && item.baseline
        ? interpolate(L.evoBaselineValue, { value: item.baseline.value, year: String(item.baseline.year) }, lang)
        : null;
    return { code: item.code, label: item.label, baseline: base };
  }

  /** Cumulative of the project at period i over the end-of-project target of the communes that reported by then. */
  const progressAt = (line: AnyLine, i: number): number | null => {
    if (!toDate.has(periods[i]!)) return null;
    const reached = communeCodes.filter((c) => line.evolution.communes[c]![i]!.cumulative !== null);
    if (reached.length === 0) return null;
    return rateOf(
      line.evolution.total[i]!.cumulative,
      reached.reduce((s, c) => s + line.toDate.communes[c]!.target, 0),
    );
  };

  // --- Layout: the rows of every table are known before writing, so the summary's formulas can point down.
  const S = ws.name;
  const summaryHeader = 8;
  const summaryFirst = summaryHeader + 1;
  const summaryLast = summaryHeader + n;
  const pages = chartPages(ws, summaryLast + 3, 2, lastColumn);
  // --- Title and note.
  title(ws.getCell('A1'), L.evolutionTitle);
  subtitle(
    ws.getCell('A2'),
    interpolate(L.periodLine, { project: fw.project.shortTitle, periods: selectionLabel(model) }, lang),
  );
  ws.mergeCells(`A3:${lastLetter}3`);
  subtitle(ws.getCell('A3'), L.evolutionNote);
  ws.getCell('A3').alignment = { wrapText: true, vertical: 'top' };
  fitRowHeight(ws, 3, lastColumn);

  // --- The project budget, the basis of the cumulative execution.
  const projectBudget = model.budget.reduce((s, l) => s + l.toDate.endTarget, 0);
  value(ws.getCell('A5'), L.projectBudget);
  ws.getCell('A5').font = { name: 'Calibri', bold: true };
  value(ws.getCell('D5'), projectBudget);
  ws.getCell('D5').numFmt = NUMBER_FORMAT;
  ws.getCell('D5').font = { name: 'Calibri', bold: true };

  // --- Pagination: fitted to the page's width, a page holds this many points of rows; a table that goes
  // on to the next page repeats its header row there (a print title cannot: the sheet has several tables).
  let sheetPixels = 0;
  for (let c = 1; c <= lastColumn; c++) sheetPixels += columnPixels(ws.getColumn(c).width ?? 8.43);
  const scale = Math.min(1, PRINTABLE_PIXELS / sheetPixels);
  const pagePoints = (PRINTABLE_POINTS_HIGH / scale) * 0.92;
  let used = 0;
  const newPage = (before: number) => {
    ws.getRow(before - 1).addPageBreak();
    used = 0;
  };
  const rowPoints = (r: number) => ws.getRow(r).height ?? 15;

  /** One detail table from row `at`: a heading, the header row, one row per item; returns where each item went. */
  const table = (
    at: number,
    headingText: string,
    kind: 'indicators' | 'budget' | 'beneficiaries',
    items: readonly ItemFigures[],
  ) => {
    const money = kind === 'budget';
    const perPeriod = periods.flatMap((period) => [
      interpolate(money ? L.evoPeriodPlanned : L.evoPeriodTarget, { period }, lang),
      interpolate(money ? L.evoPeriodSpent : L.evoPeriodAchieved, { period }, lang),
    ]);
    const label = kind === 'indicators' ? L.indicator : kind === 'budget' ? L.budgetLine : L.category;
    const headers = [
      L.code,
      label,
      kind === 'indicators' ? L.evoBaseline : '',
      ...perPeriod,
      L.evoToDate,
      money ? L.projectBudget : L.evoEndTarget,
      money ? L.evoExecution : L.evoProgress,
    ];
    const header = (r: number) => {
      headerRow(ws.getRow(r), headers);
      ws.getRow(r).height = HEADER_POINTS;
      used += HEADER_POINTS;
    };
    // A heading and its header never end a page: with the first item, they go to the next one.
    if (used > 0 && used + 15 + HEADER_POINTS + 30 > pagePoints) newPage(at);
    heading(ws.getCell(`A${at}`), headingText);
    used += rowPoints(at);
    header(at + 1);
    const rows = new Map<string, number>();
    let r = at + 2;
    const first = r;
    const write = (f: ItemFigures, r: number) => {
      value(ws.getCell(`A${r}`), f.code);
      value(ws.getCell(`B${r}`), f.label);
      ws.getCell(`B${r}`).alignment = { wrapText: true, vertical: 'top' };
      if (f.baseline) {
        value(ws.getCell(`C${r}`), f.baseline);
        ws.getCell(`C${r}`).alignment = { horizontal: 'right' };
      }
      f.periods.forEach((p, i) => {
        const target = ws.getCell(`${columnLetter(periodColumn(i, 0))}${r}`);
        if (p.target === null) notReceived(target, L.targetUndefined);
        else value(target, p.target);
        const achieved = ws.getCell(`${columnLetter(periodColumn(i, 1))}${r}`);
        if (p.achieved === null) notReceived(achieved, missingText(i));
        else value(achieved, p.achieved);
        target.numFmt = achieved.numFmt = NUMBER_FORMAT;
        // « cible non définie » on two lines in its column.
        target.alignment = { ...target.alignment, wrapText: true };
      });
      const [cum, end, rate] = [0, 1, 2].map((d) => `${columnLetter(toDateColumn + d)}${r}`) as [
        string,
        string,
        string,
      ];
      if (f.toDate === null) notReceived(ws.getCell(cum), L.notReceived);
      else value(ws.getCell(cum), f.toDate);
      if (f.endTarget === null || f.endTarget === 0) notReceived(ws.getCell(end), L.targetUndefined);
      else value(ws.getCell(end), f.endTarget);
      formula(ws.getCell(rate), rateFormula(cum, end), rateOf(f.toDate, f.endTarget) ?? '');
      ws.getCell(cum).numFmt = ws.getCell(end).numFmt = NUMBER_FORMAT;
      ws.getCell(rate).numFmt = money ? EXECUTION_FORMAT : PERCENT_FORMAT;
      fitRowHeight(ws, r, lastColumn);
    };
    for (const f of items) {
      write(f, r);
      if (used + rowPoints(r) > pagePoints) {
        // No room left: this row becomes the next page's header row, the item goes under it.
        newPage(r);
        header(r);
        r++;
        write(f, r);
      }
      used += rowPoints(r);
      rows.set(f.code, r);
      r++;
    }
    const last = r - 1;
    // Progress toward the end-of-project target is not judged by the thresholds: halfway through the
    // project, 50 % is on track. Overspending the project's budget is shown, as everywhere.
    if (items.length > 0 && money)
      executionFormatting(ws, `${columnLetter(toDateColumn + 2)}${first}:${columnLetter(toDateColumn + 2)}${last}`);
    return { rows, first, last };
  };

  // --- The project's detail tables under the charts, written before the summary that points down to them
  // (nothing is committed before the summary: rows stay in memory until then).
  const indicatorFigures = indicators.map(projectFigures);
  const budgetFigures = budget.map(projectFigures);
  // The detail tables start on the page after the charts.
  newPage(pages.last + 1);
  const ind = table(pages.last + 2, L.evolutionIndicators, 'indicators', indicatorFigures);
  // Budget and beneficiaries on the next page.
  newPage(ind.last + 2);
  const bud = table(ind.last + 2, L.evolutionBudget, 'budget', budgetFigures);
  const ben = table(bud.last + 2, L.evolutionBeneficiaries, 'beneficiaries', beneficiaries.map(projectFigures));

  // --- Summary per period.
  heading(ws.getCell(`A${summaryHeader - 1}`), L.evolutionSummary);
  const referenceColumn = lastColumn + 2;
  const referenceLetter = columnLetter(referenceColumn);
  const [rateLetter, progressLetter] = [columnLetter(referenceColumn + 1), columnLetter(referenceColumn + 2)];
  for (const c of [referenceColumn, referenceColumn + 1, referenceColumn + 2]) ws.getColumn(c).width = 16;
  value(ws.getCell(`${rateLetter}${summaryHeader}`), L.evoPeriodRate);
  value(ws.getCell(`${progressLetter}${summaryHeader}`), L.evoCumulativeProgress);
  headerRow(ws.getRow(summaryHeader), [
    L.evoPeriod,
    L.evoPeriodRate,
    L.evoCumulativeProgress,
    L.evoPeriodBudget,
    L.spentFcfa,
    L.evoSpentToDate,
    L.evoCumulativeExecution,
  ]);
  ws.getRow(summaryHeader).height = 45;
  // The chart's 100 % line reads a column right of the printout.
  value(ws.getCell(`${referenceLetter}${summaryHeader}`), L.evoEndReference);
  const said = (cell: ExcelJS.Cell) => {
    cell.font = { name: 'Calibri', italic: true, color: { argb: 'FF808080' } };
    cell.alignment = { horizontal: 'right' };
  };
  const periodCells = (table: { first: number; last: number }, i: number, which: 0 | 1) =>
    `${columnLetter(periodColumn(i, which))}${table.first}:${columnLetter(periodColumn(i, which))}${table.last}`;
  periods.forEach((period, i) => {
    const r = summaryFirst + i;
    value(ws.getCell(`A${r}`), period);
    // Rate of the period: the capped mean of the indicators' rates, read live from the detail table below.
    const rates = indicatorFigures.map((f) => rateOf(f.periods[i]!.achieved, f.periods[i]!.target));
    const received = indicatorFigures.some((f) => f.periods[i]!.achieved !== null);
    const rate = cappedMean(rates);
    const otherwise = received ? L.targetUndefined : missingText(i);
    const cells = indicatorFigures.map(
      (f) =>
        [
          `${columnLetter(periodColumn(i, 1))}${ind.rows.get(f.code)!}`,
          `${columnLetter(periodColumn(i, 0))}${ind.rows.get(f.code)!}`,
        ] as const,
    );
    const known = (a: string, t: string) => `AND(ISNUMBER(${a}),ISNUMBER(${t}),${t}>0)`;
    const count = cells.map(([a, t]) => `IF(${known(a, t)},1,0)`).join('+') || '0';
    const sum = cells.map(([a, t]) => `IF(${known(a, t)},MIN(1,${a}/${t}),0)`).join('+') || '0';
    const rateText = `IF((${count})=0,"${otherwise}",(${sum})/(${count}))`;
    const rateCell = ws.getCell(`B${r}`);
    if (rateText.length <= FORMULA_MAX) formula(rateCell, rateText, rate ?? otherwise);
    else value(rateCell, rate ?? otherwise);
    if (rate === null) said(rateCell);
    rateCell.numFmt = PERCENT_FORMAT;
    // Progress toward the end-of-project target: the capped mean of the indicators' cumulative ÷ their end target.
    const progress = cappedMean(indicators.map((l) => progressAt(l, i)));
    const progressCell = ws.getCell(`C${r}`);
    if (progress === null) notReceived(progressCell, missingText(i));
    else value(progressCell, progress);
    progressCell.numFmt = PERCENT_FORMAT;
    // Budget of the period and spent, summed live from the budget table below.
    const planned = budgetFigures.map((f) => f.periods[i]!.target).filter((t): t is number => t !== null);
    const spent = budgetFigures.map((f) => f.periods[i]!.achieved).filter((t): t is number => t !== null);
    const plannedRange = periodCells(bud, i, 0);
    const spentRange = periodCells(bud, i, 1);
    const plannedCell = ws.getCell(`D${r}`);
    formula(
      plannedCell,
      `IF(COUNT(${plannedRange})=0,"${L.targetUndefined}",SUM(${plannedRange}))`,
      planned.length === 0 ? L.targetUndefined : planned.reduce((a, b) => a + b, 0),
    );
    if (planned.length === 0) said(plannedCell);
    const spentCell = ws.getCell(`E${r}`);
    formula(
      spentCell,
      `IF(COUNT(${spentRange})=0,"${missingText(i)}",SUM(${spentRange}))`,
      spent.length === 0 ? missingText(i) : spent.reduce((a, b) => a + b, 0),
    );
    if (spent.length === 0) said(spentCell);
    // Spent to date: every period received so far; a period not received shows « non reçu », not a flat line.
    const spentToDate =
      spent.length === 0
        ? null
        : budgetFigures.reduce((s, f) => s + f.periods.slice(0, i + 1).reduce((a, p) => a + (p.achieved ?? 0), 0), 0);
    const toDateCell = ws.getCell(`F${r}`);
    formula(
      toDateCell,
      `IF(ISNUMBER(E${r}),SUM(E$${summaryFirst}:E${r}),"${missingText(i)}")`,
      spentToDate ?? missingText(i),
    );
    if (spentToDate === null) said(toDateCell);
    const executionCell = ws.getCell(`G${r}`);
    const execution = spentToDate === null ? null : rateOf(spentToDate, projectBudget);
    formula(
      executionCell,
      `IF(AND(ISNUMBER(F${r}),$D$5>0),F${r}/$D$5,"${missingText(i)}")`,
      execution ?? missingText(i),
    );
    if (execution === null) said(executionCell);
    for (const c of 'DEF') ws.getCell(`${c}${r}`).numFmt = NUMBER_FORMAT;
    executionCell.numFmt = EXECUTION_FORMAT;
    value(ws.getCell(`${referenceLetter}${r}`), 1);
    // The lines read copies of the two rates, empty where there is no number: a gap, never 0 %.
    plotted(ws.getCell(`${rateLetter}${r}`), `B${r}`, rate);
    plotted(ws.getCell(`${progressLetter}${r}`), `C${r}`, progress);
    for (const c of [referenceLetter, rateLetter, progressLetter]) ws.getCell(`${c}${r}`).numFmt = PERCENT_FORMAT;
  });
  if (n > 0) {
    // The period's rate against its own target is judged by the thresholds; the cumulative progress is not.
    rateFormatting(ws, `B${summaryFirst}:B${summaryLast}`, rateGood, rateFair, undefined, false);
    executionFormatting(ws, `G${summaryFirst}:G${summaryLast}`);
  }

  // --- The charts, on their own page under the summary.
  const range = (col: string, a: number, b = a): CellRange => ({
    sheet: S,
    range: a === b ? `${col}${a}` : `${col}${a}:${col}${b}`,
  });
  const categories = range('A', summaryFirst, summaryLast);
  const language = LOCALES[lang];
  const charts: ChartSpec[] =
    n === 0
      ? []
      : [
          {
            sheet: S,
            anchor: pages.anchor(0),
            type: 'line',
            title: L.chartEvolutionRates,
            language,
            categoryAxis: { title: L.evoPeriod, labelRotation: 0 },
            valueAxis: { title: L.achievementRate, numberFormat: PERCENT_FORMAT, min: 0 },
            legend: 'bottom',
            series: [
              {
                name: range('B', summaryHeader),
                categories,
                values: range(rateLetter, summaryFirst, summaryLast),
                colour: PERIOD_COLOUR,
                line: { marker: 'circle', markerSize: 7 },
                dataLabels: { numberFormat: LABEL_FORMAT, position: 't', size: 8, bold: true },
              },
              {
                name: range('C', summaryHeader),
                categories,
                values: range(progressLetter, summaryFirst, summaryLast),
                colour: CUMULATIVE_COLOUR,
                line: { marker: 'square', markerSize: 7 },
                dataLabels: {
                  numberFormat: LABEL_FORMAT,
                  position: 'b',
                  size: 8,
                  bold: true,
                  colour: CUMULATIVE_COLOUR,
                },
              },
              {
                name: range(referenceLetter, summaryHeader),
                categories,
                values: range(referenceLetter, summaryFirst, summaryLast),
                colour: TARGET_COLOUR,
                line: { width: 1.5, dash: 'dash' },
              },
            ],
          },
          {
            sheet: S,
            anchor: pages.anchor(1),
            type: 'column',
            title: L.chartEvolutionBudget,
            language,
            gapWidth: 60,
            categoryAxis: { title: L.evoPeriod, labelRotation: 0 },
            valueAxis: { title: L.amountFcfa, numberFormat: NUMBER_FORMAT, min: 0 },
            legend: 'bottom',
            series: [
              {
                name: range('D', summaryHeader),
                categories,
                values: range('D', summaryFirst, summaryLast),
                colour: PLANNED_COLOUR,
              },
              {
                name: range('E', summaryHeader),
                categories,
                values: range('E', summaryFirst, summaryLast),
                colour: SPENT_COLOUR,
              },
            ],
          },
        ];
  for (const chart of charts) pages.readable(chart);

  const details = async () => {
    let last = ben.last;
    ws.getRow(last).commit();
    await drain(ws);
    if (ctx.evolutionCommunes) {
      for (const status of model.communes) {
        const code = status.commune.code;
        // Each commune starts a new page, under its name.
        const at = last + 2;
        newPage(at);
        title(
          ws.getCell(`A${at}`),
          interpolate(L.evolutionCommune, { commune: status.commune.name, cercle: status.commune.cercle }, lang),
        );
        used += 2 * 15;
        last = table(
          at + 2,
          L.evolutionIndicators,
          'indicators',
          indicators.map((l) => communeFigures(l, code)),
        ).last;
        newPage(last + 2);
        last = table(
          last + 2,
          L.evolutionBudget,
          'budget',
          budget.map((l) => communeFigures(l, code)),
        ).last;
        last = table(
          last + 2,
          L.evolutionBeneficiaries,
          'beneficiaries',
          beneficiaries.map((l) => communeFigures(l, code)),
        ).last;
        ws.getRow(last).commit();
        await drain(ws);
      }
    }
    printArea(ws, lastLetter, last);
  };
  return { charts, lastRow: summaryLast, details };
}

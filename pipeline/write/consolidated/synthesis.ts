import type ExcelJS from 'exceljs';
import type { Line } from '../../../core/consolidate/model';
import { selectionLabel } from '../../../core/consolidate/model';
import type { Indicator } from '../../../core/framework/schema';
import { cappedMean, rateOf } from '../../../core/consolidate/rates';
import { formatDate, formatNumber, interpolate } from '../../../core/messages';
import { reasonText } from '../../../core/messages/merge';
import { sheetRef } from '../../../core/tables';
import type { BudgetMap } from './budget';
import { commentsText, type WriteContext } from './context';
import { cappedMeanFormula, rateFormula, type DetailMap } from './detail-sheet';
import { listed, LISTED_UP_TO, missingList, writeCommunesTable, writeReceptionTable } from './synthesis-communes';
import { APART_FORMAT, EXECUTION_FORMAT, executionFormatting, formula, heading, headerRow, notReceived, NUMBER_FORMAT, PERCENT_FORMAT, rateFormatting, subtitle, title, value, widths } from './style';
import { columnPixels, fitRowHeight, MAX_ROW_POINTS } from './row-height';
import { rowCapacity } from './long-texts';
import { OUTPUT_SHEETS } from './labels';

export interface SynthesisRefs {
  plannedVsAchieved: DetailMap;
  budget: BudgetMap;
  beneficiaries: DetailMap;
}

/** Where Synthèse put its tables, for the charts that come later. */
export interface SynthesisMap {
  /** `weakest`: per result, the formula of its weakest indicator's rate on Synthèse (what its colour follows). */
  results: { first: number; last: number; rows: Map<string, number>; rateColumn: string; weakest: Map<string, string> };
  communes: { first: number; last: number; rateColumn: string; weakestColumn: string };
  beneficiaries: { first: number; last: number };
  /** The last row written, for what comes below. */
  lastRow: number;
}

/** Synthèse's columns A to I: what its charts span and what prints. */
export const SYNTHESIS_COLUMNS = 9;


/** « R1.1 : 100 acteurs formels … formés ; 100 prestataires … » like the seed report's section 5. */
function achievedSentence(lines: Line<Indicator>[], lang: 'fr' | 'en', L: WriteContext['labels']): string {
  return lines
    .map((l) => {
      const label = l.item.label.charAt(0).toLowerCase() + l.item.label.slice(1);
      return l.total.achieved === null ? interpolate(L.achievedNone, { label }, lang) : `${formatNumber(l.total.achieved, lang)} ${label}`;
    })
    .join(L.listSeparator);
}

/**
 * The Écarts line, computed with the rates' own rule: « all done » only when every indicator reached its
 * target everywhere; otherwise each indicator below target in a commune that reported, with the
 * coordinators' comments, then the commune-periods not received (their shortfall is not the activities',
 * so it is said once, and their planned figure stays out of the rates).
 */
export function gapsText(ctx: WriteContext): string[] {
  const L = ctx.labels;
  const received = ctx.model.communes.filter((c) => c.received);
  const lines: string[] = [];
  for (const line of ctx.model.indicators) {
    const below = received.filter((s) => {
      const f = line.communes[s.commune.code]!;
      return f.achieved !== null && f.planned !== null && f.achieved < f.planned;
    });
    if (below.length === 0) continue;
    const details = below.slice(0, LISTED_UP_TO).map((s) => {
      const f = line.communes[s.commune.code]!;
      const text = interpolate(L.gapCommune, { commune: s.commune.name, achieved: f.achieved!, planned: f.planned! }, ctx.lang);
      return f.comments.length > 0 ? interpolate(L.gapComments, { gap: text, comments: commentsText(f.comments, ctx) }, ctx.lang) : text;
    });
    // The same figures as the tables: the line's total over the communes that reported.
    const { achieved, planned } = line.total;
    const percent = Math.round((rateOf(achieved, planned) ?? 0) * 100);
    // No target for the whole selection (a period without one): the communes below theirs, no made-up rate.
    const head =
      planned === null
        ? interpolate(L.gapIndicatorNoTarget, { code: line.item.code, label: line.item.label, achieved: achieved ?? 0 }, ctx.lang)
        : interpolate(L.gapIndicator, { code: line.item.code, label: line.item.label, achieved: achieved ?? 0, planned, percent }, ctx.lang);
    if (below.length > LISTED_UP_TO) details.push(interpolate(L.andOthers, { count: below.length - LISTED_UP_TO, sheet: OUTPUT_SHEETS.plannedVsAchieved }, ctx.lang));
    lines.push(`${head} – ${details.join(L.listSeparator)}`);
  }
  const missing = missingList(ctx, { missing: L.gapMissingItem, rejected: L.gapRejectedItem });
  if (missing.length > 0) lines.push(interpolate(L.gapMissing, { communes: listed(missing, ctx, 'Sources') }, ctx.lang));
  return lines.length === 0 ? [L.allDone] : lines;
}

/**
 * What a paragraph shows in its tallest row (409 points: 27 lines of about 120 characters); a longer
 * one (an Écarts line with many communes' comments) is cut there, the whole kept in `Textes longs`.
 */
export const PARAGRAPH_MAX = 3000;
/** Columns B to F of Synthèse (see `widths` below), in pixels, padding off: a paragraph's line. */
const PARAGRAPH_PIXELS = [46, 12, 12, 10, 30].reduce((n, w) => n + columnPixels(w), 0) - 6;

/** A wrapped text over columns B to F, its row tall enough for it. */
function paragraph(ws: ExcelJS.Worksheet, row: number, text: string, italic = false): void {
  // Wide letters or line breaks take more room: then fewer characters.
  value(ws.getCell(`B${row}`), text, Math.min(PARAGRAPH_MAX, rowCapacity(text, PARAGRAPH_PIXELS)));
  ws.mergeCells(`B${row}:F${row}`);
  ws.getCell(`B${row}`).alignment = { wrapText: true, vertical: 'top' };
  if (italic) ws.getCell(`B${row}`).font = { name: 'Calibri', italic: true, color: { argb: 'FF595959' } };
  ws.getRow(row).height = Math.min(MAX_ROW_POINTS, Math.max(15, Math.ceil(text.length / 120) * 15));
}

export function writeSynthesis(ws: ExcelJS.Worksheet, ctx: WriteContext, refs: SynthesisRefs): SynthesisMap {
  const { labels: L, model } = ctx;
  const fw = model.framework;
  const pva = refs.plannedVsAchieved;
  const bud = refs.budget;
  // G to I: the cumulative to date against the end-of-project target, beside the period's figures.
  widths(ws, [18, 46, 12, 12, 10, 30, 12, 12, 11]);
  title(ws.getCell('A1'), `${fw.project.shortTitle} – ${L.synthesisTitle}`);
  subtitle(ws.getCell('A2'), fw.project.title);
  let r = 4;
  const label = (text: string) => {
    value(ws.getCell(`A${r}`), text);
    ws.getCell(`A${r}`).font = { name: 'Calibri', bold: true };
    // A label longer than its column wraps: never cut by the value beside it.
    ws.getCell(`A${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getCell(`B${r}`).alignment = { vertical: 'top' };
    if (text.length > 20) ws.getRow(r).height = Math.min(MAX_ROW_POINTS, Math.ceil(text.length / 20) * 15);
  };
  const field = (text: string, v: string) => {
    label(text);
    value(ws.getCell(`B${r}`), v);
    r++;
  };
  const cercles = [...new Set(fw.communes.map((c) => c.cercle))];
  // A national framework names hundreds of communes: then their number, not their names.
  const communeList = fw.communes.length <= LISTED_UP_TO ? fw.communes.map((c) => c.name).join(', ') : interpolate(L.communeCount, { count: fw.communes.length }, ctx.lang);
  const cercleList = cercles.length <= LISTED_UP_TO ? cercles.join(', ') : interpolate(L.cercleCount, { count: cercles.length }, ctx.lang);
  field(L.location, interpolate(L.locationText, { region: fw.project.region, cercles: cercleList, communes: communeList }, ctx.lang));
  field(L.periods, selectionLabel(model));
  field(L.donor, fw.project.donor);
  field(L.implementer, [fw.project.implementer, ...fw.project.partners].join(L.listSeparator));
  field(L.generated, formatDate(ctx.generatedAt.slice(0, 10), ctx.lang));

  // The project's budget comes from the framework; planned (communes received), spent and the execution
  // rate reference the Budget sheet's grand total: the manager can follow every number.
  label(L.projectBudget);
  value(ws.getCell(`B${r}`), fw.project.budget);
  ws.getCell(`B${r}`).numFmt = NUMBER_FORMAT;
  ws.getCell(`B${r}`).alignment = { horizontal: 'left', vertical: 'top' };
  r++;
  const c = bud.columns;
  const plannedValues = model.budget.map((l) => l.total.planned);
  const planned = plannedValues.some((v) => v === null) ? L.targetUndefined : plannedValues.reduce<number>((a, v) => a + v!, 0);
  const spentValues = model.budget.map((l) => l.total.achieved);
  const spent = spentValues.every((v) => v === null) ? 0 : spentValues.reduce<number>((a, v) => a + (v ?? 0), 0);
  for (const [text, column, result, fmt] of [
    [L.plannedReceived, c.planned!, planned, NUMBER_FORMAT],
    [`${L.spent} (FCFA)`, c.spent!, spent, NUMBER_FORMAT],
    [L.executionRate, c.rate!, rateOf(spent, typeof planned === 'number' ? planned : null) ?? '', EXECUTION_FORMAT],
  ] as const) {
    label(text);
    formula(ws.getCell(`B${r}`), sheetRef(bud.sheet, `${column}${bud.grandTotalRow}`), result);
    ws.getCell(`B${r}`).numFmt = fmt;
    ws.getCell(`B${r}`).alignment = { horizontal: 'left', vertical: 'top' };
    if (fmt === EXECUTION_FORMAT) executionFormatting(ws, `B${r}`);
    r++;
  }
  r++;

  // Expected results: each result, then its indicators, with planned, achieved, rate and the planned
  // figure of the communes not received, apart.
  heading(ws.getCell(`A${r}`), L.resultsHeading);
  r++;
  // Two questions, two groups of columns: did the period reach its own target; where is the project
  // against its end-of-project target.
  const selection = model.periods.length > 0 ? model.periods.join(', ') : '–';
  const toDateEnd = model.toDatePeriods.at(-1) ?? '–';
  value(ws.getCell(`C${r}`), `${L.periodHeading} (${model.selection ?? selection})`);
  ws.mergeCells(`C${r}:F${r}`);
  value(ws.getCell(`G${r}`), `${L.toDateHeading} (→ ${toDateEnd})`);
  ws.mergeCells(`G${r}:I${r}`);
  for (const c of ['C', 'G']) {
    ws.getCell(`${c}${r}`).font = { name: 'Calibri', bold: true, color: { argb: 'FF1F4E78' } };
    ws.getCell(`${c}${r}`).alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
    ws.getCell(`${c}${r}`).border = { bottom: { style: 'thin', color: { argb: 'FF1F4E78' } } };
  }
  r++;
  headerRow(ws.getRow(r), [L.code, L.statement, L.planned, L.achieved, L.rate, L.plannedApart, L.toDate, L.endTarget, L.toDateRate]);
  r++;
  const resultsFirst = r;
  const resultRows = new Map<string, number>();
  const resultWeakest = new Map<string, string>();
  const { rateGood: good, rateFair: fair } = fw.thresholds;
  for (const result of fw.results) {
    const lines = model.indicators.filter((l) => l.item.result === result.code);
    const resultRow = r;
    value(ws.getCell(`A${r}`), result.code);
    value(ws.getCell(`B${r}`), result.statement);
    ws.getRow(r).font = { name: 'Calibri', bold: true };
    ws.getRow(r).alignment = { vertical: 'top' };
    ws.getCell(`B${r}`).alignment = { wrapText: true, vertical: 'top' };
    resultRows.set(result.code, r);
    r++;
    const first = r;
    for (const line of lines) {
      const total = pva.totalRows.get(line.item.code)!;
      value(ws.getCell(`A${r}`), line.item.code);
      value(ws.getCell(`B${r}`), line.item.label);
      if (line.total.planned === null) notReceived(ws.getCell(`C${r}`), L.targetUndefined);
      else formula(ws.getCell(`C${r}`), sheetRef(pva.sheet, `${pva.columns.planned}${total}`), line.total.planned);
      formula(ws.getCell(`D${r}`), sheetRef(pva.sheet, `${pva.columns.achieved}${total}`), line.total.achieved ?? L.notReceived);
      formula(ws.getCell(`E${r}`), rateFormula(`D${r}`, `C${r}`), rateOf(line.total.achieved, line.total.planned) ?? '');
      // The target of the commune-periods not received (a whole commune, or a quarter of one): a figure of
      // the framework, not a sum of the sheet's cells (a missing quarter has no row of its own).
      if (line.missingPlanned === null) notReceived(ws.getCell(`F${r}`), L.targetUndefined);
      else value(ws.getCell(`F${r}`), line.missingPlanned);
      formula(ws.getCell(`G${r}`), sheetRef(pva.sheet, `${pva.columns.toDate}${total}`), line.toDate.total.achieved ?? L.notReceived);
      formula(ws.getCell(`H${r}`), sheetRef(pva.sheet, `${pva.columns.endTarget}${total}`), line.toDate.total.target);
      formula(ws.getCell(`I${r}`), rateFormula(`G${r}`, `H${r}`), rateOf(line.toDate.total.achieved, line.toDate.total.target) ?? '');
      for (const c of ['C', 'D', 'G', 'H']) ws.getCell(`${c}${r}`).numFmt = NUMBER_FORMAT;
      ws.getCell(`E${r}`).numFmt = PERCENT_FORMAT;
      ws.getCell(`I${r}`).numFmt = PERCENT_FORMAT;
      ws.getCell(`F${r}`).numFmt = APART_FORMAT;
      ws.getRow(r).alignment = { vertical: 'top' };
      ws.getCell(`B${r}`).alignment = { indent: 1, wrapText: true, vertical: 'top' };
      r++;
    }
    const last = r - 1;
    // A result's rate: the mean of its indicators' rates, each capped at 100 % (units differ, so figures
    // are not added); its colour follows its weakest indicator.
    const rates = lines.map((l) => rateOf(l.total.achieved, l.total.planned));
    const cells = lines.map((_, i) => `E${first + i}`);
    formula(ws.getCell(`E${resultRow}`), lines.length > 0 ? cappedMeanFormula(cells, '') : '""', cappedMean(rates) ?? '');
    ws.getCell(`E${resultRow}`).numFmt = PERCENT_FORMAT;
    // Progress is not coloured by the thresholds: 72 % of the end-of-project target after three quarters
    // of four is on plan, not « en retard » (the period's own rate, in E, says that).
    const toDateRates = lines.map((l) => rateOf(l.toDate.total.achieved, l.toDate.total.target));
    const toDateCells = lines.map((_, i) => `I${first + i}`);
    formula(ws.getCell(`I${resultRow}`), lines.length > 0 ? cappedMeanFormula(toDateCells, '') : '""', cappedMean(toDateRates) ?? '');
    ws.getCell(`I${resultRow}`).numFmt = PERCENT_FORMAT;
    if (lines.length > 0) {
      // Blank, not 0, when no indicator has a rate (MIN of no number is 0).
      const weakestOf = `IF(COUNT(E${first}:E${last})=0,"",MIN(E${first}:E${last}))`;
      resultWeakest.set(result.code, weakestOf);
      rateFormatting(ws, `E${resultRow}`, good, fair, weakestOf, false);
      rateFormatting(ws, `E${first}:E${last}`, good, fair, undefined, false);
    }
  }
  const resultsLast = r - 1;
  paragraph(ws, r, L.rateRule, true);
  r++;
  paragraph(ws, r, L.toDateRule, true);
  r++;
  // An earlier period missing from the folder makes the cumulative short: said where it is read.
  const names = new Map(fw.communes.map((c) => [c.code, c.name]));
  const who = (codes: string[]) => (codes.length <= LISTED_UP_TO ? codes.map((c) => names.get(c) ?? c).join(', ') : interpolate(L.communeCount, { count: codes.length }, ctx.lang));
  const earlier = model.toDateMissing.map((m) => `${m.period} (${who(m.communes)})`);
  if (earlier.length > 0) {
    paragraph(ws, r, interpolate(L.toDateMissing, { list: earlier.join(L.listSeparator) }, ctx.lang));
    ws.getCell(`B${r}`).font = { name: 'Calibri', bold: true, color: { argb: 'FFC00000' } };
    r++;
  }
  r++;

  heading(ws.getCell(`A${r}`), L.achievedHeading);
  r++;
  for (const result of fw.results) {
    const lines = model.indicators.filter((l) => l.item.result === result.code);
    value(ws.getCell(`A${r}`), result.code);
    ws.getCell(`A${r}`).alignment = { vertical: 'top' };
    paragraph(ws, r, achievedSentence(lines, ctx.lang, ctx.labels));
    r++;
  }
  r++;
  heading(ws.getCell(`A${r}`), L.gapsHeading);
  r++;
  for (const text of gapsText(ctx)) {
    paragraph(ws, r, text);
    r++;
  }
  r++;

  heading(ws.getCell(`A${r}`), L.partnersHeading);
  r++;
  headerRow(ws.getRow(r), ['', L.partner, L.contribution]);
  r++;
  const partnersFirst = r;
  for (const c2 of fw.contributions) {
    value(ws.getCell(`B${r}`), c2.partner);
    value(ws.getCell(`C${r}`), c2.amount);
    ws.getCell(`C${r}`).numFmt = NUMBER_FORMAT;
    r++;
  }
  value(ws.getCell(`B${r}`), L.total);
  formula(ws.getCell(`C${r}`), `SUM(C${partnersFirst}:C${Math.max(partnersFirst, r - 1)})`, fw.contributions.reduce((a, x) => a + x.amount, 0));
  ws.getCell(`C${r}`).numFmt = NUMBER_FORMAT;
  ws.getRow(r).font = { name: 'Calibri', bold: true };
  r += 2;

  heading(ws.getCell(`A${r}`), L.beneficiariesHeading);
  r++;
  headerRow(ws.getRow(r), [L.code, L.category, L.women, L.men, L.total, L.planned]);
  r++;
  const benFirst = r;
  const ben = refs.beneficiaries;
  for (const line of model.beneficiaries) {
    const total = ben.totalRows.get(line.item.code)!;
    value(ws.getCell(`A${r}`), line.item.code);
    value(ws.getCell(`B${r}`), line.item.label);
    const cells: [string, string, number | string | null][] = [
      ['C', ben.columns.women!, line.total.women],
      ['D', ben.columns.men!, line.total.men],
      ['E', ben.columns.total!, line.total.achieved],
      ['F', ben.columns.planned!, line.total.planned],
    ];
    for (const [col, source, result] of cells) {
      const isPeopleColumn = col === 'C' || col === 'D';
      if (isPeopleColumn && line.total.women === null && line.total.men === null && line.item.unit !== 'personnes') continue;
      // What the referenced cell shows: no number is « non reçu », or « cible non définie » for a target.
      formula(ws.getCell(`${col}${r}`), sheetRef(ben.sheet, `${source}${total}`), result ?? (col === 'F' ? L.targetUndefined : L.notReceived));
      ws.getCell(`${col}${r}`).numFmt = NUMBER_FORMAT;
    }
    r++;
  }
  const benLast = r - 1;
  r++;

  const communes = writeCommunesTable(ws, ctx, pva, r);
  r = communes.lastRow + 2;
  r = writeReceptionTable(ws, ctx, r) + 2;

  heading(ws.getCell(`A${r}`), L.rejectedHeading);
  r++;
  const rejected = ctx.sources.filter((s) => s.status === 'rejected');
  if (rejected.length === 0) {
    value(ws.getCell(`B${r}`), L.none);
    r++;
  }
  for (const s of rejected) {
    value(ws.getCell(`A${r}`), s.file);
    ws.mergeCells(`A${r}:B${r}`);
    ws.getCell(`A${r}`).alignment = { vertical: 'top' };
    const reason = s.reason ? reasonText(s.reason.id, s.reason.params, ctx.lang) : '';
    ws.mergeCells(`C${r}:F${r}`);
    // About 60 characters a line over C:F: what the tallest row shows, the rest in Textes longs.
    value(ws.getCell(`C${r}`), reason, PARAGRAPH_MAX / 2);
    ws.getCell(`C${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.min(MAX_ROW_POINTS, Math.max(15, Math.ceil(reason.length / 60) * 15));
    r++;
  }
  const errors = ctx.issues.filter((i) => i.severity === 'error').length;
  const warnings = ctx.issues.filter((i) => i.severity === 'warning').length;
  value(ws.getCell(`A${r + 1}`), interpolate(L.controlsLine, { errors, warnings }, ctx.lang));
  ws.getCell(`A${r + 1}`).font = { name: 'Calibri', italic: true };

  for (let row = 1; row <= r + 1; row++) fitRowHeight(ws, row, SYNTHESIS_COLUMNS);
  return {
    results: { first: resultsFirst, last: resultsLast, rows: resultRows, rateColumn: 'E', weakest: resultWeakest },
    communes: { first: communes.first, last: communes.last, rateColumn: communes.rateColumn, weakestColumn: communes.weakestColumn },
    beneficiaries: { first: benFirst, last: benLast },
    lastRow: r + 1,
  };
}

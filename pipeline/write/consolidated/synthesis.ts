import type ExcelJS from 'exceljs';
import type { Line } from '../../../core/consolidate/model';
import type { Indicator } from '../../../core/framework/schema';
import { formatNumber, interpolate } from '../../../core/messages';
import { reasonText } from '../../merge/messages';
import type { BudgetMap } from './budget';
import type { WriteContext } from './context';
import { rateFormula, rateOf, type DetailMap } from './detail-sheet';
import { fitRowHeight } from './row-height';
import { formula, heading, headerRow, NUMBER_FORMAT, PERCENT_FORMAT, printSetup, rateFormatting, subtitle, title, value, widths } from './style';

export interface SynthesisRefs {
  plannedVsAchieved: DetailMap;
  budget: BudgetMap;
  beneficiaries: DetailMap;
}

/** Where Synthèse put its tables, for the charts that come later. */
export interface SynthesisMap {
  results: { first: number; last: number; rows: Map<string, number>; rateColumn: string };
  communes: { first: number; last: number; rateColumn: string };
  beneficiaries: { first: number; last: number };
  /** The last row written, for what comes below. */
  lastRow: number;
}

const ref = (sheet: string, address: string) => `'${sheet.replace(/'/g, "''")}'!${address}`;

/** « R1.1 : 100 acteurs formels … formés ; 100 prestataires … » like the seed report's section 5. */
function achievedSentence(lines: Line<Indicator>[], lang: 'fr' | 'en'): string {
  return lines
    .map((l) => {
      const label = l.item.label.charAt(0).toLowerCase() + l.item.label.slice(1);
      return l.total.achieved === null ? `${label} : –` : `${formatNumber(l.total.achieved, lang)} ${label}`;
    })
    .join(' ; ');
}

/**
 * The Écarts line, computed: « all done » only when every indicator reached its target everywhere;
 * otherwise each indicator below target in a commune that reported, with the coordinators' comments,
 * then the communes whose data did not arrive (their shortfall is not the activities', so it is said once).
 */
export function gapsText(ctx: WriteContext): string[] {
  const L = ctx.labels;
  const received = ctx.model.communes.filter((c) => c.received);
  const missing = ctx.model.communes.filter((c) => !c.received).map((c) => c.commune.name);
  const lines: string[] = [];
  for (const line of ctx.model.indicators) {
    const below = received.filter((s) => {
      const f = line.communes[s.commune.code]!;
      return f.achieved !== null && f.achieved < f.planned;
    });
    if (below.length === 0) continue;
    const details = below.map((s) => {
      const f = line.communes[s.commune.code]!;
      const text = interpolate(L.gapCommune, { commune: s.commune.name, achieved: f.achieved!, planned: f.planned }, ctx.lang);
      return f.comments.length > 0 ? `${text} (« ${f.comments.join(' | ')} »)` : text;
    });
    // Only the communes that reported: a missing commune's share is not a gap of the activities.
    const achieved = received.reduce((a, s) => a + (line.communes[s.commune.code]!.achieved ?? 0), 0);
    const planned = received.reduce((a, s) => a + line.communes[s.commune.code]!.planned, 0);
    const head = interpolate(L.gapIndicator, { code: line.item.code, label: line.item.label, achieved, planned }, ctx.lang);
    lines.push(`${head} – ${details.join(' ; ')}`);
  }
  if (missing.length > 0) lines.push(interpolate(L.gapMissing, { communes: missing.join(', ') }, ctx.lang));
  return lines.length === 0 ? [L.allDone] : lines;
}

export function writeSynthesis(ws: ExcelJS.Worksheet, ctx: WriteContext, refs: SynthesisRefs): SynthesisMap {
  const { labels: L, model } = ctx;
  const fw = model.framework;
  const pva = refs.plannedVsAchieved;
  const bud = refs.budget;
  widths(ws, [20, 62, 16, 16, 12, 30]);
  title(ws.getCell('A1'), `${fw.project.shortTitle} – ${L.synthesisTitle}`);
  subtitle(ws.getCell('A2'), fw.project.title);
  let r = 4;
  const field = (label: string, v: string) => {
    value(ws.getCell(`A${r}`), label);
    ws.getCell(`A${r}`).font = { name: 'Calibri', bold: true };
    value(ws.getCell(`B${r}`), v);
    r++;
  };
  const cercles = [...new Set(fw.communes.map((c) => c.cercle))];
  field(L.location, interpolate(L.locationText, { region: fw.project.region, cercles: cercles.join(', '), communes: fw.communes.map((c) => c.name).join(', ') }, ctx.lang));
  field(L.periods, model.periods.join(', ') || '–');
  field(L.donor, fw.project.donor);
  field(L.implementer, [fw.project.implementer, ...fw.project.partners].join(' ; '));
  field(L.generated, ctx.generatedAt.slice(0, 10));

  // Budget figures reference the Budget sheet's grand total: the manager can follow every number.
  const budgetRow = r;
  const c = bud.columns;
  const planned = model.budget.reduce((a, l) => a + l.total.planned, 0);
  const spentValues = model.budget.map((l) => l.total.achieved);
  const spent = spentValues.every((v) => v === null) ? 0 : spentValues.reduce<number>((a, v) => a + (v ?? 0), 0);
  for (const [label, address, result, fmt] of [
    [`${L.budget} (FCFA)`, `${c.planned}${bud.grandTotalRow}`, planned, NUMBER_FORMAT],
    [`${L.spent} (FCFA)`, `${c.spent}${bud.grandTotalRow}`, spent, NUMBER_FORMAT],
  ] as const) {
    value(ws.getCell(`A${r}`), label);
    ws.getCell(`A${r}`).font = { name: 'Calibri', bold: true };
    formula(ws.getCell(`B${r}`), ref(bud.sheet, address), result);
    ws.getCell(`B${r}`).numFmt = fmt;
    ws.getCell(`B${r}`).alignment = { horizontal: 'left' };
    r++;
  }
  value(ws.getCell(`A${r}`), L.executionRate);
  ws.getCell(`A${r}`).font = { name: 'Calibri', bold: true };
  formula(ws.getCell(`B${r}`), rateFormula(`B${budgetRow + 1}`, `B${budgetRow}`), rateOf(spent, planned) ?? '');
  ws.getCell(`B${r}`).numFmt = PERCENT_FORMAT;
  ws.getCell(`B${r}`).alignment = { horizontal: 'left' };
  r += 2;

  // Expected results: each result, then its indicators, with planned, achieved and rate.
  heading(ws.getCell(`A${r}`), L.resultsHeading);
  r++;
  headerRow(ws.getRow(r), [L.code, L.statement, L.planned, L.achieved, L.rate]);
  r++;
  const resultsFirst = r;
  const resultRows = new Map<string, number>();
  for (const result of fw.results) {
    const lines = model.indicators.filter((l) => l.item.result === result.code);
    const resultRow = r;
    value(ws.getCell(`A${r}`), result.code);
    value(ws.getCell(`B${r}`), result.statement);
    ws.getRow(r).font = { name: 'Calibri', bold: true };
    ws.getRow(r).alignment = { vertical: 'top' };
    ws.getCell(`B${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.max(15, Math.ceil(result.statement.length / 70) * 15);
    resultRows.set(result.code, r);
    r++;
    const first = r;
    for (const line of lines) {
      const total = pva.totalRows.get(line.item.code)!;
      value(ws.getCell(`A${r}`), line.item.code);
      value(ws.getCell(`B${r}`), line.item.label);
      formula(ws.getCell(`C${r}`), ref(pva.sheet, `${pva.columns.planned}${total}`), line.total.planned);
      formula(ws.getCell(`D${r}`), ref(pva.sheet, `${pva.columns.achieved}${total}`), line.total.achieved ?? L.notReceived);
      formula(ws.getCell(`E${r}`), rateFormula(`D${r}`, `C${r}`), rateOf(line.total.achieved, line.total.planned) ?? '');
      ws.getCell(`C${r}`).numFmt = NUMBER_FORMAT;
      ws.getCell(`D${r}`).numFmt = NUMBER_FORMAT;
      ws.getCell(`E${r}`).numFmt = PERCENT_FORMAT;
      ws.getCell(`B${r}`).alignment = { indent: 1 };
      r++;
    }
    // A result's rate: the mean of its indicators' rates (units differ, so figures are not added).
    const rates = lines.map((l) => rateOf(l.total.achieved, l.total.planned)).filter((v): v is number => v !== null);
    const mean = rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : '';
    formula(ws.getCell(`E${resultRow}`), lines.length > 0 ? `IFERROR(AVERAGE(E${first}:E${r - 1}),"")` : '""', mean);
    ws.getCell(`E${resultRow}`).numFmt = PERCENT_FORMAT;
  }
  rateFormatting(ws, `E${resultsFirst}:E${r - 1}`, fw.thresholds.rateGood, fw.thresholds.rateFair);
  const resultsLast = r - 1;
  r++;

  heading(ws.getCell(`A${r}`), L.achievedHeading);
  r++;
  for (const result of fw.results) {
    const lines = model.indicators.filter((l) => l.item.result === result.code);
    value(ws.getCell(`A${r}`), result.code);
    ws.getCell(`A${r}`).alignment = { vertical: 'top' };
    value(ws.getCell(`B${r}`), achievedSentence(lines, ctx.lang));
    ws.mergeCells(`B${r}:F${r}`);
    ws.getCell(`B${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.max(15, Math.ceil(achievedSentence(lines, ctx.lang).length / 120) * 15);
    r++;
  }
  r++;
  heading(ws.getCell(`A${r}`), L.gapsHeading);
  r++;
  for (const text of gapsText(ctx)) {
    value(ws.getCell(`B${r}`), text);
    ws.mergeCells(`B${r}:F${r}`);
    ws.getCell(`B${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.max(15, Math.ceil(text.length / 120) * 15);
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
      formula(ws.getCell(`${col}${r}`), ref(ben.sheet, `${source}${total}`), result ?? L.notReceived);
      ws.getCell(`${col}${r}`).numFmt = NUMBER_FORMAT;
    }
    r++;
  }
  const benLast = r - 1;
  r++;

  heading(ws.getCell(`A${r}`), L.communesHeading);
  r++;
  headerRow(ws.getRow(r), [L.commune, L.cercle, L.status, L.rate, L.periods, L.file]);
  r++;
  const communesFirst = r;
  for (const status of model.communes) {
    value(ws.getCell(`A${r}`), status.commune.name);
    value(ws.getCell(`B${r}`), status.commune.cercle);
    value(ws.getCell(`C${r}`), status.received ? L.received : L.notReceived);
    if (!status.received) ws.getCell(`C${r}`).font = { name: 'Calibri', bold: true, color: { argb: 'FF9C0006' } };
    // The commune's achievement rate: the mean of its indicators' rates (blank when not received).
    const rates = model.indicators.map((l) => rateOf(l.communes[status.commune.code]!.achieved, l.communes[status.commune.code]!.planned)).filter((v): v is number => v !== null);
    const rows = model.indicators.map((l) => pva.communeRows.get(l.item.code)!.get(status.commune.code)!);
    const rateRefs = rows.map((row) => ref(pva.sheet, `${pva.columns.rate}${row}`)).join(',');
    formula(ws.getCell(`D${r}`), `IFERROR(AVERAGE(${rateRefs}),"${L.notReceived}")`, rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : L.notReceived);
    ws.getCell(`D${r}`).numFmt = PERCENT_FORMAT;
    value(ws.getCell(`E${r}`), status.periods.join(', ') || null);
    value(ws.getCell(`F${r}`), status.sources.join(', ') || null);
    r++;
  }
  const communesLast = r - 1;
  rateFormatting(ws, `D${communesFirst}:D${communesLast}`, fw.thresholds.rateGood, fw.thresholds.rateFair);
  r++;

  heading(ws.getCell(`A${r}`), L.rejectedHeading);
  r++;
  const rejected = ctx.sources.filter((s) => s.status === 'rejected');
  if (rejected.length === 0) {
    value(ws.getCell(`B${r}`), L.none);
    r++;
  }
  for (const s of rejected) {
    value(ws.getCell(`A${r}`), s.file);
    value(ws.getCell(`C${r}`), s.reason ? reasonText(s.reason.id as Parameters<typeof reasonText>[0], s.reason.params, ctx.lang) : '');
    r++;
  }
  const errors = ctx.issues.filter((i) => i.severity === 'error').length;
  const warnings = ctx.issues.filter((i) => i.severity === 'warning').length;
  value(ws.getCell(`A${r + 1}`), interpolate(L.controlsLine, { errors, warnings }, ctx.lang));
  ws.getCell(`A${r + 1}`).font = { name: 'Calibri', italic: true };

  for (let row = 1; row <= r + 1; row++) fitRowHeight(ws, row, 6);
  printSetup(ws, undefined, ctx.footer);
  ws.pageSetup.orientation = 'portrait';
  return {
    results: { first: resultsFirst, last: resultsLast, rows: resultRows, rateColumn: 'E' },
    communes: { first: communesFirst, last: communesLast, rateColumn: 'D' },
    beneficiaries: { first: benFirst, last: benLast },
    lastRow: r + 1,
  };
}

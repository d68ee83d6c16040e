import type ExcelJS from 'exceljs';
import type { CommunePeriod } from '../../../core/consolidate/model';
import { cappedMean, rateOf } from '../../../core/consolidate/rates';
import { formatDate, interpolate } from '../../../core/messages';
import type { WriteContext } from './context';
import type { DetailMap } from './detail-sheet';
import { DATE_FORMAT, formula, headerRow, heading, PERCENT_FORMAT, rateFormatting, value } from './style';

/** Beyond this many commune-periods, the reception table lists only those not received or late. */
const RECEPTION_LISTED_UP_TO = 40;

const ref = (sheet: string, address: string) => `'${sheet.replace(/'/g, "''")}'!${address}`;
const RED = 'FF9C0006';
const ORANGE = 'FF9C5700';

/** « Bara : 2024-T4 non reçu ; Ansongo : 2024 non reçu (fichier refusé) »: the commune-periods not received. */
export function missingList(ctx: WriteContext, templates: { missing: string; rejected: string } = { missing: ctx.labels.missingItem, rejected: ctx.labels.rejectedItem }): string[] {
  const names = new Map(ctx.model.framework.communes.map((c) => [c.code, c.name]));
  return ctx.model.coverage
    .filter((c) => c.state !== 'received')
    .map((c) => interpolate(c.state === 'rejected' ? templates.rejected : templates.missing, { commune: names.get(c.commune) ?? c.commune, period: c.period }, ctx.lang));
}

/** How a commune-period's timeliness reads: « à temps », « 12 j de retard (limite : 30/04/2024) ». */
export function timelinessText(c: CommunePeriod, ctx: WriteContext): string {
  const L = ctx.labels;
  if (c.state !== 'received') return '–';
  if (!c.timeliness) return L.noEntryDate;
  return c.timeliness.daysLate === 0 ? L.onTime : interpolate(L.late, { days: c.timeliness.daysLate, deadline: formatDate(c.timeliness.deadline, ctx.lang) }, ctx.lang);
}

/** File names, one per line in column F, the row tall enough for them (a long name wraps once more). */
function fileCell(ws: ExcelJS.Worksheet, r: number, files: readonly string[]): void {
  value(ws.getCell(`F${r}`), files.join('\n') || null);
  for (const col of 'ABCDE') ws.getCell(`${col}${r}`).alignment = { ...ws.getCell(`${col}${r}`).alignment, vertical: 'top' };
  ws.getCell(`F${r}`).alignment = { wrapText: true, vertical: 'top' };
  const width = ws.getColumn(6).width ?? 10;
  const lines = files.reduce((n, f) => n + Math.ceil(f.length / Math.max(1, width - 2)), 0);
  ws.getRow(r).height = Math.max(15, lines * 15);
}

/** A commune's rate formula: the mean of its indicators' rates on Prévu vs Réalisé, each capped at 100 %. */
function communeRateFormula(cells: readonly string[], notReceived: string): string {
  const terms = cells.map((c) => `IF(ISNUMBER(${c}),MIN(1,${c}),0)`).join('+');
  return `IFERROR((${terms})/COUNT(${cells.join(',')}),"${notReceived}")`;
}

export interface CommunesTable {
  first: number;
  last: number;
  rateColumn: string;
  /** Per commune row: the weakest indicator's rate, as a formula (it gives the row its colour). */
  weakest: string[];
  lastRow: number;
}

/** The communes table: status over every period in scope, rate (capped mean), periods and files. */
export function writeCommunesTable(ws: ExcelJS.Worksheet, ctx: WriteContext, pva: DetailMap, start: number): CommunesTable {
  const { labels: L, model } = ctx;
  const fw = model.framework;
  let r = start;
  heading(ws.getCell(`A${r}`), L.communesHeading);
  r++;
  headerRow(ws.getRow(r), [L.commune, L.cercle, L.status, L.rate, L.periodsReceived, L.file]);
  r++;
  const first = r;
  const weakestFormulas: string[] = [];
  for (const status of model.communes) {
    const code = status.commune.code;
    value(ws.getCell(`A${r}`), status.commune.name);
    value(ws.getCell(`B${r}`), status.commune.cercle);
    const state = !status.received ? L.notReceived : status.complete ? L.received : L.incomplete;
    value(ws.getCell(`C${r}`), state);
    if (!status.complete) ws.getCell(`C${r}`).font = { name: 'Calibri', bold: true, color: { argb: status.received ? ORANGE : RED } };
    const rates = model.indicators.map((l) => rateOf(l.communes[code]!.achieved, l.communes[code]!.planned));
    const cells = model.indicators.map((l) => ref(pva.sheet, `${pva.columns.rate}${pva.communeRows.get(l.item.code)!.get(code)!}`));
    formula(ws.getCell(`D${r}`), communeRateFormula(cells, L.notReceived), cappedMean(rates) ?? L.notReceived);
    ws.getCell(`D${r}`).numFmt = PERCENT_FORMAT;
    ws.getCell(`D${r}`).alignment = { horizontal: 'center' };
    const weak = `MIN(${cells.join(',')})`;
    weakestFormulas.push(weak);
    // The colour follows the weakest indicator: green only when every indicator reached its target.
    if (status.received) rateFormatting(ws, `D${r}`, fw.thresholds.rateGood, fw.thresholds.rateFair, weak);
    value(ws.getCell(`E${r}`), status.periods.join(', ') || L.noPeriod);
    ws.getCell(`E${r}`).alignment = { indent: 1 };
    fileCell(ws, r, status.sources);
    r++;
  }
  return { first, last: r - 1, rateColumn: 'D', weakest: weakestFormulas, lastRow: r - 1 };
}

/**
 * Reception per commune and period: received (with its date of entry and timeliness), refused or not
 * received. Lateness is reported, never a reason to drop true figures.
 */
export function writeReceptionTable(ws: ExcelJS.Worksheet, ctx: WriteContext, start: number): number {
  const { labels: L, model } = ctx;
  const names = new Map(model.framework.communes.map((c) => [c.code, c.name]));
  let r = start;
  heading(ws.getCell(`A${r}`), L.receptionHeading);
  r++;
  const received = model.coverage.filter((c) => c.state === 'received').length;
  const summary = model.complete ? L.allReceived : interpolate(L.receptionLine, { received, expected: model.coverage.length, list: missingList(ctx).join(' ; ') }, ctx.lang);
  value(ws.getCell(`A${r}`), summary);
  ws.mergeCells(`A${r}:F${r}`);
  ws.getCell(`A${r}`).alignment = { wrapText: true, vertical: 'top' };
  ws.getCell(`A${r}`).font = { name: 'Calibri', bold: !model.complete, color: { argb: model.complete ? 'FF006100' : RED } };
  ws.getRow(r).height = Math.max(15, Math.ceil(summary.length / 140) * 15);
  r++;
  const problem = (c: CommunePeriod) => c.state !== 'received' || (c.timeliness?.daysLate ?? 0) > 0;
  const listed = model.coverage.length <= RECEPTION_LISTED_UP_TO ? model.coverage : model.coverage.filter(problem);
  if (listed.length < model.coverage.length) {
    value(ws.getCell(`A${r}`), interpolate(L.receptionOnlyProblems, { shown: listed.length, total: model.coverage.length }, ctx.lang));
    ws.getCell(`A${r}`).font = { name: 'Calibri', italic: true };
    r++;
  }
  if (listed.length === 0) return r - 1;
  headerRow(ws.getRow(r), [L.commune, L.periods, L.reception, L.entryDate, L.timeliness, L.file]);
  r++;
  for (const c of listed) {
    value(ws.getCell(`A${r}`), names.get(c.commune) ?? c.commune);
    value(ws.getCell(`B${r}`), c.period);
    const state = c.state === 'received' ? L.stateReceived : c.state === 'rejected' ? L.stateRejected : L.stateMissing;
    value(ws.getCell(`C${r}`), state);
    if (c.state !== 'received') ws.getCell(`C${r}`).font = { name: 'Calibri', bold: true, color: { argb: RED } };
    if (c.entryDate) {
      ws.getCell(`D${r}`).value = new Date(`${c.entryDate}T00:00:00Z`);
      ws.getCell(`D${r}`).numFmt = DATE_FORMAT;
      ws.getCell(`D${r}`).alignment = { horizontal: 'left' };
    }
    value(ws.getCell(`E${r}`), timelinessText(c, ctx));
    if ((c.timeliness?.daysLate ?? 0) > 0) ws.getCell(`E${r}`).font = { name: 'Calibri', bold: true, color: { argb: ORANGE } };
    fileCell(ws, r, c.files);
    r++;
  }
  return r - 1;
}


import type ExcelJS from 'exceljs';
import type { CommunePeriod } from '../../../core/consolidate/model';
import type { Timeliness } from '../../../core/timeliness';
import { cappedMean, rateOf, weakest } from '../../../core/consolidate/rates';
import { formatDate, interpolate } from '../../../core/messages';
import { sheetRef } from '../../../core/tables';
import type { WriteContext } from './context';
import { OUTPUT_SHEETS } from './labels';
import { MAX_ROW_POINTS } from './row-height';
import type { RowCursor } from './row-cursor';
import { cappedMeanFormula, type DetailMap } from './detail-sheet';
import { DATE_FORMAT, formula, headerRow, heading, PERCENT_FORMAT, rateFormatting, value } from './style';

/** Beyond this many commune-periods, the reception table lists only those not received or late. */
const RECEPTION_LISTED_UP_TO = 40;

const RED = 'FF9C0006';
const ORANGE = 'FF9C5700';

/** Beyond this many, a list names the first ones and says where the rest are: a cell stays readable (and under Excel's 32 767 characters). */
export const LISTED_UP_TO = 12;

/** « a ; b ; c … et 40 autres (voir la feuille Sources) ». */
export function listed(items: readonly string[], ctx: WriteContext, sheet: string): string {
  const sep = ctx.labels.listSeparator;
  if (items.length <= LISTED_UP_TO) return items.join(sep);
  return `${items.slice(0, LISTED_UP_TO).join(sep)}${sep}${interpolate(ctx.labels.andOthers, { count: items.length - LISTED_UP_TO, sheet }, ctx.lang)}`;
}

/** « Bara : 2024-T4 non reçu ; Ansongo : 2024 non reçu (fichier refusé) »: the commune-periods not received. */
export function missingList(
  ctx: WriteContext,
  templates: { missing: string; rejected: string } = {
    missing: ctx.labels.missingItem,
    rejected: ctx.labels.rejectedItem,
  },
): string[] {
  const names = new Map(ctx.model.framework.communes.map((c) => [c.code, c.name]));
  return ctx.model.coverage
    .filter((c) => c.state !== 'received')
    .map((c) =>
      interpolate(
        c.state === 'rejected' ? templates.rejected : templates.missing,
        { commune: names.get(c.commune) ?? c.commune, period: c.period },
        ctx.lang,
      ),
    );
}

/** How a received report's timeliness reads: « à temps », « 12 j de retard (limite : 30/04/2024) ». */
export function latenessText(t: Timeliness | null, ctx: WriteContext): string {
  const L = ctx.labels;
  if (!t) return L.noEntryDate;
  return t.daysLate === 0
    ? L.onTime
    : interpolate(L.late, { days: t.daysLate, deadline: formatDate(t.deadline, ctx.lang) }, ctx.lang);
}

/** A commune-period's timeliness: « – » when nothing was received. */
export function timelinessText(c: CommunePeriod, ctx: WriteContext): string {
  return c.state === 'received' ? latenessText(c.timeliness, ctx) : '–';
}

/**
 * File names, one per line in column F, the row tall enough for them (a long name wraps once more).
 * More than the tallest row shows (a commune sending a file a week): the first ones, then where the
 * whole list is (Textes longs).
 */
export function fileCell(ws: ExcelJS.Worksheet, r: number, files: readonly string[]): void {
  for (const col of 'ABCDE')
    ws.getCell(`${col}${r}`).alignment = { ...ws.getCell(`${col}${r}`).alignment, vertical: 'top' };
  ws.getCell(`F${r}`).alignment = { wrapText: true, vertical: 'top' };
  const width = ws.getColumn(6).width ?? 10;
  const linesOf = (f: string) => Math.max(1, Math.ceil(f.length / Math.max(1, width - 2)));
  const text = files.join('\n');
  // Room for the pointer to the rest (about 60 characters: three lines of the column).
  const room = Math.floor(MAX_ROW_POINTS / 15) - 3;
  let lines = 0;
  let shown = 0;
  for (const f of files) {
    if (lines + linesOf(f) > room) break;
    lines += linesOf(f);
    shown += f.length + 1;
  }
  const fits = files.reduce((n, f) => n + linesOf(f), 0) <= room;
  value(ws.getCell(`F${r}`), text || null, fits ? undefined : shown + 60);
  ws.getRow(r).height = Math.min(MAX_ROW_POINTS, Math.max(15, (fits ? lines : room + 3) * 15));
}

export interface CommunesTable {
  first: number;
  last: number;
  rateColumn: string;
  /** The column of each commune's weakest indicator's rate (what its colour follows). */
  weakestColumn: string;
}

/** The communes table: status over every period in scope, rate (capped mean), periods and files; leaves `at` under it. */
export function writeCommunesTable(
  ws: ExcelJS.Worksheet,
  ctx: WriteContext,
  pva: DetailMap,
  at: RowCursor,
): CommunesTable {
  const { labels: L, model } = ctx;
  const fw = model.framework;
  let r = at.row;
  heading(ws.getCell(`A${r}`), L.communesHeading);
  r++;
  headerRow(ws.getRow(r), [L.commune, L.cercle, L.status, L.rate, L.weakest, L.file]);
  r++;
  const first = r;
  for (const status of model.communes) {
    const code = status.commune.code;
    value(ws.getCell(`A${r}`), status.commune.name);
    value(ws.getCell(`B${r}`), status.commune.cercle);
    // The status says which periods are missing: « incomplet (2024 non reçu) ».
    const state = !status.received
      ? L.notReceived
      : status.complete
        ? L.received
        : interpolate(L.incompleteStatus, { periods: status.missing.join(', ') }, ctx.lang);
    value(ws.getCell(`C${r}`), state);
    if (!status.complete)
      ws.getCell(`C${r}`).font = { name: 'Calibri', bold: true, color: { argb: status.received ? ORANGE : RED } };
    const rates = model.indicators.map((l) => rateOf(l.communes[code]!.achieved, l.communes[code]!.planned));
    const cells = model.indicators.map((l) =>
      sheetRef(pva.sheet, `${pva.columns.rate}${pva.communeRows.get(l.item.code)!.get(code)!}`),
    );
    // A commune that reported but has no target anywhere has no rate: « – », not « non reçu ».
    const none = status.received ? '–' : L.notReceived;
    formula(ws.getCell(`D${r}`), cappedMeanFormula(cells, none), cappedMean(rates) ?? none);
    // The weakest indicator, shown: it gives the rate its colour (green only when every indicator is reached).
    if (status.received)
      formula(ws.getCell(`E${r}`), `IF(COUNT(${cells.join(',')})=0,"",MIN(${cells.join(',')}))`, weakest(rates) ?? '');
    for (const col of 'DE') {
      ws.getCell(`${col}${r}`).numFmt = PERCENT_FORMAT;
      ws.getCell(`${col}${r}`).alignment = { horizontal: 'center' };
    }
    fileCell(ws, r, status.sources);
    r++;
  }
  // One rule for the whole column: each rate coloured by the weakest indicator on its row.
  rateFormatting(ws, `D${first}:D${r - 1}`, fw.thresholds.rateGood, fw.thresholds.rateFair, `E${first}`, false);
  rateFormatting(ws, `E${first}:E${r - 1}`, fw.thresholds.rateGood, fw.thresholds.rateFair, undefined, false);
  at.row = r;
  return { first, last: r - 1, rateColumn: 'D', weakestColumn: 'E' };
}

/**
 * Reception per commune and period: received (with its date of entry and timeliness), refused or not
 * received. Lateness is reported, never a reason to drop true figures. Leaves `at` under it.
 */
export function writeReceptionTable(ws: ExcelJS.Worksheet, ctx: WriteContext, at: RowCursor): void {
  const { labels: L, model } = ctx;
  const names = new Map(model.framework.communes.map((c) => [c.code, c.name]));
  let r = at.row;
  heading(ws.getCell(`A${r}`), L.receptionHeading);
  r++;
  const received = model.coverage.filter((c) => c.state === 'received').length;
  const summary = model.complete
    ? L.allReceived
    : interpolate(
        L.receptionLine,
        {
          received,
          expected: model.coverage.length,
          list: listed(
            missingList(ctx, { missing: L.gapMissingItem, rejected: L.gapRejectedItem }),
            ctx,
            OUTPUT_SHEETS.sources,
          ),
        },
        ctx.lang,
      );
  value(ws.getCell(`A${r}`), summary);
  ws.mergeCells(`A${r}:F${r}`);
  ws.getCell(`A${r}`).alignment = { wrapText: true, vertical: 'top' };
  ws.getCell(`A${r}`).font = {
    name: 'Calibri',
    bold: !model.complete,
    color: { argb: model.complete ? 'FF006100' : RED },
  };
  ws.getRow(r).height = Math.min(MAX_ROW_POINTS, Math.max(15, Math.ceil(summary.length / 140) * 15));
  r++;
  const problem = (c: CommunePeriod) => c.state !== 'received' || (c.timeliness?.daysLate ?? 0) > 0;
  const rows = model.coverage.length <= RECEPTION_LISTED_UP_TO ? model.coverage : model.coverage.filter(problem);
  if (rows.length < model.coverage.length) {
    value(
      ws.getCell(`A${r}`),
      interpolate(L.receptionOnlyProblems, { shown: rows.length, total: model.coverage.length }, ctx.lang),
    );
    ws.getCell(`A${r}`).font = { name: 'Calibri', italic: true };
    r++;
  }
  if (rows.length === 0) {
    at.row = r;
    return;
  }
  headerRow(ws.getRow(r), [L.commune, L.periods, L.reception, L.entryDate, L.timeliness, L.file]);
  r++;
  for (const c of rows) {
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
    if ((c.timeliness?.daysLate ?? 0) > 0)
      ws.getCell(`E${r}`).font = { name: 'Calibri', bold: true, color: { argb: ORANGE } };
    fileCell(ws, r, c.files);
    r++;
  }
  at.row = r;
}

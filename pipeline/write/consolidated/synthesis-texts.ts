import type ExcelJS from 'exceljs';
import type { Line } from '../../../core/consolidate/model';
import { rateOf } from '../../../core/consolidate/rates';
import type { Indicator } from '../../../core/framework/schema';
import { formatNumber, interpolate } from '../../../core/messages';
import { reasonText } from '../../../core/messages/merge';
import { commentsText, type WriteContext } from './context';
import { OUTPUT_SHEETS } from './labels';
import { rowCapacity } from './long-texts';
import type { RowCursor } from './row-cursor';
import { columnPixels, MAX_ROW_POINTS } from './row-height';
import { listed, LISTED_UP_TO, missingList } from './synthesis-communes';
import { heading, value } from './style';

/**
 * What a paragraph shows in its tallest row (409 points: 27 lines of about 120 characters); a longer
 * one (an Écarts line with many communes' comments) is cut there, the whole kept in `Textes longs`.
 */
export const PARAGRAPH_MAX = 3000;
/** Columns B to F of Synthèse (see its `widths`), in pixels, padding off: a paragraph's line. */
const PARAGRAPH_PIXELS = [46, 12, 12, 10, 30].reduce((n, w) => n + columnPixels(w), 0) - 6;

/** A wrapped text over columns B to F, its row tall enough for it. */
export function paragraph(ws: ExcelJS.Worksheet, row: number, text: string, italic = false): void {
  // Wide letters or line breaks take more room: then fewer characters.
  value(ws.getCell(`B${row}`), text, Math.min(PARAGRAPH_MAX, rowCapacity(text, PARAGRAPH_PIXELS)));
  ws.mergeCells(`B${row}:F${row}`);
  ws.getCell(`B${row}`).alignment = { wrapText: true, vertical: 'top' };
  if (italic) ws.getCell(`B${row}`).font = { name: 'Calibri', italic: true, color: { argb: 'FF595959' } };
  ws.getRow(row).height = Math.min(MAX_ROW_POINTS, Math.max(15, Math.ceil(text.length / 120) * 15));
}

/** « R1.1 : 100 acteurs formels … formés ; 100 prestataires … » like the seed report's section 5. */
function achievedSentence(lines: Line<Indicator>[], lang: 'fr' | 'en', L: WriteContext['labels']): string {
  return lines
    .map((l) => {
      const label = l.item.label.charAt(0).toLowerCase() + l.item.label.slice(1);
      return l.total.achieved === null
        ? interpolate(L.achievedNone, { label }, lang)
        : `${formatNumber(l.total.achieved, lang)} ${label}`;
    })
    .join(L.listSeparator);
}

/** What was achieved: one sentence per expected result. */
export function writeAchieved(ws: ExcelJS.Worksheet, ctx: WriteContext, at: RowCursor): void {
  heading(ws.getCell(`A${at.row}`), ctx.labels.achievedHeading);
  at.next();
  for (const result of ctx.model.framework.results) {
    const lines = ctx.model.indicators.filter((l) => l.item.result === result.code);
    value(ws.getCell(`A${at.row}`), result.code);
    ws.getCell(`A${at.row}`).alignment = { vertical: 'top' };
    paragraph(ws, at.row, achievedSentence(lines, ctx.lang, ctx.labels));
    at.next();
  }
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
      const text = interpolate(
        L.gapCommune,
        { commune: s.commune.name, achieved: f.achieved!, planned: f.planned! },
        ctx.lang,
      );
      return f.comments.length > 0
        ? interpolate(L.gapComments, { gap: text, comments: commentsText(f.comments, ctx) }, ctx.lang)
        : text;
    });
    // The same figures as the tables: the line's total over the communes that reported.
    const { achieved, planned } = line.total;
    const percent = Math.round((rateOf(achieved, planned) ?? 0) * 100);
    // No target for the whole selection (a period without one): the communes below theirs, no made-up rate.
    const head =
      planned === null
        ? interpolate(
            L.gapIndicatorNoTarget,
            { code: line.item.code, label: line.item.label, achieved: achieved ?? 0 },
            ctx.lang,
          )
        : interpolate(
            L.gapIndicator,
            { code: line.item.code, label: line.item.label, achieved: achieved ?? 0, planned, percent },
            ctx.lang,
          );
    if (below.length > LISTED_UP_TO)
      details.push(
        interpolate(
          L.andOthers,
          { count: below.length - LISTED_UP_TO, sheet: OUTPUT_SHEETS.plannedVsAchieved },
          ctx.lang,
        ),
      );
    lines.push(`${head} – ${details.join(L.listSeparator)}`);
  }
  const missing = missingList(ctx, { missing: L.gapMissingItem, rejected: L.gapRejectedItem });
  if (missing.length > 0)
    lines.push(interpolate(L.gapMissing, { communes: listed(missing, ctx, 'Sources') }, ctx.lang));
  return lines.length === 0 ? [L.allDone] : lines;
}

/** Écarts: one paragraph per indicator below target, then the communes not received. */
export function writeGaps(ws: ExcelJS.Worksheet, ctx: WriteContext, at: RowCursor): void {
  heading(ws.getCell(`A${at.row}`), ctx.labels.gapsHeading);
  at.next();
  for (const text of gapsText(ctx)) {
    paragraph(ws, at.row, text);
    at.next();
  }
}

/** The files refused, each with its reason; « aucun » when none. */
export function writeRejected(ws: ExcelJS.Worksheet, ctx: WriteContext, at: RowCursor): void {
  const L = ctx.labels;
  heading(ws.getCell(`A${at.row}`), L.rejectedHeading);
  at.next();
  const rejected = ctx.sources.filter((s) => s.status === 'rejected');
  if (rejected.length === 0) {
    value(ws.getCell(`B${at.row}`), L.none);
    at.next();
  }
  for (const s of rejected) {
    const r = at.row;
    value(ws.getCell(`A${r}`), s.file);
    ws.mergeCells(`A${r}:B${r}`);
    ws.getCell(`A${r}`).alignment = { vertical: 'top' };
    const reason = s.reason ? reasonText(s.reason.id, s.reason.params, ctx.lang) : '';
    ws.mergeCells(`C${r}:F${r}`);
    // About 60 characters a line over C:F: what the tallest row shows, the rest in Textes longs.
    value(ws.getCell(`C${r}`), reason, PARAGRAPH_MAX / 2);
    ws.getCell(`C${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.min(MAX_ROW_POINTS, Math.max(15, Math.ceil(reason.length / 60) * 15));
    at.next();
  }
}

/** The count of errors and warnings, after a blank row; returns its row, Synthèse's last. */
export function writeControlsLine(ws: ExcelJS.Worksheet, ctx: WriteContext, at: RowCursor): number {
  const errors = ctx.issues.filter((i) => i.severity === 'error').length;
  const warnings = ctx.issues.filter((i) => i.severity === 'warning').length;
  at.next();
  value(ws.getCell(`A${at.row}`), interpolate(ctx.labels.controlsLine, { errors, warnings }, ctx.lang));
  ws.getCell(`A${at.row}`).font = { name: 'Calibri', italic: true };
  return at.row;
}
